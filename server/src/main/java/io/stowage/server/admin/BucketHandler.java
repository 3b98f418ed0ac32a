package io.stowage.server.admin;

import io.stowage.engine.Engine;
import io.stowage.engine.command.CreateBucket;
import io.stowage.engine.command.DeleteBucket;
import io.stowage.engine.command.DeleteBucketConfig;
import io.stowage.engine.command.PutBucketConfig;
import io.stowage.engine.command.SetBucketOwner;
import io.stowage.engine.command.SetBucketQuota;
import io.stowage.engine.error.BucketAlreadyExistsException;
import io.stowage.engine.error.BucketAlreadyOwnedByYouException;
import io.stowage.engine.error.BucketNotEmptyException;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.engine.model.Quota;
import io.stowage.engine.model.User;
import io.stowage.server.admin.json.BucketJson;
import io.stowage.server.admin.json.CreateBucketRequest;
import io.stowage.server.admin.json.OwnerRequest;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.tagging.TagSet;
import io.stowage.server.admin.json.QuotaJson;
import io.stowage.server.admin.json.TagsJson;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Buckets, their owner, quota, usage and tags: /admin/v1/buckets[/{name}[/owner|/quota|/usage|/tags]]. */
final class BucketHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BucketHandler.class);

    /** How often a forced delete empties the bucket again when writes keep arriving meanwhile. */
    private static final int FORCE_ATTEMPTS = 3;

    private final Engine engine;
    private final BucketEmptier emptier;
    private final String region;
    private final Clock clock;

    BucketHandler(Engine engine, String region, Clock clock) {
        this.engine = engine;
        this.emptier = new BucketEmptier(engine);
        this.region = region;
        this.clock = clock;
    }

    AdminResponse create(byte[] body) {
        CreateBucketRequest request = AdminJson.read(body, CreateBucketRequest.class);
        String name = RequestChecks.bucketName(request.name());
        String owner = request.owner() == null ? User.ROOT : RequestChecks.required(request.owner(), "owner");
        Quota quota = RequestChecks.quota(request.quota());
        try {
            Bucket bucket = engine.apply(new CreateBucket(name, region, owner, clock.millis(), quota));
            LOG.info("Created bucket {} owned by {}", name, owner);
            return AdminResponse.created(true, view(bucket));
        } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException e) {
            Bucket existing = engine.bucket(name).orElseThrow(() -> e);
            if (!existing.owner().equals(owner) || !existing.quota().equals(quota)) {
                throw AdminException.conflict("bucket " + name + " exists with owner " + existing.owner()
                        + " and quota maxBytes=" + existing.quota().maxBytes() + ", maxObjects="
                        + existing.quota().maxObjects());
            }
            return AdminResponse.created(false, view(existing));
        }
    }

    AdminResponse list() {
        List<BucketJson> views = new ArrayList<>();
        for (Bucket bucket : engine.buckets()) {
            try {
                views.add(view(bucket));
            } catch (NoSuchBucketException e) {
                // deleted since it was listed
            }
        }
        return AdminResponse.json(200, views);
    }

    AdminResponse get(String name) {
        return AdminResponse.json(200, view(require(name)));
    }

    /**
     * Deletes a bucket; with {@code force}, its objects first (uploads in progress end with their
     * bucket in the engine's DeleteBucket). A bucket already gone is 204.
     */
    AdminResponse delete(String name, boolean force) {
        try {
            for (int attempt = 1; ; attempt++) {
                long emptied = force ? emptier.empty(name) : 0;
                try {
                    engine.apply(new DeleteBucket(name));
                    LOG.info("Deleted bucket {}{}", name, force ? " and its " + emptied + " object versions" : "");
                    return AdminResponse.noContent();
                } catch (BucketNotEmptyException e) {
                    if (!force) {
                        throw AdminException.conflict("bucket " + name
                                + " is not empty: delete its objects, or delete it with ?force=true");
                    }
                    if (attempt == FORCE_ATTEMPTS) {
                        throw AdminException.conflict("bucket " + name
                                + " kept receiving objects while it was emptied; stop its writers and try again");
                    }
                }
            }
        } catch (NoSuchBucketException e) {
            return AdminResponse.noContent();
        }
    }

    AdminResponse setOwner(String name, byte[] body) {
        String owner = RequestChecks.required(AdminJson.read(body, OwnerRequest.class).owner(), "owner");
        Bucket bucket = engine.apply(new SetBucketOwner(name, owner));
        LOG.info("Bucket {} is now owned by {}", name, owner);
        return AdminResponse.json(200, view(bucket));
    }

    AdminResponse setQuota(String name, byte[] body) {
        return quota(name, RequestChecks.quota(AdminJson.read(body, QuotaJson.class)));
    }

    AdminResponse deleteQuota(String name) {
        return quota(name, Quota.NONE);
    }

    AdminResponse usage(String name) {
        return AdminResponse.json(200, Views.usage(engine.usage(name)));
    }

    /** The bucket's tags: the same as S3's GetBucketTagging answers. */
    AdminResponse tags(String name) {
        require(name);
        TagSet tags = engine.bucketConfig(name, BucketConfigKind.TAGGING).map(TagSet::decode).orElse(TagSet.EMPTY);
        return AdminResponse.json(200, new TagsJson(tags.tags()));
    }

    /** Replaces the bucket's tags (none: removes them), under S3's rules for bucket tags. */
    AdminResponse setTags(String name, byte[] body) {
        Map<String, String> requested = AdminJson.read(body, TagsJson.class).tags();
        if (requested == null) {
            throw AdminException.invalid("'tags' is required");
        }
        TagSet tags;
        try {
            tags = TagSet.ofBucket(requested);
        } catch (S3Exception e) {
            throw AdminException.invalid("tags: " + e.getMessage());
        }
        require(name);
        engine.apply(tags.tags().isEmpty() ? new DeleteBucketConfig(name, BucketConfigKind.TAGGING)
                : new PutBucketConfig(name, BucketConfigKind.TAGGING, tags.encode()));
        LOG.info("Bucket {} tags set: {}", name, tags.tags().keySet());
        return AdminResponse.json(200, new TagsJson(tags.tags()));
    }

    private AdminResponse quota(String name, Quota quota) {
        Bucket bucket = engine.apply(new SetBucketQuota(name, quota));
        LOG.info("Bucket {} quota: maxBytes={}, maxObjects={}", name, quota.maxBytes(), quota.maxObjects());
        return AdminResponse.json(200, view(bucket));
    }

    private Bucket require(String name) {
        return engine.bucket(name).orElseThrow(() -> AdminException.notFound("bucket " + name + " does not exist"));
    }

    private BucketJson view(Bucket bucket) {
        return Views.bucket(bucket, engine.usage(bucket.name()));
    }
}
