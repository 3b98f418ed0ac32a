package io.stowage.engine.model;

/** What a grant lets its subject do in a bucket (or a key prefix of it). */
public enum Access {
    READ, WRITE, READ_WRITE;

    public boolean canRead() {
        return this != WRITE;
    }

    public boolean canWrite() {
        return this != READ;
    }
}
