package io.stowage.backend.s3;

import io.stowage.backend.AccessKey;
import io.stowage.backend.BackendException;
import io.stowage.backend.BackendException.Reason;
import io.stowage.backend.BackendHttp;
import io.stowage.backend.S3Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.xml.stream.XMLStreamException;

/**
 * The few S3 calls the Kubernetes side and the backends make themselves (ListObjectsV2, GetObject, HeadObject, DeleteObjects;
 * CreateBucket, bucket policy, tagging, versioning, lifecycle and CORS), on the JDK's HTTP
 * client, signed with SigV4. Buckets are addressed path-style ({@code endpoint/bucket/key}), which every S3
 * system the backends name accepts, whatever style workloads are told to use. An https endpoint is verified
 * against the endpoint's CA bundle when it has one, else against the JDK's trust store.
 *
 * <p>Failures are {@link BackendException}s: no answer or a 5xx is {@code UNAVAILABLE}, 401/403
 * {@code UNAUTHORIZED}, 404 {@code NOT_FOUND}, 409 {@code CONFLICT}, other 4xx {@code INVALID}. Messages name
 * the call and the bucket, never a credential.
 */
public final class S3ObjectClient implements AutoCloseable {

    /** The most keys ListObjectsV2 answers and DeleteObjects takes at once. */
    public static final int MAX_KEYS = 1000;
    private static final String CHECKSUM_HEADER = "x-amz-checksum-";

    private final String base;
    private final SigV4Signer signer;
    private final HttpClient http;

    private S3ObjectClient(String base, SigV4Signer signer, HttpClient http) {
        this.base = base;
        this.signer = signer;
        this.http = http;
    }

    /**
     * @throws IllegalArgumentException when the endpoint's CA bundle holds no certificate
     */
    public static S3ObjectClient open(S3Endpoint endpoint, AccessKey key) {
        return new S3ObjectClient(BackendHttp.base(endpoint.url()), SigV4Signer.s3(key, endpoint.region(), Clock.systemUTC()),
                BackendHttp.client(endpoint.caBundle()));
    }

    /**
     * One page of the bucket's objects whose keys start with {@code prefix}, in key order.
     *
     * @param continuationToken the previous page's {@link ObjectListing#nextContinuationToken()}, or null for the first
     * @param maxKeys at most this many objects (1 to {@value #MAX_KEYS})
     */
    public ObjectListing listObjects(String bucket, String prefix, String continuationToken, int maxKeys) {
        if (maxKeys < 1 || maxKeys > MAX_KEYS) {
            throw new IllegalArgumentException("maxKeys must be 1 to " + MAX_KEYS + ", not " + maxKeys);
        }
        StringBuilder query = new StringBuilder("list-type=2&encoding-type=url&max-keys=").append(maxKeys);
        if (prefix != null && !prefix.isEmpty()) {
            query.append("&prefix=").append(UriEncoding.encode(prefix));
        }
        if (continuationToken != null) {
            query.append("&continuation-token=").append(UriEncoding.encode(continuationToken));
        }
        HttpRequest request = HttpRequest.newBuilder(uri(bucket, query.toString())).GET().timeout(BackendHttp.REQUEST_TIMEOUT).build();
        byte[] body = send("ListObjectsV2", bucket, signer.sign(request, SigV4Signer.EMPTY_SHA256));
        try {
            return S3Xml.listing(body);
        } catch (XMLStreamException e) {
            throw new BackendException(Reason.UNAVAILABLE, "S3 ListObjectsV2 on bucket " + bucket + ": unreadable answer", e);
        }
    }

    /**
     * Deletes these keys (absent ones count as deleted), {@value #MAX_KEYS} to a request.
     *
     * @throws BackendException when a key could not be deleted, naming the first
     */
    public void deleteObjects(String bucket, List<String> keys) {
        for (int from = 0; from < keys.size(); from += MAX_KEYS) {
            deleteBatch(bucket, keys.subList(from, Math.min(keys.size(), from + MAX_KEYS)));
        }
    }

    /**
     * Deletes every object whose key starts with {@code prefix}, page by page. A bucket that does not exist
     * holds nothing to delete.
     *
     * @return how many objects were deleted
     */
    public long deletePrefix(String bucket, String prefix) {
        return deletePrefix(bucket, prefix, MAX_KEYS);
    }

