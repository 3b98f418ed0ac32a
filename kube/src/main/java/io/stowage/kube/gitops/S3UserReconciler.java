package io.stowage.kube.gitops;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.stowage.backend.AccessKey;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BackendException;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketQuota;
import io.stowage.kube.model.MissingReferenceException;
import io.stowage.kube.provision.BackendResolver;
import io.stowage.kube.provision.ClaimRefusedException;
import io.stowage.kube.provision.KubeEvents;
import io.stowage.kube.provision.ObjectStores;
import io.stowage.kube.provision.RetiringKey;
import io.stowage.kube.provision.SelectedSecretStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Keeps an account with one access key and its grants as an S3User declares them. A generated key is made once, written
 * to the Secret before the backend sees it, and never regenerated; a new value of {@link GitopsApi#ROTATE_ANNOTATION}
 * rotates it without downtime: the next key goes into the Secret (as {@code NEXT_...}), then onto the backend with the
 * grants, then becomes the Secret's key, and the old key is deleted {@link GitopsSettings#rotationGrace()} later, once
 * clients have reread the Secret. With keySource Secret the key is the Secret's, and a changed Secret is applied the same
 * way (new key first, old one deleted after the grace), as soon as the Secret's change is seen: the Secrets of the watched namespaces are watched for it (and only those an S3User takes its key from
 * are kept).
 *
 * <p>Drift (a key deleted by hand, a grant changed, a key added to the account) is put back on every reconcile and every
 * {@link GitopsSettings#resync()}, with a {@code DriftCorrected} event. The keys an adopted account had before are its
 * clients' and are left working ({@link S3UserStatus#getAdoptedKeys()}).
 */
@ControllerConfiguration(name = S3UserReconciler.NAME, retry = GenericRetry.class)
@GradualRetry(maxAttempts = -1, initialInterval = 2_000, intervalMultiplier = 2, maxInterval = 300_000)
public final class S3UserReconciler implements Reconciler<S3User>, Cleaner<S3User> {

    public static final String NAME = "gitops-s3user";
    /** How soon a grant on a bucket that does not exist yet is tried again: its S3Bucket is often applied alongside. */
    static final Duration MISSING_BUCKET_RECHECK = Duration.ofSeconds(10);
    /** The reason an S3User with deletionPolicy Delete waits for its account's buckets to go. */
    static final String ACCOUNT_OWNS_BUCKETS = "AccountOwnsBuckets";
    private static final Duration MIN_DELETE_RECHECK = Duration.ofSeconds(2);
    private static final Duration MAX_DELETE_RECHECK = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(S3UserReconciler.class);

    private final KubernetesClient client;
    private final GitopsBackends backends;
    private final KubeEvents events;
    private final Clock clock;
    private final GitopsSettings settings;

    public S3UserReconciler(KubernetesClient client, BackendResolver resolver, ObjectStores stores, KubeEvents events,
            Clock clock, GitopsSettings settings) {
        this.client = client;
        this.backends = new GitopsBackends(client, resolver, stores, settings);
        this.events = events;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public UpdateControl<S3User> reconcile(S3User user, Context<S3User> context) {
        logContext(user);
        try {
            DesiredUser desired = DesiredUser.of(user);
            BucketBackend backend = backends.resolve(user, user.getSpec().getBackendRef()).backend();
            checkCapabilities(desired, backend);
            S3UserStatus before = user.getStatus();
            String rotated = before == null ? null : before.getRotated();
            UserKeys keys = new UserKeys(backend, desired);
            KeySecret secret = new KeySecret(client, user, desired.secretName());
            Optional<Map<String, String>> data = secret.read();
            List<String> adopted = adoptedKeys(before, backend, desired, data);
            AccessKey key;
            List<String> changes = new ArrayList<>();
            if (desired.generateKey()) {
                Optional<AccessKey> current = data.flatMap(d -> KeySecret.key(d, ""));
                if (current.isEmpty()) {
                    key = backend.newKey();
                    secret.write(key, Optional.empty(), backend.endpoint());
                } else {
                    key = current.get();
                }
                String asked = annotation(user);
                Optional<AccessKey> next = data.flatMap(d -> KeySecret.key(d, KeySecret.NEXT));
                if (next.isEmpty() && asked != null && !asked.equals(rotated)) {
                    next = Optional.of(backend.newKey());
                    secret.write(key, next, backend.endpoint());
                }
                if (next.isPresent()) {
                    keys.converge(next.get());
                    secret.write(next.get(), Optional.empty(), backend.endpoint());
                    events.normal(user, "Rotated", "access key " + next.get().id() + " replaces " + key.id()
                            + " in the Secret; " + key.id() + " keeps working for " + settings.rotationGrace()
                            + ", while clients reread the Secret, and is deleted then");
                    key = next.get();
                    rotated = asked;
                }
            } else {
                key = data.flatMap(d -> KeySecret.key(d, "")).orElseThrow(() -> new MissingReferenceException("Secret "
                        + desired.secretName() + " holds no " + KeySecret.ACCESS_KEY_ID + " and " + KeySecret.SECRET_ACCESS_KEY));
            }
            changes.addAll(keys.converge(key));
            List<String> keep = new ArrayList<>(adopted);
            keep.add(key.id());
            Optional<RetiringKey> retiring = retire(user, before, backend, desired, key, adopted);
            retiring.map(RetiringKey::id).ifPresent(keep::add);
            keys.deleteOthers(keep).forEach(id -> changes.add("key " + id + " deleted"));
            if (desired.quota().isPresent()) {
                BucketQuota actual = backend.accountQuota(desired.account()).orElse(BucketQuota.NONE);
                if (!actual.equals(desired.quota().get())) {
                    backend.setAccountQuota(desired.account(), desired.quota().get());
                    changes.add("account quota (was " + actual + ")");
                }
            }
            if ((before == null || before.getAccessKeyId() == null) && !adopted.isEmpty()) {
                events.normal(user, "Adopted", "existing account " + desired.account() + " adopted; its keys "
                        + String.join(", ", adopted) + " are left working");
            }
            report(user, desired, before, key, changes);

            S3UserStatus status = new S3UserStatus();
            if (before != null) {
                status.setConditions(before.getConditions());
            }
            status.setAccount(desired.account());
            status.setAccessKeyId(key.id());
            status.setGrants(keys.observedGrants(key.id()).stream().map(DesiredUser::describe).sorted().toList());
            status.setRotated(rotated);
            status.setAdoptedKeys(adopted);
            retiring.ifPresent(r -> {
                status.setRetiringKey(r.id());
                status.setRetireAt(r.at().toString());
            });
            ReadyCondition.set(status, user.getMetadata().getGeneration(), true, "Reconciled",
                    "account " + desired.account() + " with access key " + key.id() + " matches the spec", clock.instant());
            user.setStatus(status);
            Duration next = retiring.map(r -> r.untilDue(clock.instant())).filter(until -> until.compareTo(settings.resync()) < 0)
                    .orElse(settings.resync());
            return UpdateControl.patchStatus(user).rescheduleAfter(next);
        } catch (ClaimRefusedException e) {
            return refused(user, e.reason(), e.getMessage(), null);
        } catch (MissingReferenceException e) {
            return refused(user, "ReferenceMissing", e.getMessage(), S3BucketReconciler.RECHECK);
        } catch (BackendException e) {
            return switch (e.reason()) {
                case UNAVAILABLE -> throw e;
                case UNSUPPORTED -> refused(user, "Unsupported", e.getMessage(), null);
                case NOT_FOUND -> refused(user, "BucketMissing", e.getMessage(), MISSING_BUCKET_RECHECK);
                case UNAUTHORIZED -> refused(user, "BackendUnauthorized", e.getMessage(), S3BucketReconciler.RECHECK);
                default -> refused(user, "BackendRefused", e.getMessage(), S3BucketReconciler.RECHECK);
            };
        } finally {
            MDC.clear();
        }
    }

    /**
     * The key the Secret held before its key changed (a rotation, or a keySource Secret given a new key) keeps working for
     * {@link GitopsSettings#rotationGrace()}, so that clients reread the Secret before it goes; once that is over it is
     * deleted here. A second change within the grace retires the older key at once.
     */
    private Optional<RetiringKey> retire(S3User user, S3UserStatus before, BucketBackend backend, DesiredUser desired, AccessKey key,
            List<String> adopted) {
        Instant now = clock.instant();
        List<String> present = backend.keys(desired.account());
        String retiring = before == null ? null : before.getRetiringKey();
        Instant at = before == null || before.getRetireAt() == null ? null : Instant.parse(before.getRetireAt());
        String previous = before == null ? null : before.getAccessKeyId();
        if (previous != null && !previous.equals(key.id()) && !previous.equals(retiring) && !adopted.contains(previous)
                && present.contains(previous)) {
            if (retiring != null && present.contains(retiring)) {
                backend.deleteKey(retiring);
                events.normal(user, "KeyRetired", "access key " + retiring + " deleted: the Secret changed again");
            }
            retiring = previous;
            at = now.plus(settings.rotationGrace());
        }
        if (retiring == null || at == null || retiring.equals(key.id()) || !present.contains(retiring)) {
            return Optional.empty();
        }
        RetiringKey kept = new RetiringKey(retiring, at);
        if (!kept.inGrace(now)) {
            backend.deleteKey(retiring);
            events.normal(user, "KeyRetired", "access key " + retiring + " deleted, " + settings.rotationGrace()
                    + " after the Secret got access key " + key.id());
            return Optional.empty();
        }
        return Optional.of(kept);
    }

    /**
     * The keys of an adopted account that the operator leaves working: those it had before the first reconcile of this
     * S3User (other than the Secret's), which may serve the account's clients; later, those of them still there.
     */
    private static List<String> adoptedKeys(S3UserStatus before, BucketBackend backend, DesiredUser desired,
            Optional<Map<String, String>> data) {
        List<String> present = backend.keys(desired.account());
        if (before != null && before.getAccessKeyId() != null) {
            return before.getAdoptedKeys().stream().filter(present::contains).toList();
        }
        Set<String> secrets = data.stream().flatMap(d -> Stream.of(KeySecret.key(d, ""), KeySecret.key(d, KeySecret.NEXT)))
                .flatMap(Optional::stream).map(AccessKey::id).collect(Collectors.toSet());
        return present.stream().filter(id -> !secrets.contains(id)).sorted().toList();
    }

    private void report(S3User user, DesiredUser desired, S3UserStatus before, AccessKey key, List<String> changes) {
        if (changes.isEmpty()) {
            return;
        }
        String what = String.join(", ", changes);
        if (before == null || before.getAccessKeyId() == null) {
            events.normal(user, "Provisioned", "account " + desired.account() + ": " + what);
        } else if (!Objects.equals(before.getObservedGeneration(), user.getMetadata().getGeneration())
                || !key.id().equals(before.getAccessKeyId())) {
            events.normal(user, "Updated", "account " + desired.account() + ": " + what);
        } else {
            LOG.info("Put back on account {} what was changed by hand: {}", desired.account(), what);
            events.normal(user, "DriftCorrected", "account " + desired.account() + " was changed by hand; put back: " + what);
        }
    }

    /** Refuses, before anything is made, what the backend cannot do; write-only and prefix grants as BackendException. */
    private static void checkCapabilities(DesiredUser desired, BucketBackend backend) throws ClaimRefusedException {
        var capabilities = backend.capabilities();
        desired.grants().forEach(g -> capabilities.requireGrant(backend.toString(), g));
        if (!capabilities.readOnlyGrants() && desired.grants().stream().anyMatch(g -> g.mode() == AccessMode.READ_ONLY)) {
            throw new ClaimRefusedException("Unsupported", "backend " + backend + " has no read-only grants");
        }
        if (!capabilities.multiBucketGrants() && desired.grants().size() > 1) {
            throw new ClaimRefusedException("Unsupported", "backend " + backend + " grants a key one bucket only");
        }
        if (!capabilities.accountQuota() && desired.quota().isPresent()) {
            throw new ClaimRefusedException("Unsupported", "backend " + backend + " has no account quotas: drop the"
                    + " S3User's quota, or give its buckets quotas");
        }
    }

    private static String annotation(S3User user) {
        Map<String, String> annotations = user.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(GitopsApi.ROTATE_ANNOTATION);
    }

    /** A keySource Secret's change concerns the S3Users that take their key from it: at once, not at the next resync. */
    @Override
    public List<EventSource<?, S3User>> prepareEventSources(EventSourceContext<S3User> context) {
        return List.of(new InformerEventSource<>(InformerEventSourceConfiguration.from(Secret.class, S3User.class)
                .withItemStore(new SelectedSecretStore(secret -> !keyUsers(context, secret).isEmpty()))
                .withSecondaryToPrimaryMapper(secret -> keyUsers(context, secret))
                .build(), context));
    }

    /** The S3Users that take their key from the Secret. */
    private static Set<ResourceID> keyUsers(EventSourceContext<S3User> context, Secret secret) {
        return context.getPrimaryCache().list(secret.getMetadata().getNamespace(), u -> !DesiredUser.generatesKey(u.getSpec())
                        && secret.getMetadata().getName().equals(u.getSpec().getSecretName()))
                .map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    /**
     * As the deletionPolicy says: Retain leaves the account and its keys, and a generated Secret no longer owned (so that
     * the garbage collector leaves it, with the one copy of the key); Delete deletes the account with its keys, and a
     * generated Secret; an account that still owns buckets is left, and the S3User with it, until they are gone
     * ({@link #ownsBuckets}).
     */
    @Override
    public DeleteControl cleanup(S3User user, Context<S3User> context) {
        logContext(user);
        try {
            S3UserStatus status = user.getStatus();
            if (status == null || status.getAccount() == null) {
                return DeleteControl.defaultDelete();
            }
            String secretName = user.getSpec().getSecretName();
            boolean generated = DesiredUser.generatesKey(user.getSpec()) && secretName != null && !secretName.isBlank();
            KeySecret secret = new KeySecret(client, user, secretName);
            if (!"Delete".equals(user.getSpec().getDeletionPolicy())) {
                if (generated) {
                    secret.disown();
                }
                events.normal(user, "Retained", "account " + status.getAccount() + " left with its keys (deletionPolicy"
                        + " Retain)" + (generated ? "; Secret " + secretName + " kept with the key" : ""));
                return DeleteControl.defaultDelete();
            }
            BucketBackend backend = backends.resolve(user, user.getSpec().getBackendRef()).backend();
            backend.deleteAccount(status.getAccount());
            if (generated) {
                secret.delete();
            }
            events.normal(user, "Deleted", "account " + status.getAccount() + " deleted with its keys (deletionPolicy Delete)");
            return DeleteControl.defaultDelete();
        } catch (ClaimRefusedException | MissingReferenceException e) {
            events.warning(user, "DeletionBlocked", e.getMessage() + "; the account is left until the backend is reachable");
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(S3BucketReconciler.RECHECK);
        } catch (BackendException e) {
            if (e.retryable()) {
                throw e;
            }
            if (e.reason() == BackendException.Reason.CONFLICT) {
                return ownsBuckets(user, e);
            }
            events.warning(user, "AccountLeft", "account " + user.getStatus().getAccount() + " could not be deleted and is left: "
                    + e.getMessage());
            return DeleteControl.defaultDelete();
        } finally {
            MDC.clear();
        }
    }

    /**
     * deletionPolicy Delete on an account that still owns buckets, which the backend does not delete: the S3User stays,
     * Ready=False with reason {@value #ACCOUNT_OWNS_BUCKETS} and a Warning event, and deleting is tried again after as long
     * as it has been refused so far (from two seconds up to five minutes), so that it goes soon after its buckets do.
     */
    private DeleteControl ownsBuckets(S3User user, BackendException e) {
        String account = user.getStatus().getAccount();
        String message = "account " + account + " still owns buckets, and the backend deletes no account that does:"
                + " delete its buckets or hand them over to another account first; the S3User is deleted once it can be ("
                + e.getMessage() + ")";
        Instant now = clock.instant();
        Duration refusedFor = Duration.ZERO;
        if (ACCOUNT_OWNS_BUCKETS.equals(ReadyCondition.reason(user.getStatus()))) {
            refusedFor = Duration.between(ReadyCondition.since(user.getStatus(), now), now);
        }
        if (!ACCOUNT_OWNS_BUCKETS.equals(ReadyCondition.reason(user.getStatus()))
                || !message.equals(user.getStatus().getLastError())) {
            events.warning(user, ACCOUNT_OWNS_BUCKETS, message);
            client.resources(S3User.class).inNamespace(user.getMetadata().getNamespace())
                    .withName(user.getMetadata().getName()).editStatus(u -> {
                        S3UserStatus status = u.getStatus() == null ? new S3UserStatus() : u.getStatus();
                        ReadyCondition.set(status, u.getMetadata().getGeneration(), false, ACCOUNT_OWNS_BUCKETS, message, now);
                        u.setStatus(status);
                        return u;
                    });
        }
        Duration recheck = refusedFor.compareTo(MIN_DELETE_RECHECK) < 0 ? MIN_DELETE_RECHECK
                : refusedFor.compareTo(MAX_DELETE_RECHECK) > 0 ? MAX_DELETE_RECHECK : refusedFor;
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(recheck);
    }

    @Override
    public ErrorStatusUpdateControl<S3User> updateErrorStatus(S3User user, Context<S3User> context, Exception e) {
        LOG.warn("S3User {}/{}: reconcile failed, retrying with backoff: {}", user.getMetadata().getNamespace(),
                user.getMetadata().getName(), e.getMessage());
        S3UserStatus status = user.getStatus() == null ? new S3UserStatus() : user.getStatus();
        ReadyCondition.set(status, user.getMetadata().getGeneration(), false,
                e instanceof BackendException ? "BackendUnavailable" : "ReconcileFailed", String.valueOf(e.getMessage()),
                clock.instant());
        user.setStatus(status);
        return ErrorStatusUpdateControl.patchStatus(user);
    }

    private UpdateControl<S3User> refused(S3User user, String reason, String message, Duration recheck) {
        LOG.warn("S3User {}/{} not reconciled ({}): {}", user.getMetadata().getNamespace(), user.getMetadata().getName(),
                reason, message);
        S3UserStatus before = user.getStatus();
        if (before == null || !reason.equals(ReadyCondition.reason(before)) || !message.equals(before.getLastError())
                || !Objects.equals(before.getObservedGeneration(), user.getMetadata().getGeneration())) {
            events.warning(user, reason, message);
        }
        S3UserStatus status = before == null ? new S3UserStatus() : before;
        ReadyCondition.set(status, user.getMetadata().getGeneration(), false, reason, message, clock.instant());
        user.setStatus(status);
        UpdateControl<S3User> control = UpdateControl.patchStatus(user);
        return recheck == null ? control : control.rescheduleAfter(recheck);
    }

    private static void logContext(S3User user) {
        MDC.put("kind", "S3User");
        MDC.put("ns", user.getMetadata().getNamespace());
        MDC.put("name", user.getMetadata().getName());
    }
}
