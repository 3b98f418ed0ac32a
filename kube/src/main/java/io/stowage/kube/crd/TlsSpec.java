package io.stowage.kube.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** The TLS mode and what it needs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TlsSpec {

    @JsonPropertyDescription("operator: self-signed CA and certificate managed by the operator; certManager:"
            + " a cert-manager Certificate from issuerRef; secret: the Secret secretName (tls.crt, tls.key,"
            + " optional ca.crt); disabled: plain HTTP.")
    @Default("operator")
    private TlsMode mode = TlsMode.OPERATOR;

    @JsonPropertyDescription("The cert-manager issuer (mode certManager).")
    private IssuerRef issuerRef;

    @JsonPropertyDescription("The user's TLS Secret (mode secret).")
    private String secretName;

    public TlsMode getMode() {
        return mode;
    }

    public void setMode(TlsMode mode) {
        this.mode = mode;
    }

    public IssuerRef getIssuerRef() {
        return issuerRef;
    }

    public void setIssuerRef(IssuerRef issuerRef) {
        this.issuerRef = issuerRef;
    }

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }
}
