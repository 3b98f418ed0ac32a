package io.stowage.kube.gitops;

import io.stowage.backend.s3.ObjectLockConfiguration;
import io.stowage.kube.provision.QuotaParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/** Where a bucket differs from what its S3Bucket asks: pure, so that what counts as drift is tested as a table. */
final class BucketDrift {

    /** One setting that differs, as events tell it. */
    enum Setting { QUOTA, VERSIONING, TAGS, POLICY, LIFECYCLE, CORS, OBJECT_LOCK }

    /** A setting that differs, with what the backend had. */
    record Difference(Setting setting, String found) {
        @Override
        public String toString() {
            String what = switch (setting) {
                case LIFECYCLE -> "lifecycle rules";
                case CORS -> "CORS rules";
                case OBJECT_LOCK -> "object lock default retention";
                default -> setting.name().toLowerCase(Locale.ROOT);
            };
            return what + " (was " + found + ")";
        }
    }

    private BucketDrift() {
    }

    static List<Difference> between(DesiredBucket desired, ActualBucket actual) {
        List<Difference> differences = new ArrayList<>();
        desired.quota().filter(q -> !q.equals(actual.quota()))
                .ifPresent(q -> differences.add(new Difference(Setting.QUOTA, QuotaParameters.describe(actual.quota()))));
        desired.versioning().filter(v -> !Optional.of(v).equals(actual.versioning()))
                .ifPresent(v -> differences.add(new Difference(Setting.VERSIONING,
                        actual.versioning().map(Enum::name).orElse("unknown").toLowerCase(Locale.ROOT))));
        if (!desired.tags().equals(actual.tags())) {
            TreeSet<String> changed = new TreeSet<>(desired.tags().keySet());
            changed.addAll(actual.tags().keySet());
            changed.removeIf(k -> Objects.equals(desired.tags().get(k), actual.tags().get(k)));
            differences.add(new Difference(Setting.TAGS, "different on " + String.join(", ", changed)));
        }
        desired.policy().filter(p -> !Optional.of(p).equals(actual.policy()))
                .ifPresent(p -> differences.add(new Difference(Setting.POLICY,
                        actual.policy().map(found -> found.isNull() ? "none" : "another document").orElse("unknown"))));
        desired.lifecycle().filter(rules -> !Optional.of(rules).equals(actual.lifecycle()))
                .ifPresent(rules -> differences.add(new Difference(Setting.LIFECYCLE, count(actual.lifecycle()))));
        desired.cors().filter(rules -> !Optional.of(rules).equals(actual.cors()))
                .ifPresent(rules -> differences.add(new Difference(Setting.CORS, count(actual.cors()))));
        // a bucket without object lock cannot get it: S3BucketReconciler refuses it before it looks for drift
        desired.objectLock().filter(lock -> !Optional.of(lock).equals(actual.objectLock()))
                .ifPresent(lock -> differences.add(new Difference(Setting.OBJECT_LOCK,
                        actual.objectLock().map(ObjectLockConfiguration::toString).orElse("unknown"))));
        return List.copyOf(differences);
    }

    private static String count(Optional<? extends List<?>> rules) {
        return rules.map(r -> r.isEmpty() ? "none" : r.size() == 1 ? "1 other rule" : r.size() + " other rules").orElse("unknown");
    }
}
