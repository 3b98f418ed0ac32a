package io.stowage.populate;

/** Keys as they are shown in messages: quoted, control characters escaped, so that one message stays one line. */
final class Keys {

    private Keys() {
    }

    static String quote(String key) {
        StringBuilder out = new StringBuilder(key.length() + 2).append('"');
        key.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }
}
