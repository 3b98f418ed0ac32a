package io.stowage.engine.iam.policy;

import static io.stowage.engine.iam.policy.PolicyRequests.BUCKET;
import static io.stowage.engine.iam.policy.PolicyRequests.policy;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which bucket policies count as public for S3 Block Public Access. */
class PublicPolicyTest {

    private static boolean isPublic(String effect, String principal, String condition) {
        String statement = "{\"Effect\": \"" + effect + "\", \"Principal\": " + principal
                + ", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::photos/*\""
                + (condition == null ? "" : ", \"Condition\": " + condition) + "}";
        return policy(statement).isPublic();
    }

    private static boolean allowsEveryoneIf(String condition) {
        return isPublic("Allow", "\"*\"", condition);
    }

    @Test
    void grantsToEveryoneWithoutConditions() {
        assertThat(isPublic("Allow", "\"*\"", null)).isTrue();
        assertThat(isPublic("Allow", "{\"AWS\": \"*\"}", null)).isTrue();
        assertThat(isPublic("Allow", "{\"AWS\": [\"alice\", \"*\"]}", null)).isTrue();
    }

    @Test
    void grantsToNamedUsersAndDenialsAreNotPublic() {
        assertThat(isPublic("Allow", "{\"AWS\": [\"alice\", \"arn:aws:iam::111122223333:root\"]}", null)).isFalse();
        assertThat(isPublic("Deny", "\"*\"", null)).isFalse();
    }

    @Test
    void oneOpenStatementMakesTheWholePolicyPublic() {
        assertThat(policy("""
                {"Effect": "Allow", "Principal": {"AWS": "alice"}, "Action": "s3:*", "Resource": "arn:aws:s3:::photos/*"},
                {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/public/*"}""")
                .isPublic()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"203.0.113.0/24\"", "[\"203.0.113.0/24\", \"2001:db8::/32\"]", "\"10.0.0.0/8\"", "\"203.0.113.9\""})
    void sourceIpRangesNoBroaderThanSlash8OrSlash32AreNotPublic(String ranges) {
        assertThat(allowsEveryoneIf("{\"IpAddress\": {\"aws:SourceIp\": " + ranges + "}}")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"0.0.0.0/0\"", "\"0.0.0.0/1\"", "\"12.0.0.0/7\"", "\"::/0\"", "\"2001:db8::/31\"",
            "[\"203.0.113.0/24\", \"0.0.0.0/0\"]"})
    void broadSourceIpRangesArePublic(String ranges) {
        assertThat(allowsEveryoneIf("{\"IpAddress\": {\"aws:SourceIp\": " + ranges + "}}")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws:SourceArn", "aws:SourceVpc", "aws:SourceVpce", "aws:SourceOwner", "aws:SourceAccount",
            "aws:PrincipalOrgID", "aws:userid", "s3:DataAccessPointArn", "s3:DataAccessPointAccount",
            "s3:x-amz-server-side-encryption-aws-kms-key-id", "AWS:SOURCEVPC"})
    void fixedValuesOfIdentifyingKeysAreNotPublic(String key) {
        assertThat(allowsEveryoneIf("{\"StringEquals\": {\"" + key + "\": \"id-1234\"}}")).isFalse();
        assertThat(allowsEveryoneIf("{\"StringLike\": {\"" + key + "\": [\"id-1234\", \"id-5678\"]}}")).isFalse();
    }

    @Test
    void wildcardsOrVariablesInTheValuesArePublic() {
        assertThat(allowsEveryoneIf("{\"StringLike\": {\"aws:SourceVpc\": \"vpc-*\"}}")).isTrue();
        assertThat(allowsEveryoneIf("{\"StringLike\": {\"aws:userid\": \"AROLEID:*\"}}")).isTrue();
        assertThat(allowsEveryoneIf("{\"StringEquals\": {\"aws:SourceAccount\": [\"111122223333\", \"1111222233?3\"]}}")).isTrue();
        assertThat(allowsEveryoneIf("{\"StringEquals\": {\"aws:userid\": \"${aws:username}\"}}")).isTrue();
    }

    @Test
    void conditionsThatLetRequestsWithoutTheKeyThroughArePublic() {
        assertThat(allowsEveryoneIf("{\"StringNotEquals\": {\"aws:SourceVpc\": \"vpc-1234\"}}")).isTrue();
        assertThat(allowsEveryoneIf("{\"NotIpAddress\": {\"aws:SourceIp\": \"203.0.113.0/24\"}}")).isTrue();
        assertThat(allowsEveryoneIf("{\"StringEqualsIfExists\": {\"aws:SourceVpce\": \"vpce-1234\"}}")).isTrue();
        assertThat(allowsEveryoneIf("{\"ForAllValues:StringEquals\": {\"aws:PrincipalOrgID\": \"o-1234\"}}")).isTrue();
        assertThat(allowsEveryoneIf("{\"ForAnyValue:StringEquals\": {\"aws:PrincipalOrgID\": \"o-1234\"}}")).isFalse();
        assertThat(allowsEveryoneIf("{\"Null\": {\"aws:SourceVpc\": \"false\"}}")).isTrue();
    }

    @Test
    void conditionsOnOtherKeysDoNotLimitWhoGetsIn() {
        assertThat(allowsEveryoneIf("{\"Bool\": {\"aws:SecureTransport\": \"true\"}}")).isTrue();
        assertThat(allowsEveryoneIf("{\"StringEquals\": {\"aws:username\": \"alice\"}}")).isTrue();
        assertThat(allowsEveryoneIf("{\"StringEquals\": {\"aws:SourceIp\": \"203.0.113.9\"}}"))
                .as("aws:SourceIp limits only through IpAddress").isTrue();
    }

    @Test
    void oneLimitingConditionIsEnough() {
        assertThat(allowsEveryoneIf("""
                {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}, "StringEquals": {"aws:SourceVpc": "vpc-1234"}}""")).isFalse();
    }

    @Test
    void dollarBracesAreFixedTextBefore2012() {
        assertThat(BucketPolicy.parse("""
                {"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::photos/*", "Condition": {"StringEquals": {"aws:userid": "${x}"}}}}""", BUCKET)
                .isPublic()).isFalse();
    }
}
