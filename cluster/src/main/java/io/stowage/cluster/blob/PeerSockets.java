package io.stowage.cluster.blob;

import io.stowage.cluster.PeerTls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** The blob port's sockets: mutual TLS with {@link PeerTls}, or plain TCP when the cluster runs without it. */
public final class PeerSockets {

    private final SSLContext tls;

    /** @param tls null for plain TCP */
    public PeerSockets(PeerTls tls) {
        this.tls = tls == null ? null : tls.context();
    }

    ServerSocket listen(InetSocketAddress bind) throws IOException {
        ServerSocket socket = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
        if (socket instanceof SSLServerSocket secure) {
            secure.setSSLParameters(PeerTls.serverParameters(tls));
        }
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(bind.getHostString(), bind.getPort()));
        return socket;
    }

    Socket connect(InetSocketAddress peer, int timeoutMillis) throws IOException {
        Socket socket = tls == null ? new Socket() : tls.getSocketFactory().createSocket();
        try {
            if (socket instanceof SSLSocket secure) {
                secure.setSSLParameters(PeerTls.clientParameters(tls));
            }
            // small protocol messages must not wait for delayed ACKs (Nagle would hold a small body up to 40 ms)
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(peer.getHostString(), peer.getPort()), timeoutMillis);
            if (socket instanceof SSLSocket secure) {
                secure.setSoTimeout(timeoutMillis);
                secure.startHandshake();
                secure.setSoTimeout(0);
            }
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
