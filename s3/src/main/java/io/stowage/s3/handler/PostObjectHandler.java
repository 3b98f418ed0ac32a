package io.stowage.s3.handler;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.stowage.engine.Engine;
import io.stowage.s3.Identities;
import io.stowage.s3.access.Authorizer;
import io.stowage.s3.access.Caller;
import io.stowage.s3.access.RequestAccess;
import io.stowage.s3.access.RequestFacts;
import io.stowage.s3.auth.Authentication;
import io.stowage.s3.auth.PayloadDecoder;
import io.stowage.s3.auth.SigV4Authenticator;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import io.stowage.s3.post.MultipartFormReader;
import io.stowage.s3.post.PostPolicy;
import io.stowage.s3.router.QueryParams;
import io.stowage.s3.router.Route;
import io.stowage.s3.router.S3Operation;
import io.stowage.s3.tagging.TagSet;
import io.stowage.s3.xml.XmlWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * POST Object: an HTML form uploads a file to a bucket. The form's fields stand in for PutObject's headers and its
 * signed policy for a signature: the policy (with its expiration and conditions on every field) is verified with the
 * key that signed it, and the upload then acts as that key. A form without a policy acts anonymously.
 */
public final class PostObjectHandler {

    /** AWS's limit on the form fields before the file. */
    static final int MAX_FIELDS_BYTES = 20 * 1024;
    /** Fields that become the request headers PutObject reads, besides x-amz-meta-* and x-amz-object-lock-*. */
    private static final Set<String> HEADER_FIELDS = Set.of("content-type", "cache-control", "content-disposition",
            "content-encoding", "expires", "x-amz-storage-class", "x-amz-server-side-encryption", "x-amz-grant-read", "x-amz-grant-read-acp",
            "x-amz-grant-write-acp", "x-amz-grant-full-control");

    private final Engine engine;
    private final PutObjectHandler puts;
    private final SigV4Authenticator authenticator;
    private final Identities identities;
    private final Authorizer authorizer;
    private final Clock clock;

