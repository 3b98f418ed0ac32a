package io.stowage.kube.cosi.v1alpha1;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.stowage.kube.cosi.CosiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one RPC from the driver's work: its result, or the status its {@link CosiException} carries.
 * Anything else is a driver bug: the caller gets INTERNAL with a generic message, the log the detail.
 * Messages never carry secrets: a CosiException's message is written for the user.
 */
final class GrpcAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcAnswers.class);

    interface Work<T> {
        T run() throws CosiException;
    }

    private GrpcAnswers() {
    }

    static <T> void answer(String rpc, StreamObserver<T> observer, Work<T> work) {
        T response;
        try {
            response = work.run();
        } catch (CosiException e) {
            LOG.warn("COSI {}: {} {}", rpc, e.code(), e.getMessage());
            observer.onError(status(e.code()).withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (RuntimeException e) {
            LOG.error("COSI {} failed", rpc, e);
            observer.onError(Status.INTERNAL.withDescription("the driver failed on " + rpc + "; its log says why")
                    .asRuntimeException());
            return;
        }
        observer.onNext(response);
        observer.onCompleted();
    }

    static Status status(CosiException.Code code) {
        return switch (code) {
            case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
            case NOT_FOUND -> Status.NOT_FOUND;
            case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
            case PERMISSION_DENIED -> Status.PERMISSION_DENIED;
            case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
            case UNIMPLEMENTED -> Status.UNIMPLEMENTED;
            case UNAVAILABLE -> Status.UNAVAILABLE;
            case INTERNAL -> Status.INTERNAL;
        };
    }
}
