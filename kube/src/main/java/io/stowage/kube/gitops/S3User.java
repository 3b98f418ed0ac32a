package io.stowage.kube.gitops;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** An account on a backend with its access key and grants, declared for a platform team (docs/gitops.md). */
@Group(GitopsApi.GROUP)
@Version(GitopsApi.VERSION)
@Kind("S3User")
@Plural("s3users")
@Singular("s3user")
@AdditionalPrinterColumn(name = "Account", type = Type.STRING, jsonPath = ".status.account")
@AdditionalPrinterColumn(name = "Ready", type = Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Reason", type = Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason")
@AdditionalPrinterColumn(name = "Age", type = Type.DATE, jsonPath = ".metadata.creationTimestamp")
public class S3User extends CustomResource<S3UserSpec, S3UserStatus> implements Namespaced {

    @Override
    protected S3UserSpec initSpec() {
        return new S3UserSpec();
    }

    /** The account's name: the spec's, or NAMESPACE.NAME. */
    public String account() {
        String named = getSpec().getAccount();
        return named == null || named.isBlank() ? getMetadata().getNamespace() + "." + getMetadata().getName() : named;
    }
}