    long deletePrefix(String bucket, String prefix, int pageSize) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("deletePrefix needs a prefix; it never empties a whole bucket");
        }
        return deleteListed(bucket, prefix, pageSize);
    }

    /**
     * Deletes every object of the bucket (not unfinished multipart uploads), page by page: what a purge does before
     * DeleteBucket. A bucket that does not exist holds nothing to delete.
     *
     * @return how many objects were deleted
     */
    public long emptyBucket(String bucket) {
        return deleteListed(bucket, "", MAX_KEYS);
    }

    private long deleteListed(String bucket, String prefix, int pageSize) {
        long deleted = 0;
        String token = null;
        do {
            ObjectListing page;
            try {
                page = listObjects(bucket, prefix, token, pageSize);
            } catch (BackendException e) {
                if (e.reason() == Reason.NOT_FOUND) {
                    return deleted;
                }
                throw e;
            }
            List<String> keys = page.objects().stream().map(ListedObject::key).toList();
            if (!keys.isEmpty()) {
                deleteObjects(bucket, keys);
                deleted += keys.size();
            }
            token = page.nextContinuationToken().orElse(null);
        } while (token != null);
        return deleted;
    }

    /**
     * Reads an object (or a range or part of it) as a stream: the answer's headers at once, the body as it
     * arrives. Only the wait for the headers is bounded by the request timeout.
     */
    public ObjectStream getObject(String bucket, String key, ReadOptions options) {
        HttpRequest request = signer.sign(objectRequest(bucket, key, options).GET().build(), SigV4Signer.EMPTY_SHA256);
        String call = "S3 GetObject on bucket " + bucket;
        HttpResponse<InputStream> response = exchange(call, request, HttpResponse.BodyHandlers.ofInputStream());
        if (!success(response.statusCode())) {
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(64 * 1024);
            } catch (IOException e) {
                body = new byte[0];
            }
            throw failure(call, response.statusCode(), body);
        }
        return new ObjectStream(head(response.headers()), response.body());
    }

    /** What HeadObject answers about an object (or a range or part of it). */
    public ObjectHead headObject(String bucket, String key, ReadOptions options) {
        HttpRequest request = signer.sign(objectRequest(bucket, key, options).HEAD().build(), SigV4Signer.EMPTY_SHA256);
        String call = "S3 HeadObject on bucket " + bucket;
        HttpResponse<Void> response = exchange(call, request, HttpResponse.BodyHandlers.discarding());
        if (!success(response.statusCode())) {
            throw failure(call, response.statusCode(), new byte[0]);
        }
        return head(response.headers());
    }

    private HttpRequest.Builder objectRequest(String bucket, String key, ReadOptions options) {
        String query = options.partNumber() > 0 ? "?partNumber=" + options.partNumber() : "";
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                URI.create(base + "/" + UriEncoding.encode(bucket) + "/" + UriEncoding.encodePath(key) + query))
                .timeout(BackendHttp.REQUEST_TIMEOUT);
        if (options.rangeHeader() != null) {
            builder.header("Range", options.rangeHeader());
        }
        if (options.checksums()) {
            builder.header("x-amz-checksum-mode", "ENABLED");
        }
        return builder;
    }

    private static ObjectHead head(HttpHeaders headers) {
        Map<String, String> checksums = new TreeMap<>();
        for (Map.Entry<String, List<String>> header : headers.map().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(CHECKSUM_HEADER) && !name.equals(CHECKSUM_HEADER + "type") && !header.getValue().isEmpty()) {
                checksums.put(name.substring(CHECKSUM_HEADER.length()), header.getValue().getFirst().strip());
            }
        }
        return new ObjectHead(
                headers.firstValueAsLong("content-length").orElse(0),
                headers.firstValue("etag").map(e -> S3Xml.unquote(e.strip())).orElse(null),
                headers.firstValue("x-amz-mp-parts-count").map(v -> Integer.parseInt(v.strip())),
                checksums,
                headers.firstValue(CHECKSUM_HEADER + "type").map(String::strip),
                headers.firstValue("x-amz-server-side-encryption").orElse(null),
                headers.firstValue("x-amz-server-side-encryption-customer-algorithm").isPresent());
    }

    private void deleteBatch(String bucket, List<String> keys) {
        byte[] document = S3Xml.deleteRequest(keys);
        HttpRequest request = HttpRequest.newBuilder(uri(bucket, "delete"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(document))
                .header("Content-Type", "application/xml")
                .header("Content-MD5", Base64.getEncoder().encodeToString(md5(document)))
                .timeout(BackendHttp.REQUEST_TIMEOUT)
                .build();
        byte[] body = send("DeleteObjects", bucket, signer.sign(request, document));
        List<S3Xml.DeleteError> errors;
        try {
            errors = S3Xml.deleteErrors(body);
        } catch (XMLStreamException e) {
            throw new BackendException(Reason.UNAVAILABLE, "S3 DeleteObjects on bucket " + bucket + ": unreadable answer", e);
        }
        if (!errors.isEmpty()) {
            S3Xml.DeleteError first = errors.getFirst();
            Reason reason = "AccessDenied".equals(first.code()) ? Reason.UNAUTHORIZED : Reason.UNAVAILABLE;
            throw new BackendException(reason, "S3 DeleteObjects on bucket " + bucket + ": " + errors.size()
                    + " of " + keys.size() + " keys not deleted, the first " + first.key() + " (" + first.code()
                    + (first.message() == null ? "" : ": " + first.message()) + ")");
        }
    }

    /** Creates the bucket, owned by this client's key; a bucket this key already owns is success. */
    public void createBucket(String bucket) {
        createBucket(bucket, false);
    }

    /**
     * Creates the bucket, owned by this client's key, with object lock when asked (which only creation can turn on); a
     * bucket this key already owns is success, as it is.
     */
    public void createBucket(String bucket, boolean objectLock) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + "/" + UriEncoding.encode(bucket)))
                .PUT(HttpRequest.BodyPublishers.noBody()).timeout(BackendHttp.REQUEST_TIMEOUT);
        if (objectLock) {
            builder.header("x-amz-bucket-object-lock-enabled", "true");
        }
        HttpRequest request = builder.build();
        try {
            send("CreateBucket", bucket, signer.sign(request, SigV4Signer.EMPTY_SHA256));
        } catch (BackendException e) {
            // BucketAlreadyOwnedByYou is a 409 too; another owner's bucket is BucketAlreadyExists
            if (e.reason() != Reason.CONFLICT || !e.getMessage().contains("BucketAlreadyOwnedByYou")) {
                throw e;
            }
        }
    }

    /** Whether the bucket exists (HeadBucket: its status is all there is). */
    public boolean bucketExists(String bucket) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/" + UriEncoding.encode(bucket)))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(BackendHttp.REQUEST_TIMEOUT).build();
        String call = "S3 HeadBucket on bucket " + bucket;
        int status = exchange(call, signer.sign(request, SigV4Signer.EMPTY_SHA256), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status == 404) {
            return false;
        }
        if (success(status)) {
            return true;
        }
        throw new BackendException(Reason.ofHttpStatus(status), call + ": HTTP " + status);
    }

    /**
     * Deletes the bucket; one that does not exist is success.
     *
     * @throws BackendException {@link Reason#BUCKET_NOT_EMPTY} while it holds objects
     */
    public void deleteBucket(String bucket) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/" + UriEncoding.encode(bucket)))
                .DELETE().timeout(BackendHttp.REQUEST_TIMEOUT).build();
        String call = "S3 DeleteBucket on bucket " + bucket;
        HttpResponse<byte[]> response = exchange(call, signer.sign(request, SigV4Signer.EMPTY_SHA256),
                HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (success(status) || status == 404) {
            return;
        }
        if (status == 409 && "BucketNotEmpty".equals(S3Xml.error(response.body()).code())) {
            throw new BackendException(Reason.BUCKET_NOT_EMPTY, "bucket " + bucket + " is not empty");
        }
        throw failure(call, status, response.body());
    }

    /** The bucket's policy document (JSON), or empty when it has none. */
    public Optional<String> bucketPolicy(String bucket) {
        try {
            return Optional.of(new String(sendEmpty("GET", "GetBucketPolicy", bucket, "policy"), StandardCharsets.UTF_8));
        } catch (BackendException e) {
            if (e.reason() == Reason.NOT_FOUND && e.getMessage().contains("NoSuchBucketPolicy")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Replaces the bucket's policy with this JSON document. */
    public void putBucketPolicy(String bucket, String policy) {
        sendBody("PutBucketPolicy", bucket, "policy", policy.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** Removes the bucket's policy; a bucket without one is success. */
    public void deleteBucketPolicy(String bucket) {
        sendEmpty("DELETE", "DeleteBucketPolicy", bucket, "policy");
    }

    /** The bucket's tags; empty when it has none. */
    public Map<String, String> bucketTags(String bucket) {
        byte[] body;
        try {
            body = sendEmpty("GET", "GetBucketTagging", bucket, "tagging");
        } catch (BackendException e) {
            if (e.reason() == Reason.NOT_FOUND && e.getMessage().contains("NoSuchTagSet")) {
                return Map.of();
            }
            throw e;
        }
        try {
            return S3Xml.tags(body);
        } catch (XMLStreamException e) {
            throw new BackendException(Reason.UNAVAILABLE, "S3 GetBucketTagging on bucket " + bucket + ": unreadable answer", e);
        }
    }

    /** Replaces the bucket's tags; an empty map removes them. */
    public void setBucketTags(String bucket, Map<String, String> tags) {
        if (tags.isEmpty()) {
            sendEmpty("DELETE", "DeleteBucketTagging", bucket, "tagging");
        } else {
            sendBody("PutBucketTagging", bucket, "tagging", S3Xml.taggingRequest(tags), "application/xml");
        }
    }

    /** The bucket's versioning state. */
    public BucketVersioning bucketVersioning(String bucket) {
        byte[] body = sendEmpty("GET", "GetBucketVersioning", bucket, "versioning");
        try {
            return S3Xml.versioning(body);
        } catch (XMLStreamException e) {
            throw new BackendException(Reason.UNAVAILABLE, "S3 GetBucketVersioning on bucket " + bucket + ": unreadable answer", e);
        }
    }

    /**
     * Enables or suspends the bucket's versioning.
     *
     * @throws IllegalArgumentException for {@link BucketVersioning#UNVERSIONED}, which S3 cannot go back to
     */
    public void setBucketVersioning(String bucket, BucketVersioning versioning) {
        sendBody("PutBucketVersioning", bucket, "versioning", S3Xml.versioningRequest(versioning), "application/xml");
    }

    /** The bucket's lifecycle rules; empty when it has none. */
    public List<LifecycleRule> bucketLifecycle(String bucket) {
        byte[] body;
        try {
            body = sendEmpty("GET", "GetBucketLifecycleConfiguration", bucket, "lifecycle");
        } catch (BackendException e) {
            if (e.reason() == Reason.NOT_FOUND && e.getMessage().contains("NoSuchLifecycleConfiguration")) {
                return List.of();
            }
            throw e;
        }
        try {
            return S3Xml.lifecycle(body);
        } catch (XMLStreamException e) {
            throw new BackendException(Reason.UNAVAILABLE, "S3 GetBucketLifecycleConfiguration on bucket " + bucket
                    + ": unreadable answer", e);
        }
    }

    /** Replaces the bucket's lifecycle rules; no rules removes the configuration. */
    public void setBucketLifecycle(String bucket, List<LifecycleRule> rules) {
        if (rules.isEmpty()) {
            sendEmpty("DELETE", "DeleteBucketLifecycle", bucket, "lifecycle");
        } else {
            sendBody("PutBucketLifecycleConfiguration", bucket, "lifecycle", S3Xml.lifecycleRequest(rules), "application/xml");
        }
    }

    /** The bucket's CORS rules; empty when it has none. */
    public List<CorsRule> bucketCors(String bucket) {
        byte[] body;
        try {
            body = sendEmpty("GET", "GetBucketCors", bucket, "cors");
        } catch (BackendException e) {
            if (e.reason() == Reason.NOT_FOUND && e.getMessage().contains("NoSuchCORSConfiguration")) {
                return List.of();
            }
            throw e;
        }
        try {
            return S3Xml.cors(body);
        } catch (XMLStreamException e) {
            throw new BackendException(Reason.UNAVAILABLE, "S3 GetBucketCors on bucket " + bucket + ": unreadable answer", e);
        }
    }

    /** Replaces the bucket's CORS rules; no rules removes the configuration. */
    public void setBucketCors(String bucket, List<CorsRule> rules) {
        if (rules.isEmpty()) {
            sendEmpty("DELETE", "DeleteBucketCors", bucket, "cors");
        } else {
            sendBody("PutBucketCors", bucket, "cors", S3Xml.corsRequest(rules), "application/xml");
        }
    }

    /** The bucket's object lock: {@link ObjectLockConfiguration#DISABLED} for a bucket created without it. */
    public ObjectLockConfiguration objectLockConfiguration(String bucket) {
        byte[] body;
        try {
            body = sendEmpty("GET", "GetObjectLockConfiguration", bucket, "object-lock");
        } catch (BackendException e) {
            if (e.reason() == Reason.NOT_FOUND && e.getMessage().contains("ObjectLockConfigurationNotFoundError")) {
                return ObjectLockConfiguration.DISABLED;
            }
            throw e;
        }
        try {
            return S3Xml.objectLock(body);
        } catch (XMLStreamException e) {
            throw new BackendException(Reason.UNAVAILABLE, "S3 GetObjectLockConfiguration on bucket " + bucket
                    + ": unreadable answer", e);
        }
    }

    /**
     * Replaces the default retention of a bucket with object lock (empty removes it). A bucket without object lock is
     * refused by the server (Stowage: {@link Reason#CONFLICT}, {@code InvalidBucketState}).
     */
    public void setObjectLockConfiguration(String bucket, Optional<DefaultRetention> defaultRetention) {
        sendBody("PutObjectLockConfiguration", bucket, "object-lock", S3Xml.objectLockRequest(defaultRetention), "application/xml");
    }

    private byte[] sendEmpty(String method, String operation, String bucket, String query) {
        HttpRequest request = HttpRequest.newBuilder(uri(bucket, query))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(BackendHttp.REQUEST_TIMEOUT).build();
        return send(operation, bucket, signer.sign(request, SigV4Signer.EMPTY_SHA256));
    }

    private void sendBody(String operation, String bucket, String query, byte[] document, String contentType) {
        HttpRequest request = HttpRequest.newBuilder(uri(bucket, query))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(document))
                .header("Content-Type", contentType)
                .header("Content-MD5", Base64.getEncoder().encodeToString(md5(document)))
                .timeout(BackendHttp.REQUEST_TIMEOUT)
                .build();
        send(operation, bucket, signer.sign(request, document));
    }

    private URI uri(String bucket, String query) {
        return URI.create(base + "/" + UriEncoding.encode(bucket) + "?" + query);
    }

    private byte[] send(String operation, String bucket, HttpRequest request) {
        String call = "S3 " + operation + " on bucket " + bucket;
        HttpResponse<byte[]> response = exchange(call, request, HttpResponse.BodyHandlers.ofByteArray());
        if (success(response.statusCode())) {
            return response.body();
        }
        throw failure(call, response.statusCode(), response.body());
    }

    private <T> HttpResponse<T> exchange(String call, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return BackendHttp.send(http, request, handler, call);
    }

    private static boolean success(int status) {
        return status >= 200 && status <= 299;
    }

    private static BackendException failure(String call, int status, byte[] body) {
        S3Xml.ErrorBody error = S3Xml.error(body);
        String detail = Optional.ofNullable(error.code()).map(code -> code + (error.message() == null ? "" : ": " + error.message()))
                .orElse("HTTP " + status);
        return new BackendException(Reason.ofHttpStatus(status), call + ": " + detail);
    }

    private static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    /** Writes a small object in one request, its body signed. */
    public void putObject(String bucket, String key, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/" + UriEncoding.encode(bucket) + "/" + UriEncoding.encodePath(key)))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/octet-stream")
                .timeout(BackendHttp.REQUEST_TIMEOUT)
                .build();
        send("PutObject", bucket, signer.sign(request, body));
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "S3ObjectClient[" + base + "]";
    }
}
