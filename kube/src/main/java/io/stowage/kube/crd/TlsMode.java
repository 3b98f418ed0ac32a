package io.stowage.kube.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the server certificate comes from. */
public enum TlsMode {
    /** A CA and server certificate the operator issues and renews. */
    @JsonProperty("operator") OPERATOR,
    /** A cert-manager Certificate from spec.tls.issuerRef. */
    @JsonProperty("certManager") CERT_MANAGER,
    /** A Secret the user provides (spec.tls.secretName). */
    @JsonProperty("secret") SECRET,
    /** Plain HTTP. */
    @JsonProperty("disabled") DISABLED
}
