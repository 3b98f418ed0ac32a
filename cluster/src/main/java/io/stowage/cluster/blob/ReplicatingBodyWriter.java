package io.stowage.cluster.blob;

import io.stowage.engine.BodyWriter;
import io.stowage.engine.Engine;
import io.stowage.engine.model.ObjectBody;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Writes a body on this node, then, when it is a blob, copies it to a quorum of nodes before the
 * body is handed out: a command can only reference bytes that a majority holds.
 */
public final class ReplicatingBodyWriter implements BodyWriter {

    private final BodyWriter local;
    private final Engine engine;
    private final BlobPeers peers;

    public ReplicatingBodyWriter(BodyWriter local, Engine engine, BlobPeers peers) {
        this.local = local;
        this.engine = engine;
        this.peers = peers;
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        local.write(src);
    }

    @Override
    public long written() {
        return local.written();
    }

    @Override
    public ObjectBody finish() throws IOException {
        ObjectBody body = local.finish();
        if (body instanceof ObjectBody.Blob blob) {
            try {
                peers.replicate(blob.blobId(), blob.size());
            } catch (RuntimeException e) {
                engine.discard(body);
                throw e;
            }
        }
        return body;
    }

    @Override
    public void close() {
        local.close();
    }
}
