package io.stowage.populate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PopulateResultTest {

    @Test
    void exitCodesSayWhatWentWrong() {
        assertThat(result(0, 0, Optional.empty()).exitCode()).isEqualTo(0);
        assertThat(result(2, 0, Optional.empty()).exitCode()).isEqualTo(3);
        assertThat(result(2, 1, Optional.empty()).exitCode()).isEqualTo(1);
        assertThat(result(0, 0, Optional.of("listing failed")).exitCode()).isEqualTo(1);
        assertThat(result(0, 0, Optional.of("listing failed")).summary()).startsWith("FAILED: listing failed;");
        assertThat(result(0, 0, Optional.empty()).summary())
                .isEqualTo("done: 5 copied (2.0 KiB), 4 already complete, 1 directories, 0 refused, 0 failed in 1.5 s");
    }

    @Test
    void theRelativeKeyDropsThePrefixAndTheSlashAfterIt() {
        assertThat(SourceListing.relative("data/", "data/a/b")).isEqualTo("a/b");
        assertThat(SourceListing.relative("data", "data/a/b")).isEqualTo("a/b");
        assertThat(SourceListing.relative("data", "data//a")).isEqualTo("/a");
        assertThat(SourceListing.relative("data", "database/x")).isEqualTo("base/x");
        assertThat(SourceListing.relative("", "/abs")).isEqualTo("/abs");
        assertThat(new SizeReport(3, 1024, 1).json()).isEqualTo("{\"objects\":3,\"bytes\":1024,\"refused\":1}");
    }

    private static PopulateResult result(long refused, long failed, Optional<String> fatal) {
        return new PopulateResult(5, 2048, 4, 1, refused, failed, Duration.ofMillis(1500), fatal);
    }
}
