package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tagging, CORS, server-side encryption and websites through boto3 (Debian's python3-boto3), as Python apps use them. */
@ExtendWith(StowageServerExtension.class)
class Boto3FeaturesIT {

    @Test
    void boto3UsesTaggingCorsEncryptionAndWebsites(URI endpoint) throws Exception {
        Path script = Path.of(Boto3FeaturesIT.class.getResource("/boto3/features.py").toURI());
        Process process = new ProcessBuilder("/usr/bin/python3", script.toString(), endpoint.toString(),
                StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY, StowageServerExtension.REGION,
                TestData.bucketName("boto3"))
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("boto3 finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.lines()).as(output).containsExactly("PASS tagging", "PASS cors", "PASS sse-s3", "PASS sse-c",
                "PASS bucket-encryption", "PASS website");
    }
}
