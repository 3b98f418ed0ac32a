package io.stowage.csi;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one CSI RPC from the driver's work: its result, or the status its {@link CsiException} carries.
 * Anything else is a driver bug: the caller gets INTERNAL with a generic message, the log the detail.
 */
public final class GrpcAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcAnswers.class);

    /** The work of one call. */
    public interface Work<T> {
        T run() throws CsiException;
    }

    private GrpcAnswers() {
    }

    public static <T> void answer(String rpc, StreamObserver<T> observer, Work<T> work) {
        T response;
        try {
            response = work.run();
        } catch (CsiException e) {
            LOG.warn("CSI {}: {} {}", rpc, e.code(), e.getMessage());
            observer.onError(Status.fromCode(e.code()).withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (RuntimeException e) {
            LOG.error("CSI {} failed", rpc, e);
            observer.onError(Status.INTERNAL.withDescription("the driver failed on " + rpc + "; its log says why")
                    .asRuntimeException());
            return;
        }
        observer.onNext(response);
        observer.onCompleted();
    }
}
