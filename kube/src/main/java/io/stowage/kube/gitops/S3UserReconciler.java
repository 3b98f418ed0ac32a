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
import io.stowage.kube.provision.SelectedSecretStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Keeps an account with one access key and its grants as an S3User declares them. A generated key is made once, written
 * to the Secret before the backend sees it, and never regenerated; a new value of {@link GitopsApi#ROTATE_ANNOTATION}
 * rotates it without downtime: the next key goes into the Secret (as {@code NEXT_...}), then onto the backend with the
 * grants, then becomes the Secret's key, and only then is the old key deleted. With keySource Secret the key is the
 * Secret's, and a changed Secret is applied the same way (new key first, old one deleted after), as soon as the Secret's
 * change is seen: the Secrets of the watched namespaces are watched for it (and only those an S3User takes its key from
 * are kept).
 *
 * <p>Drift (a key deleted by hand, a grant changed, a key added to the account) is put back on every reconcile and every
 * {@link GitopsSettings#resync()}, with a {@code DriftCorrected} event.
 */
@ControllerConfiguration(name = S3UserReconciler.NAME, retry = GenericRetry.class)
@GradualRetry(maxAttempts = -1, initialInterval = 2_000, intervalMultiplier = 2, maxInterval = 300_000)
public final class S3UserReconciler implements Reconciler<S3User>, Cleaner<S3User> {

    public static final String NAME = "gitops-s3user";
    /** How soon a grant on a bucket that does not exist yet is tried again: its S3Bucket is often applied alongside. */
    static final Duration MISSING_BUCKET_RECHECK = Duration.ofSeconds(10);
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
                    backend.deleteKey(key.id());
                    events.normal(user, "Rotated", "access key " + next.get().id() + " replaces " + key.id()
                            + ", which is deleted now that the Secret holds the new one");
                    key = next.get();
                    rotated = asked;
                }
            } else {
                key = data.flatMap(d -> KeySecret.key(d, "")).orElseThrow(() -> new MissingReferenceException("Secret "
                        + desired.secretName() + " holds no " + KeySecret.ACCESS_KEY_ID + " and " + KeySecret.SECRET_ACCESS_KEY));
            }
            changes.addAll(keys.converge(key));
            keys.deleteOthers(List.of(key.id())).forEach(id -> changes.add("key " + id + " deleted"));
            if (desired.quota().isPresent()) {
                BucketQuota actual = backend.accountQuota(desired.account()).orElse(BucketQuota.NONE);
                if (!actual.equals(desired.quota().get())) {
                    backend.setAccountQuota(desired.account(), desired.quota().get());
                    changes.add("account quota (was " + actual + ")");
                }
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
            ReadyCondition.set(status, user.getMetadata().getGeneration(), true, "Reconciled",
                    "account " + desired.account() + " with access key " + key.id() + " matches the spec", clock.instant());
            user.setStatus(status);
            return UpdateControl.patchStatus(user).rescheduleAfter(settings.resync());
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
     * generated Secret.
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
            events.warning(user, "AccountLeft", "account " + user.getStatus().getAccount() + " could not be deleted and is left: "
                    + e.getMessage());
            return DeleteControl.defaultDelete();
        } finally {
            MDC.clear();
        }
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
