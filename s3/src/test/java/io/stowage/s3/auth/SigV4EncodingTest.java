package io.stowage.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SigV4EncodingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /b/key                 | /b/key
            /b/a%20b               | /b/a%20b
            /b/a b                 | /b/a%20b
            /b/a+b                 | /b/a%2Bb
            /b/%7Etilde~           | /b/~tilde~
            /b/%2Fleading          | /b//leading
            /b//double             | /b//double
            /b/dots/../x           | /b/dots/../x
            /b/%e6%97%a5           | /b/%E6%97%A5
            ''                     | /
            """)
    void canonicalPathDecodesThenStrictlyReencodesWithoutNormalizing(String raw, String canonical) {
        assertThat(SigV4Encoding.canonicalPath(raw)).isEqualTo(canonical);
    }
}
