package io.stowage.kube.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.stowage.kube.crd.ObjectStore;
import io.stowage.kube.crd.TlsMode;
import io.stowage.kube.model.CertificateModel;
import io.stowage.kube.model.EffectiveSpec;
import io.stowage.kube.model.InvalidSpecException;
import io.stowage.kube.model.MissingReferenceException;
import io.stowage.kube.model.ObjectStoreNames;
import io.stowage.kube.model.SecretData;
import io.stowage.kube.model.TlsMount;
import io.stowage.kube.model.TlsSecretModels;
import io.stowage.kube.tls.CertificateAuthority;
import io.stowage.kube.tls.CertificateRenewal;
import io.stowage.kube.tls.IssuedCertificate;
import io.stowage.kube.tls.Pem;
import java.net.HttpURLConnection;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server certificate in each TLS mode: issued and renewed by the operator, requested from
 * cert-manager, or the user's Secret checked. Says what the pods mount.
 */
final class ServerCertificates {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCertificates.class);

    private final KubernetesClient client;
    private final ResourceApplier applier;
    private final Clock clock;

    ServerCertificates(KubernetesClient client, ResourceApplier applier, Clock clock) {
        this.client = client;
        this.applier = applier;
        this.clock = clock;
    }

    /** @return the Secret the pods mount, or null without TLS */
    TlsMount reconcile(ObjectStore store, EffectiveSpec spec) throws InvalidSpecException {
        if (spec.tlsMode() != TlsMode.CERT_MANAGER) {
            applier.deleteIfOwned(CertificateModel.named(store), this::certificateHandle);
        }
        return switch (spec.tlsMode()) {
            case DISABLED -> null;
            case OPERATOR -> operatorIssued(store, spec);
            case CERT_MANAGER -> certManager(store, spec);
            case SECRET -> usersSecret(spec, store.getMetadata().getNamespace());
        };
    }

    private TlsMount operatorIssued(ObjectStore store, EffectiveSpec spec) throws InvalidSpecException {
        ObjectStoreNames names = ObjectStoreNames.of(store);
        Instant now = clock.instant();
        CertificateAuthority ca = certificateAuthority(store, names, now);
        List<String> dnsNames = names.certificateDnsNames(spec.domain());
        Secret existing = secret(names.namespace(), names.tlsSecret());
        CertificateRenewal.Reason reason = CertificateRenewal.check(readCertificate(existing), ca.certificate(), dnsNames,
                now);
        if (reason != CertificateRenewal.Reason.VALID) {
            IssuedCertificate issued = ca.issueServer(dnsNames, now);
            applier.replace(TlsSecretModels.server(store, Pem.certificate(issued.certificate()),
                    Pem.privateKey(issued.key()), Pem.certificate(ca.certificate())), existing, client::resource);
            LOG.info("Issued the server certificate in Secret {}/{} ({}): serial {}, valid until {}", names.namespace(),
                    names.tlsSecret(), reason, issued.certificate().getSerialNumber().toString(16),
                    issued.certificate().getNotAfter().toInstant());
        }
        return new TlsMount(names.tlsSecret(), true);
    }

    /** The CA in NAME-ca: created once, then read on every reconcile. */
    private CertificateAuthority certificateAuthority(ObjectStore store, ObjectStoreNames names, Instant now)
            throws MissingReferenceException {
        Secret secret = secret(names.namespace(), names.caSecret());
        if (secret == null) {
            CertificateAuthority ca = CertificateAuthority.create("Stowage CA " + names.namespace() + "/" + names.name(),
                    now);
            applier.createIfAbsent(TlsSecretModels.ca(store, Pem.certificate(ca.certificate()), Pem.privateKey(ca.key())),
                    client::resource);
            LOG.info("Created the CA in Secret {}/{}, valid until {}", names.namespace(), names.caSecret(),
                    ca.certificate().getNotAfter().toInstant());
            return ca;
        }
        String certificate = SecretData.decode(secret, TlsSecretModels.CA_CERT);
        String key = SecretData.decode(secret, TlsSecretModels.CA_KEY);
        MissingReferenceException unusable = new MissingReferenceException("Secret " + names.caSecret()
                + " holds no usable CA (PEM " + TlsSecretModels.CA_CERT + " and a PKCS#8 EC " + TlsSecretModels.CA_KEY
                + "): delete it to have a new CA issued");
        if (certificate == null || key == null) {
            throw unusable;
        }
        try {
            return new CertificateAuthority(Pem.parseCertificate(certificate),
                    Pem.parsePrivateKey(key, CertificateAuthority.KEY_ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw unusable;
        }
    }

    private TlsMount certManager(ObjectStore store, EffectiveSpec spec) throws InvalidSpecException {
        try {
            applier.apply(CertificateModel.desired(store, spec), this::certificateHandle);
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                throw new MissingReferenceException("tls mode certManager: this cluster has no cert-manager.io/v1"
                        + " Certificate API; install cert-manager or choose another mode");
            }
            throw e;
        }
        Secret secret = secret(store.getMetadata().getNamespace(), spec.tlsSecret());
        // Until cert-manager writes it, assume the CA-based issuers' ca.crt; the Secret's arrival corrects it.
        boolean caBundle = secret == null || SecretData.decode(secret, TlsSecretModels.CA_CERT) != null;
        return new TlsMount(spec.tlsSecret(), caBundle);
    }

    private TlsMount usersSecret(EffectiveSpec spec, String namespace) throws MissingReferenceException {
        Secret secret = secret(namespace, spec.tlsSecret());
        if (secret == null) {
            throw new MissingReferenceException("spec.tls.secretName: Secret " + spec.tlsSecret() + " does not exist");
        }
        for (String key : List.of(TlsSecretModels.TLS_CERT, TlsSecretModels.TLS_KEY)) {
            if (SecretData.decode(secret, key) == null) {
                throw new MissingReferenceException("spec.tls.secretName: Secret " + spec.tlsSecret() + " has no " + key);
            }
        }
        return new TlsMount(spec.tlsSecret(), SecretData.decode(secret, TlsSecretModels.CA_CERT) != null);
    }

    private Resource<GenericKubernetesResource> certificateHandle(
            GenericKubernetesResource certificate) {
        return client.genericKubernetesResources(CertificateModel.CONTEXT)
                .inNamespace(certificate.getMetadata().getNamespace()).resource(certificate);
    }

    private Secret secret(String namespace, String name) {
        return client.secrets().inNamespace(namespace).withName(name).get();
    }

    /** The certificate in tls.crt, or null when there is none or it cannot be read (then a new one is issued). */
    private static X509Certificate readCertificate(Secret secret) {
        String pem = secret == null ? null : SecretData.decode(secret, TlsSecretModels.TLS_CERT);
        if (pem == null) {
            return null;
        }
        try {
            return Pem.parseCertificate(pem);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }
}
