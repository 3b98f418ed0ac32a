package io.stowage.bench.load;

import io.stowage.bench.load.http.Response;

import java.util.function.Supplier;

/** One kind of single-object operation, back to back, on the paths a supplier gives until it gives null. */
final class ObjectWorker implements Worker {

    private final Op op;
    private final ObjectRequests requests;
    private final Supplier<byte[]> paths;
    private byte[] path;

    ObjectWorker(Op op, ObjectRequests requests, Supplier<byte[]> paths) {
        this.op = op;
        this.requests = requests;
        this.paths = paths;
    }

    @Override
    public Request next() {
        path = paths.get();
        return path == null ? null : requests.request(op, path);
    }

    @Override
    public Outcome finish(Response response) {
        return new Outcome(op, requests.check(op, path, response), requests.bytes(op), 0);
    }
}
