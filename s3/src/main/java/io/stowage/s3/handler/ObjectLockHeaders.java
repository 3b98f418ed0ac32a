package io.stowage.s3.handler;

import io.netty.handler.codec.http.HttpHeaders;
import io.stowage.engine.model.ObjectLock;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.RetentionMode;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import io.stowage.s3.router.S3Operation;
import java.time.Instant;

/**
 * The object lock headers: what PutObject, CopyObject and CreateMultipartUpload ask for, and what GET and HEAD
 * answer about a version.
 */
final class ObjectLockHeaders {

    static final String MODE = "x-amz-object-lock-mode";
    static final String RETAIN_UNTIL_DATE = "x-amz-object-lock-retain-until-date";
    static final String LEGAL_HOLD = "x-amz-object-lock-legal-hold";

    /**
     * What a write asks for.
     *
     * @param retention {@link ObjectRetention#NONE} when the request names no mode and date
     * @param legalHold null when the request does not name one
     */
    record Requested(ObjectRetention retention, Boolean legalHold) {
    }

    private ObjectLockHeaders() {
    }

    static boolean present(HttpHeaders headers) {
        return headers.contains(MODE) || headers.contains(RETAIN_UNTIL_DATE) || headers.contains(LEGAL_HOLD);
    }

    /**
     * @throws S3Exception InvalidArgument when the mode and the date are not given together, the mode is unknown,
     *     the date is not ISO 8601 or not after {@code nowMillis}, or the legal hold is neither ON nor OFF
     */
    static Requested parse(HttpHeaders headers, long nowMillis) {
        String modeText = headers.get(MODE);
        String dateText = headers.get(RETAIN_UNTIL_DATE);
        ObjectRetention retention = ObjectRetention.NONE;
        if (modeText != null || dateText != null) {
            if (modeText == null || dateText == null) {
                throw new S3Exception(S3ErrorCode.InvalidArgument,
                        "x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied");
            }
            RetentionMode mode = ObjectRetention.parseMode(modeText);
            if (mode == null) {
                throw new S3Exception(S3ErrorCode.InvalidArgument, "Unknown wormMode directive.");
            }
            Instant until = HttpDates.parseIso(dateText);
            if (until == null) {
                throw new S3Exception(S3ErrorCode.InvalidArgument, "The retain until date must be provided in ISO 8601 format");
            }
            ObjectRetention.requireFuture(until.toEpochMilli(), nowMillis);
            retention = new ObjectRetention(mode, until.toEpochMilli());
        }
        String holdText = headers.get(LEGAL_HOLD);
        Boolean legalHold = holdText == null ? null : switch (holdText.strip()) {
            case "ON" -> true;
            case "OFF" -> false;
            default -> throw new S3Exception(S3ErrorCode.InvalidArgument, "Legal Hold must be either of 'ON' or 'OFF'");
        };
        return new Requested(retention, legalHold);
    }

    /**
     * Adds the lock headers of a version read by GET or HEAD, as S3 does: the retention only for callers allowed
     * s3:GetObjectRetention, the legal hold only for those allowed s3:GetObjectLegalHold.
     */
    static void write(S3Request request, ObjectVersion version, S3Response response) {
        ObjectLock lock = version.lock();
        if (lock.mode() != null && allows(request, S3Operation.GET_OBJECT_RETENTION)) {
            response.header(MODE, lock.mode().name()).header(RETAIN_UNTIL_DATE, HttpDates.xml(lock.retainUntilMillis()));
        }
        if (lock.legalHoldSet() && allows(request, S3Operation.GET_OBJECT_LEGAL_HOLD)) {
            response.header(LEGAL_HOLD, lock.legalHold() ? "ON" : "OFF");
        }
    }

    private static boolean allows(S3Request request, S3Operation op) {
        return request.access().allows(op, request.bucket(), request.key(), request.param("versionId"));
    }
}
