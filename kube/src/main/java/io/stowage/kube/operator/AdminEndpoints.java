package io.stowage.kube.operator;

import io.stowage.kube.model.Ports;
import java.net.URI;

/** Where the operator reaches a server pod's admin API, given the pod's host name. */
@FunctionalInterface
interface AdminEndpoints {

    /** The admin port on the host itself: pods' stable names resolve inside the cluster, where the operator runs. */
    AdminEndpoints ON_POD_HOSTS = (host, tls) -> URI.create((tls ? "https" : "http") + "://" + host + ":" + Ports.ADMIN);

    URI of(String host, boolean tls);
}
