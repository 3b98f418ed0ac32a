package io.stowage.kube.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.stowage.kube.crd.ObjectStore;
import io.stowage.kube.crd.ObjectStoreStatus;
import io.stowage.kube.model.EffectiveSpec;
import io.stowage.kube.model.InvalidSpecException;
import io.stowage.kube.model.Labels;
import io.stowage.kube.model.MissingReferenceException;
import io.stowage.kube.model.SpecValidator;
import io.stowage.kube.model.StatusModel;
import io.stowage.kube.provision.KubeEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Reconciles an ObjectStore: validates it, writes what it owns, and reports the outcome in its status.
 * An invalid spec is reported and waits for the user; any other failure propagates, so that JOSDK
 * retries with backoff after {@link #updateErrorStatus} has reported it.
 *
 * <p>It reconciles at least hourly, so that certificates are renewed and deleted objects come back
 * even when no event arrives; and while a cluster's members are changing, or could not be changed,
 * every {@link #MEMBERSHIP_RECHECK}.
 */
@ControllerConfiguration(name = ObjectStoreReconciler.NAME,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 1, timeUnit = TimeUnit.HOURS))
public final class ObjectStoreReconciler implements Reconciler<ObjectStore> {

    static final String NAME = "objectstore";
    /** How soon a spec naming a missing Secret (or API) is checked again: the fix is outside the spec. */
    static final Duration MISSING_REFERENCE_RECHECK = Duration.ofMinutes(1);
    /** How soon a cluster whose members are not yet the pods asked for is looked at again. */
    static final Duration MEMBERSHIP_RECHECK = Duration.ofSeconds(15);
    private static final int MAX_MESSAGE_LENGTH = 500;

    private static final Logger LOG = LoggerFactory.getLogger(ObjectStoreReconciler.class);

    private final OwnedResources owned;
    private final Clock clock;
    private final String defaultImage;

    /**
     * @param adminEndpoints where the admin API of a pod is, by its host name
     * @param events where member changes are recorded
     */
    ObjectStoreReconciler(KubernetesClient client, Clock clock, String defaultImage, AdminEndpoints adminEndpoints,
            KubeEvents events) {
        this.owned = new OwnedResources(client, clock, new ClusterMembership(client, adminEndpoints, events));
        this.clock = clock;
        this.defaultImage = defaultImage;
    }

    @Override
    public UpdateControl<ObjectStore> reconcile(ObjectStore store, Context<ObjectStore> context) {
        setLogContext(store);
        try {
            EffectiveSpec spec = SpecValidator.validate(store, defaultImage);
            OwnedResources.Written written = owned.write(store, spec);
            UpdateControl<ObjectStore> control = patchIfChanged(store, StatusModel.observed(store, spec,
                    written.statefulSet(), written.membership(), clock.instant()));
            boolean unsettled = written.membership() != null && written.membership().unsettled();
            return unsettled ? control.rescheduleAfter(MEMBERSHIP_RECHECK) : control;
        } catch (InvalidSpecException e) {
            LOG.warn("ObjectStore {}/{}: invalid spec: {}", store.getMetadata().getNamespace(),
                    store.getMetadata().getName(), e.getMessage());
            UpdateControl<ObjectStore> control =
                    patchIfChanged(store, StatusModel.invalidSpec(store, e.getMessage(), clock.instant()));
            return e instanceof MissingReferenceException ? control.rescheduleAfter(MISSING_REFERENCE_RECHECK) : control;
        } finally {
            clearLogContext();
        }
    }

    @Override
    public ErrorStatusUpdateControl<ObjectStore> updateErrorStatus(ObjectStore store, Context<ObjectStore> context,
            Exception e) {
        setLogContext(store);
        try {
            LOG.warn("ObjectStore {}/{}: reconcile failed, retrying with backoff", store.getMetadata().getNamespace(),
                    store.getMetadata().getName(), e);
            store.setStatus(StatusModel.reconcileFailed(store, message(e), clock.instant()));
            return ErrorStatusUpdateControl.patchStatus(store);
        } finally {
            clearLogContext();
        }
    }

    /**
     * The operator's writes and the objects' status changes come back as events. The informers watch
     * only objects with the operator's label, and map them to their ObjectStore by the instance label:
     * this covers the Secret cert-manager writes, which has no owner reference.
     */
    @Override
    public List<EventSource<?, ObjectStore>> prepareEventSources(EventSourceContext<ObjectStore> context) {
        return List.of(informer(StatefulSet.class, context), informer(Service.class, context),
                informer(Secret.class, context), informer(PodDisruptionBudget.class, context));
    }

    private static <R extends HasMetadata> InformerEventSource<R, ObjectStore> informer(Class<R> type,
            EventSourceContext<ObjectStore> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, ObjectStore.class)
                .withLabelSelector(Labels.MANAGED_SELECTOR)
                .withSecondaryToPrimaryMapper(r -> Set.of(new ResourceID(
                        r.getMetadata().getLabels().get(Labels.INSTANCE), r.getMetadata().getNamespace())))
                .build(), context);
    }

    private static UpdateControl<ObjectStore> patchIfChanged(ObjectStore store, ObjectStoreStatus status) {
        if (status.equals(store.getStatus())) {
            return UpdateControl.noUpdate();
        }
        store.setStatus(status);
        return UpdateControl.patchStatus(store);
    }

    private static String message(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH) + "…";
    }

    private static void setLogContext(ObjectStore store) {
        MDC.put("kind", store.getKind());
        MDC.put("ns", store.getMetadata().getNamespace());
        MDC.put("name", store.getMetadata().getName());
    }

    private static void clearLogContext() {
        MDC.remove("kind");
        MDC.remove("ns");
        MDC.remove("name");
    }
}
