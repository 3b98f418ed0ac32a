package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Prefix quotas through the admin API over real HTTP, enforced on S3 writes made with the AWS SDK. */
@ExtendWith(StowageServerExtension.class)
class PrefixQuotaApiIT {

    private AdminHttp admin;

    @BeforeEach
    void connect(StowageServerExtension server) {
        admin = new AdminHttp(server.adminEndpoint(), new AdminHttp.Bearer(StowageServerExtension.ADMIN_TOKEN));
    }

    @Test
    void aPrefixQuotaStopsS3WritesUnderItsPrefixOnlyAndShowsItsUsage(S3Client s3) {
        String bucket = createBucket();
        String path = "/admin/v1/buckets/" + bucket + "/prefix-quotas";
        AdminHttp.Response set = admin.put(path, "{\"prefix\":\"vol-1/\",\"maxBytes\":10}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().path("prefix").asText()).isEqualTo("vol-1/");
        assertThat(set.json().path("quota").path("maxBytes").asLong()).isEqualTo(10);
        assertThat(set.json().path("quota").path("maxObjects").asLong()).isZero();
        assertThat(set.json().path("usage").path("bytes").asLong()).isZero();

        s3.putObject(b -> b.bucket(bucket).key("vol-1/a"), RequestBody.fromString("12345"));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("vol-1/dir/b"), RequestBody.fromString("123456")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("QuotaExceeded");
                });
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("vol-1/dir/b")))
                .isInstanceOf(NoSuchKeyException.class);
        s3.putObject(b -> b.bucket(bucket).key("vol-2/b"), RequestBody.fromString("a sibling has no limit"));

        JsonNode listed = admin.get(path).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("usage").path("bytes").asLong()).isEqualTo(5);
        assertThat(listed.get(0).path("usage").path("objects").asLong()).isEqualTo(1);
        assertThat(admin.get(path + "?prefix=vol-1/").json()).hasSize(1);
        assertThat(admin.get(path + "?prefix=vol-2/").json()).isEmpty();

        AdminHttp.Response raised = admin.put(path, "{\"prefix\":\"vol-1/\",\"maxBytes\":100,\"maxObjects\":3}");
        assertThat(raised.json().path("usage").path("bytes").asLong()).as("changing the limits keeps the usage")
                .isEqualTo(5);
        s3.putObject(b -> b.bucket(bucket).key("vol-1/dir/b"), RequestBody.fromString("123456"));

        assertThat(admin.delete(path + "?prefix=vol-1/").status()).isEqualTo(204);
        assertThat(admin.delete(path + "?prefix=vol-1/").status()).isEqualTo(204);
        assertThat(admin.get(path).json()).isEmpty();
    }

    @Test
    void aNewPrefixQuotaOnAPrefixThatHoldsObjectsIsAConflictSayingItMustBeEmpty(S3Client s3) {
        String bucket = createBucket();
        s3.putObject(b -> b.bucket(bucket).key("data/x"), RequestBody.fromString("x"));

        AdminHttp.Response refused = admin.put("/admin/v1/buckets/" + bucket + "/prefix-quotas",
                "{\"prefix\":\"data/\",\"maxBytes\":10}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("Conflict");
        assertThat(refused.json().path("message").asText()).contains("empty prefix").contains(bucket + "/data/");
    }

    @Test
    void badRequestsAndMissingBuckets() {
        String bucket = createBucket();
        String path = "/admin/v1/buckets/" + bucket + "/prefix-quotas";
        for (String body : new String[] {"{\"maxBytes\":1}", "{\"prefix\":\"no-slash\"}", "{\"prefix\":\"\"}",
                "{\"prefix\":\"p/\",\"maxBytes\":-1}", "{\"prefix\":\"p/\",\"maxbytes\":1}"}) {
            AdminHttp.Response response = admin.put(path, body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.code()).isEqualTo("InvalidRequest");
        }
        assertThat(admin.delete(path).status()).isEqualTo(400);
        assertThat(admin.get(path + "?prefx=p/").status()).isEqualTo(400);

        String missing = "/admin/v1/buckets/no-such-bucket-here/prefix-quotas";
        assertThat(admin.get(missing).status()).isEqualTo(404);
        assertThat(admin.put(missing, "{\"prefix\":\"p/\"}").status()).isEqualTo(404);
        assertThat(admin.delete(missing + "?prefix=p/").status()).isEqualTo(404);
    }

    private String createBucket() {
        String bucket = TestData.bucketName("pq");
        AdminHttp.Response created = admin.post("/admin/v1/buckets", "{\"name\":\"" + bucket + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return bucket;
    }
}
