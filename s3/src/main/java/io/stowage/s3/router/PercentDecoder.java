package io.stowage.s3.router;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Percent-decoding of URI paths and query components into strict UTF-8. */
public final class PercentDecoder {

    private PercentDecoder() {
    }

    /**
     * @param plusIsSpace true for query components (clients encode a literal '+' as %2B there),
     *     false for paths, where '+' is itself
     * @throws S3Exception InvalidURI for a broken escape or bytes that are not UTF-8
     */
    public static String decode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && !(plusIsSpace && s.indexOf('+') >= 0)) {
            return s;
        }
        ByteBuffer out = ByteBuffer.allocate(s.length() * 3);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw invalid();
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw invalid();
                }
                out.put((byte) ((hi << 4) | lo));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.put((byte) ' ');
            } else if (c < 0x80) {
                out.put((byte) c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
                out.put(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        out.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(out)
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid();
        }
    }

    private static S3Exception invalid() {
        return new S3Exception(S3ErrorCode.InvalidURI);
    }
}
