package io.stowage.cli.admin;

/** A bucket, or the keys under a prefix of it, written BUCKET or BUCKET/PREFIX. */
record BucketPath(String bucket, String prefix) {

    static BucketPath parse(String value) {
        int slash = value.indexOf('/');
        String bucket = slash < 0 ? value : value.substring(0, slash);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("expected BUCKET or BUCKET/PREFIX, not '" + value + "'");
        }
        return new BucketPath(bucket, slash < 0 ? "" : value.substring(slash + 1));
    }

    @Override
    public String toString() {
        return prefix.isEmpty() ? bucket : bucket + "/" + prefix;
    }
}