    public PostObjectHandler(Engine engine, PutObjectHandler puts, SigV4Authenticator authenticator, Identities identities,
            Authorizer authorizer, Clock clock) {
        this.engine = engine;
        this.puts = puts;
        this.authenticator = authenticator;
        this.identities = identities;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    public S3Response post(String requestId, String bucket, HttpHeaders headers, RequestFacts facts, InputStream body)
            throws IOException {
        String boundary = MultipartFormReader.boundary(headers.get("content-type"));
        if (boundary == null) {
            throw new S3Exception(S3ErrorCode.PreconditionFailed, "At least one of the pre-conditions you specified did"
                    + " not hold. Condition: Bucket POST must be of the enclosure-type multipart/form-data");
        }
        MultipartFormReader form = new MultipartFormReader(body, boundary);
        Map<String, String> fields = new LinkedHashMap<>();
        MultipartFormReader.Part file = readFields(form, fields);
        String key = fields.get("key");
        if (key == null) {
            throw new S3Exception(S3ErrorCode.InvalidArgument,
                    "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.");
        }
        key = key.replace("${filename}", file.filename() == null ? "" : file.filename());
        fields.put("key", key);
        PostPolicy policy = fields.containsKey("policy") ? PostPolicy.parse(fields.get("policy")) : null;
        Caller caller = caller(fields, policy, bucket);
        RequestAccess access = new RequestAccess(authorizer, caller, facts);
        access.check(S3Operation.PUT_OBJECT, bucket, key);
        S3Request request = new S3Request(requestId, "POST", new Route(S3Operation.PUT_OBJECT, bucket, key),
                QueryParams.parse(""), objectHeaders(fields), access,
                PayloadDecoder.decode(InputStream.nullInputStream(), Authentication.UNSIGNED_ANONYMOUS, Map.of()), -1);
        long maxSize = Math.min(ObjectUpload.MAX_SINGLE_PUT, policy == null ? Long.MAX_VALUE : policy.maxLength());
        S3Response stored = puts.write(request, cipher -> {
            ObjectUpload.Received received = ObjectUpload.receiveFile(engine, file.content(), maxSize, cipher);
            if (policy != null) {
                try {
                    policy.checkLength(received.size());
                } catch (S3Exception e) {
                    engine.discard(received.body());
                    throw e;
                }
            }
            return received;
        });
        while (form.next() != null) {
            // fields after the file are ignored, as S3 ignores them
        }
        return answer(fields, bucket, key, stored);
    }

    /** Reads the fields up to the file part, which it returns. */
    private static MultipartFormReader.Part readFields(MultipartFormReader form, Map<String, String> fields)
            throws IOException {
        int total = 0;
        for (MultipartFormReader.Part part = form.next(); part != null; part = form.next()) {
            if (part.name().equals("file")) {
                return part;
            }
            byte[] value = part.content().readNBytes(MAX_FIELDS_BYTES - total + 1);
            total += value.length + part.name().length();
            if (total > MAX_FIELDS_BYTES) {
                throw new S3Exception(S3ErrorCode.MaxPostPreDataLengthExceeded);
            }
            if (fields.putIfAbsent(part.name(), new String(value, StandardCharsets.UTF_8)) != null) {
                throw new S3Exception(S3ErrorCode.InvalidArgument, "Field " + part.name() + " is given more than once.");
            }
        }
        throw new S3Exception(S3ErrorCode.InvalidArgument, "POST requires exactly one file upload per request.");
    }

    private Caller caller(Map<String, String> fields, PostPolicy policy, String bucket) {
        if (policy == null) {
            if (fields.containsKey("x-amz-signature") || fields.containsKey("x-amz-credential")) {
                throw new S3Exception(S3ErrorCode.InvalidArgument, "Bucket POST must contain a field named 'policy'"
                        + " when it is signed.");
            }
            return Caller.ANONYMOUS;
        }
        String accessKeyId = authenticator.verifyPostPolicy(fields.get("x-amz-algorithm"), fields.get("x-amz-credential"),
                fields.get("x-amz-date"), fields.get("policy"), fields.get("x-amz-signature"));
        policy.check(fields, bucket, clock.instant());
        return identities.caller(accessKeyId);
    }

    /** The headers PutObject would have had: the fields that describe the object. */
    private static HttpHeaders objectHeaders(Map<String, String> fields) {
        HttpHeaders headers = new DefaultHttpHeaders();
        fields.forEach((name, value) -> {
            if (HEADER_FIELDS.contains(name) || name.startsWith("x-amz-meta-") || name.startsWith("x-amz-object-lock-")) {
                headers.set(name, value);
            }
        });
        if (fields.containsKey("acl")) {
            headers.set("x-amz-acl", fields.get("acl"));
        }
        if (fields.containsKey("tagging")) {
            byte[] document = fields.get("tagging").getBytes(StandardCharsets.UTF_8);
            headers.set("x-amz-tagging", TagSet.parseXml(document, TagSet.OBJECT_LIMIT).toHeader());
        }
        return headers;
    }

    /** success_action_redirect (303), else success_action_status 200, 201 (with a PostResponse) or 204. */
    private static S3Response answer(Map<String, String> fields, String bucket, String key, S3Response stored) {
        String etag = stored.headers().get("etag");
        String location = "/" + bucket + "/" + encode(key).replace("%2F", "/");
        String redirect = fields.getOrDefault("success_action_redirect", fields.get("redirect"));
        S3Response response;
        if (redirect != null && (redirect.startsWith("http://") || redirect.startsWith("https://"))) {
            response = S3Response.status(303).header("location", redirect + (redirect.contains("?") ? "&" : "?")
                    + "bucket=" + encode(bucket) + "&key=" + encode(key) + "&etag=" + encode(etag));
        } else {
            String status = fields.getOrDefault("success_action_status", "204");
            response = switch (status) {
                case "200" -> S3Response.ok();
                case "201" -> S3Response.xml(201, new XmlWriter().root("PostResponse").element("Location", location)
                        .element("Bucket", bucket).element("Key", key).element("ETag", etag).end("PostResponse").toBytes());
                default -> S3Response.status(204);
            };
            response.header("location", location);
        }
        response.header("etag", etag);
        String versionId = stored.headers().get("x-amz-version-id");
        if (versionId != null) {
            response.header("x-amz-version-id", versionId);
        }
        return response;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
