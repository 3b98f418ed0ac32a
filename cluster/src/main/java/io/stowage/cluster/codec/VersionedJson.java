package io.stowage.cluster.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** The frame of every encoded array: a format version byte, then exactly one JSON value. */
final class VersionedJson {

    private static final byte FORMAT_V1 = 1;

    @FunctionalInterface
    interface Writing {
        void write(JsonGenerator json) throws IOException;
    }

    @FunctionalInterface
    interface Reading<T> {
        /** Reads one value from {@code json}, positioned on its first token. */
        T read(JsonParser json) throws IOException;
    }

    private VersionedJson() {
    }

    static byte[] write(Writing writing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(FORMAT_V1);
        try (JsonGenerator json = CodecMapper.MAPPER.createGenerator(out)) {
            writing.write(json);
        } catch (IOException e) {
            throw JsonFailures.encoding(e);
        }
        return out.toByteArray();
    }

    static <T> T read(byte[] bytes, Reading<T> reading) {
        if (bytes.length == 0) {
            throw new CodecException("empty input: not even a format version");
        }
        if (bytes[0] != FORMAT_V1) {
            throw new CodecException("unknown format version " + Byte.toUnsignedInt(bytes[0]));
        }
        try (JsonParser json = CodecMapper.MAPPER.createParser(bytes, 1, bytes.length - 1)) {
            if (json.nextToken() == null) {
                throw new CodecException("truncated input: nothing after the format version");
            }
            T value = reading.read(json);
            if (json.nextToken() != null) {
                throw new CodecException("trailing data after the encoded value");
            }
            return value;
        } catch (IOException e) {
            throw JsonFailures.decoding(e);
        }
    }
}
