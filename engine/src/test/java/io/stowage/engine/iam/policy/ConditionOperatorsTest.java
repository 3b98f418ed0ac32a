package io.stowage.engine.iam.policy;

import static io.stowage.engine.iam.policy.PolicyRequests.policy;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each condition operator, with one-key conditions on an Allow statement for a ListBucket request. */
class ConditionOperatorsTest {

    /** Whether the Condition block (JSON) holds for a request with the given condition keys. */
    private static boolean holds(String condition, PolicyRequests request) {
        BucketPolicy p = policy("{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:ListBucket\", "
                + "\"Resource\": \"arn:aws:s3:::photos\", \"Condition\": " + condition + "}");
        return request.against(p) == Decision.ALLOW;
    }

    private static boolean holds(String operator, String key, String policyValues, String requestValue) {
        PolicyRequests request = PolicyRequests.request("s3:ListBucket");
        if (requestValue != null) {
            request.with(key, requestValue);
        }
        return holds("{\"" + operator + "\": {\"" + key + "\": " + policyValues + "}}", request);
    }

    private static PolicyRequests listing() {
        return PolicyRequests.request("s3:ListBucket");
    }

    @Nested
    class Strings {

        @ParameterizedTest(name = "{0} {2} against {3}: {4}")
        @CsvSource(delimiter = '|', nullValues = "MISSING", value = {
                "StringEquals|s3:prefix|'\"docs/\"'|docs/|true",
                "StringEquals|s3:prefix|'\"docs/\"'|Docs/|false",
                "StringEquals|s3:prefix|'[\"a/\", \"docs/\"]'|docs/|true",
                "StringEquals|s3:prefix|'\"docs/*\"'|docs/x|false",
                "StringEquals|s3:prefix|'\"docs/\"'|MISSING|false",
                "StringNotEquals|s3:prefix|'[\"a/\", \"b/\"]'|c/|true",
                "StringNotEquals|s3:prefix|'[\"a/\", \"b/\"]'|b/|false",
                "StringNotEquals|s3:prefix|'\"a/\"'|MISSING|true",
                "StringEqualsIgnoreCase|s3:x-amz-acl|'\"Public-Read\"'|public-read|true",
                "StringEqualsIgnoreCase|s3:x-amz-acl|'\"private\"'|public-read|false",
                "StringNotEqualsIgnoreCase|s3:x-amz-acl|'\"PRIVATE\"'|private|false",
                "StringNotEqualsIgnoreCase|s3:x-amz-acl|'\"PRIVATE\"'|public-read|true",
                "StringLike|s3:prefix|'\"docs/*/2024-??\"'|docs/team/2024-05|true",
                "StringLike|s3:prefix|'\"docs/*/2024-??\"'|docs/team/2024-5|false",
                "StringLike|s3:prefix|'\"Docs/*\"'|docs/a|false",
                "StringLike|s3:prefix|'\"docs/*\"'|MISSING|false",
                "StringNotLike|s3:prefix|'[\"tmp/*\", \"*.bak\"]'|docs/a|true",
                "StringNotLike|s3:prefix|'[\"tmp/*\", \"*.bak\"]'|docs/a.bak|false",
                "StringNotLike|s3:prefix|'\"tmp/*\"'|MISSING|true"})
        void compare(String operator, String key, String policyValues, String requestValue, boolean expected) {
            assertThat(holds(operator, key, policyValues, requestValue)).isEqualTo(expected);
        }

        @Test
        void policyVariablesInValues() {
            String condition = "{\"StringEquals\": {\"s3:prefix\": \"home/${aws:username}/\"}}";
            assertThat(holds(condition, listing().by("alice").with("s3:prefix", "home/alice/"))).isTrue();
            assertThat(holds(condition, listing().by("alice").with("s3:prefix", "home/bob/"))).isFalse();
            assertThat(holds(condition, listing().with("s3:prefix", "home/${aws:username}/")))
                    .as("a variable the request lacks matches nothing").isFalse();
        }

