package io.stowage.s3.lifecycle;

import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.s3.lifecycle.LifecycleRule.Expiration;
import io.stowage.s3.lifecycle.LifecycleRule.NoncurrentExpiration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides what a bucket's enabled lifecycle rules ask be done to a version or an upload at a given instant. Pure: the
 * caller finds the facts (see {@link VersionState}) and applies the answer.
 */
public final class LifecycleEvaluator {

    private final List<LifecycleRule> rules;
    private final LifecycleTiming timing;

    public LifecycleEvaluator(LifecycleConfiguration configuration, LifecycleTiming timing) {
        this.rules = configuration.rules().stream().filter(LifecycleRule::enabled).toList();
        this.timing = timing;
    }

    /** Whether any rule expires versions or delete markers: otherwise a pass need not list the bucket's versions. */
    public boolean actsOnVersions() {
        return rules.stream().anyMatch(rule -> rule.expiration() != null || rule.noncurrentExpiration() != null);
    }

    /** Whether any rule aborts incomplete multipart uploads. */
    public boolean abortsUploads() {
        return rules.stream().anyMatch(rule -> rule.abortIncompleteUploadDays() != null);
    }

    /**
     * When the current version {@code version} expires under an Expiration rule with Days or Date, the earliest when
     * several match; empty for delete markers and objects no such rule matches.
     */
    public Optional<Expiry> currentExpiry(ObjectVersion version) {
        if (version.deleteMarker()) {
            return Optional.empty();
        }
        Expiry earliest = null;
        for (LifecycleRule rule : rules) {
            Expiration expiration = rule.expiration();
            if (expiration == null || !matches(rule, version)) {
                continue;
            }
            Long at = expiration.days() != null
                    ? Long.valueOf(timing.after(version.lastModifiedMillis(), expiration.days()))
                    : expiration.dateMillis();
            if (at != null && (earliest == null || at < earliest.atMillis())) {
                earliest = new Expiry(at, rule.id());
            }
        }
        return Optional.ofNullable(earliest);
    }

    /** What is due for the version at {@code nowMillis}, if anything. */
    public Optional<DueAction> due(VersionState state, long nowMillis) {
        ObjectVersion version = state.version();
        if (state.current() && version.deleteMarker()) {
            return state.onlyVersion()
                    ? firstRule(rule -> removesMarkersOf(rule, version.key()), DueAction.Kind.REMOVE_DELETE_MARKER)
                    : Optional.empty();
        }
        if (state.current()) {
            return currentExpiry(version).filter(expiry -> expiry.atMillis() <= nowMillis)
                    .map(expiry -> new DueAction(DueAction.Kind.EXPIRE_CURRENT, expiry.ruleId()));
        }
        return firstRule(rule -> {
            NoncurrentExpiration noncurrent = rule.noncurrentExpiration();
            return noncurrent != null && matches(rule, version)
                    && state.newerNoncurrentVersions() >= noncurrent.versionsKept()
                    && timing.after(state.noncurrentSinceMillis(), noncurrent.noncurrentDays()) <= nowMillis;
        }, DueAction.Kind.EXPIRE_NONCURRENT);
    }

    /**
     * Whether a rule removes expired delete markers of this key: only then is it worth finding out whether a current
     * delete marker is the key's only version.
     */
    public boolean removesExpiredDeleteMarker(String key) {
        return rules.stream().anyMatch(rule -> removesMarkersOf(rule, key));
    }

    /** The rule that aborts this upload at {@code nowMillis}, if one does. */
    public Optional<String> abortingRule(MultipartUpload upload, long nowMillis) {
        for (LifecycleRule rule : rules) {
            Integer days = rule.abortIncompleteUploadDays();
            if (days != null && rule.filter().matchesUpload(upload.key())
                    && timing.after(upload.initiatedMillis(), days) <= nowMillis) {
                return Optional.of(rule.id());
            }
        }
        return Optional.empty();
    }

    /** Filters see a delete marker as an object of size 0 without tags. */
    private static boolean removesMarkersOf(LifecycleRule rule, String key) {
        return rule.expiration() != null && rule.expiration().removesExpiredDeleteMarkers()
                && rule.filter().matches(key, 0, Map.of());
    }

    private static boolean matches(LifecycleRule rule, ObjectVersion version) {
        return rule.filter().matches(version.key(), version.size(), version.tags());
    }

    private Optional<DueAction> firstRule(Predicate<LifecycleRule> applies, DueAction.Kind kind) {
        for (LifecycleRule rule : rules) {
            if (applies.test(rule)) {
                return Optional.of(new DueAction(kind, rule.id()));
            }
        }
        return Optional.empty();
    }
}
