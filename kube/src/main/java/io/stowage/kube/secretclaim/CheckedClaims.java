package io.stowage.kube.secretclaim;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When this process last made the backend hold what each claim Secret asks for, by the Secret's uid. A Secret
 * whose fingerprint matches is checked against the backend again (the idempotent ensure calls, which repair an
 * account or bucket deleted by hand) once its last check is {@code period} old: so once at start, when nothing
 * is recorded, and on the hourly resync; not on the reconciles its own annotation's patch or a label change cause.
 */
final class CheckedClaims {

    private final Duration period;
    /** Oldest check first: re-recording a uid moves it to the end. */
    private final Map<String, Instant> checked = new LinkedHashMap<>();

    CheckedClaims(Duration period) {
        this.period = period;
    }

    synchronized boolean due(String uid, Instant now) {
        Instant last = checked.get(uid);
        return last == null || !last.plus(period).isAfter(now);
    }

    /** Records a check, and forgets the checks that are due anyway (those of deleted Secrets among them). */
    synchronized void checked(String uid, Instant now) {
        checked.remove(uid);
        checked.put(uid, now);
        Iterator<Instant> oldestFirst = checked.values().iterator();
        while (oldestFirst.hasNext() && !oldestFirst.next().plus(period).isAfter(now)) {
            oldestFirst.remove();
        }
    }
}
