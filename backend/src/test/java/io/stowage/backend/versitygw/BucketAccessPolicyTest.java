package io.stowage.backend.versitygw;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.backend.AccessMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BucketAccessPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void namesTheOwnersKeysAndEachGrantedKeyByAccessKeyId() throws Exception {
        String policy = BucketAccessPolicy.desired("b", Optional.empty(), List.of("OWNER1", "OWNER2"),
                Map.of("READER", AccessMode.READ_ONLY, "WRITER", AccessMode.READ_WRITE)).orElseThrow();

        JsonNode statements = JSON.readTree(policy).path("Statement");
        assertThat(statements).hasSize(3);
        JsonNode owner = statements.get(0);
        assertThat(owner.path("Sid").asText()).isEqualTo("stowage-owner");
        assertThat(owner.path("Principal").path("AWS").toString()).isEqualTo("[\"OWNER1\",\"OWNER2\"]");
        assertThat(owner.path("Action").toString()).isEqualTo("[\"s3:*\"]");
        assertThat(owner.path("Resource").toString()).isEqualTo("[\"arn:aws:s3:::b\",\"arn:aws:s3:::b/*\"]");
        JsonNode reader = statements.get(1);
        assertThat(reader.path("Sid").asText()).isEqualTo("stowage-key-READER");
        assertThat(reader.path("Principal").path("AWS").get(0).asText()).isEqualTo("READER");
        assertThat(reader.path("Action").toString()).contains("s3:GetObject").doesNotContain("s3:PutObject")
                .doesNotContain("GetBucketLocation");
        assertThat(statements.get(2).path("Action").toString()).contains("s3:GetObject", "s3:PutObject", "s3:DeleteObject");
    }

    @Test
    void aKeysModeIsReadBackFromItsStatement() {
        Optional<String> policy = BucketAccessPolicy.desired("b", Optional.empty(), List.of("OWNER1"),
                Map.of("READER", AccessMode.READ_ONLY, "WRITER", AccessMode.READ_WRITE));

        assertThat(BucketAccessPolicy.mode("b", policy, "READER")).contains(AccessMode.READ_ONLY);
        assertThat(BucketAccessPolicy.mode("b", policy, "WRITER")).contains(AccessMode.READ_WRITE);
        assertThat(BucketAccessPolicy.mode("b", policy, "OWNER1")).isEmpty();
        assertThat(BucketAccessPolicy.mode("b", Optional.empty(), "READER")).isEmpty();
    }

    @Test
    void keepsForeignStatementsAndReplacesItsOwn() throws Exception {
        String current = """
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"public-read","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
                 {"Sid":"stowage-key-GONE","Effect":"Allow","Principal":{"AWS":["GONE"]},"Action":["s3:GetObject"],"Resource":["arn:aws:s3:::b/*"]}]}""";

        String policy = BucketAccessPolicy.desired("b", Optional.of(current), List.of(), Map.of("NEW", AccessMode.READ_ONLY)).orElseThrow();

        JsonNode statements = JSON.readTree(policy).path("Statement");
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).path("Sid").asText()).isEqualTo("public-read");
        assertThat(statements.get(1).path("Sid").asText()).isEqualTo("stowage-key-NEW");
    }

    @Test
    void aPolicyWithNothingLeftIsDeletedAndEqualPoliciesAreTheSame() {
        String only = "{\"Statement\":[{\"Sid\":\"stowage-owner\",\"Effect\":\"Allow\"}]}";
        assertThat(BucketAccessPolicy.desired("b", Optional.of(only), List.of(), Map.of())).isEmpty();

        Optional<String> policy = BucketAccessPolicy.desired("b", Optional.empty(), List.of("K"), Map.of());
        assertThat(BucketAccessPolicy.same(policy, Optional.of(policy.orElseThrow().replace(",", " , ")))).isTrue();
        assertThat(BucketAccessPolicy.same(policy, Optional.empty())).isFalse();
        assertThat(BucketAccessPolicy.same(Optional.empty(), Optional.empty())).isTrue();
    }
}
