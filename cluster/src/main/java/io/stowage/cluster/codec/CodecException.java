package io.stowage.cluster.codec;

/**
 * Bytes the codec cannot read back (garbage, truncated, an unknown format version or type name, a shape that does not
 * match the engine's types), or a value it has no encoding for. It never carries the parser's exception: callers see
 * only this type, and the message names where the input went wrong without echoing its values.
 */
public final class CodecException extends RuntimeException {

    public CodecException(String message) {
        super(message);
    }
}
