package io.stowage.backend.minio;

import io.stowage.admin.client.TrustedCertificates;
import io.stowage.backend.AccessKey;
import io.stowage.backend.BackendException;
import io.stowage.backend.BackendException.Reason;
import io.stowage.backend.S3Endpoint;
import io.stowage.backend.s3.ListedObject;
import io.stowage.backend.s3.ObjectListing;
import io.stowage.backend.s3.S3ObjectClient;
import io.stowage.backend.s3.SigV4Signer;
import io.stowage.backend.s3.UriEncoding;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The S3 bucket calls {@link MinioBackend} needs that {@link S3ObjectClient} does not make: HeadBucket, DeleteBucket, emptying. */
final class MinioBuckets implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final String base;
    private final SigV4Signer signer;
    private final HttpClient http;

    private MinioBuckets(String base, SigV4Signer signer, HttpClient http) {
        this.base = base;
        this.signer = signer;
        this.http = http;
    }

    static MinioBuckets open(S3Endpoint endpoint, AccessKey key) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT);
        if (endpoint.caBundle() != null) {
            builder.sslContext(TrustedCertificates.sslContext(endpoint.caBundle().getBytes(StandardCharsets.US_ASCII)));
        }
        String url = endpoint.url().toString();
        return new MinioBuckets(url.endsWith("/") ? url.substring(0, url.length() - 1) : url,
                SigV4Signer.s3(key, endpoint.region(), Clock.systemUTC()), builder.build());
    }

    /** Whether the bucket exists (HeadBucket answers no body, so the status is all there is). */
    boolean exists(String bucket) {
        int status = send("HEAD", "HeadBucket", bucket).statusCode();
        if (status == 404) {
            return false;
        }
        if (status >= 200 && status <= 299) {
            return true;
        }
        throw new BackendException(MinioAdminClient.Answer.reason(status), "S3 HeadBucket on bucket " + bucket + ": HTTP " + status);
    }

    /**
     * Deletes the bucket; one that does not exist is success.
     *
     * @throws BackendException {@code BUCKET_NOT_EMPTY} when it still holds objects
     */
    void delete(String bucket) {
        HttpResponse<byte[]> response = send("DELETE", "DeleteBucket", bucket);
        int status = response.statusCode();
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (status == 404 || (status >= 200 && status <= 299)) {
            return;
        }
        if (status == 409 && body.contains("BucketNotEmpty")) {
            throw new BackendException(Reason.BUCKET_NOT_EMPTY, "bucket " + bucket + " is not empty");
        }
        throw new BackendException(MinioAdminClient.Answer.reason(status), "S3 DeleteBucket on bucket " + bucket + ": HTTP " + status);
    }

    /** Deletes every object of the bucket, page by page (unfinished multipart uploads are left to MinIO). */
    static void empty(S3ObjectClient s3, String bucket) {
        String token = null;
        do {
            ObjectListing page = s3.listObjects(bucket, "", token, S3ObjectClient.MAX_KEYS);
            List<String> keys = page.objects().stream().map(ListedObject::key).toList();
            if (!keys.isEmpty()) {
                s3.deleteObjects(bucket, keys);
            }
            token = page.nextContinuationToken().orElse(null);
        } while (token != null);
    }

    private HttpResponse<byte[]> send(String method, String operation, String bucket) {
        HttpRequest request = signer.sign(HttpRequest.newBuilder(URI.create(base + "/" + UriEncoding.encode(bucket)))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(REQUEST_TIMEOUT).build(), SigV4Signer.EMPTY_SHA256);
        String call = "S3 " + operation + " on bucket " + bucket;
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new BackendException(Reason.UNAVAILABLE, call + ": no answer from " + base + " in time", e);
        } catch (IOException e) {
            throw new BackendException(Reason.UNAVAILABLE, call + ": cannot reach " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException(Reason.UNAVAILABLE, call + ": interrupted", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