        @Test
        void aVariableWithADefault() {
            String condition = "{\"StringEquals\": {\"s3:prefix\": \"home/${aws:username, 'guest'}/\"}}";
            assertThat(holds(condition, listing().with("s3:prefix", "home/guest/"))).isTrue();
            assertThat(holds(condition, listing().by("alice").with("s3:prefix", "home/alice/"))).isTrue();
        }
    }

    @Nested
    class Numbers {

        @ParameterizedTest(name = "{0} {1} against {2}: {3}")
        @CsvSource({
                "NumericEquals, 10, 10, true",
                "NumericEquals, 10, 10.0, true",
                "NumericEquals, 10, 11, false",
                "NumericNotEquals, 10, 11, true",
                "NumericNotEquals, 10, 10, false",
                "NumericLessThan, 10, 9, true",
                "NumericLessThan, 10, 10, false",
                "NumericLessThanEquals, 10, 10, true",
                "NumericGreaterThan, 10, 10, false",
                "NumericGreaterThan, 10, 10.5, true",
                "NumericGreaterThanEquals, 10, 10, true",
                "NumericGreaterThanEquals, 10, 9, false",
                "NumericLessThan, 10, ten, false"})
        void compare(String operator, String policyValue, String requestValue, boolean expected) {
            assertThat(holds(operator, "s3:max-keys", "\"" + policyValue + "\"", requestValue)).isEqualTo(expected);
        }

        @Test
        void aMissingKeyFailsPositiveAndPassesNegatedOperators() {
            assertThat(holds("NumericLessThan", "s3:max-keys", "\"10\"", null)).isFalse();
            assertThat(holds("NumericNotEquals", "s3:max-keys", "\"10\"", null)).isTrue();
        }
    }

    @Nested
    class Dates {

        @ParameterizedTest(name = "{0} {1} against {2}: {3}")
        @CsvSource({
                "DateLessThan, 2030-01-01T00:00:00Z, 2024-05-01T12:00:00Z, true",
                "DateLessThan, 2020-01-01T00:00:00Z, 2024-05-01T12:00:00Z, false",
                "DateGreaterThan, 2024-05-01, 2024-05-01T00:00:01Z, true",
                "DateGreaterThan, 2024-05-01T14:00:00+02:00, 2024-05-01T12:00:00Z, false",
                "DateGreaterThanEquals, 2024-05-01T14:00:00+02:00, 2024-05-01T12:00:00Z, true",
                "DateLessThanEquals, 2024-05, 2024-05-01T00:00:00Z, true",
                "DateEquals, 2024-05-01T12:00Z, 2024-05-01T12:00:00.000Z, true",
                "DateNotEquals, 2024-05-01T12:00:00Z, 2024-05-01T12:00:01Z, true",
                "DateLessThan, 2024-05-01T12:00:00Z, not-a-date, false"})
        void currentTime(String operator, String policyValue, String now, boolean expected) {
            assertThat(holds(operator, "aws:CurrentTime", "\"" + policyValue + "\"", now)).isEqualTo(expected);
        }

        @Test
        void epochSecondsOnEitherSide() {
            assertThat(holds("DateGreaterThan", "aws:EpochTime", "\"1700000000\"", "1700000001")).isTrue();
            assertThat(holds("DateGreaterThan", "aws:EpochTime", "\"2023-11-14T22:13:20Z\"", "1700000000")).isFalse();
            assertThat(holds("DateGreaterThanEquals", "aws:EpochTime", "\"2023-11-14T22:13:20Z\"", "1700000000")).isTrue();
        }
    }

    @Nested
    class Booleans {

