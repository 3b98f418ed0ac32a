package io.stowage.kube.populator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.stowage.kube.provision.ClaimRefusedException;
import io.stowage.populate.SizeReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PopulatorModelTest {

    private static final PopulatorNames NAMES = new PopulatorNames("populate-1234", "stowage-system");

    private static PersistentVolumeClaim claim(String size, Map<String, String> annotations) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withNamespace("team").withName("data").withUid("1234").withAnnotations(annotations)
                .endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName("fast").withVolumeMode("Filesystem")
                .withNewResources().withRequests(Map.of("storage", new Quantity(size))).endResources()
                .withNewDataSourceRef().withApiGroup("stowage.io").withKind("BucketSource").withName("imagenet")
                .endDataSourceRef()
                .endSpec().build();
    }

    private static ResolvedSource source() {
        return new ResolvedSource("https://s3.example:9000", "eu-west-1", "datasets", "imagenet/", List.of("**/*.jpg"),
                List.of("tmp/**"));
    }

    @Test
    void thePrimeClaimCopiesTheClaimsStorageAndTheSelectedNodeButNoDataSource() {
        var prime = PopulatorModel.primeClaim(claim("1Gi", Map.of(PopulatorAnnotations.SELECTED_NODE, "node-3",
                "other", "x")), NAMES);

        assertThat(prime.getMetadata().getName()).isEqualTo("populate-1234");
        assertThat(prime.getMetadata().getNamespace()).isEqualTo("stowage-system");
        assertThat(prime.getMetadata().getAnnotations()).containsExactly(Map.entry(PopulatorAnnotations.SELECTED_NODE, "node-3"));
        assertThat(prime.getMetadata().getLabels()).containsEntry(PopulatorNames.LABEL_NAMESPACE, "team")
                .containsEntry(PopulatorNames.LABEL_NAME, "data");
        assertThat(prime.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(prime.getSpec().getStorageClassName()).isEqualTo("fast");
        assertThat(prime.getSpec().getVolumeMode()).isEqualTo("Filesystem");
        assertThat(prime.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("1Gi"));
        assertThat(prime.getSpec().getDataSourceRef()).isNull();
        assertThat(prime.getSpec().getDataSource()).isNull();
    }

    @Test
    void withoutASelectedNodeThePrimeClaimHasNoAnnotation() {
        assertThat(PopulatorModel.primeClaim(claim("1Gi", Map.of()), NAMES).getMetadata().getAnnotations()).isEmpty();
    }

    @Test
    void thePodRunsOnTheSelectedNodeOfAWaitForFirstConsumerClaimAndAnywhereOtherwise() {
        assertThat(PopulatorModel.pod(claim("1Gi", Map.of(PopulatorAnnotations.SELECTED_NODE, "node-3")), source(), NAMES,
                "img", List.of()).getSpec().getNodeName()).isEqualTo("node-3");
        assertThat(PopulatorModel.pod(claim("1Gi", Map.of()), source(), NAMES, "img", List.of()).getSpec().getNodeName())
                .isNull();
    }

    @Test
    void thePodRunsPopulateOnThePrimeClaimWithTheSecretMountedReadOnlyAndNoSecretInItsArguments() {
        var pod = PopulatorModel.pod(claim("1Gi", Map.of()), source(), NAMES, "ghcr.io/stowage/stowage:1.2.3",
                List.of("registry-creds"));

        assertThat(pod.getMetadata().getName()).isEqualTo("populate-1234");
        assertThat(pod.getMetadata().getNamespace()).isEqualTo("stowage-system");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSpec().getImagePullSecrets()).extracting(r -> r.getName()).containsExactly("registry-creds");
        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
        var container = pod.getSpec().getContainers().getFirst();
        assertThat(container.getImage()).isEqualTo("ghcr.io/stowage/stowage:1.2.3");
        assertThat(container.getArgs()).containsExactly("populate", "--endpoint", "https://s3.example:9000", "--bucket",
                "datasets", "--prefix", "imagenet/", "--region", "eu-west-1", "--target", "/data", "--secret-dir", "/secret",
                "--include", "**/*.jpg", "--exclude", "tmp/**");
        assertThat(container.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("target");
            assertThat(m.getMountPath()).isEqualTo("/data");
        }).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("credentials");
            assertThat(m.getMountPath()).isEqualTo("/secret");
            assertThat(m.getReadOnly()).isTrue();
        });
        var volumes = pod.getSpec().getVolumes();
        assertThat(volumes).filteredOn(v -> v.getName().equals("target")).singleElement()
                .satisfies(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("populate-1234"));
        assertThat(volumes).filteredOn(v -> v.getName().equals("credentials")).singleElement().satisfies(v -> {
            assertThat(v.getSecret().getSecretName()).isEqualTo("populate-1234");
            assertThat(v.getSecret().getDefaultMode()).isEqualTo(0440);
        });
        assertThat(container.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
        assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    }

    @Test
    void thePodRunsAsANonRootUserThatOwnsTheVolumeThroughFsGroup() {
        var pod = PopulatorModel.pod(claim("1Gi", Map.of()), source(), NAMES, "image", List.of());

        var podSecurity = pod.getSpec().getSecurityContext();
        assertThat(podSecurity.getRunAsNonRoot()).isTrue();
        assertThat(podSecurity.getRunAsUser()).isEqualTo(65532L);
        assertThat(podSecurity.getFsGroup()).isEqualTo(65532L);
        assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        var containerSecurity = pod.getSpec().getContainers().getFirst().getSecurityContext();
        assertThat(containerSecurity.getAllowPrivilegeEscalation()).isFalse();
        assertThat(containerSecurity.getReadOnlyRootFilesystem()).isTrue();
        assertThat(containerSecurity.getCapabilities().getDrop()).containsExactly("ALL");
    }

    @Test
    void argumentsLeaveOutAnEmptyPrefixAndADefaultRegion() {
        assertThat(PopulatorModel.arguments(new ResolvedSource("http://s", null, "b", "", List.of(), List.of())))
                .containsExactly("populate", "--endpoint", "http://s", "--bucket", "b", "--target", "/data",
                        "--secret-dir", "/secret");
    }

    @Test
    void theCopiedSecretHoldsOnlyTheKeysTheWorkerReads() {
        var credentials = new SecretBuilder().withNewMetadata().withNamespace("team").withName("creds").endMetadata()
                .withData(Map.of("accessKeyID", "aWQ=", "secretAccessKey", "c2VjcmV0", "caBundle", "cGVt", "unrelated", "eA=="))
                .build();

        var copy = PopulatorModel.copiedSecret(claim("1Gi", Map.of()), credentials, NAMES);

        assertThat(copy.getMetadata().getNamespace()).isEqualTo("stowage-system");
        assertThat(copy.getMetadata().getName()).isEqualTo("populate-1234");
        assertThat(copy.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(copy.getData()).containsOnlyKeys("accessKeyID", "secretAccessKey", "caBundle");
    }

    @Test
    void theClaimRefNamesTheUsersClaimWithoutAResourceVersion() {
        var ref = PopulatorModel.claimRef(claim("1Gi", Map.of()));

        assertThat(ref.getKind()).isEqualTo("PersistentVolumeClaim");
        assertThat(ref.getNamespace()).isEqualTo("team");
        assertThat(ref.getName()).isEqualTo("data");
        assertThat(ref.getUid()).isEqualTo("1234");
        assertThat(ref.getResourceVersion()).isNull();
        assertThat(PopulatorModel.populatedFrom(claim("1Gi", Map.of()))).isEqualTo("team/imagenet");
    }

    @Test
    void theSizeCheckRefusesDataLargerThanTheRequestAndSaysBothSizes() {
        assertThat(SizeCheck.refusal(claim("1Ki", Map.of()), new SizeReport(3, 1024, 0))).isEmpty();
        assertThat(SizeCheck.refusal(claim("1Ki", Map.of()), new SizeReport(3, 1025, 0))).hasValueSatisfying(m ->
                assertThat(m).contains("1025 bytes in 3 objects").contains("1Ki (1024 bytes)"));
    }

    @Test
    void aSourceNamesExactlyOneOfEndpointAndObjectStore() throws Exception {
        BucketSourceSpec spec = new BucketSourceSpec();
        spec.setBucket("datasets");
        assertThatThrownBy(() -> ResolvedSource.of(spec, null)).isInstanceOf(ClaimRefusedException.class);
        spec.setEndpoint("http://a");
        spec.setObjectStoreRef("store");
        assertThatThrownBy(() -> ResolvedSource.of(spec, "http://b")).isInstanceOf(ClaimRefusedException.class);
        spec.setEndpoint(null);
        assertThat(ResolvedSource.of(spec, "http://store.team.svc:9000").endpoint()).isEqualTo("http://store.team.svc:9000");
    }

    @Test
    void onlyClaimsFromABucketSourcePassTheFilter() {
        assertThat(new BucketSourceClaimFilter().accept(claim("1Gi", Map.of()))).isTrue();
        var other = claim("1Gi", Map.of());
        other.getSpec().getDataSourceRef().setApiGroup("hello.example.com");
        assertThat(new BucketSourceClaimFilter().accept(other)).isFalse();
        other.getSpec().setDataSourceRef(null);
        assertThat(new BucketSourceClaimFilter().accept(other)).isFalse();
    }
}
