package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.command.SetObjectLegalHold;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import java.io.IOException;

/**
 * GetObjectLegalHold and PutObjectLegalHold. A version only records whether a hold is on, so a version whose hold
 * was removed answers like one that never had one (S3 answers Status OFF for it).
 */
public final class LegalHoldHandler {

    private static final int MAX_DOCUMENT = 1024;

    private final Engine engine;
    private final ObjectLockRules rules;

    public LegalHoldHandler(Engine engine, ObjectLockRules rules) {
        this.engine = engine;
        this.rules = rules;
    }

    public S3Response get(S3Request request) {
        ObjectVersion version = rules.target(request);
        if (!version.lock().legalHoldSet()) {
            throw new S3Exception(S3ErrorCode.NoSuchObjectLockConfiguration);
        }
        return S3Response.xml(200, LegalHoldXml.toXml(version.lock().legalHold()));
    }

    public S3Response put(S3Request request) throws IOException {
        ObjectVersion version = rules.target(request);
        boolean on = LegalHoldXml.parse(RequestBodies.readSmall(request, MAX_DOCUMENT));
        engine.apply(new SetObjectLegalHold(request.bucket(), request.key(), version.versionId(), on));
        return S3Response.ok();
    }
}
