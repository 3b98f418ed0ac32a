package io.stowage.bench.load;

import io.netty.buffer.ByteBuf;
import io.stowage.bench.load.http.Expect;
import io.stowage.bench.load.http.Response;

import java.nio.charset.StandardCharsets;

/** The requests of the single-object operations and the checks of their answers. */
final class ObjectRequests {

    private final ByteBuf payload;
    private final int size;
    private final Errors errors;

    /** {@code payload}: the shared body, at least {@code size} bytes, sent as slices that are never released. */
    ObjectRequests(ByteBuf payload, long size, Errors errors) {
        this.payload = payload;
        this.size = (int) size;
        this.errors = errors;
    }

    Request request(Op op, byte[] path) {
        return switch (op) {
            case PUT -> Request.of(Method.PUT, path, payload.slice(0, size), Expect.DISCARDED_BODY);
            case GET -> Request.of(Method.GET, path, null, Expect.DISCARDED_BODY);
            case HEAD -> Request.of(Method.HEAD, path, null, Expect.NO_BODY);
            case DELETE -> Request.of(Method.DELETE, path, null, Expect.DISCARDED_BODY);
            default -> throw new IllegalArgumentException("not a single-object operation: " + op);
        };
    }

    /** Whether the answer to {@link #request} is good; if not, its error is recorded. */
    boolean check(Op op, byte[] path, Response r) {
        String err = switch (op) {
            case GET -> ResponseCheck.check("GET", r, size);
            case HEAD -> ResponseCheck.checkHead(r, size);
            default -> ResponseCheck.check(op.name(), r, -1);
        };
        return err == null || errors.add(err + " (" + new String(path, StandardCharsets.US_ASCII) + ")");
    }

    /** The object bytes an operation moves, as the results count them. */
    long bytes(Op op) {
        return op == Op.PUT || op == Op.GET ? size : 0;
    }
}
