package io.stowage.s3.sse;

import static io.stowage.s3.sse.SseCustomerKeyHeadersTest.headers;
import static io.stowage.s3.sse.SseCustomerKeyHeadersTest.md5Base64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.util.Base64;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SseRequestedEncryptionTest {

    private static final byte[] KEY = SseTestData.randomBytes(32, 1);

    @Test
    void noHeaderAsksForNothing() {
        assertThat(RequestedEncryption.of(headers())).isInstanceOf(RequestedEncryption.None.class);
    }

    @Test
    void aes256AsksForSseS3() {
        assertThat(RequestedEncryption.of(headers("x-amz-server-side-encryption", "AES256")))
                .isInstanceOf(RequestedEncryption.ServerManaged.class);
    }

    @Test
    void theCustomerHeadersAskForSseC() {
        RequestedEncryption requested = RequestedEncryption.of(headers(ssec()));
        assertThat(requested).isInstanceOfSatisfying(RequestedEncryption.CustomerProvided.class,
                c -> assertThat(c.key().md5Base64()).isEqualTo(md5Base64(KEY)));
    }

    @Test
    void sseS3AndSseCTogetherAreInvalid() {
        String[] both = new String[8];
        System.arraycopy(ssec(), 0, both, 0, 6);
        both[6] = "x-amz-server-side-encryption";
        both[7] = "AES256";
        assertError(headers(both), S3ErrorCode.InvalidArgument,
                "Server Side Encryption with Customer provided key is incompatible with the encryption method specified");
    }

    @Test
    void kmsIsNotImplementedAndOtherValuesAreInvalid() {
        assertError(headers("x-amz-server-side-encryption", "aws:kms"), S3ErrorCode.NotImplemented, null);
        assertError(headers("x-amz-server-side-encryption", "aws:kms:dsse"), S3ErrorCode.NotImplemented, null);
        assertError(headers("x-amz-server-side-encryption", "AES128"), S3ErrorCode.InvalidArgument,
                "The encryption method specified is not supported");
    }

    private static String[] ssec() {
        return new String[] {"x-amz-server-side-encryption-customer-algorithm", "AES256",
            "x-amz-server-side-encryption-customer-key", Base64.getEncoder().encodeToString(KEY),
            "x-amz-server-side-encryption-customer-key-MD5", md5Base64(KEY)};
    }

    private static void assertError(Function<String, String> headers, S3ErrorCode code, String message) {
        assertThatThrownBy(() -> RequestedEncryption.of(headers)).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            if (message != null) {
                assertThat(e.getMessage()).isEqualTo(message);
            }
        });
    }
}
