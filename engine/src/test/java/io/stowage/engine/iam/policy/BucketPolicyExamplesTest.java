package io.stowage.engine.iam.policy;

import static io.stowage.engine.iam.policy.Decision.ALLOW;
import static io.stowage.engine.iam.policy.Decision.DENY;
import static io.stowage.engine.iam.policy.Decision.NONE;
import static io.stowage.engine.iam.policy.PolicyRequests.BUCKET;
import static io.stowage.engine.iam.policy.PolicyRequests.policy;
import static io.stowage.engine.iam.policy.PolicyRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The kinds of bucket policy the S3 User Guide shows, in our own words, and what they decide. */
class BucketPolicyExamplesTest {

    @Test
    void anyoneMayReadTheObjects() {
        BucketPolicy p = policy("""
                {"Sid": "PublicRead", "Effect": "Allow", "Principal": "*",
                 "Action": ["s3:GetObject", "s3:GetObjectVersion"], "Resource": "arn:aws:s3:::photos/*"}""");

        assertThat(request("s3:GetObject").onObject("cats/tom.jpg").against(p)).isEqualTo(ALLOW);
        assertThat(request("s3:GetObject").onObject("cats/tom.jpg").by("alice").against(p)).isEqualTo(ALLOW);
        assertThat(request("s3:PutObject").onObject("cats/tom.jpg").against(p)).isEqualTo(NONE);
        assertThat(request("s3:ListBucket").against(p)).as("the bucket is not an object").isEqualTo(NONE);
    }

    @Test
    void aUserMayListAndUseOnlyHerFolder() {
        BucketPolicy p = policy("""
                {"Sid": "ListTheWayToHome", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
                 "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::photos",
                 "Condition": {"StringEquals": {"s3:prefix": ["", "home/", "home/alice/"], "s3:delimiter": "/"}}},
                {"Sid": "ListInsideHome", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
                 "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::photos",
                 "Condition": {"StringLike": {"s3:prefix": "home/alice/*"}}},
                {"Sid": "UseHome", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
                 "Action": "s3:*", "Resource": "arn:aws:s3:::photos/home/alice/*"}""");

        assertThat(request("s3:ListBucket").by("alice").with("s3:prefix", "").with("s3:delimiter", "/").against(p)).isEqualTo(ALLOW);
        assertThat(request("s3:ListBucket").by("alice").with("s3:prefix", "home/").with("s3:delimiter", "/").against(p)).isEqualTo(ALLOW);
        assertThat(request("s3:ListBucket").by("alice").with("s3:prefix", "home/").against(p))
                .as("both keys of one operator must match").isEqualTo(NONE);
        assertThat(request("s3:ListBucket").by("alice").with("s3:prefix", "home/alice/2024/").against(p)).isEqualTo(ALLOW);
        assertThat(request("s3:ListBucket").by("alice").with("s3:prefix", "home/bob/").with("s3:delimiter", "/").against(p))
                .isEqualTo(NONE);
        assertThat(request("s3:ListBucket").by("alice").against(p)).as("no prefix at all").isEqualTo(NONE);
        assertThat(request("s3:PutObject").by("alice").onObject("home/alice/notes.txt").against(p)).isEqualTo(ALLOW);
        assertThat(request("s3:PutObject").by("alice").onObject("home/bob/notes.txt").against(p)).isEqualTo(NONE);
        assertThat(request("s3:PutObject").by("bob").onObject("home/alice/notes.txt").against(p)).isEqualTo(NONE);
    }

    @Test
    void requestsWithoutTlsAreDenied() {
        BucketPolicy p = policy("""
                {"Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                 "Resource": ["arn:aws:s3:::photos", "arn:aws:s3:::photos/*"],
                 "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
                {"Sid": "AliceReads", "Effect": "Allow", "Principal": {"AWS": "alice"}, "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::photos/*"}""");

        assertThat(request("s3:GetObject").onObject("a.jpg").by("alice").with("aws:SecureTransport", "true").against(p)).isEqualTo(ALLOW);
        assertThat(request("s3:GetObject").onObject("a.jpg").by("alice").with("aws:SecureTransport", "false").against(p)).isEqualTo(DENY);
        assertThat(request("s3:ListBucket").with("aws:SecureTransport", "false").against(p)).isEqualTo(DENY);
        assertThat(request("s3:ListBucket").with("aws:SecureTransport", "true").against(p)).isEqualTo(NONE);
    }

