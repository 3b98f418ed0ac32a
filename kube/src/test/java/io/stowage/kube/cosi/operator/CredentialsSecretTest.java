package io.stowage.kube.cosi.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.stowage.backend.AccessKey;
import io.stowage.backend.AddressingStyle;
import io.stowage.backend.S3Endpoint;
import io.stowage.kube.cosi.GrantedAccess;
import io.stowage.kube.cosi.crd.BucketAccess;
import io.stowage.kube.cosi.crd.BucketClaim;
import io.stowage.kube.cosi.crd.CosiApi;
import io.stowage.kube.model.SecretData;
import java.net.URI;
import org.junit.jupiter.api.Test;

class CredentialsSecretTest {

    private static final AccessKey KEY = new AccessKey("AKIDEXAMPLE000000000", "secret/with+chars");

    private static BucketAccess access() {
        BucketAccess access = new BucketAccess();
        access.getMetadata().setName("data-rw");
        access.getMetadata().setNamespace("apps");
        access.getMetadata().setUid("1234-abcd");
        access.getSpec().setCredentialsSecretName("data-creds");
        return access;
    }

    private static GrantedAccess granted(String caBundle) {
        return new GrantedAccess("ba-1234-abcd", "photos", KEY,
                new S3Endpoint(URI.create("https://s3.storage.svc:9000"), "eu-west-1", AddressingStyle.PATH, caBundle));
    }

    @Test
    void bucketInfoIsTheDocumentTheUpstreamSidecarWrites() {
        assertThat(CredentialsSecret.bucketInfo(access(), "bucket-42", granted(null))).isEqualTo(
                "{\"metadata\":{\"name\":\"bc-1234-abcd\"},\"spec\":{\"bucketName\":\"bucket-42\","
                        + "\"authenticationType\":\"Key\",\"secretS3\":{\"endpoint\":\"https://s3.storage.svc:9000\","
                        + "\"region\":\"eu-west-1\",\"accessKeyID\":\"AKIDEXAMPLE000000000\","
                        + "\"accessSecretKey\":\"secret/with+chars\"},\"secretAzure\":null,\"protocols\":[\"S3\"]}}");
    }

    @Test
    void theSecretIsNamedByTheAccessAndProtectedByTheSidecarsFinalizer() {
        Secret secret = CredentialsSecret.of(access(), "bucket-42", granted(null));

        assertThat(secret.getMetadata().getName()).isEqualTo("data-creds");
        assertThat(secret.getMetadata().getNamespace()).isEqualTo("apps");
        assertThat(secret.getType()).isEqualTo("Opaque");
        assertThat(secret.getData()).containsOnlyKeys("BucketInfo", "COSI_PROTOCOL", "COSI_S3_BUCKET_ID", "COSI_S3_ENDPOINT",
                "COSI_S3_REGION", "COSI_S3_ADDRESSING_STYLE", "COSI_S3_ACCESS_KEY_ID", "COSI_S3_ACCESS_SECRET_KEY");
        assertThat(SecretData.decode(secret, "COSI_S3_BUCKET_ID")).isEqualTo("photos");
        assertThat(SecretData.decode(secret, "COSI_S3_ADDRESSING_STYLE")).isEqualTo("path");
        assertThat(SecretData.decode(secret, "COSI_S3_ACCESS_SECRET_KEY")).isEqualTo(KEY.secret());
        assertThat(SecretData.decode(secret, "BucketInfo")).contains("\"bucketName\":\"bucket-42\"");
        assertThat(CredentialsSecret.writtenBySidecar(secret)).isTrue();
        assertThat(secret.getMetadata().getFinalizers()).containsExactly(CosiApi.SECRET_PROTECTION);
    }

    @Test
    void aCaBundleGoesToAKeyOfItsOwnNotIntoBucketInfo() {
        Secret secret = CredentialsSecret.of(access(), "bucket-42", granted("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"));

        assertThat(SecretData.decode(secret, "ca.crt")).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(SecretData.decode(secret, "COSI_CERTIFICATE_AUTHORITY")).isEqualTo(SecretData.decode(secret, "ca.crt"));
        assertThat(SecretData.decode(secret, "BucketInfo")).doesNotContain("CERTIFICATE");
    }

    @Test
    void theKeyIdIsReadBackFromBucketInfo() {
        Secret secret = CredentialsSecret.of(access(), "bucket-42", granted(null));
        assertThat(CredentialsSecret.accessKeyId(secret)).isEqualTo(KEY.id());

        secret.getData().put(CredentialsSecret.BUCKET_INFO, SecretData.encode("not json"));
        assertThat(CredentialsSecret.accessKeyId(secret)).isNull();
        secret.getData().remove(CredentialsSecret.BUCKET_INFO);
        assertThat(CredentialsSecret.accessKeyId(secret)).isNull();
    }

    @Test
    void namesDeriveFromUids() {
        BucketClaim claim = new BucketClaim();
        claim.getMetadata().setUid("c-uid");

        assertThat(CosiApi.bucketName(claim)).isEqualTo("bucket-c-uid");
        assertThat(CosiApi.accountName(access())).isEqualTo("ba-1234-abcd");
        assertThat(CosiApi.bucketInfoName(access())).isEqualTo("bc-1234-abcd");
    }
}
