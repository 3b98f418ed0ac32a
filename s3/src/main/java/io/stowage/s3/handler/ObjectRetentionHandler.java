package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.command.SetObjectRetention;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import java.io.IOException;
import java.time.Clock;

/**
 * GetObjectRetention and PutObjectRetention. The engine refuses a change that weakens a running retention: always
 * for COMPLIANCE, and for GOVERNANCE unless the caller asks for and holds s3:BypassGovernanceRetention.
 */
public final class ObjectRetentionHandler {

    private static final int MAX_DOCUMENT = 4 * 1024;

    private final Engine engine;
    private final ObjectLockRules rules;
    private final Clock clock;

    public ObjectRetentionHandler(Engine engine, ObjectLockRules rules, Clock clock) {
        this.engine = engine;
        this.rules = rules;
        this.clock = clock;
    }

    public S3Response get(S3Request request) {
        ObjectVersion version = rules.target(request);
        if (version.lock().mode() == null) {
            throw new S3Exception(S3ErrorCode.NoSuchObjectLockConfiguration);
        }
        return S3Response.xml(200, ObjectRetention.of(version.lock()).toXml());
    }

    public S3Response put(S3Request request) throws IOException {
        ObjectVersion version = rules.target(request);
        ObjectRetention retention = ObjectRetention.parseXml(RequestBodies.readSmall(request, MAX_DOCUMENT));
        long now = clock.millis();
        if (retention.mode() != null) {
            ObjectRetention.requireFuture(retention.retainUntilMillis(), now);
        }
        engine.apply(new SetObjectRetention(request.bucket(), request.key(), version.versionId(), retention.mode(),
                retention.retainUntilMillis(), DeleteObjectHandler.bypassGovernance(request, request.key()), now));
        return S3Response.ok();
    }
}
