package io.stowage.backend.stowage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stowage.backend.AccessKey;
import io.stowage.backend.AddressingStyle;
import io.stowage.backend.BackendCapabilities;
import io.stowage.backend.BackendException;
import io.stowage.backend.BackendSettings;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketBackendContract;
import io.stowage.backend.BucketBackends;
import io.stowage.backend.BucketQuota;
import io.stowage.backend.BackendException.Reason;
import io.stowage.server.it.StowageServerExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The backend contract on a real Stowage server started in-process, plus what only Stowage's backend does. */
class StowageBackendContractIT extends BucketBackendContract {

    @RegisterExtension
    static final StowageServerExtension SERVER = new StowageServerExtension();

    @Override
    protected Map<String, String> secretData() {
        return secretData(StowageServerExtension.ADMIN_TOKEN);
    }

    @Override
    protected Map<String, String> secretDataWithWrongCredentials() {
        return secretData("wrong-token-0123456789abcdef");
    }

    @Override
    protected AccessKey administratorKey() {
        return new AccessKey(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY);
    }

    private static Map<String, String> secretData(String token) {
        return Map.of("s3Endpoint", SERVER.endpoint().toString(), "adminEndpoint", SERVER.adminEndpoint().toString(),
                "adminToken", token);
    }

    @Test
    void declaresEveryCapabilityButAccountQuotas() {
        assertThat(backend.capabilities()).isEqualTo(new BackendCapabilities(true, true, true, true, true, true, true, true,
                true, false));
    }

    @Test
    void endpointTakesTheRegionFromTheServer() {
        assertThat(backend.endpoint().url()).isEqualTo(SERVER.endpoint());
        assertThat(backend.endpoint().region()).isEqualTo(StowageServerExtension.REGION);
        assertThat(backend.endpoint().addressingStyle()).isEqualTo(AddressingStyle.PATH);
        assertThat(backend.endpoint().caBundle()).isNull();
    }

    @Test
    void quotasKeepExactByteCounts() {
        backend.createBucket(bucket, new BucketQuota(1_000_000, 10));
        assertThat(backend.findBucket(bucket).orElseThrow().quota()).isEqualTo(new BucketQuota(1_000_000, 10));
    }

    @Test
    void reservedTagsAreInvalidAndARefusedTokenIsNotRepeated() {
        backend.createBucket(bucket, BucketQuota.NONE);
        assertThat(reason(() -> backend.setBucketTags(bucket, Map.of("aws:x", "1")))).isEqualTo(Reason.INVALID);
        try (BucketBackend wrong = BucketBackends.open(BackendSettings.fromSecretData(secretDataWithWrongCredentials()))) {
            BackendException e = catchThrowableOfType(BackendException.class, () -> wrong.findBucket(bucket));
            assertThat(e.getMessage()).doesNotContain("wrong-token");
        }
    }
}
