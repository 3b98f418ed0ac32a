package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.command.DeleteBucketConfig;
import io.stowage.engine.command.PutBucketConfig;
import io.stowage.engine.command.SetObjectTags;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import io.stowage.s3.tagging.TagSet;
import java.io.IOException;
import java.util.Map;

/** Get/Put/DeleteObjectTagging (of a version too) and Get/Put/DeleteBucketTagging. */
public final class TaggingHandler {

    /** 50 tags of 128 + 256 characters, 4 bytes each at worst, with their XML around them. */
    private static final int MAX_DOCUMENT = 128 * 1024;

    private final Engine engine;

    public TaggingHandler(Engine engine) {
        this.engine = engine;
    }

    public S3Response getObject(S3Request request) {
        ObjectVersion version = engine.object(request.bucket(), request.key(), request.param("versionId"));
        if (version.deleteMarker()) {
            throw new S3Exception(S3ErrorCode.NoSuchKey, S3ErrorCode.NoSuchKey.defaultMessage(), request.key());
        }
        return withVersion(S3Response.xml(200, new TagSet(version.tags()).toXml()), version);
    }

    public S3Response putObject(S3Request request) throws IOException {
        ObjectKeys.validate(request.key());
        TagSet tags = TagSet.parseXml(RequestBodies.readSmall(request, MAX_DOCUMENT), TagSet.OBJECT_LIMIT);
        return withVersion(S3Response.ok(), engine.apply(
                new SetObjectTags(request.bucket(), request.key(), request.param("versionId"), tags.tags())));
    }

    public S3Response deleteObject(S3Request request) {
        return withVersion(S3Response.status(204), engine.apply(
                new SetObjectTags(request.bucket(), request.key(), request.param("versionId"), Map.of())));
    }

    public S3Response getBucket(S3Request request) {
        Buckets.require(engine, request.bucket());
        TagSet tags = engine.bucketConfig(request.bucket(), BucketConfigKind.TAGGING).map(TagSet::decode)
                .orElseThrow(() -> new S3Exception(S3ErrorCode.NoSuchTagSet, S3ErrorCode.NoSuchTagSet.defaultMessage(),
                        request.bucket()));
        return S3Response.xml(200, tags.toXml());
    }

    public S3Response putBucket(S3Request request) throws IOException {
        Buckets.require(engine, request.bucket());
        TagSet tags = TagSet.parseXml(RequestBodies.readSmall(request, MAX_DOCUMENT), TagSet.BUCKET_LIMIT);
        engine.apply(new PutBucketConfig(request.bucket(), BucketConfigKind.TAGGING, tags.encode()));
        return S3Response.status(204);
    }

    public S3Response deleteBucket(S3Request request) {
        Buckets.require(engine, request.bucket());
        engine.apply(new DeleteBucketConfig(request.bucket(), BucketConfigKind.TAGGING));
        return S3Response.status(204);
    }

    private static S3Response withVersion(S3Response response, ObjectVersion version) {
        if (!ObjectVersion.NULL_ID.equals(version.versionId())) {
            response.header("x-amz-version-id", version.versionId());
        }
        return response;
    }
}
