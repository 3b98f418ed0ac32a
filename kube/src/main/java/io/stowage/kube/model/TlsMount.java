package io.stowage.kube.model;

/**
 * The certificate Secret the pods mount, as the reconciler found it. The server re-reads the files when
 * the kubelet updates them, so a renewed certificate needs no restart.
 *
 * @param secretName the Secret with tls.crt and tls.key
 * @param caBundle whether it also has ca.crt (then the server gets --tls-ca)
 */
public record TlsMount(String secretName, boolean caBundle) {

    public static final String PATH = "/etc/stowage/tls";
}
