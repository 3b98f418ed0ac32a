package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.command.CreateBucket;
import io.stowage.engine.command.DeleteBucket;
import io.stowage.engine.command.SetBucketVersioning;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.engine.model.Quota;
import io.stowage.engine.model.Versioning;
import io.stowage.s3.S3Config;
import io.stowage.s3.acl.Acl;
import io.stowage.s3.acl.AclCodec;
import io.stowage.s3.acl.ObjectOwnership;
import io.stowage.s3.acl.RequestedAcl;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import io.stowage.s3.xml.XmlElement;
import io.stowage.s3.xml.XmlReader;
import io.stowage.s3.xml.XmlWriter;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * ListBuckets, CreateBucket (with an ACL and ownership controls), HeadBucket, DeleteBucket,
 * GetBucketLocation, GetBucketVersioning.
 */
public final class BucketHandler {

    private static final int MAX_CONFIGURATION = 64 * 1024;
    private static final int MAX_VERSIONING_DOCUMENT = 4 * 1024;

    private final Engine engine;
    private final AclRules acls;
    private final S3Config config;
    private final Clock clock;

    public BucketHandler(Engine engine, AclRules acls, S3Config config, Clock clock) {
        this.engine = engine;
        this.acls = acls;
        this.config = config;
        this.clock = clock;
    }

    public S3Response listBuckets(S3Request request) {
        XmlWriter xml = new XmlWriter().root("ListAllMyBucketsResult");
        ListingHandler.owner(xml, request.caller().user());
        xml.start("Buckets");
        for (Bucket bucket : engine.buckets()) {
            if (!request.access().canSee(bucket)) {
                continue;
            }
            xml.start("Bucket")
                    .element("Name", bucket.name())
                    .element("CreationDate", HttpDates.xml(bucket.createdAtMillis()))
                    .element("BucketRegion", bucket.region())
                    .end("Bucket");
        }
        return S3Response.xml(200, xml.end("Buckets").end("ListAllMyBucketsResult").toBytes());
    }

    public S3Response create(S3Request request) throws IOException {
        BucketNames.validate(request.bucket());
        boolean objectLock = objectLockRequested(request);
        Map<BucketConfigKind, String> configs = initialConfigs(request);
        if (request.contentLength() > 0 || request.headers().contains("transfer-encoding")) {
            checkLocation(request);
        }
        engine.apply(new CreateBucket(request.bucket(), config.region(), request.caller().user(), clock.millis(), Quota.NONE,
                configs, objectLock));
        return S3Response.ok().header("location", "/" + request.bucket());
    }

    private static boolean objectLockRequested(S3Request request) {
        String header = request.header("x-amz-bucket-object-lock-enabled");
        if (header == null || header.strip().equalsIgnoreCase("false")) {
            return false;
        }
        if (!header.strip().equalsIgnoreCase("true")) {
            throw new S3Exception(S3ErrorCode.InvalidArgument, "x-amz-bucket-object-lock-enabled must be true or false");
        }
        return true;
    }

    /** The ACL (x-amz-acl, x-amz-grant-*) and ownership controls (x-amz-object-ownership) a new bucket starts with. */
    private Map<BucketConfigKind, String> initialConfigs(S3Request request) {
        Map<BucketConfigKind, String> configs = new EnumMap<>(BucketConfigKind.class);
        String ownershipHeader = request.header("x-amz-object-ownership");
        ObjectOwnership ownership = null;
        if (ownershipHeader != null) {
            ownership = ObjectOwnership.fromValue(ownershipHeader.strip()).orElseThrow(() -> new S3Exception(
                    S3ErrorCode.InvalidArgument, "Invalid x-amz-object-ownership header: " + ownershipHeader));
            configs.put(BucketConfigKind.OWNERSHIP_CONTROLS, ownership.value());
        }
        RequestedAcl requested = RequestedAcl.fromHeaders(request::header);
        if (requested != null) {
            String owner = request.caller().user();
            Acl acl = requested.resolve(owner, owner);
            boolean ownerOnly = acl.equals(Acl.ownerFullControl(owner));
            if (ownership == ObjectOwnership.BUCKET_OWNER_ENFORCED && !ownerOnly) {
                throw new S3Exception(S3ErrorCode.InvalidBucketAclWithObjectOwnership);
            }
            acls.requireUsers(acl, owner, owner);
            if (!ownerOnly) {
                configs.put(BucketConfigKind.ACL, AclCodec.encode(acl));
            }
        }
        return configs;
    }

