package io.stowage.engine.store.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.engine.error.StorageException;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.MultipartUpload;
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
                new ObjectBody.Blob("0123456789abcdef0123456789abcdef", 99), null);
        assertThat(RecordCodec.decodeVersion(RecordCodec.encode(blob))).isEqualTo(blob);
        assertThat(RecordCodec.isDeleteMarker(RecordCodec.encode(blob))).isFalse();

        ObjectVersion inline = new ObjectVersion("k", ObjectVersion.NULL_ID, false, 3, "e", 1L, "o",
                Map.of(), Map.of(), Map.of(), new ObjectBody.Inline(new byte[] {1, 2, 3}), null);
        ObjectVersion decoded = RecordCodec.decodeVersion(RecordCodec.encode(inline));
        assertThat(((ObjectBody.Inline) decoded.body()).data()).containsExactly(1, 2, 3);

        ObjectVersion marker = new ObjectVersion("k", "v2", true, 0, null, 1L, null, Map.of(), Map.of(), Map.of(), null, null);
        assertThat(RecordCodec.decodeVersion(RecordCodec.encode(marker))).isEqualTo(marker);
        assertThat(RecordCodec.isDeleteMarker(RecordCodec.encode(marker))).isTrue();
    }

    @Test
    void aclsRoundTripAndRecordsWrittenBeforeThemReadWithoutOne() {
        ObjectVersion version = new ObjectVersion("k", ObjectVersion.NULL_ID, false, 1, "e", 1L, "o",
                Map.of(), Map.of(), Map.of(), new ObjectBody.Blob("0123456789abcdef0123456789abcdef", 1), "READ group AllUsers");
        byte[] encoded = RecordCodec.encode(version);
        assertThat(RecordCodec.decodeVersion(encoded)).isEqualTo(version);
        assertThat(RecordCodec.decodeVersion(withoutTrailingField(RecordCodec.encode(version.withAcl(null)))))
                .isEqualTo(version.withAcl(null));

        MultipartUpload upload = new MultipartUpload("k", "u", 1L, "o", Map.of(), Map.of(), "CRC32", "COMPOSITE", "acl");
        assertThat(RecordCodec.decodeUpload(RecordCodec.encode(upload))).isEqualTo(upload);
        MultipartUpload without = new MultipartUpload("k", "u", 1L, "o", Map.of(), Map.of(), null, null, null);
        assertThat(RecordCodec.decodeUpload(withoutTrailingField(RecordCodec.encode(without)))).isEqualTo(without);
    }

    /** The record as the format wrote it before a trailing null string field existed (its -1 length removed). */
    private static byte[] withoutTrailingField(byte[] record) {
        return java.util.Arrays.copyOf(record, record.length - Integer.BYTES);
    }

    @Test
    void unknownFormatIsAStorageError() {
        byte[] record = RecordCodec.encode(new Bucket("b", "r", "o", 1L, Versioning.UNVERSIONED, Quota.NONE));
        record[0] = 9;
        assertThatThrownBy(() -> RecordCodec.decodeBucket(record)).isInstanceOf(StorageException.class);
    }
}
