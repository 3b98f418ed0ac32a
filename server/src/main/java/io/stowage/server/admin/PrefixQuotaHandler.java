package io.stowage.server.admin;

import io.stowage.engine.Engine;
import io.stowage.engine.command.DeletePrefixQuota;
import io.stowage.engine.command.SetPrefixQuota;
import io.stowage.engine.model.PrefixQuota;
import io.stowage.engine.model.Quota;
import io.stowage.server.admin.json.PrefixQuotaJson;
import io.stowage.server.admin.json.PrefixQuotaRequest;
import io.stowage.server.admin.json.QuotaJson;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hard limits on key prefixes of a bucket: /admin/v1/buckets/{name}/prefix-quotas[?prefix=]. */
final class PrefixQuotaHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PrefixQuotaHandler.class);

    private final Engine engine;

    PrefixQuotaHandler(Engine engine) {
        this.engine = engine;
    }

    /** The bucket's prefix quotas, or only the one on {@code prefix} (none when it has none) when given. */
    AdminResponse list(String bucket, String prefix) {
        List<PrefixQuotaJson> views = engine.prefixQuotas(bucket).stream()
                .filter(q -> prefix == null || q.prefix().equals(prefix))
                .map(PrefixQuotaHandler::view)
                .toList();
        return AdminResponse.json(200, views);
    }

    /** Sets the limits of one prefix; a new prefix quota needs an empty prefix (409 otherwise). */
    AdminResponse set(String bucket, byte[] body) {
        PrefixQuotaRequest request = AdminJson.read(body, PrefixQuotaRequest.class);
        String prefix = RequestChecks.required(request.prefix(), "prefix");
        Quota quota = RequestChecks.quota(new QuotaJson(request.maxBytes(), request.maxObjects()));
        engine.apply(new SetPrefixQuota(bucket, prefix, quota));
        LOG.info("Bucket {} prefix {} quota: maxBytes={}, maxObjects={}", bucket, prefix, quota.maxBytes(),
                quota.maxObjects());
        PrefixQuota stored = engine.prefixQuotas(bucket).stream().filter(q -> q.prefix().equals(prefix)).findFirst()
                .orElseThrow(() -> AdminException.conflict("the quota of " + bucket + "/" + prefix
                        + " was removed while it was set"));
        return AdminResponse.json(200, view(stored));
    }

    /** Removes the quota of one prefix with its counters; one that is not there is 204 too. */
    AdminResponse delete(String bucket, String prefix) {
        RequestChecks.required(prefix, "prefix");
        engine.apply(new DeletePrefixQuota(bucket, prefix));
        LOG.info("Bucket {} prefix {} quota removed", bucket, prefix);
        return AdminResponse.noContent();
    }

    private static PrefixQuotaJson view(PrefixQuota quota) {
        return new PrefixQuotaJson(quota.prefix(), Views.quota(quota.quota()), Views.usage(quota.usage()));
    }
}
