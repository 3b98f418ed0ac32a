package io.stowage.admin.client;

/** What a bucket holds: bytes of object data and the number of objects. */
public record Usage(long bytes, long objects) {
}
