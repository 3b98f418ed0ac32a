package io.stowage.backend.rgw;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.backend.AccessMode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GrantPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FOREIGN = """
            {"Version":"2012-10-17","Statement":{"Sid":"theirs","Effect":"Deny","Principal":"*","Action":"s3:DeleteBucket",
             "Resource":"arn:aws:s3:::photos"}}""";

    @Test
    void aGrantAddsOneStatementForTheKeysUserOnTheBucketAndItsObjects() throws Exception {
        JsonNode statement = JSON.readTree(GrantPolicy.of("photos", Optional.empty())
                .allow("AK1", "team.key.AK1", AccessMode.READ_ONLY).json()).get("Statement").get(0);

        assertThat(statement.get("Sid").asText()).isEqualTo("stowage-key-AK1");
        assertThat(statement.at("/Principal/AWS/0").asText()).isEqualTo("arn:aws:iam:::user/team.key.AK1");
        assertThat(statement.get("Action").toString()).contains("s3:GetObject").doesNotContain("s3:PutObject");
        assertThat(statement.get("Resource").toString()).contains("\"arn:aws:s3:::photos\"", "\"arn:aws:s3:::photos/*\"");
    }

    @Test
    void aNewGrantReplacesTheKeysStatementAndKeepsOthers() throws Exception {
        GrantPolicy policy = GrantPolicy.of("photos", Optional.of(FOREIGN))
                .allow("AK1", "team.key.AK1", AccessMode.READ_ONLY)
                .allow("AK1", "team.key.AK1", AccessMode.READ_WRITE);

        JsonNode statements = JSON.readTree(policy.json()).get("Statement");
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).get("Sid").asText()).isEqualTo("theirs");
        assertThat(statements.get(1).get("Action").toString()).contains("s3:PutObject");
        assertThat(policy.mode("AK1")).contains(AccessMode.READ_WRITE);
        assertThat(policy.mode("AK2")).isEmpty();
    }

    @Test
    void removingTheLastStatementLeavesAnEmptyPolicy() {
        GrantPolicy policy = GrantPolicy.of("photos", Optional.empty()).allow("AK1", "u", AccessMode.READ_ONLY);
        assertThat(policy.remove("AK2").isEmpty()).isFalse();
        assertThat(policy.remove("AK1").isEmpty()).isTrue();
        assertThat(GrantPolicy.of("photos", Optional.of(FOREIGN)).remove("AK1").isEmpty()).isFalse();
    }
}