    private void checkLocation(S3Request request) throws IOException {
        byte[] body = request.body().readNBytes(MAX_CONFIGURATION + 1);
        if (body.length == 0) {
            return;
        }
        if (body.length > MAX_CONFIGURATION) {
            throw new S3Exception(S3ErrorCode.MalformedXML);
        }
        XmlElement configuration = XmlReader.parse(body);
        if (!configuration.name().equals("CreateBucketConfiguration")) {
            throw new S3Exception(S3ErrorCode.MalformedXML);
        }
        String location = configuration.childText("LocationConstraint");
        if (location != null && !location.isBlank() && !location.strip().equals(config.region())) {
            throw new S3Exception(S3ErrorCode.InvalidLocationConstraint,
                    "The " + location.strip() + " location constraint is incompatible for the region specific endpoint this request was sent to ("
                            + config.region() + ").");
        }
    }

    public S3Response head(S3Request request) {
        Bucket bucket = existing(request);
        return S3Response.ok().header("x-amz-bucket-region", bucket.region());
    }

    public S3Response delete(S3Request request) {
        engine.apply(new DeleteBucket(request.bucket()));
        return S3Response.status(204);
    }

    public S3Response location(S3Request request) {
        Bucket bucket = existing(request);
        // AWS answers an empty LocationConstraint for us-east-1.
        String location = bucket.region().equals("us-east-1") ? "" : bucket.region();
        return S3Response.xml(200, new XmlWriter().root("LocationConstraint").text(location).end("LocationConstraint").toBytes());
    }

    public S3Response versioning(S3Request request) {
        Bucket bucket = existing(request);
        XmlWriter xml = new XmlWriter().root("VersioningConfiguration");
        if (bucket.versioning() == Versioning.ENABLED) {
            xml.element("Status", "Enabled");
        } else if (bucket.versioning() == Versioning.SUSPENDED) {
            xml.element("Status", "Suspended");
        }
        return S3Response.xml(200, xml.end("VersioningConfiguration").toBytes());
    }

    public S3Response putVersioning(S3Request request) throws IOException {
        existing(request);
        XmlElement configuration = XmlReader.parse(RequestBodies.readSmall(request, MAX_VERSIONING_DOCUMENT));
        if (!configuration.name().equals("VersioningConfiguration")) {
            throw new S3Exception(S3ErrorCode.MalformedXML);
        }
        String mfaDelete = configuration.childText("MfaDelete");
        if (mfaDelete != null && mfaDelete.strip().equals("Enabled")) {
            throw new S3Exception(S3ErrorCode.NotImplemented, "MFA delete is not supported");
        }
        if (mfaDelete != null && !mfaDelete.strip().equals("Disabled")) {
            throw new S3Exception(S3ErrorCode.MalformedXML);
        }
        String status = configuration.childText("Status");
        if (status == null) {
            return S3Response.ok();
        }
        Versioning versioning = switch (status.strip()) {
            case "Enabled" -> Versioning.ENABLED;
            case "Suspended" -> Versioning.SUSPENDED;
            default -> throw new S3Exception(S3ErrorCode.MalformedXML);
        };
        engine.apply(new SetBucketVersioning(request.bucket(), versioning));
        return S3Response.ok();
    }

    private Bucket existing(S3Request request) {
        return Buckets.require(engine, request.bucket());
    }
}
