package io.stowage.cluster;

import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.X509TrustManager;
import org.apache.ratis.grpc.GrpcTlsConfig;

/**
 * Mutual TLS between cluster nodes, on the Raft port and the blob port alike: each node presents its
 * certificate and accepts only peers whose certificate chains to the cluster's CA, and a node
 * connecting checks that the certificate names the peer's host.
 *
 * @param keyManager this node's certificate and key (re-read when the files change)
 * @param trustManager the cluster's CA
 */
public record PeerTls(KeyManager keyManager, X509TrustManager trustManager) {

    private static final String[] PROTOCOLS = {"TLSv1.3"};

    public SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(new KeyManager[] {keyManager}, new X509TrustManager[] {trustManager}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's TLS 1.3 implementation is missing", e);
        }
    }

    /** For a peer's server socket: a client certificate is required. */
    public static SSLParameters serverParameters(SSLContext context) {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setNeedClientAuth(true);
        return parameters;
    }

    /** For a connection to a peer: its certificate must name the host connected to. */
    public static SSLParameters clientParameters(SSLContext context) {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }

    GrpcTlsConfig grpc() {
        return new GrpcTlsConfig(keyManager, trustManager, true);
    }
}
