package io.stowage.engine.iam.policy;

import static io.stowage.engine.iam.policy.PolicyRequests.BUCKET;
import static io.stowage.engine.iam.policy.PolicyRequests.policy;
import static io.stowage.engine.iam.policy.PolicyRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.engine.error.MalformedPolicyException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BucketPolicyParseTest {

    private static final String READ_ALL = """
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"}""";

    private static AbstractThrowableAssert<?, ? extends Throwable> rejects(String json) {
        return assertThatThrownBy(() -> BucketPolicy.parse(json, BUCKET))
                .isInstanceOf(MalformedPolicyException.class)
                .satisfies(e -> assertThat(((MalformedPolicyException) e).resource()).isEqualTo(BUCKET));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> rejects(StatementJson statement) {
        return rejects(statement.policy());
    }

    private static void accepts(StatementJson statement) {
        assertThatCode(() -> BucketPolicy.parse(statement.policy(), BUCKET)).doesNotThrowAnyException();
    }

    /** The public-read statement, then fields changed: {@code statement().with("Effect", "\"Deny\"")}. */
    private static StatementJson statement() {
        return new StatementJson();
    }

    private static final class StatementJson {

        private final Map<String, String> fields = new LinkedHashMap<>();

        StatementJson() {
            fields.put("Effect", "\"Allow\"");
            fields.put("Principal", "\"*\"");
            fields.put("Action", "\"s3:GetObject\"");
            fields.put("Resource", "\"arn:aws:s3:::photos/*\"");
        }

        StatementJson with(String field, String json) {
            fields.put(field, json);
            return this;
        }

        StatementJson without(String field) {
            fields.remove(field);
            return this;
        }

        String policy() {
            StringJoiner statement = new StringJoiner(", ", "{", "}");
            fields.forEach((field, json) -> statement.add("\"" + field + "\": " + json));
            return "{\"Version\": \"2012-10-17\", \"Statement\": [" + statement + "]}";
        }
    }

    @Nested
    class Accepted {

        @Test
        void statementMayBeOneObjectAndVersionMayBeMissing() {
            assertThatCode(() -> BucketPolicy.parse("{\"Statement\": " + READ_ALL + "}", BUCKET)).doesNotThrowAnyException();
        }

        @Test
        void bothLanguageVersionsAndAnId() {
            for (String version : new String[] {"2008-10-17", "2012-10-17"}) {
                String json = "{\"Version\": \"" + version + "\", \"Id\": \"p1\", \"Statement\": [" + READ_ALL + "]}";
                assertThatCode(() -> BucketPolicy.parse(json, BUCKET)).doesNotThrowAnyException();
            }
        }

        @Test
        void emptySidsNeedNotBeUnique() {
            String statement = READ_ALL.replace("{", "{\"Sid\": \"\", ");
            assertThatCode(() -> policy(statement + ", " + statement)).doesNotThrowAnyException();
        }

        @Test
        void conditionValuesMayBeJsonNumbersAndBooleans() {
            BucketPolicy p = policy("""
                    {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::photos",
                     "Condition": {"Bool": {"aws:SecureTransport": false}, "NumericGreaterThan": {"s3:max-keys": 100}}}""");
            PolicyRequests plainHttpBigPage = request("s3:ListBucket").with("aws:SecureTransport", "false").with("s3:max-keys", "500");
            assertThat(plainHttpBigPage.against(p)).isEqualTo(Decision.DENY);
        }

        @Test
        void exactlyTwentyKibibytesIsAllowed() {
            String json = "{\"Statement\": " + READ_ALL + "}";
            String padded = json + " ".repeat(BucketPolicy.MAX_BYTES - json.length());
            assertThatCode(() -> BucketPolicy.parse(padded, BUCKET)).doesNotThrowAnyException();
        }
    }

    @Nested
    class Document {

        @Test
        void notJson() {
            rejects("{\"Statement\": ").hasMessageStartingWith("Policies must be valid JSON and the first byte must be '{'");
        }

        @Test
        void notAnObject() {
            rejects("[" + READ_ALL + "]").hasMessage("Policies must be valid JSON and the first byte must be '{'");
        }

        @Test
        void duplicateKeys() {
            rejects("{\"Statement\": " + READ_ALL.replace("{", "{\"Effect\": \"Deny\", ") + "}")
                    .hasMessageContaining("Duplicate field 'Effect'")
                    .hasMessageContaining("line 1");
        }

        @Test
        void trailingContent() {
            rejects("{\"Statement\": " + READ_ALL + "} {}").hasMessageStartingWith("Policies must be valid JSON");
        }

        @Test
        void largerThanTwentyKibibytes() {
            String json = "{\"Statement\": " + READ_ALL + "}";
            rejects(json + " ".repeat(BucketPolicy.MAX_BYTES - json.length() + 1))
                    .hasMessage("The policy is 20481 bytes; bucket policies are limited to 20480 bytes (20 KiB)");
        }

        @Test
        void unknownField() {
            rejects("{\"Statement\": " + READ_ALL + ", \"Statements\": []}")
                    .hasMessage("The policy has an unknown field \"Statements\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"2012-10-18\"", "\"\"", "20121017"})
        void unknownVersion(String version) {
            rejects("{\"Version\": " + version + ", \"Statement\": " + READ_ALL + "}")
                    .hasMessage("Version must be \"2012-10-17\" or \"2008-10-17\", not " + version);
        }

        @Test
        void idMustBeAString() {
            rejects("{\"Id\": 7, \"Statement\": " + READ_ALL + "}").hasMessage("Id must be a string");
        }

        @Test
        void statementMissingEmptyOrNotObjects() {
            rejects("{\"Version\": \"2012-10-17\"}").hasMessage("The policy has no Statement");
            rejects("{\"Statement\": []}").hasMessage("Statement must not be empty");
            rejects("{\"Statement\": \"Allow\"}").hasMessage("Statement must be an object or an array of objects");
            rejects("{\"Statement\": [" + READ_ALL + ", 3]}").hasMessage("Statement[1] must be an object");
        }

        @Test
        void sidsMustBeUniqueStrings() {
            String first = READ_ALL.replace("{", "{\"Sid\": \"Read\", ");
            rejects("{\"Statement\": [" + first + ", " + first + "]}")
                    .hasMessage("Statement[1]: Sid \"Read\" is used by an earlier statement; Sids must be unique");
            rejects(statement().with("Sid", "1")).hasMessage("Statement[0]: Sid must be a string");
        }

        @Test
        void unknownStatementField() {
            rejects(statement().with("Resources", "\"arn:aws:s3:::photos\""))
                    .hasMessage("Statement[0] has an unknown field \"Resources\"");
        }
    }

    @Nested
    class EffectElement {

        @Test
        void required() {
            rejects(statement().without("Effect")).hasMessage("Statement[0]: Effect is required and must be Allow or Deny");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"allow\"", "\"Permit\"", "true"})
        void mustBeAllowOrDeny(String effect) {
            rejects(statement().with("Effect", effect)).hasMessage("Statement[0]: Effect must be Allow or Deny, not " + effect);
        }

        @Test
        void messagesNameTheFaultyStatement() {
            rejects("{\"Statement\": [" + READ_ALL + ", " + READ_ALL.replace("Allow", "Maybe") + "]}")
                    .hasMessage("Statement[1]: Effect must be Allow or Deny, not \"Maybe\"");
        }
    }

    @Nested
    class PrincipalElement {

        @ParameterizedTest
        @ValueSource(strings = {
                "\"*\"",
                "{\"AWS\": \"*\"}",
                "{\"AWS\": \"alice\"}",
                "{\"AWS\": [\"arn:aws:iam::111122223333:user/alice\", \"arn:aws:iam::111122223333:root\"]}",
                "{\"AWS\": \"arn:aws:iam::111122223333:user/division/team/alice\"}",
                "{\"CanonicalUser\": \"alice\"}",
                "{\"AWS\": \"bob\", \"CanonicalUser\": [\"alice\"]}"})
        void acceptedForms(String principal) {
            accepts(statement().with("Principal", principal));
        }

        @Test
        void required() {
            rejects(statement().without("Principal")).hasMessage("Statement[0]: a bucket policy statement needs a Principal");
        }

        @Test
        void notPrincipalIsNotSupported() {
            rejects(statement().with("NotPrincipal", "{\"AWS\": \"alice\"}"))
                    .hasMessage("Statement[0]: NotPrincipal is not supported; name the principals in Principal instead");
        }

        @Test
        void aStringOtherThanStar() {
            rejects(statement().with("Principal", "\"alice\""))
                    .hasMessageStartingWith("Statement[0]: Principal must be \"*\" or an object such as {\"AWS\"")
                    .hasMessageEndingWith("not \"alice\"");
        }

        @Test
        void emptyObject() {
            rejects(statement().with("Principal", "{}")).hasMessageStartingWith("Statement[0]: Principal must be \"*\" or an object");
        }

        @Test
        void unsupportedType() {
            rejects(statement().with("Principal", "{\"Service\": \"cloudtrail.amazonaws.com\"}"))
                    .hasMessage("Statement[0]: principal type Service is not supported; use AWS or CanonicalUser");
        }

        @ParameterizedTest
        @ValueSource(strings = {"arn:aws:iam::111122223333:role/reader", "arn:aws:sts::111122223333:assumed-role/r/s",
                "arn:aws:iam::111122223333:user/"})
        void arnsThatNameNoUser(String arn) {
            rejects(statement().with("Principal", "{\"AWS\": \"" + arn + "\"}"))
                    .hasMessageStartingWith("Statement[0]: Invalid principal \"" + arn + "\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"al*ce", "arn:aws:iam::111122223333:user/a?", "arn:aws:iam::111122223333:user/*"})
        void wildcardsOnlyAsTheWholePrincipal(String principal) {
            rejects(statement().with("Principal", "{\"AWS\": \"" + principal + "\"}"))
                    .hasMessage("Statement[0]: Invalid principal \"" + principal
                            + "\": wildcards are allowed only as the whole principal \"*\"");
        }

        @Test
        void valuesMustBeStrings() {
            rejects(statement().with("Principal", "{\"AWS\": [\"alice\", 7]}"))
                    .hasMessage("Statement[0]: Principal AWS must be a string or a non-empty array of strings");
        }
    }

    @Nested
    class ActionElement {

        @Test
        void exactlyOneOfActionAndNotAction() {
            rejects(statement().without("Action"))
                    .hasMessage("Statement[0]: a statement needs exactly one of Action and NotAction");
            rejects(statement().with("NotAction", "\"s3:PutObject\""))
                    .hasMessage("Statement[0]: a statement needs exactly one of Action and NotAction, not both");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ec2:RunInstances", "s3", "s3:", "GetObject", "s3:Get Object", "**"})
        void onlyS3Actions(String action) {
            rejects(statement().with("Action", "\"" + action + "\""))
                    .hasMessage("Statement[0]: invalid Action \"" + action
                            + "\": actions are \"*\" or \"s3:<name>\", where * and ? are wildcards");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"*\"", "\"s3:*\"", "\"S3:getobject\"", "\"s3:Get*\"", "\"s3:Put?bject\"",
                "[\"s3:ListBucket\", \"s3:GetObject\"]"})
        void acceptedForms(String action) {
            accepts(statement().with("Action", action));
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "7", "[\"s3:GetObject\", null]", "{}"})
        void stringOrNonEmptyArrayOfStrings(String action) {
            rejects(statement().with("Action", action))
                    .hasMessage("Statement[0]: Action must be a string or a non-empty array of strings");
        }
    }

    @Nested
    class ResourceElement {

        @Test
        void exactlyOneOfResourceAndNotResource() {
            rejects(statement().without("Resource"))
                    .hasMessage("Statement[0]: a statement needs exactly one of Resource and NotResource");
            rejects(statement().with("NotResource", "\"arn:aws:s3:::photos\""))
                    .hasMessage("Statement[0]: a statement needs exactly one of Resource and NotResource, not both");
        }

        @ParameterizedTest
        @ValueSource(strings = {"arn:aws:s3:::photos", "arn:aws:s3:::photos/*", "arn:aws:s3:::photos/2024/??/*.jpg",
                "arn:aws:s3:::photos/home/${aws:username}/*"})
        void withinTheBucket(String resource) {
            accepts(statement().with("Resource", "\"" + resource + "\""));
        }

        @ParameterizedTest
        @ValueSource(strings = {"*", "arn:aws:s3:::*", "arn:aws:s3:::other/*", "arn:aws:s3:::photos-archive/*",
                "arn:aws:s3:::photo*", "arn:aws:s3:::Photos/*", "arn:aws:s3:us-east-1::photos/*", "photos/*"})
        void outsideTheBucket(String resource) {
            rejects(statement().with("Resource", "[\"arn:aws:s3:::photos\", \"" + resource + "\"]"))
                    .hasMessage("Statement[0]: Policy has invalid resource \"" + resource + "\": a policy of bucket photos "
                            + "may name only arn:aws:s3:::photos and arn:aws:s3:::photos/<key pattern>");
        }

        @Test
        void malformedPolicyVariables() {
            rejects(statement().with("Resource", "\"arn:aws:s3:::photos/${aws:username\""))
                    .hasMessage("Statement[0]: Resource 'arn:aws:s3:::photos/${aws:username' has a policy variable "
                            + "without its closing '}'");
            rejects(statement().without("Resource").with("NotResource", "\"arn:aws:s3:::photos/${aws:user name}\""))
                    .hasMessage("Statement[0]: NotResource 'arn:aws:s3:::photos/${aws:user name}' has a malformed "
                            + "policy variable ${aws:user name}");
        }
    }

    @Nested
    class ConditionElement {

        @Test
        void mustBeAnObject() {
            rejects(statement().with("Condition", "[]")).hasMessageStartingWith("Statement[0]: Condition must be an object");
        }

        @Test
        void unknownOperator() {
            rejects(statement().with("Condition", "{\"StringEqualz\": {\"s3:prefix\": \"a\"}}"))
                    .hasMessage("Statement[0]: unknown condition operator \"StringEqualz\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"NullIfExists", "ForAnyValue:Null", "BinaryEquals", "ArnLike", "ForSomeValues:StringLike"})
        void unsupportedOperators(String operator) {
            rejects(statement().with("Condition", "{\"" + operator + "\": {\"s3:prefix\": \"a\"}}"))
                    .hasMessage("Statement[0]: unknown condition operator \"" + operator + "\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "\"s3:prefix\"", "[{\"s3:prefix\": \"a\"}]"})
        void operatorMapsKeysToValues(String keys) {
            rejects(statement().with("Condition", "{\"StringEquals\": " + keys + "}"))
                    .hasMessage("Statement[0]: Condition StringEquals must map condition keys to values");
        }

        @ParameterizedTest
        @ValueSource(strings = {"SourceIp", "ec2:InstanceType", "aws:", "aws:Source Ip"})
        void keysAreAwsOrS3Keys(String key) {
            rejects(statement().with("Condition", "{\"IpAddress\": {\"" + key + "\": \"10.0.0.0/8\"}}"))
                    .hasMessage("Statement[0]: Condition IpAddress: \"" + key + "\" is not a condition key; "
                            + "keys are aws:<name> or s3:<name>");
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "null", "{\"a\": 1}", "[\"a\", [\"b\"]]"})
        void valuesAreScalarsOrNonEmptyArrays(String values) {
            rejects(statement().with("Condition", "{\"StringLike\": {\"s3:prefix\": " + values + "}}"))
                    .hasMessage("Statement[0]: Condition StringLike s3:prefix must be a value or a non-empty array of values");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "NumericLessThan|s3:max-keys|ten|'ten' is not a number",
                "DateGreaterThan|aws:CurrentTime|yesterday|'yesterday' is not a date (ISO 8601 or epoch seconds)",
                "IpAddress|aws:SourceIp|203.0.113.300/24|'203.0.113.300/24' is not an IP address or CIDR range",
                "NotIpAddress|aws:SourceIp|example.com|'example.com' is not an IP address or CIDR range",
                "IpAddress|aws:SourceIp|203.0.113.0/33|'203.0.113.0/33' has an invalid prefix length",
                "IpAddress|aws:SourceIp|2001:db8::/129|'2001:db8::/129' has an invalid prefix length",
                "Bool|aws:SecureTransport|yes|'yes' is not true or false",
                "Null|s3:x-amz-acl|maybe|'maybe' is not true or false"})
        void valuesMustSuitTheOperator(String operator, String key, String value, String problem) {
            rejects(statement().with("Condition", "{\"" + operator + "\": {\"" + key + "\": \"" + value + "\"}}"))
                    .hasMessage("Statement[0]: Condition " + operator + " " + key + ": " + problem);
        }
    }
}
