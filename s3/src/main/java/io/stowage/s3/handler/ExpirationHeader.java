package io.stowage.s3.handler;

import io.stowage.engine.model.ObjectVersion;
import io.stowage.s3.http.S3Response;
import io.stowage.s3.lifecycle.Expiry;
import io.stowage.s3.lifecycle.LifecycleCache;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The x-amz-expiration header of GET, HEAD and PUT: when the current version expires under the bucket's lifecycle
 * rules, and by which rule. Buckets without a lifecycle configuration cost one point read.
 */
public final class ExpirationHeader {

    private final LifecycleCache lifecycles;

    public ExpirationHeader(LifecycleCache lifecycles) {
        this.lifecycles = lifecycles;
    }

    /**
     * Adds the header when an enabled Expiration rule with Days or Date applies to {@code version}, the current
     * version the request read or wrote. A read of a version named by versionId gets no header: such rules act only
     * on current versions.
     */
    public void write(S3Request request, ObjectVersion version, S3Response response) {
        if (request.param("versionId") != null) {
            return;
        }
        lifecycles.evaluator(request.bucket())
                .flatMap(evaluator -> evaluator.currentExpiry(version))
                .ifPresent(expiry -> response.header("x-amz-expiration", value(expiry)));
    }

    /** As AWS writes it: the rule id URL-encoded, so any id is a valid header value. */
    static String value(Expiry expiry) {
        return "expiry-date=\"" + HttpDates.header(expiry.atMillis()) + "\", rule-id=\""
                + URLEncoder.encode(expiry.ruleId(), StandardCharsets.UTF_8).replace("+", "%20") + "\"";
    }
}
