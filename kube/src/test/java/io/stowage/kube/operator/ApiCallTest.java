package io.stowage.kube.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ApiCallTest {

    private static ApiCall call(String method, String url) {
        return ApiCall.of(method, URI.create("https://10.0.0.1:6443" + url));
    }

    @Test
    void readsVerbGroupResourceAndNamespaceOffTheRequest() {
        assertThat(call("GET", "/api/v1/namespaces/apps/secrets/photos"))
                .isEqualTo(new ApiCall("get", "", "secrets", "apps"));
        assertThat(call("GET", "/api/v1/namespaces/apps/secrets?labelSelector=x"))
                .isEqualTo(new ApiCall("list", "", "secrets", "apps"));
        assertThat(call("GET", "/apis/objectstorage.k8s.io/v1alpha1/bucketclaims?allowWatchBookmarks=true&watch=true"))
                .isEqualTo(new ApiCall("watch", "objectstorage.k8s.io", "bucketclaims", null));
        assertThat(call("PATCH", "/apis/objectstorage.k8s.io/v1alpha1/namespaces/apps/bucketaccesses/a/status"))
                .isEqualTo(new ApiCall("patch", "objectstorage.k8s.io", "bucketaccesses/status", "apps"));
        assertThat(call("PUT", "/apis/objectstorage.k8s.io/v1alpha1/buckets/bucket-1/status"))
                .isEqualTo(new ApiCall("update", "objectstorage.k8s.io", "buckets/status", null));
        assertThat(call("POST", "/api/v1/namespaces/default/events"))
                .isEqualTo(new ApiCall("create", "", "events", "default"));
        assertThat(call("DELETE", "/apis/objectstorage.k8s.io/v1alpha1/namespaces/apps/bucketaccesses/a"))
                .isEqualTo(new ApiCall("delete", "objectstorage.k8s.io", "bucketaccesses", "apps"));
        assertThat(call("DELETE", "/api/v1/namespaces/apps/secrets"))
                .isEqualTo(new ApiCall("deletecollection", "", "secrets", "apps"));
    }

    @Test
    void namespacesThemselvesAreClusterScoped() {
        assertThat(call("GET", "/api/v1/namespaces/apps")).isEqualTo(new ApiCall("get", "", "namespaces", null));
        assertThat(call("GET", "/api/v1/namespaces")).isEqualTo(new ApiCall("list", "", "namespaces", null));
    }

    @Test
    void aPathWithoutAResourceIsKeptAsItIs() {
        assertThat(call("GET", "/version")).isEqualTo(new ApiCall("get", null, "/version", null));
        assertThat(call("GET", "/apis/objectstorage.k8s.io/v1alpha1")).isEqualTo(
                new ApiCall("get", null, "/apis/objectstorage.k8s.io/v1alpha1", null));
    }

    @Test
    void aCallMovesToAnotherNamespace() {
        ApiCall call = new ApiCall("get", "", "secrets", "stowage-it-1");
        assertThat(call.movedFrom("stowage-it-1", "apps")).isEqualTo(new ApiCall("get", "", "secrets", "apps"));
        assertThat(call.movedFrom("other", "apps")).isEqualTo(call);
    }
}
