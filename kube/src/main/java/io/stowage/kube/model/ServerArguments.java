package io.stowage.kube.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of the server container: `stowage server` and its flags (the image's entrypoint is the
 * launcher). Every address listens on all interfaces; the data directory is the pod's volume.
 */
public final class ServerArguments {

    private ServerArguments() {
    }

    /**
     * @param tls the mounted certificate Secret, or null without TLS
     */
    public static List<String> of(EffectiveSpec spec, TlsMount tls) {
        List<String> args = new ArrayList<>(List.of("server",
                "--address", "0.0.0.0:" + Ports.S3,
                "--admin-address", "0.0.0.0:" + Ports.ADMIN,
                "--metrics-address", "0.0.0.0:" + Ports.METRICS,
                "--data", StatefulSetModel.DATA_PATH,
                "--region", spec.region()));
        if (spec.domain() != null) {
            args.addAll(List.of("--domain", spec.domain()));
        }
        args.addAll(List.of("--shutdown-grace", spec.shutdownGrace().toSeconds() + "s"));
        if (tls != null) {
            args.addAll(List.of("--tls", "files",
                    "--tls-cert", TlsMount.PATH + "/tls.crt",
                    "--tls-key", TlsMount.PATH + "/tls.key"));
            if (tls.caBundle()) {
                args.addAll(List.of("--tls-ca", TlsMount.PATH + "/ca.crt"));
            }
        }
        return List.copyOf(args);
    }
}
