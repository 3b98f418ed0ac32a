package io.stowage.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.s3.Identities;
import io.stowage.s3.access.Caller;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminAuthenticatorTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    private final Identities nobody = new Identities() {
        @Override
        public Optional<String> secretKey(String accessKeyId) {
            return Optional.empty();
        }

        @Override
        public Caller caller(String accessKeyId) {
            throw new AssertionError("no key exists");
        }
    };
    private final AdminAuthenticator authenticator = new AdminAuthenticator(TOKEN, nobody, "us-east-1", Clock.systemUTC());

    private static AdminRequest request(Map<String, List<String>> headers) {
        return new AdminRequest("GET", "/admin/v1/info", "/admin/v1/info", "", headers, InputStream.nullInputStream());
    }

    private void unauthorized(Map<String, List<String>> headers, String messagePart) {
        assertThatThrownBy(() -> authenticator.authenticate(request(headers)))
                .isInstanceOfSatisfying(AdminException.class, e -> {
                    assertThat(e.code()).isEqualTo(AdminErrorCode.Unauthorized);
                    assertThat(e.getMessage()).contains(messagePart).doesNotContain(TOKEN);
                });
    }

    @Test
    void theBearerTokenAuthenticates() {
        assertThat(authenticator.authenticate(request(Map.of("authorization", List.of("Bearer " + TOKEN)))))
                .isEqualTo(AdminPrincipal.TOKEN);
        assertThat(authenticator.authenticate(request(Map.of("authorization", List.of("bearer  " + TOKEN + " ")))))
                .isEqualTo(AdminPrincipal.TOKEN);
    }

    @Test
    void missingWrongOrForeignCredentialsAreUnauthorized() {
        unauthorized(Map.of(), "credentials are missing");
        unauthorized(Map.of("authorization", List.of("Bearer " + TOKEN.substring(1))), "the admin token is wrong");
        unauthorized(Map.of("authorization", List.of("Bearer " + TOKEN + "0")), "the admin token is wrong");
        unauthorized(Map.of("authorization", List.of("Bearer ")), "the admin token is wrong");
        unauthorized(Map.of("authorization", List.of("Basic YWRtaW46YWRtaW4=")), "neither 'Bearer <admin token>'");
        unauthorized(Map.of("authorization", List.of("AWS4-HMAC-SHA256 Credential=AK1/20260101/us-east-1/s3/aws4_request,"
                + " SignedHeaders=host;x-amz-date, Signature=00"), "x-amz-date", List.of("20260101T000000Z")),
                "RequestTimeTooSkewed");
    }

    @Test
    void aSignedBodyMustHaveTheSignedHash() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String sha256OfBraces = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

        AdminAuthenticator.verifyPayload(new AdminPrincipal("AK1", sha256OfBraces), body);
        AdminAuthenticator.verifyPayload(AdminPrincipal.TOKEN, body);
        assertThatThrownBy(() -> AdminAuthenticator.verifyPayload(new AdminPrincipal("AK1", sha256OfBraces), new byte[0]))
                .isInstanceOfSatisfying(AdminException.class, e -> assertThat(e.code()).isEqualTo(AdminErrorCode.InvalidRequest));
    }
}
