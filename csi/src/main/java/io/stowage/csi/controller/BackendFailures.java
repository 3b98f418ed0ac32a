package io.stowage.csi.controller;

import io.grpc.Status;
import io.stowage.backend.BackendException;
import io.stowage.csi.CsiException;

/**
 * The gRPC status of a failed backend call. Backend messages name the call and the bucket, never a token or a
 * key, so they go to the CO as they are.
 */
final class BackendFailures {

    private BackendFailures() {
    }

    static CsiException of(String what, BackendException e) {
        Status.Code code = switch (e.reason()) {
            case UNAVAILABLE -> Status.Code.UNAVAILABLE;
            // the Secret's token or keys are refused
            case UNAUTHORIZED -> Status.Code.UNAUTHENTICATED;
            case INVALID -> Status.Code.INVALID_ARGUMENT;
            case CONFLICT -> Status.Code.ALREADY_EXISTS;
            case BUCKET_NOT_EMPTY, NOT_FOUND, UNSUPPORTED -> Status.Code.FAILED_PRECONDITION;
        };
        return new CsiException(code, what + ": " + e.getMessage(), e);
    }
}