        @ParameterizedTest(name = "Bool {0} against {1}: {2}")
        @CsvSource({"'\"true\"', true, true", "'\"true\"', TRUE, true", "'true', true, true", "'\"false\"', true, false",
                "'\"false\"', false, true", "'\"true\"', yes, false"})
        void compare(String policyValue, String requestValue, boolean expected) {
            assertThat(holds("Bool", "aws:SecureTransport", policyValue, requestValue)).isEqualTo(expected);
        }
    }

    @Nested
    class IpAddresses {

        @ParameterizedTest(name = "{0} {1} against {2}: {3}")
        @CsvSource({
                "IpAddress, 203.0.113.0/24, 203.0.113.255, true",
                "IpAddress, 203.0.113.0/24, 203.0.114.0, false",
                "IpAddress, 203.0.113.7, 203.0.113.7, true",
                "IpAddress, 203.0.113.7, 203.0.113.8, false",
                "IpAddress, 203.0.113.7/25, 203.0.113.100, true",
                "IpAddress, 0.0.0.0/0, 198.51.100.1, true",
                "IpAddress, 0.0.0.0/0, 2001:db8::1, false",
                "IpAddress, 192.168.0.0/13, 192.175.255.255, true",
                "IpAddress, 192.168.0.0/13, 192.176.0.0, false",
                "IpAddress, 2001:DB8:1234:5678::/64, 2001:db8:1234:5678:ffff::1, true",
                "IpAddress, 2001:db8:1234:5678::/64, 2001:db8:1234:5679::1, false",
                "IpAddress, ::/0, 2001:db8::1, true",
                "IpAddress, 203.0.113.0/24, ::ffff:203.0.113.5, true",
                "IpAddress, 203.0.113.0/24, localhost, false",
                "NotIpAddress, 203.0.113.0/24, 198.51.100.1, true",
                "NotIpAddress, 203.0.113.0/24, 203.0.113.1, false"})
        void sourceIp(String operator, String range, String address, boolean expected) {
            assertThat(holds(operator, "aws:SourceIp", "\"" + range + "\"", address)).isEqualTo(expected);
        }

        @Test
        void severalRangesAreAlternatives() {
            assertThat(holds("IpAddress", "aws:SourceIp", "[\"203.0.113.0/24\", \"2001:db8::/32\"]", "2001:db8::9")).isTrue();
            assertThat(holds("NotIpAddress", "aws:SourceIp", "[\"203.0.113.0/24\", \"2001:db8::/32\"]", "2001:db8::9")).isFalse();
        }
    }

    @Nested
    class Combining {

        @Test
        void keysOfOneOperatorAndSeveralOperatorsMustAllHold() {
            String condition = """
                    {"StringEquals": {"s3:prefix": "docs/", "s3:delimiter": "/"},
                     "NumericLessThanEquals": {"s3:max-keys": "100"}}""";
            PolicyRequests docsByFolder = listing().with("s3:prefix", "docs/").with("s3:delimiter", "/");
            assertThat(holds(condition, docsByFolder.with("s3:max-keys", "50"))).isTrue();
            assertThat(holds(condition, listing().with("s3:prefix", "docs/").with("s3:delimiter", "/").with("s3:max-keys", "500")))
                    .isFalse();
            assertThat(holds(condition, listing().with("s3:prefix", "docs/").with("s3:max-keys", "50"))).isFalse();
        }

        @Test
        void keyAndOperatorNamesIgnoreCase() {
            assertThat(holds("{\"stringequals\": {\"S3:PREFIX\": \"docs/\"}}", listing().with("s3:prefix", "docs/"))).isTrue();
            assertThat(holds("{\"StringEquals\": {\"s3:prefix\": \"docs/\"}}", listing().with("S3:Prefix", "docs/"))).isTrue();
        }

        @Test
        void ifExistsPassesWhenTheKeyIsMissingAndTestsItOtherwise() {
            assertThat(holds("StringEqualsIfExists", "s3:x-amz-acl", "\"private\"", null)).isTrue();
            assertThat(holds("StringEqualsIfExists", "s3:x-amz-acl", "\"private\"", "private")).isTrue();
            assertThat(holds("StringEqualsIfExists", "s3:x-amz-acl", "\"private\"", "public-read")).isFalse();
            assertThat(holds("IpAddressIfExists", "aws:SourceIp", "\"203.0.113.0/24\"", null)).isTrue();
        }

