package io.stowage.backend.s3;

/** One object of a listing: its key and size in bytes. */
public record ListedObject(String key, long size) {
}
