package io.stowage.backend.versitygw;

import io.stowage.backend.AccessKey;
import io.stowage.backend.BackendException;
import io.stowage.backend.BackendException.Reason;
import io.stowage.backend.BackendHttp;
import io.stowage.backend.s3.SigV4Signer;
import io.stowage.backend.s3.UriEncoding;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLStreamException;

/**
 * The VersityGW admin API calls {@link VersityBackend} makes ({@code s3api/admin-router.go}): all {@code PATCH},
 * signed with SigV4 for service {@code s3} by an account whose role is {@code admin}. Errors are S3 error documents; the admin ones are
 * {@code XAdminUserExists} (409), {@code XAdminUserNotFound} (404), {@code XAdminAccessDenied} (403).
 */
final class VersityAdminClient implements AutoCloseable {


    private final String admin;
    private final SigV4Signer signer;
    private final HttpClient http;

    private record Answer(int status, byte[] body, String code) {
        boolean ok() {
            return status >= 200 && status <= 299;
        }
    }

    private VersityAdminClient(String admin, SigV4Signer signer, HttpClient http) {
        this.admin = admin;
        this.signer = signer;
        this.http = http;
    }

    static VersityAdminClient open(URI adminEndpoint, AccessKey adminKey, String region, String caBundle) {
        return new VersityAdminClient(BackendHttp.base(adminEndpoint), SigV4Signer.s3(adminKey, region, Clock.systemUTC()),
                BackendHttp.client(caBundle));
    }

    /** All accounts by access key id, with their secrets and roles. */
    Map<String, VersityXml.Account> users() {
        Answer answer = require(patch("/list-users", Map.of(), new byte[0]), "list-users", "");
        try {
            return VersityXml.accounts(answer.body());
        } catch (XMLStreamException e) {
            throw new BackendException(Reason.UNAVAILABLE, "VersityGW list-users: unreadable answer", e);
        }
    }

    /**
     * Creates an account.
     *
     * @return false when one with this access key id exists already (it is left as it is)
     */
    boolean createUser(AccessKey key, String role) {
        Answer answer = patch("/create-user", Map.of(), VersityXml.account(key.id(), key.secret(), role));
        if (answer.status() == 409 && "XAdminUserExists".equals(answer.code())) {
            return false;
        }
        require(answer, "create-user", " for access key " + key.id());
        return true;
    }

    /** Deletes an account; one that does not exist is success. */
    void deleteUser(String access) {
        Answer answer = patch("/delete-user", Map.of("access", access), new byte[0]);
        if (!(answer.status() == 404 && "XAdminUserNotFound".equals(answer.code()))) {
            require(answer, "delete-user", " for access key " + access);
        }
    }

    /** Every bucket's owner (an access key id) by bucket name. */
    Map<String, String> bucketOwners() {
        Answer answer = require(patch("/list-buckets", Map.of(), new byte[0]), "list-buckets", "");
        try {
            return VersityXml.bucketOwners(answer.body());
        } catch (XMLStreamException e) {
            throw new BackendException(Reason.UNAVAILABLE, "VersityGW list-buckets: unreadable answer", e);
        }
    }

    /**
     * Creates a bucket owned by the account {@code owner}.
     *
     * @return false when the bucket exists already, whoever owns it
     */
    boolean createBucket(String bucket, String owner) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(admin + "/" + UriEncoding.encode(bucket) + "/create"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody())
                .header("x-vgw-owner", owner)
                .timeout(BackendHttp.REQUEST_TIMEOUT).build();
        Answer answer = send(signer.sign(request, SigV4Signer.EMPTY_SHA256), "create bucket " + bucket);
        if (answer.status() == 409 && ("BucketAlreadyExists".equals(answer.code()) || "BucketAlreadyOwnedByYou".equals(answer.code()))) {
            return false;
        }
        if (answer.status() == 404 && "XAdminUserNotFound".equals(answer.code())) {
            throw new BackendException(Reason.NOT_FOUND, "VersityGW create bucket " + bucket + ": owner " + owner + " does not exist");
        }
        require(answer, "create bucket", " " + bucket);
        return true;
    }

    /** Makes the account the bucket's owner. VersityGW resets the bucket's ACL and deletes its policy as it does. */
    void changeBucketOwner(String bucket, String owner) {
        require(patch("/change-bucket-owner", Map.of("bucket", bucket, "owner", owner), new byte[0]),
                "change-bucket-owner", " of bucket " + bucket);
    }

    private Answer patch(String path, Map<String, String> query, byte[] body) {
        StringBuilder uri = new StringBuilder(admin).append(path);
        String separator = "?";
        for (Map.Entry<String, String> parameter : new TreeMap<>(query).entrySet()) {
            uri.append(separator).append(UriEncoding.encode(parameter.getKey())).append('=').append(UriEncoding.encode(parameter.getValue()));
            separator = "&";
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri.toString()))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body)).timeout(BackendHttp.REQUEST_TIMEOUT);
        if (body.length > 0) {
            builder.header("Content-Type", "application/xml");
        }
        return send(signer.sign(builder.build(), body), path.substring(1));
    }

    private Answer send(HttpRequest request, String call) {
        HttpResponse<byte[]> response = BackendHttp.send(http, request, HttpResponse.BodyHandlers.ofByteArray(), "VersityGW " + call);
        byte[] body = response.body();
        return new Answer(response.statusCode(), body, body.length == 0 ? null : VersityXml.errorCode(body));
    }

    private static Answer require(Answer answer, String call, String what) {
        if (answer.ok()) {
            return answer;
        }
        throw new BackendException(Reason.ofHttpStatus(answer.status()), "VersityGW " + call + what + ": "
                + (answer.code() != null ? answer.code() : "HTTP " + answer.status()));
    }


    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "VersityAdminClient[" + admin + "]";
    }
}
