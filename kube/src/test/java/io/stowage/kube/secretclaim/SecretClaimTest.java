package io.stowage.kube.secretclaim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stowage.backend.AccessKey;
import io.stowage.kube.provision.ClaimRefusedException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretClaimTest {

    @Test
    void readsTheReadmeSpelling() throws ClaimRefusedException {
        SecretClaim claim = SecretClaim.read(Map.of("bucket-name", "photos", "access-key", "AKID1234",
                "access-secret", "s3cr3t-value"));

        assertThat(claim.bucket()).isEqualTo("photos");
        assertThat(claim.key()).isEqualTo(new AccessKey("AKID1234", "s3cr3t-value"));
        assertThat(claim.endpointUrl()).isEmpty();
        assertThat(claim.ignoredFields()).isEmpty();
    }

    @Test
    void readsEverySpellingOfTheOperatorsCode() throws ClaimRefusedException {
        for (String bucketField : SecretClaim.BUCKET) {
            for (String idField : SecretClaim.KEY_ID) {
                for (String secretField : SecretClaim.SECRET) {
                    SecretClaim claim = SecretClaim.read(Map.of(bucketField, "b1", idField, "AKID1234", secretField, "s3cr3t-value"));
                    assertThat(claim.bucket()).as(bucketField).isEqualTo("b1");
                    assertThat(claim.key()).as(idField + " " + secretField).isEqualTo(new AccessKey("AKID1234", "s3cr3t-value"));
                }
            }
        }
    }

    @Test
    void acceptsTwoSpellingsOfTheSameValueAndRefusesDifferingOnes() throws ClaimRefusedException {
        Map<String, String> data = new HashMap<>(Map.of("bucket-name", "b1", "access-key", "AKID1234",
                "AWS_ACCESS_KEY_ID", "AKID1234", "secret-key", "s3cr3t-value", "AWS_SECRET_ACCESS_KEY", "s3cr3t-value"));
        assertThat(SecretClaim.read(data).key().id()).isEqualTo("AKID1234");

        data.put("AWS_SECRET_ACCESS_KEY", "another-secret");
        ClaimRefusedException refused = refused(data);
        assertThat(refused.reason()).isEqualTo("InvalidSecret");
        assertThat(refused.getMessage()).isEqualTo("secret-key and AWS_SECRET_ACCESS_KEY differ: keep one")
                .doesNotContain("s3cr3t-value", "another-secret");
    }

    @Test
    void namesEveryMissingFieldAndTakesAnEmptyValueAsMissing() {
        ClaimRefusedException refused = refused(Map.of("access-key", "", "secret-key", "s3cr3t-value"));

        assertThat(refused.reason()).isEqualTo("InvalidSecret");
        assertThat(refused.getMessage()).isEqualTo("missing bucket-name|BUCKET_NAME, "
                + "access-key|ACCESS_KEY|ACCESS_KEY_ID|AWS_ACCESS_KEY_ID");
    }

    @Test
    void readsTheEndpointAndRefusesOneThatIsNotAnHttpUrl() throws ClaimRefusedException {
        Map<String, String> data = new HashMap<>(Map.of("bucket-name", "b1", "access-key", "AKID1234",
                "secret-key", "s3cr3t-value", "endpoint-url", "https://s3.example.com:9000"));
        assertThat(SecretClaim.read(data).endpointUrl()).contains(URI.create("https://s3.example.com:9000"));

        data.put("endpoint-url", "s3.example.com");
        assertThat(refused(data).getMessage()).startsWith("endpoint-url: 's3.example.com' is not an http(s) URL");
        data.put("endpoint-url", "ftp://s3.example.com");
        assertThat(refused(data).reason()).isEqualTo("InvalidSecret");
    }

    @Test
    void aPlainUserRoleIsAcceptedAndAdminOrOtherRolesAreRefused() throws ClaimRefusedException {
        Map<String, String> data = new HashMap<>(Map.of("bucket-name", "b1", "access-key", "AKID1234",
                "secret-key", "s3cr3t-value", "role", "user"));
        assertThat(SecretClaim.read(data).bucket()).isEqualTo("b1");

        data.put("role", "Admin");
        ClaimRefusedException admin = refused(data);
        assertThat(admin.reason()).isEqualTo("RoleRefused");
        assertThat(admin.getMessage()).startsWith("role 'admin' is refused");

        data.put("role", "userplus");
        assertThat(refused(data).getMessage()).startsWith("role 'userplus' is not supported");
    }

    @Test
    void userAndGroupIdsAreReportedAsIgnored() throws ClaimRefusedException {
        SecretClaim claim = SecretClaim.read(Map.of("bucket-name", "b1", "access-key", "AKID1234",
                "secret-key", "s3cr3t-value", "user-id", "1000", "group-id", "1000"));

        assertThat(claim.ignoredFields()).containsExactly("user-id", "group-id");
    }

    @Test
    void toStringLeavesTheSecretOut() throws ClaimRefusedException {
        SecretClaim claim = SecretClaim.read(Map.of("bucket-name", "b1", "access-key", "AKID1234", "secret-key", "s3cr3t-value"));

        assertThat(claim.toString()).contains("AKID1234").doesNotContain("s3cr3t-value");
    }

    private static ClaimRefusedException refused(Map<String, String> data) {
        return catchThrowableOfType(ClaimRefusedException.class, () -> SecretClaim.read(data));
    }
}
