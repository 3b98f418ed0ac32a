package io.stowage.kube.pvci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PvciRequestsTest {

    private static final String S3 = "\"s3_endpoint\":\"minio.example:9000\",\"s3_ssl\":true,\"s3_bucket\":\"data\","
            + "\"s3_prefix\":\"train/\",\"s3_key\":\"AK\",\"s3_secret\":\"SK\"";

    @Test
    void sizeTakesPvcisFieldsAndTheSslFlagMakesTheScheme() throws Exception {
        var location = PvciRequests.size(body("{" + S3 + "}"));
        assertThat(location.url()).hasToString("https://minio.example:9000");
        assertThat(location.bucket()).isEqualTo("data");
        assertThat(location.prefix()).isEqualTo("train/");
        assertThat(location.key()).isEqualTo("AK");
        assertThat(location.secret()).isEqualTo("SK");
        assertThat(location.toString()).doesNotContain("SK");
    }

    @Test
    void withoutSslOrPrefixItIsHttpAndTheWholeBucket() throws Exception {
        var location = PvciRequests.size(body("{\"s3_endpoint\":\"h:1\",\"s3_bucket\":\"b\",\"s3_key\":\"k\",\"s3_secret\":\"s\"}"));
        assertThat(location.url()).hasToString("http://h:1");
        assertThat(location.prefix()).isEmpty();
    }

    @Test
    void anEndpointWithASchemeKeepsIt() throws Exception {
        var location = PvciRequests.size(body("{\"s3_endpoint\":\"https://h:1\",\"s3_ssl\":false,\"s3_bucket\":\"b\","
                + "\"s3_key\":\"k\",\"s3_secret\":\"s\"}"));
        assertThat(location.url()).hasToString("https://h:1");
    }

    @Test
    void createTakesTheClaimAndAnEmptyStorageClassIsTheDefault() throws Exception {
        var request = PvciRequests.create(body("{" + S3 + ",\"namespace\":\"ml\",\"name\":\"imagenet\",\"storage_class\":\"\"}"));
        assertThat(request.namespace()).isEqualTo("ml");
        assertThat(request.name()).isEqualTo("imagenet");
        assertThat(request.storageClass()).isNull();
        assertThat(PvciRequests.create(body("{" + S3 + ",\"namespace\":\"ml\",\"name\":\"x\",\"storage_class\":\"fast\"}"))
                .storageClass()).isEqualTo("fast");
    }

    @Test
    void aMissingFieldIsNamed() {
        assertBad("{\"s3_endpoint\":\"h:1\",\"s3_bucket\":\"b\",\"s3_key\":\"k\"}", "s3_secret: required");
        assertBad("{" + S3 + ",\"name\":\"x\"}", "namespace: required", true);
        assertBad("{\"namespace\":\"ml\"}", "name: required", false);
    }

    @Test
    void malformedBodiesAndFieldsAre400() {
        assertBad("not json", "the body is not JSON");
        assertBad("[1]", "the body must be a JSON object");
        assertBad("", "the body must be a JSON object");
        assertBad("{" + S3.replace("\"s3_ssl\":true", "\"s3_ssl\":\"yes\"") + "}", "s3_ssl: must be true or false");
        assertBad("{" + S3.replace("\"s3_bucket\":\"data\"", "\"s3_bucket\":7") + "}", "s3_bucket: must be a string");
        assertBad("{" + S3.replace("minio.example:9000", "http://") + "}", "s3_endpoint: not HOST:PORT or a URL");
        assertBad("{\"namespace\":\"ML\",\"name\":\"x\"}", "namespace: not a Kubernetes name", false);
    }

    private static void assertBad(String json, String message) {
        assertThatThrownBy(() -> PvciRequests.size(body(json))).isInstanceOf(PvciException.class)
                .hasMessageStartingWith(message).extracting(e -> ((PvciException) e).status()).isEqualTo(400);
    }

    private static void assertBad(String json, String message, boolean create) {
        assertThatThrownBy(() -> {
            if (create) {
                PvciRequests.create(body(json));
            } else {
                PvciRequests.status(body(json));
            }
        }).isInstanceOf(PvciException.class).hasMessageStartingWith(message);
    }

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
