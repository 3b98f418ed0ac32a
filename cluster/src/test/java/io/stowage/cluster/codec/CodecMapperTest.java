package io.stowage.cluster.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

class CodecMapperTest {

    record Sized(int width, int height) {

        public int getArea() {
            return width * height;
        }

        public boolean isSquare() {
            return width == height;
        }

        public int size() {
            return 2;
        }
    }

    @Test
    void writesRecordComponentsOnlySoDerivedAccessorsDoNotBreakReading() throws JsonProcessingException {
        String json = CodecMapper.MAPPER.writeValueAsString(new Sized(3, 3));

        assertThat(json).isEqualTo("{\"width\":3,\"height\":3}");
        assertThat(CodecMapper.MAPPER.readValue(json, Sized.class)).isEqualTo(new Sized(3, 3));
    }
}
