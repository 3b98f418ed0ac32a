package io.stowage.kube.model;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.stowage.kube.TestStores;
import io.stowage.kube.crd.ObjectStore;
import org.junit.jupiter.api.Test;

class StorageChangeTest {

    private final ObjectStore store = TestStores.stored("s3", "apps");
    private final StatefulSet existing = StatefulSetModel.desired(store, TestStores.effective(store), null);

    @Test
    void theSameStorageOrNoStatefulSetYetPasses() {
        assertThatCode(() -> StorageChange.check(existing, TestStores.effective(store))).doesNotThrowAnyException();
        assertThatCode(() -> StorageChange.check(null, TestStores.effective(store))).doesNotThrowAnyException();
        store.getSpec().getStorage().setSize("10240Mi");
        assertThatCode(() -> StorageChange.check(existing, TestStores.effective(store))).doesNotThrowAnyException();
    }

    @Test
    void aNewSizeIsRefused() {
        store.getSpec().getStorage().setSize("20Gi");

        assertThatThrownBy(() -> StorageChange.check(existing, TestStores.effective(store)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("spec.storage.size: fixed once the StatefulSet exists; it is 10Gi");
    }

    @Test
    void aNewStorageClassIsRefused() {
        store.getSpec().getStorage().setStorageClassName("fast");

        assertThatThrownBy(() -> StorageChange.check(existing, TestStores.effective(store)))
                .hasMessageContaining("spec.storage.storageClassName: fixed once the StatefulSet exists; it is the"
                        + " cluster default");
    }
}
