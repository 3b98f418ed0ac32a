package io.stowage.engine.model;

/** The bytes and objects a bucket holds (current versions and, once versioning exists, older ones). */
public record Usage(long bytes, long objects) {

    public static final Usage ZERO = new Usage(0, 0);

    public Usage plus(Usage delta) {
        return new Usage(bytes + delta.bytes, objects + delta.objects);
    }

    public Usage negate() {
        return new Usage(-bytes, -objects);
    }

    public boolean grows() {
        return bytes > 0 || objects > 0;
    }
}
