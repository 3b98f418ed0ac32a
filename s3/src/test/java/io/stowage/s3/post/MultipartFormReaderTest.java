package io.stowage.s3.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MultipartFormReaderTest {

    private static final String BOUNDARY = "----form-boundary-7MA4YWxkTrZu0gW";

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 17, 4096, 1 << 20})
    void fieldsAndAFileComeBackWhateverTheReadSizes(int chunk) throws IOException {
        byte[] file = new byte[300_000];
        new Random(7).nextBytes(file);
        // the file holds most of a delimiter, which must not end it
        byte[] decoy = ("\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1)).getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(decoy, 0, file, 1000, decoy.length);
        byte[] body = form(List.of(new String[] {"key", "uploads/${filename}"}, new String[] {"x-amz-meta-a", "日本"}),
                "photo.jpg", file);

        MultipartFormReader reader = new MultipartFormReader(chunked(body, chunk), BOUNDARY);
        List<String> seen = new ArrayList<>();
        byte[] received = null;
        for (MultipartFormReader.Part part = reader.next(); part != null; part = reader.next()) {
            if (part.name().equals("file")) {
                assertThat(part.filename()).isEqualTo("photo.jpg");
                assertThat(part.contentType()).isEqualTo("image/jpeg");
                received = part.content().readAllBytes();
            } else {
                seen.add(part.name() + "=" + new String(part.content().readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(seen).containsExactly("key=uploads/${filename}", "x-amz-meta-a=日本");
        assertThat(received).isEqualTo(file);
    }

    @Test
    void aPartLeftUnreadIsSkipped() throws IOException {
        byte[] body = form(List.of(new String[] {"skipped", "x".repeat(100_000)}, new String[] {"key", "k"}), "f", new byte[] {1});
        MultipartFormReader reader = new MultipartFormReader(new ByteArrayInputStream(body), BOUNDARY);
        assertThat(reader.next().name()).isEqualTo("skipped");
        MultipartFormReader.Part key = reader.next();
        assertThat(new String(key.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("k");
        assertThat(reader.next().content().readAllBytes()).containsExactly(1);
        assertThat(reader.next()).isNull();
    }

    @Test
    void aBodyCutShortOrWithoutItsBoundaryIsMalformed() {
        byte[] body = form(List.<String[]>of(new String[] {"key", "k"}), "f", new byte[1000]);
        byte[] truncated = java.util.Arrays.copyOf(body, body.length - 60);
        assertMalformed(truncated);
        assertMalformed("not a form at all".getBytes(StandardCharsets.US_ASCII));
        assertMalformed(("--" + BOUNDARY + "\r\nContent-Type: text/plain\r\n\r\nno name\r\n--" + BOUNDARY + "--\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void theBoundaryComesFromTheContentType() {
        assertThat(MultipartFormReader.boundary("multipart/form-data; boundary=abc")).isEqualTo("abc");
        assertThat(MultipartFormReader.boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\"")).isEqualTo("a b");
        assertThat(MultipartFormReader.boundary("application/x-www-form-urlencoded")).isNull();
        assertThat(MultipartFormReader.boundary("multipart/form-data")).isNull();
        assertThat(MultipartFormReader.boundary(null)).isNull();
    }

    private static void assertMalformed(byte[] body) {
        assertThatThrownBy(() -> {
            MultipartFormReader reader = new MultipartFormReader(new ByteArrayInputStream(body), BOUNDARY);
            for (MultipartFormReader.Part part = reader.next(); part != null; part = reader.next()) {
                part.content().readAllBytes();
            }
        }).isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.MalformedPOSTRequest));
    }

    static byte[] form(List<String[]> fields, String filename, byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String[] field : fields) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(field[1].getBytes(StandardCharsets.UTF_8));
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** Hands out at most {@code chunk} bytes per read, as a slow network would. */
    private static InputStream chunked(byte[] body, int chunk) {
        return new FilterInputStream(new ByteArrayInputStream(body)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }
}