    @Test
    void accessOnlyFromANetworkExceptPartOfIt() {
        BucketPolicy p = policy("""
                {"Sid": "OfficeNetworks", "Effect": "Allow", "Principal": "*", "Action": "s3:*",
                 "Resource": ["arn:aws:s3:::photos", "arn:aws:s3:::photos/*"],
                 "Condition": {
                   "IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8:1234:5678::/64"]},
                   "NotIpAddress": {"aws:SourceIp": ["203.0.113.128/30", "2001:db8:1234:5678:abcd::/80"]}}}""");

        assertThat(request("s3:GetObject").onObject("a").with("aws:SourceIp", "203.0.113.7").against(p)).isEqualTo(ALLOW);
        assertThat(request("s3:GetObject").onObject("a").with("aws:SourceIp", "2001:db8:1234:5678::7").against(p)).isEqualTo(ALLOW);
        assertThat(request("s3:GetObject").onObject("a").with("aws:SourceIp", "203.0.113.129").against(p)).isEqualTo(NONE);
        assertThat(request("s3:GetObject").onObject("a").with("aws:SourceIp", "2001:db8:1234:5678:abcd::7").against(p)).isEqualTo(NONE);
        assertThat(request("s3:GetObject").onObject("a").with("aws:SourceIp", "198.51.100.7").against(p)).isEqualTo(NONE);
        assertThat(request("s3:GetObject").onObject("a").against(p)).as("no source address known").isEqualTo(NONE);
    }

    @Test
    void everythingFromOutsideANetworkIsDenied() {
        BucketPolicy p = policy("""
                {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::photos", "arn:aws:s3:::photos/*"],
                 "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}},
                {"Effect": "Allow", "Principal": {"AWS": "alice"}, "Action": "s3:*", "Resource": "arn:aws:s3:::photos/*"}""");

        assertThat(request("s3:GetObject").onObject("a").by("alice").with("aws:SourceIp", "203.0.113.9").against(p)).isEqualTo(ALLOW);
        assertThat(request("s3:GetObject").onObject("a").by("alice").with("aws:SourceIp", "192.0.2.9").against(p)).isEqualTo(DENY);
    }

    @Test
    void anExplicitDenyBeatsAnyAllow() {
        String deny = """
                {"Effect": "Deny", "Principal": {"AWS": "alice"}, "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::photos/*"}""";
        String allow = """
                {"Effect": "Allow", "Principal": {"AWS": "alice"}, "Action": "s3:*", "Resource": "arn:aws:s3:::photos/*"}""";

        for (BucketPolicy p : new BucketPolicy[] {policy(allow + ", " + deny), policy(deny + ", " + allow)}) {
            assertThat(request("s3:DeleteObject").onObject("a").by("alice").against(p)).isEqualTo(DENY);
            assertThat(request("s3:GetObject").onObject("a").by("alice").against(p)).isEqualTo(ALLOW);
            assertThat(request("s3:GetObject").onObject("a").by("bob").against(p)).isEqualTo(NONE);
        }
    }

    @Test
    void notActionDeniesEverythingButTheNamedActions() {
        BucketPolicy p = policy("""
                {"Effect": "Deny", "Principal": {"AWS": "auditor"}, "NotAction": ["s3:GetObject", "s3:List*"],
                 "Resource": ["arn:aws:s3:::photos", "arn:aws:s3:::photos/*"]}""");

        assertThat(request("s3:PutObject").onObject("a").by("auditor").against(p)).isEqualTo(DENY);
        assertThat(request("s3:DeleteBucket").by("auditor").against(p)).isEqualTo(DENY);
        assertThat(request("s3:GetObject").onObject("a").by("auditor").against(p)).isEqualTo(NONE);
        assertThat(request("s3:ListBucketVersions").by("auditor").against(p)).isEqualTo(NONE);
    }

    @Test
    void notResourceAllowsEverythingButTheNamedResources() {
        BucketPolicy p = policy("""
                {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::photos/private/*"}""");

        assertThat(request("s3:GetObject").onObject("public/a.jpg").against(p)).isEqualTo(ALLOW);
        assertThat(request("s3:GetObject").onObject("private/a.jpg").against(p)).isEqualTo(NONE);
    }

    @Test
    void wildcardsInActionsAndResources() {
        BucketPolicy p = policy("""
                {"Effect": "Allow", "Principal": "*", "Action": "s3:Get*", "Resource": "arn:aws:s3:::photos/20??/*.jpg"}""");

        assertThat(request("s3:GetObject").onObject("2024/cat.jpg").against(p)).isEqualTo(ALLOW);
        assertThat(request("s3:GetObjectTagging").onObject("2024/cat.jpg").against(p)).isEqualTo(ALLOW);
        assertThat(request("S3:GETOBJECT").onObject("2024/cat.jpg").against(p)).as("actions ignore case").isEqualTo(ALLOW);
        assertThat(request("s3:GetObject").onObject("2024/summer/cat.jpg").against(p)).as("* spans slashes").isEqualTo(ALLOW);
        assertThat(request("s3:GetObject").onObject("20245/cat.jpg").against(p)).as("? is one character").isEqualTo(NONE);
        assertThat(request("s3:GetObject").onObject("2024/cat.JPG").against(p)).as("resources respect case").isEqualTo(NONE);
        assertThat(request("s3:PutObject").onObject("2024/cat.jpg").against(p)).isEqualTo(NONE);
    }

