package io.stowage.s3.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.s3.lifecycle.DueAction.Kind;
import io.stowage.s3.lifecycle.LifecycleFilter.Form;
import io.stowage.s3.lifecycle.LifecycleFilter.Tag;
import io.stowage.s3.lifecycle.LifecycleRule.Expiration;
import io.stowage.s3.lifecycle.LifecycleRule.NoncurrentExpiration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What lifecycle rules ask be done, and when, for versions, delete markers and uploads. */
class LifecycleEvaluatorTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final LifecycleFilter ALL = new LifecycleFilter(Form.EMPTY, null, List.of(), null, null);

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static ObjectVersion version(String key, long size, long modified, Map<String, String> tags) {
        return new ObjectVersion(key, "v" + modified, false, size, "etag", modified, "owner", Map.of(), Map.of(), Map.of(),
                null, null, null, tags, null);
    }

    private static ObjectVersion version(String key, long modified) {
        return version(key, 10, modified, Map.of());
    }

    private static ObjectVersion marker(String key, long modified) {
        return ObjectVersion.deleteMarker(key, "m" + modified, modified, "owner");
    }

    private static LifecycleRule expireAfter(String id, LifecycleFilter filter, int days) {
        return new LifecycleRule(id, true, filter, new Expiration(days, null, null), null, null);
    }

    private static LifecycleEvaluator rules(LifecycleRule... rules) {
        return new LifecycleEvaluator(new LifecycleConfiguration(List.of(rules)), LifecycleTiming.AWS);
    }

    private static LifecycleFilter prefix(String prefix) {
        return new LifecycleFilter(Form.PREFIX, prefix, List.of(), null, null);
    }

    @Test
    void daysRunToTheFirstMidnightUtcAfterTheirEnd() {
        // AWS's example: created 15 January 10:30, 3 days: expires 19 January 00:00
        assertThat(LifecycleTiming.AWS.after(at("2014-01-15T10:30:00Z"), 3)).isEqualTo(at("2014-01-19T00:00:00Z"));
        assertThat(LifecycleTiming.AWS.after(at("2014-01-15T23:59:59.999Z"), 1)).isEqualTo(at("2014-01-17T00:00:00Z"));
        assertThat(LifecycleTiming.AWS.after(at("2014-01-15T00:00:00Z"), 1)).isEqualTo(at("2014-01-17T00:00:00Z"));
    }

    @Test
    void aShortenedDayRoundsToItsOwnMultiples() {
        LifecycleTiming seconds = LifecycleTiming.ofDay(Duration.ofSeconds(10));
        assertThat(seconds.after(1_234, 1)).isEqualTo(20_000);
        assertThat(seconds.after(10_000, 2)).isEqualTo(40_000);
    }

    @Test
    void currentVersionExpiresAtItsDueMidnightNotBefore() {
        LifecycleEvaluator rules = rules(expireAfter("r", ALL, 3));
        ObjectVersion v = version("k", at("2014-01-15T10:30:00Z"));
        VersionState current = VersionState.current(v, false);

        assertThat(rules.currentExpiry(v)).contains(new Expiry(at("2014-01-19T00:00:00Z"), "r"));
        assertThat(rules.due(current, at("2014-01-18T23:59:59.999Z"))).isEmpty();
        assertThat(rules.due(current, at("2014-01-19T00:00:00Z"))).contains(new DueAction(Kind.EXPIRE_CURRENT, "r"));
    }

    @Test
    void dateRulesExpireEveryMatchingObjectOnTheirDate() {
        long date = at("2030-01-01T00:00:00Z");
        LifecycleEvaluator rules = rules(new LifecycleRule("d", true, ALL, new Expiration(null, date, null), null, null));
        ObjectVersion recent = version("k", date - 1000);

        assertThat(rules.currentExpiry(recent)).contains(new Expiry(date, "d"));
        assertThat(rules.due(VersionState.current(recent, false), date - 1)).isEmpty();
        assertThat(rules.due(VersionState.current(recent, false), date)).contains(new DueAction(Kind.EXPIRE_CURRENT, "d"));
    }

    @Test
    void theEarliestOfSeveralMatchingRulesWins() {
        long date = at("2014-01-17T00:00:00Z");
        LifecycleEvaluator rules = rules(expireAfter("ten", ALL, 10),
                new LifecycleRule("date", true, prefix("k"), new Expiration(null, date, null), null, null),
                expireAfter("five", ALL, 5));
        assertThat(rules.currentExpiry(version("k", at("2014-01-15T10:30:00Z")))).contains(new Expiry(date, "date"));
        assertThat(rules.currentExpiry(version("other", at("2014-01-15T10:30:00Z"))))
                .contains(new Expiry(at("2014-01-21T00:00:00Z"), "five"));
    }

    @Test
    void disabledRulesDoNothing() {
        LifecycleEvaluator rules = rules(new LifecycleRule("off", false, ALL, new Expiration(1, null, null),
                new NoncurrentExpiration(1, null), 1));
        ObjectVersion v = version("k", 0);
        assertThat(rules.currentExpiry(v)).isEmpty();
        assertThat(rules.due(VersionState.current(v, false), 100 * DAY)).isEmpty();
        assertThat(rules.due(VersionState.noncurrent(v, 0, 5), 100 * DAY)).isEmpty();
        assertThat(rules.abortingRule(upload("k", 0), 100 * DAY)).isEmpty();
        assertThat(rules.actsOnVersions()).isFalse();
        assertThat(rules.abortsUploads()).isFalse();
    }

    @Test
    void prefixFiltersMatchKeysStartingWithThem() {
        LifecycleEvaluator rules = rules(expireAfter("logs", prefix("logs/"), 1),
                new LifecycleRule("legacy", true, new LifecycleFilter(Form.LEGACY_PREFIX, "tmp/", List.of(), null, null),
                        new Expiration(2, null, null), null, null));
        assertThat(rules.currentExpiry(version("logs/a", 0))).map(Expiry::ruleId).contains("logs");
        assertThat(rules.currentExpiry(version("tmp/a", 0))).map(Expiry::ruleId).contains("legacy");
        assertThat(rules.currentExpiry(version("logs", 0))).isEmpty();
        assertThat(rules.currentExpiry(version("data/logs/a", 0))).isEmpty();
    }

    @Test
    void sizeFiltersAreStrictBounds() {
        LifecycleEvaluator bigger = rules(expireAfter("gt", new LifecycleFilter(Form.SIZE_GREATER_THAN, null, List.of(), 100L, null), 1));
        LifecycleEvaluator smaller = rules(expireAfter("lt", new LifecycleFilter(Form.SIZE_LESS_THAN, null, List.of(), null, 100L), 1));
        assertThat(bigger.currentExpiry(version("k", 100, 0, Map.of()))).isEmpty();
        assertThat(bigger.currentExpiry(version("k", 101, 0, Map.of()))).isPresent();
        assertThat(smaller.currentExpiry(version("k", 100, 0, Map.of()))).isEmpty();
        assertThat(smaller.currentExpiry(version("k", 99, 0, Map.of()))).isPresent();
    }

    @Test
    void tagFiltersNeedEveryTagWithItsValue() {
        LifecycleEvaluator rules = rules(expireAfter("t",
                new LifecycleFilter(Form.TAG, null, List.of(new Tag("class", "tmp")), null, null), 1));
        assertThat(rules.currentExpiry(version("k", 1, 0, Map.of("class", "tmp", "other", "x")))).isPresent();
        assertThat(rules.currentExpiry(version("k", 1, 0, Map.of("class", "keep")))).isEmpty();
        assertThat(rules.currentExpiry(version("k", 1, 0, Map.of()))).isEmpty();
    }

    @Test
    void andFiltersNeedEveryPredicate() {
        LifecycleEvaluator rules = rules(expireAfter("and", new LifecycleFilter(Form.AND, "a/",
                List.of(new Tag("k1", "v1"), new Tag("k2", "v2")), 5L, 50L), 1));
        Map<String, String> both = Map.of("k1", "v1", "k2", "v2");
        assertThat(rules.currentExpiry(version("a/x", 10, 0, both))).isPresent();
        assertThat(rules.currentExpiry(version("b/x", 10, 0, both))).as("prefix").isEmpty();
        assertThat(rules.currentExpiry(version("a/x", 10, 0, Map.of("k1", "v1")))).as("one tag missing").isEmpty();
        assertThat(rules.currentExpiry(version("a/x", 5, 0, both))).as("too small").isEmpty();
        assertThat(rules.currentExpiry(version("a/x", 50, 0, both))).as("too big").isEmpty();
    }

    @Test
    void noncurrentVersionsExpireDaysAfterTheyStoppedBeingCurrent() {
        LifecycleEvaluator rules = rules(new LifecycleRule("nc", true, ALL, null, new NoncurrentExpiration(2, null), null));
        // written long ago, but replaced only on 10 January at 15:00: non-current for 2 days on 13 January 00:00
        ObjectVersion old = version("k", at("2013-01-01T00:00:00Z"));
        VersionState state = VersionState.noncurrent(old, at("2014-01-10T15:00:00Z"), 0);

        assertThat(rules.due(state, at("2014-01-12T23:59:59Z"))).isEmpty();
        assertThat(rules.due(state, at("2014-01-13T00:00:00Z"))).contains(new DueAction(Kind.EXPIRE_NONCURRENT, "nc"));
        assertThat(rules.due(VersionState.current(old, false), at("2015-01-01T00:00:00Z")))
                .as("noncurrent rules leave current versions alone").isEmpty();
    }

    @Test
    void newerNoncurrentVersionsAreKept() {
        LifecycleEvaluator rules = rules(new LifecycleRule("keep2", true, ALL, null, new NoncurrentExpiration(1, 2), null));
        ObjectVersion old = version("k", 0);
        long later = 10 * DAY;
        assertThat(rules.due(VersionState.noncurrent(old, 0, 0), later)).as("newest non-current").isEmpty();
        assertThat(rules.due(VersionState.noncurrent(old, 0, 1), later)).as("second newest").isEmpty();
        assertThat(rules.due(VersionState.noncurrent(old, 0, 2), later)).contains(new DueAction(Kind.EXPIRE_NONCURRENT, "keep2"));
        assertThat(rules.due(VersionState.noncurrent(old, 9 * DAY + 1, 5), later)).as("not non-current long enough").isEmpty();
    }

    @Test
    void nonCurrentDeleteMarkersExpireLikeVersions() {
        LifecycleEvaluator rules = rules(new LifecycleRule("nc", true, prefix("k"), null, new NoncurrentExpiration(1, null), null));
        assertThat(rules.due(VersionState.noncurrent(marker("k", 0), 0, 0), 2 * DAY))
                .contains(new DueAction(Kind.EXPIRE_NONCURRENT, "nc"));
    }

    @Test
    void expiredDeleteMarkersGoOnlyWhenTheyHideNoVersion() {
        LifecycleEvaluator rules = rules(new LifecycleRule("dm", true, prefix("logs/"), new Expiration(null, null, true), null, null));
        ObjectVersion marker = marker("logs/a", 5 * DAY);

        assertThat(rules.removesExpiredDeleteMarker("logs/a")).isTrue();
        assertThat(rules.removesExpiredDeleteMarker("data/a")).isFalse();
        assertThat(rules.due(VersionState.current(marker, true), 5 * DAY))
                .contains(new DueAction(Kind.REMOVE_DELETE_MARKER, "dm"));
        assertThat(rules.due(VersionState.current(marker, false), 50 * DAY)).isEmpty();
        assertThat(rules.due(VersionState.current(marker("data/a", 0), true), 50 * DAY)).isEmpty();
        assertThat(rules.currentExpiry(marker)).isEmpty();
    }

    @Test
    void expiredObjectDeleteMarkerFalseRemovesNothing() {
        LifecycleEvaluator rules = rules(new LifecycleRule("no", true, ALL, new Expiration(null, null, false), null, null));
        assertThat(rules.removesExpiredDeleteMarker("k")).isFalse();
        assertThat(rules.due(VersionState.current(marker("k", 0), true), 50 * DAY)).isEmpty();
    }

    @Test
    void daysRulesDoNotRemoveCurrentDeleteMarkers() {
        LifecycleEvaluator rules = rules(expireAfter("days", ALL, 1));
        assertThat(rules.due(VersionState.current(marker("k", 0), true), 50 * DAY)).isEmpty();
    }

    private static MultipartUpload upload(String key, long initiated) {
        return new MultipartUpload(key, "u" + initiated, initiated, "owner", Map.of(), Map.of(), null, null, null);
    }

    @Test
    void uploadsAreAbortedDaysAfterInitiationWhenTheirPrefixMatches() {
        LifecycleEvaluator rules = rules(new LifecycleRule("mp", true,
                new LifecycleFilter(Form.AND, "big/", List.of(), 1000L, null), null, null, 2));
        MultipartUpload upload = upload("big/file", at("2014-01-15T10:30:00Z"));

        assertThat(rules.abortsUploads()).isTrue();
        assertThat(rules.actsOnVersions()).isFalse();
        assertThat(rules.abortingRule(upload, at("2014-01-17T23:59:59Z"))).isEmpty();
        assertThat(rules.abortingRule(upload, at("2014-01-18T00:00:00Z"))).contains("mp");
        assertThat(rules.abortingRule(upload("small/file", 0), at("2020-01-01T00:00:00Z"))).isEqualTo(Optional.empty());
    }
}
