package io.stowage.kube.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

class ChartLintTest {

    @Test
    void lintIsCleanEvenInStrictMode() {
        LintResult result = new Helm(ChartFiles.CHART).lint().strict().call();

        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).as("no warning or error")
                .noneMatch(message -> message.contains("[WARNING]") || message.contains("[ERROR]"));
    }
}
