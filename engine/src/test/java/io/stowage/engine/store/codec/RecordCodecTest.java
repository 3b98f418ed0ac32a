package io.stowage.engine.store.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.engine.error.StorageException;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.Quota;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.Versioning;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

    @Test
    void bucketRoundTrip() {
        Bucket bucket = new Bucket("b", "eu-central-1", "owner", 123L, Versioning.SUSPENDED, new Quota(1000, 7));
        assertThat(RecordCodec.decodeBucket(RecordCodec.encode(bucket))).isEqualTo(bucket);
    }

    @Test
    void versionRoundTrip() {
        ObjectVersion blob = new ObjectVersion("k/ü", "v1", false, 99, "abc-2", 456L, "owner",
                Map.of("content-type", "x/y", "expires", "never"), Map.of("a", "1"), Map.of("CRC32", "AAAA"),
                new ObjectBody.Blob("0123456789abcdef0123456789abcdef", 99));
        assertThat(RecordCodec.decodeVersion(RecordCodec.encode(blob))).isEqualTo(blob);
        assertThat(RecordCodec.isDeleteMarker(RecordCodec.encode(blob))).isFalse();

        ObjectVersion inline = new ObjectVersion("k", ObjectVersion.NULL_ID, false, 3, "e", 1L, "o",
                Map.of(), Map.of(), Map.of(), new ObjectBody.Inline(new byte[] {1, 2, 3}));
        ObjectVersion decoded = RecordCodec.decodeVersion(RecordCodec.encode(inline));
        assertThat(((ObjectBody.Inline) decoded.body()).data()).containsExactly(1, 2, 3);

        ObjectVersion marker = new ObjectVersion("k", "v2", true, 0, null, 1L, null, Map.of(), Map.of(), Map.of(), null);
        assertThat(RecordCodec.decodeVersion(RecordCodec.encode(marker))).isEqualTo(marker);
        assertThat(RecordCodec.isDeleteMarker(RecordCodec.encode(marker))).isTrue();
    }

    @Test
    void unknownFormatIsAStorageError() {
        byte[] record = RecordCodec.encode(new Bucket("b", "r", "o", 1L, Versioning.UNVERSIONED, Quota.NONE));
        record[0] = 9;
        assertThatThrownBy(() -> RecordCodec.decodeBucket(record)).isInstanceOf(StorageException.class);
    }
}