    @Test
    void everyUserHasAHomeFolder() {
        BucketPolicy p = policy("""
                {"Effect": "Allow", "Principal": {"AWS": ["alice", "bob"]}, "Action": ["s3:GetObject", "s3:PutObject"],
                 "Resource": "arn:aws:s3:::photos/home/${aws:username}/*"},
                {"Effect": "Allow", "Principal": {"AWS": ["alice", "bob"]}, "Action": "s3:ListBucket",
                 "Resource": "arn:aws:s3:::photos", "Condition": {"StringLike": {"s3:prefix": "home/${aws:username}/*"}}}""");

        assertThat(request("s3:PutObject").onObject("home/alice/a.txt").by("alice").against(p)).isEqualTo(ALLOW);
        assertThat(request("s3:PutObject").onObject("home/bob/a.txt").by("alice").against(p)).isEqualTo(NONE);
        assertThat(request("s3:GetObject").onObject("home/bob/a.txt").by("bob").against(p)).isEqualTo(ALLOW);
        assertThat(request("s3:ListBucket").by("bob").with("s3:prefix", "home/bob/").against(p)).isEqualTo(ALLOW);
        assertThat(request("s3:ListBucket").by("bob").with("s3:prefix", "home/alice/").against(p)).isEqualTo(NONE);
    }

    @Test
    void policyVariablesAreLiteralTextBefore2012() {
        BucketPolicy p = BucketPolicy.parse("""
                {"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::photos/home/${aws:username}/*"}}""", BUCKET);

        assertThat(request("s3:GetObject").onObject("home/alice/a.txt").by("alice").against(p)).isEqualTo(NONE);
        assertThat(request("s3:GetObject").onObject("home/${aws:username}/a.txt").by("alice").against(p)).isEqualTo(ALLOW);
    }

    @Test
    void ifExistsChecksAKeyOnlyWhenTheRequestHasIt() {
        BucketPolicy p = policy("""
                {"Effect": "Allow", "Principal": "*", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::photos",
                 "Condition": {"NumericLessThanEqualsIfExists": {"s3:max-keys": "100"}}}""");

        assertThat(request("s3:ListBucket").against(p)).isEqualTo(ALLOW);
        assertThat(request("s3:ListBucket").with("s3:max-keys", "100").against(p)).isEqualTo(ALLOW);
        assertThat(request("s3:ListBucket").with("s3:max-keys", "1000").against(p)).isEqualTo(NONE);
    }

    @Test
    void aDenyWithANegatedIfExistsConditionAlsoDeniesRequestsWithoutTheKey() {
        BucketPolicy p = policy("""
                {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::photos/*",
                 "Condition": {"StringNotEqualsIfExists": {"s3:x-amz-acl": "private"}}}""");

        assertThat(request("s3:PutObject").onObject("a").with("s3:x-amz-acl", "public-read").against(p)).isEqualTo(DENY);
        assertThat(request("s3:PutObject").onObject("a").with("s3:x-amz-acl", "private").against(p)).isEqualTo(NONE);
        assertThat(request("s3:PutObject").onObject("a").against(p)).isEqualTo(DENY);
    }

    @Test
    void forAllValuesAllowsOnlyKnownTagKeysAndForAnyValueDeniesAForbiddenOne() {
        BucketPolicy p = policy("""
                {"Effect": "Allow", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::photos/*",
                 "Condition": {"ForAllValues:StringEquals": {"s3:RequestObjectTagKeys": ["project", "team"]}}},
                {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::photos/*",
                 "Condition": {"ForAnyValue:StringLike": {"s3:RequestObjectTagKeys": "secret*"}}}""");

        assertThat(putTagged("project", "team").against(p)).isEqualTo(ALLOW);
        assertThat(putTagged("project", "owner").against(p)).isEqualTo(NONE);
        assertThat(putTagged("project", "secret-level").against(p)).isEqualTo(DENY);
        assertThat(request("s3:PutObject").onObject("a").against(p))
                .as("ForAllValues holds for a request without tags; ForAnyValue does not").isEqualTo(ALLOW);
    }

    private static PolicyRequests putTagged(String... tagKeys) {
        return request("s3:PutObject").onObject("a").with("s3:RequestObjectTagKeys", tagKeys);
    }

    @Test
    void nullTestsWhetherTheRequestHasAKey() {
        BucketPolicy p = policy("""
                {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::photos/*",
                 "Condition": {"Null": {"s3:x-amz-acl": "false"}}},
                {"Effect": "Allow", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::photos/*",
                 "Condition": {"Null": {"aws:username": true}}}""");

        assertThat(request("s3:PutObject").onObject("a").against(p)).isEqualTo(ALLOW);
        assertThat(request("s3:PutObject").onObject("a").with("s3:x-amz-acl", "private").against(p)).isEqualTo(DENY);
        assertThat(request("s3:PutObject").onObject("a").by("alice").against(p)).isEqualTo(NONE);
    }

    @Test
    void principalsNameUsersOrTheRootUser() {
        BucketPolicy p = policy("""
                {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:user/ops/carol"],
                 "CanonicalUser": "dave"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"}""");

        for (String user : new String[] {"root", "carol", "dave"}) {
            assertThat(request("s3:GetObject").onObject("a").by(user).against(p)).as(user).isEqualTo(ALLOW);
        }
        assertThat(request("s3:GetObject").onObject("a").by("ops").against(p)).isEqualTo(NONE);
        assertThat(request("s3:GetObject").onObject("a").against(p)).as("anonymous").isEqualTo(NONE);
    }
}
