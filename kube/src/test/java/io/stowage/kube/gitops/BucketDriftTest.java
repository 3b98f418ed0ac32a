package io.stowage.kube.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.stowage.backend.BucketQuota;
import io.stowage.backend.s3.BucketVersioning;
import io.stowage.backend.s3.CorsRule;
import io.stowage.backend.s3.DefaultRetention;
import io.stowage.backend.s3.LifecycleRule;
import io.stowage.backend.s3.ObjectLockConfiguration;
import io.stowage.kube.provision.ClaimRefusedException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BucketDriftTest {

    private static final String POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}""";

    private static S3Bucket resource(S3BucketSpec spec) {
        S3Bucket bucket = new S3Bucket();
        bucket.setMetadata(new ObjectMetaBuilder().withName("photos").withNamespace("team-a").build());
        bucket.setSpec(spec);
        return bucket;
    }

    private static DesiredBucket full() throws ClaimRefusedException {
        S3BucketSpec spec = new S3BucketSpec();
        QuotaSpec quota = new QuotaSpec();
        quota.setMaxSize("1Mi");
        spec.setQuota(quota);
        spec.setVersioning("Enabled");
        spec.setTags(Map.of("team", "a"));
        spec.setPolicy(POLICY);
        LifecycleRuleSpec rule = new LifecycleRuleSpec();
        rule.setId("tmp");
        rule.setPrefix("tmp/");
        rule.setExpirationDays(7);
        spec.setLifecycleRules(List.of(rule));
        CorsRuleSpec cors = new CorsRuleSpec();
        cors.setAllowedOrigins(List.of("https://app.example.com"));
        cors.setAllowedMethods(List.of("GET", "PUT"));
        spec.setCorsRules(List.of(cors));
        spec.setObjectLock(new ObjectLockSpec(new DefaultRetentionSpec("GOVERNANCE", 30, null)));
        return DesiredBucket.of(resource(spec));
    }

    private static JsonNode json(String text) throws Exception {
        return DesiredBucket.JSON.readTree(text);
    }

    private static final DefaultRetention THIRTY_DAYS = new DefaultRetention(DefaultRetention.Mode.GOVERNANCE, 30, 0);

    /** The bucket as {@link #full()} declares it, object lock aside. */
    private static ActualBucket same(DesiredBucket desired) throws Exception {
        return new ActualBucket(new BucketQuota(1 << 20, 0), Optional.of(BucketVersioning.ENABLED), desired.tags(),
                Optional.of(json(POLICY)), desired.lifecycle(), desired.cors(), Optional.empty());
    }

    @Test
    void aBucketAsDeclaredHasNoDrift() throws Exception {
        DesiredBucket desired = full();
        assertThat(desired.name()).isEqualTo("photos");
        assertThat(desired.tags()).containsEntry(GitopsApi.MANAGED_BY_TAG, "team-a/photos");
        assertThat(desired.lifecycle().orElseThrow()).containsExactly(new LifecycleRule("tmp", "tmp/", true, 7, 0, 0));
        // the same policy with other spacing and key order is no drift
        ActualBucket same = new ActualBucket(new BucketQuota(1 << 20, 0), Optional.of(BucketVersioning.ENABLED),
                desired.tags(), Optional.of(json("{ \"Statement\": " + json(POLICY).get("Statement") + ", \"Version\": \"2012-10-17\" }")),
                desired.lifecycle(), desired.cors(), Optional.of(ObjectLockConfiguration.enabled(Optional.of(THIRTY_DAYS))));
        assertThat(BucketDrift.between(desired, same)).isEmpty();
    }

    @Test
    void eachChangedSettingIsNamedWithWhatWasFound() throws Exception {
        DesiredBucket desired = full();
        Map<String, String> tags = new HashMap<>(desired.tags());
        tags.put("team", "b");
        ActualBucket changed = new ActualBucket(BucketQuota.NONE, Optional.of(BucketVersioning.SUSPENDED), tags,
                Optional.of(NullNode.getInstance()), Optional.of(List.of()),
                Optional.of(List.of(new CorsRule(List.of("*"), List.of("GET"), List.of(), List.of(), 0))),
                Optional.of(ObjectLockConfiguration.enabled(Optional.of(new DefaultRetention(DefaultRetention.Mode.COMPLIANCE, 0, 1)))));
        assertThat(BucketDrift.between(desired, changed)).extracting(Object::toString).containsExactly(
                "quota (was maxSize unlimited, maxObjects unlimited)", "versioning (was suspended)",
                "tags (was different on team)", "policy (was none)", "lifecycle rules (was none)", "CORS rules (was 1 other rule)",
                "object lock default retention (was COMPLIANCE 1 years)");
        ActualBucket noDefault = new ActualBucket(same(desired).quota(), same(desired).versioning(), desired.tags(),
                same(desired).policy(), desired.lifecycle(), desired.cors(), Optional.of(ObjectLockConfiguration.enabled(Optional.empty())));
        assertThat(BucketDrift.between(desired, noDefault)).extracting(Object::toString)
                .containsExactly("object lock default retention (was enabled, no default retention)");
    }

    @Test
    void settingsTheSpecLeavesOutAreNotManaged() throws Exception {
        DesiredBucket desired = DesiredBucket.of(resource(new S3BucketSpec()));
        assertThat(desired.needsS3()).isFalse();
        assertThat(desired.deleteWithResource()).isFalse();
        ActualBucket other = new ActualBucket(new BucketQuota(5, 5), Optional.empty(), desired.tags(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(BucketDrift.between(desired, other)).isEmpty();
        // the tags are always exact: the operator's mark goes back on
        ActualBucket unmarked = new ActualBucket(BucketQuota.NONE, Optional.empty(), Map.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        assertThat(BucketDrift.between(desired, unmarked)).extracting(Object::toString)
                .containsExactly("tags (was different on " + GitopsApi.MANAGED_BY_TAG + ")");
    }

    @Test
    void invalidSpecsAreRefusedNamingTheField() {
        S3BucketSpec name = new S3BucketSpec();
        name.setBucketName("Not_A_Bucket");
        S3BucketSpec size = new S3BucketSpec();
        size.setQuota(new QuotaSpec());
        size.getQuota().setMaxSize("lots");
        S3BucketSpec policy = new S3BucketSpec();
        policy.setPolicy("{\"Version\":\"2012-10-17\"}");
        S3BucketSpec mark = new S3BucketSpec();
        mark.setTags(Map.of(GitopsApi.MANAGED_BY_TAG, "x/y"));
        S3BucketSpec deletion = new S3BucketSpec();
        deletion.setDeletionPolicy("Purge");
        S3BucketSpec noAction = new S3BucketSpec();
        LifecycleRuleSpec idle = new LifecycleRuleSpec();
        idle.setId("idle");
        noAction.setLifecycleRules(List.of(idle));
        S3BucketSpec lockPeriod = new S3BucketSpec();
        lockPeriod.setObjectLock(new ObjectLockSpec(new DefaultRetentionSpec("GOVERNANCE", 30, 1)));
        S3BucketSpec lockSuspended = new S3BucketSpec();
        lockSuspended.setObjectLock(new ObjectLockSpec());
        lockSuspended.setVersioning("Suspended");
        S3BucketSpec lockTooLong = new S3BucketSpec();
        lockTooLong.setObjectLock(new ObjectLockSpec(new DefaultRetentionSpec("COMPLIANCE", null, 101)));
        S3BucketSpec noMethod = new S3BucketSpec();
        CorsRuleSpec cors = new CorsRuleSpec();
        cors.setAllowedOrigins(List.of("*"));
        noMethod.setCorsRules(List.of(cors));

        assertThatThrownBy(() -> DesiredBucket.of(resource(name))).hasMessageContaining("bucketName 'Not_A_Bucket'");
        assertThatThrownBy(() -> DesiredBucket.of(resource(size))).hasMessageContaining("maxSize").hasMessageContaining("'lots'");
        assertThatThrownBy(() -> DesiredBucket.of(resource(policy))).hasMessage("policy must be a JSON object with a Statement");
        assertThatThrownBy(() -> DesiredBucket.of(resource(mark))).hasMessageContaining("the operator's own tag");
        assertThatThrownBy(() -> DesiredBucket.of(resource(noAction))).hasMessageContaining("rule idle has no action");
        assertThatThrownBy(() -> DesiredBucket.of(resource(noMethod))).hasMessageContaining("corsRules: a CORS rule needs");
        assertThatThrownBy(() -> DesiredBucket.of(resource(lockPeriod))).hasMessageContaining("exactly one of them");
        assertThatThrownBy(() -> DesiredBucket.of(resource(lockSuspended))).hasMessageContaining("cannot be Suspended");
        assertThatThrownBy(() -> DesiredBucket.of(resource(lockTooLong))).hasMessageContaining("at most 36500 days or 100 years");
        assertThatThrownBy(() -> DesiredBucket.of(resource(deletion))).hasMessageContaining("deletionPolicy")
                .isInstanceOfSatisfying(ClaimRefusedException.class, e -> assertThat(e.reason()).isEqualTo("InvalidSpec"));
    }
}
