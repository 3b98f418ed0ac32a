package io.stowage.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.admin.client.Access;
import io.stowage.admin.client.KeyGrant;
import io.stowage.admin.client.KeyStatus;
import io.stowage.admin.client.KeyWithSecret;
import io.stowage.admin.client.Quota;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Output output = new Output(new PrintWriter(out), new PrintWriter(err), false);

    @Test
    void tablesAlignColumnsWithoutTrailingSpaces() {
        output.table(List.of("NAME", "ADMIN"), List.of(List.of("alice", "yes"), List.of("bo", "no")));
        output.flush();
        assertThat(out.toString()).isEqualTo("""
                NAME   ADMIN
                alice  yes
                bo     no
                """);
    }

    @Test
    void sizesAndQuotasReadAsPeopleWriteThem() {
        assertThat(Output.size(0)).isEqualTo("0 B");
        assertThat(Output.size(1023)).isEqualTo("1023 B");
        assertThat(Output.size(1536)).isEqualTo("1.5 KiB");
        assertThat(Output.size(10L << 30)).isEqualTo("10 GiB");
        assertThat(Output.quota(Quota.NONE)).isEqualTo("none");
        assertThat(Output.quota(new Quota(1L << 30, 100))).isEqualTo("1 GiB, 100 objects");
        assertThat(Output.grants(List.of(new KeyGrant("photos", "2026/", Access.READ), new KeyGrant("logs", "", Access.WRITE))))
                .isEqualTo("photos/2026/=read, logs=write");
        assertThat(Output.time(Instant.parse("2026-03-01T12:00:00.123456Z"))).isEqualTo("2026-03-01T12:00:00Z");
    }

    @Test
    void aSecretIsPrintedOnlyWhenAsked() {
        var key = new KeyWithSecret("AK1", "alice", KeyStatus.ACTIVE, Instant.EPOCH, List.of(), "the-secret-value");
        output.newKey(key, false);
        output.flush();
        assertThat(out.toString()).contains("AK1").doesNotContain("the-secret-value");
        output.newKey(key, true);
        output.flush();
        assertThat(out.toString()).contains("AWS_ACCESS_KEY_ID=AK1", "AWS_SECRET_ACCESS_KEY=the-secret-value", "shown only now");
    }

    @Test
    void errorsAreOneLine() {
        output.error("first line\nsecond line", "InvalidRequest");
        output.flush();
        assertThat(err.toString()).isEqualTo("error: first line second line (InvalidRequest)" + System.lineSeparator());
    }
}
