package io.stowage.kube.pvci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.stowage.backend.AccessKey;
import io.stowage.backend.AddressingStyle;
import io.stowage.backend.S3Endpoint;
import io.stowage.kube.model.SecretData;
import io.stowage.kube.populator.BucketSource;
import io.stowage.kube.pvci.PvciRequests.CreateRequest;
import io.stowage.kube.pvci.PvciRequests.S3Location;
import io.stowage.kube.pvci.PvciRequests.StatusRequest;
import io.stowage.populate.KeyFilter;
import io.stowage.populate.Populator;
import io.stowage.populate.SizeReport;
import io.stowage.populate.Source;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PVCi's REST API (POST /size, /create, /status with its JSON fields) on the volume populator, behind a bearer
 * token: {@code /create} makes the credentials Secret, a BucketSource naming it and a claim whose dataSourceRef
 * names the BucketSource, and the populator fills the claim.
 */
public final class PvciApi {

    /** What the API answers: a status and a JSON body. */
    public record Response(int status, byte[] body) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(PvciApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SIZE_ATTEMPTS = 3;
    static final String MANAGED_BY = "pvci.stowage.io/created-by";

    private final KubernetesClient client;
    private final byte[] token;
    private final int overagePercent;

    /** @param token the bearer token every request must carry */
    public PvciApi(KubernetesClient client, String token, int overagePercent) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the PVCi API needs a token");
        }
        this.client = client;
        this.token = token.strip().getBytes(StandardCharsets.UTF_8);
        this.overagePercent = overagePercent;
    }

    public Response handle(String method, String path, String authorization, byte[] body) {
        try {
            if (!authorized(authorization)) {
                throw new PvciException(401, "a valid bearer token is required");
            }
            return switch (path) {
                case "/size", "/create", "/status" -> {
                    if (!"POST".equals(method)) {
                        throw new PvciException(405, path + " takes POST");
                    }
                    yield switch (path) {
                        case "/size" -> json(200, size(PvciRequests.size(body)));
                        case "/create" -> create(PvciRequests.create(body));
                        default -> status(PvciRequests.status(body));
                    };
                }
                default -> throw new PvciException(404, "no route " + path + "; the routes are POST /size, /create, /status");
            };
        } catch (PvciException e) {
            return error(e.status(), e.getMessage());
        } catch (KubernetesClientException e) {
            LOG.warn("PVCi API {} {}: Kubernetes API error {}: {}", method, path, e.getCode(), e.getMessage());
            return error(502, "the Kubernetes API refused: " + (e.getStatus() == null ? e.getMessage()
                    : e.getStatus().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(503, "interrupted");
        } catch (RuntimeException e) {
            LOG.error("PVCi API {} {} failed", method, path, e);
            return error(500, "internal error");
        }
    }

    private boolean authorized(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token, authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, Object> size(S3Location location) throws PvciException, InterruptedException {
        SizeReport report = listing(location);
        return Map.of("objects", report.objects(), "bytes", report.bytes());
    }

    private SizeReport listing(S3Location location) throws PvciException, InterruptedException {
        Source source = new Source(new S3Endpoint(location.url(), Source.DEFAULT_REGION, AddressingStyle.PATH, null),
                new AccessKey(location.key(), location.secret()), location.bucket(), location.prefix());
        try {
            return Populator.size(source, KeyFilter.of(List.of(), List.of()), SIZE_ATTEMPTS);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new PvciException(502, "listing " + location.url() + " bucket " + location.bucket() + " failed: "
                    + e.getMessage());
        }
    }

    private Response create(CreateRequest request) throws PvciException, InterruptedException {
        if (client.persistentVolumeClaims().inNamespace(request.namespace()).withName(request.name()).get() != null) {
            throw new PvciException(409, "the claim " + request.namespace() + "/" + request.name() + " exists");
        }
        String secretName = request.name() + "-s3";
        // A Secret or BucketSource of these names that an earlier /create left is reused; anyone else's is not replaced.
        refuseForeign(client.secrets().inNamespace(request.namespace()).withName(secretName).get(), "Secret");
        refuseForeign(client.resources(BucketSource.class).inNamespace(request.namespace()).withName(request.name()).get(),
                "BucketSource");
        SizeReport report = listing(request.source());
        Quantity size = VolumeSize.of(report.bytes(), overagePercent);
        Secret secret = new SecretBuilder().withNewMetadata().withNamespace(request.namespace()).withName(secretName)
                .addToLabels(MANAGED_BY, "pvci-api").endMetadata()
                .withData(Map.of("accessKeyID", SecretData.encode(request.source().key()),
                        "secretAccessKey", SecretData.encode(request.source().secret())))
                .build();
        client.secrets().resource(secret).createOr(s -> s.update());
        BucketSource source = new BucketSource();
        source.getMetadata().setNamespace(request.namespace());
        source.getMetadata().setName(request.name());
        source.getMetadata().setLabels(Map.of(MANAGED_BY, "pvci-api"));
        source.getSpec().setEndpoint(request.source().url().toString());
        source.getSpec().setBucket(request.source().bucket());
        source.getSpec().setPrefix(request.source().prefix().isEmpty() ? null : request.source().prefix());
        source.getSpec().setCredentialsSecret(secretName);
        client.resource(source).createOr(s -> s.update());
        PersistentVolumeClaim claim = new PersistentVolumeClaimBuilder().withNewMetadata()
                .withNamespace(request.namespace()).withName(request.name()).addToLabels(MANAGED_BY, "pvci-api")
                .endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName(request.storageClass())
                .withNewResources().addToRequests("storage", size).endResources()
                .withNewDataSourceRef().withApiGroup(BucketSource.GROUP).withKind(BucketSource.KIND)
                .withName(request.name()).endDataSourceRef()
                .endSpec().build();
        try {
            client.resource(claim).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw new PvciException(409, "the claim " + request.namespace() + "/" + request.name() + " exists");
            }
            throw e;
        }
        LOG.info("PVCi API: claim {}/{} of {} from {} bucket {} prefix '{}'", request.namespace(), request.name(), size,
                request.source().url(), request.source().bucket(), request.source().prefix());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("namespace", request.namespace());
        answer.put("name", request.name());
        answer.put("secret", secretName);
        answer.put("bucket_source", request.name());
        answer.put("storage", size.toString());
        answer.put("objects", report.objects());
        answer.put("bytes", report.bytes());
        return json(201, answer);
    }

    private static void refuseForeign(HasMetadata existing, String kind) throws PvciException {
        if (existing != null && (existing.getMetadata().getLabels() == null
                || !"pvci-api".equals(existing.getMetadata().getLabels().get(MANAGED_BY)))) {
            throw new PvciException(409, "the " + kind + " " + existing.getMetadata().getNamespace() + "/"
                    + existing.getMetadata().getName() + " exists and was not made by this API: it is left alone");
        }
    }

    private Response status(StatusRequest request) throws PvciException {
        PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(request.namespace())
                .withName(request.name()).get();
        if (claim == null) {
            throw new PvciException(404, "no claim " + request.namespace() + "/" + request.name());
        }
        List<Event> events = client.v1().events().inNamespace(request.namespace()).list().getItems().stream()
                .filter(e -> e.getInvolvedObject() != null && "PersistentVolumeClaim".equals(e.getInvolvedObject().getKind())
                        && request.name().equals(e.getInvolvedObject().getName())
                        && (e.getInvolvedObject().getUid() == null
                                || e.getInvolvedObject().getUid().equals(claim.getMetadata().getUid())))
                .toList();
        return json(200, ClaimStatus.of(claim, events));
    }

    private static Response error(int status, String message) {
        return json(status, Map.of("error", message));
    }

    private static Response json(int status, Object body) {
        try {
            return new Response(status, JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an answer as JSON", e);
        }
    }
}
