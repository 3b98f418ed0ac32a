package io.stowage.kube.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator as a process: a client from the pod's service account or the kubeconfig, the runner, and
 * a clean stop when the JVM is asked to stop (SIGTERM). `stowage operator` calls {@link #run}.
 */
public final class OperatorMain {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);

    private OperatorMain() {
    }

    /** Runs until the JVM shuts down; the controllers stop (reconciles in progress finish) before it exits. */
    public static void run(OperatorConfig config) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            OperatorRunner runner = OperatorRunner.start(client, config, Clock.systemUTC(), OperatorMain::exit);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
                LOG.info("Stopping the operator");
                runner.close();
                stopped.countDown();
            }));
            stopped.await();
        }
    }

    /** Another replica leads now: this one exits, and Kubernetes restarts it as a candidate. */
    private static void exit() {
        System.exit(1);
    }
}