        @Test
        void aKeyWithoutValuesIsMissing() {
            assertThat(holds("{\"StringLike\": {\"s3:prefix\": \"*\"}}", listing().with("s3:prefix"))).isFalse();
            assertThat(holds("{\"Null\": {\"s3:prefix\": \"true\"}}", listing().with("s3:prefix"))).isTrue();
        }

        @Test
        void nullTestsPresence() {
            assertThat(holds("Null", "s3:x-amz-acl", "\"true\"", null)).isTrue();
            assertThat(holds("Null", "s3:x-amz-acl", "\"true\"", "private")).isFalse();
            assertThat(holds("Null", "s3:x-amz-acl", "\"false\"", "private")).isTrue();
            assertThat(holds("Null", "s3:x-amz-acl", "\"false\"", null)).isFalse();
        }
    }

    @Nested
    class SetQualifiers {

        private static final String KEY = "s3:RequestObjectTagKeys";

        private static boolean holdsForTags(String operator, String policyValues, String... tags) {
            PolicyRequests request = listing();
            if (tags.length > 0) {
                request.with(KEY, tags);
            }
            return holds("{\"" + operator + "\": {\"" + KEY + "\": " + policyValues + "}}", request);
        }

        @Test
        void forAllValuesNeedsEveryRequestValueInTheSet() {
            String allowed = "[\"project\", \"team\"]";
            assertThat(holdsForTags("ForAllValues:StringEquals", allowed, "project")).isTrue();
            assertThat(holdsForTags("ForAllValues:StringEquals", allowed, "team", "project")).isTrue();
            assertThat(holdsForTags("ForAllValues:StringEquals", allowed, "team", "owner")).isFalse();
            assertThat(holdsForTags("ForAllValues:StringEquals", allowed)).as("no values at all").isTrue();
        }

        @Test
        void forAnyValueNeedsOneRequestValueInTheSet() {
            String wanted = "[\"project\", \"team\"]";
            assertThat(holdsForTags("ForAnyValue:StringEquals", wanted, "owner", "team")).isTrue();
            assertThat(holdsForTags("ForAnyValue:StringEquals", wanted, "owner")).isFalse();
            assertThat(holdsForTags("ForAnyValue:StringEquals", wanted)).as("no values at all").isFalse();
        }

        @Test
        void negatedOperatorsTestEachRequestValueAgainstTheWholeSet() {
            String forbidden = "[\"secret\", \"internal\"]";
            assertThat(holdsForTags("ForAllValues:StringNotEquals", forbidden, "project", "team")).isTrue();
            assertThat(holdsForTags("ForAllValues:StringNotEquals", forbidden, "project", "secret")).isFalse();
            assertThat(holdsForTags("ForAnyValue:StringNotEquals", forbidden, "project", "secret")).isTrue();
            assertThat(holdsForTags("ForAnyValue:StringNotEquals", forbidden, "secret", "internal")).isFalse();
        }

        @Test
        void withoutAQualifierSeveralRequestValuesNeedOneMatchOrForANegatedOperatorNone() {
            assertThat(holdsForTags("StringEquals", "\"team\"", "project", "team")).isTrue();
            assertThat(holdsForTags("StringNotEquals", "\"team\"", "project", "team")).isFalse();
            assertThat(holdsForTags("StringNotEquals", "\"team\"", "project", "owner")).isTrue();
        }

        @Test
        void ifExistsWinsOverTheQualifierWhenTheKeyIsMissing() {
            assertThat(holdsForTags("ForAnyValue:StringEqualsIfExists", "\"team\"")).isTrue();
        }
    }
}
