package io.stowage.s3.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SseCustomerKeyHeadersTest {

    private static final byte[] KEY = SseTestData.randomBytes(32, 1);
    private static final String KEY_BASE64 = Base64.getEncoder().encodeToString(KEY);
    private static final String MD5_BASE64 = md5Base64(KEY);

    private static final String INVALID_ALGORITHM = "Requests specifying Server Side Encryption with Customer provided keys "
            + "must provide a valid encryption algorithm.";
    private static final String MISSING_KEY = "Requests specifying Server Side Encryption with Customer provided keys "
            + "must provide an appropriate secret key.";
    private static final String MISSING_MD5 = "Requests specifying Server Side Encryption with Customer provided keys "
            + "must provide the client calculated MD5 of the secret key.";
    private static final String INVALID_KEY = "The secret key was invalid for the specified algorithm.";
    private static final String MD5_MISMATCH = "The calculated MD5 hash of the key did not match the hash that was provided.";

    @Test
    void noHeadersMeansNoKey() {
        assertThat(CustomerKeyHeaders.of(headers())).isEmpty();
    }

    @Test
    void threeValidHeadersGiveTheKey() {
        CustomerKey key = CustomerKeyHeaders.of(headers(
                "X-Amz-Server-Side-Encryption-Customer-Algorithm", "AES256",
                "x-amz-server-side-encryption-customer-key", KEY_BASE64,
                "x-amz-server-side-encryption-customer-key-md5", MD5_BASE64)).orElseThrow();

        assertThat(key.md5Base64()).isEqualTo(MD5_BASE64);
        assertThat(key.secret().getEncoded()).isEqualTo(KEY);
    }

    @Test
    void aCopySourceKeyComesFromTheCopySourceHeadersOnly() {
        Function<String, String> headers = headers(
                "x-amz-copy-source-server-side-encryption-customer-algorithm", "AES256",
                "x-amz-copy-source-server-side-encryption-customer-key", KEY_BASE64,
                "x-amz-copy-source-server-side-encryption-customer-key-MD5", MD5_BASE64);

        assertThat(CustomerKeyHeaders.ofCopySource(headers).orElseThrow().md5Base64()).isEqualTo(MD5_BASE64);
        assertThat(CustomerKeyHeaders.of(headers)).isEmpty();
    }

    @Test
    void aMissingOrWrongAlgorithmIsInvalid() {
        assertInvalid(INVALID_ALGORITHM, "x-amz-server-side-encryption-customer-key", KEY_BASE64,
                "x-amz-server-side-encryption-customer-key-MD5", MD5_BASE64);
        assertInvalid(INVALID_ALGORITHM, "x-amz-server-side-encryption-customer-key", KEY_BASE64);
        assertInvalid(INVALID_ALGORITHM, "x-amz-server-side-encryption-customer-key-MD5", MD5_BASE64);
        for (String algorithm : new String[] {"AES128", "aes256", "", "aws:kms"}) {
            assertInvalid(INVALID_ALGORITHM, "x-amz-server-side-encryption-customer-algorithm", algorithm,
                    "x-amz-server-side-encryption-customer-key", KEY_BASE64,
                    "x-amz-server-side-encryption-customer-key-MD5", MD5_BASE64);
        }
    }

    @Test
    void aMissingKeyIsInvalid() {
        assertInvalid(MISSING_KEY, "x-amz-server-side-encryption-customer-algorithm", "AES256");
        assertInvalid(MISSING_KEY, "x-amz-server-side-encryption-customer-algorithm", "AES256",
                "x-amz-server-side-encryption-customer-key-MD5", MD5_BASE64);
    }

    @Test
    void aMissingMd5IsInvalid() {
        assertInvalid(MISSING_MD5, "x-amz-server-side-encryption-customer-algorithm", "AES256",
                "x-amz-server-side-encryption-customer-key", KEY_BASE64);
    }

    @Test
    void aKeyThatIsNot256BitsIsInvalid() {
        byte[] short16 = SseTestData.randomBytes(16, 2);
        byte[] long33 = SseTestData.randomBytes(33, 3);
        for (byte[] key : new byte[][] {short16, long33, new byte[0]}) {
            assertInvalid(INVALID_KEY, "x-amz-server-side-encryption-customer-algorithm", "AES256",
                    "x-amz-server-side-encryption-customer-key", Base64.getEncoder().encodeToString(key),
                    "x-amz-server-side-encryption-customer-key-MD5", md5Base64(key));
        }
        assertInvalid(INVALID_KEY, "x-amz-server-side-encryption-customer-algorithm", "AES256",
                "x-amz-server-side-encryption-customer-key", "not*base64",
                "x-amz-server-side-encryption-customer-key-MD5", MD5_BASE64);
    }

    @Test
    void anMd5ThatDoesNotMatchTheKeyIsInvalid() {
        for (String md5 : new String[] {md5Base64(SseTestData.randomBytes(32, 4)), "not*base64", "", KEY_BASE64}) {
            assertInvalid(MD5_MISMATCH, "x-amz-server-side-encryption-customer-algorithm", "AES256",
                    "x-amz-server-side-encryption-customer-key", KEY_BASE64,
                    "x-amz-server-side-encryption-customer-key-MD5", md5);
        }
    }

    @Test
    void errorsNeverEchoTheKey() {
        S3Exception error = (S3Exception) catchThrowable(() -> CustomerKeyHeaders.of(headers(
                "x-amz-server-side-encryption-customer-algorithm", "AES256",
                "x-amz-server-side-encryption-customer-key", KEY_BASE64,
                "x-amz-server-side-encryption-customer-key-MD5", "wrong")));

        assertThat(error.getMessage()).isEqualTo(MD5_MISMATCH);
        for (String spelling : SseTestData.spellings(KEY)) {
            assertThat(error.getMessage()).doesNotContain(spelling);
            assertThat(error.headers().values()).noneMatch(v -> v.contains(spelling));
        }
    }

    private static void assertInvalid(String message, String... namesAndValues) {
        assertThatThrownBy(() -> CustomerKeyHeaders.of(headers(namesAndValues))).as(String.join(", ", namesAndValues))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidArgument);
                    assertThat(e.code().status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    /** Case-insensitive like HTTP headers. */
    static Function<String, String> headers(String... namesAndValues) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map::get;
    }

    static String md5Base64(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
