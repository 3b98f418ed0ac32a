package io.stowage.bench.load;

/** The kinds of operation a run measures; {@code UPLOAD} is one whole multipart upload. */
enum Op {
    GET, PUT, HEAD, DELETE, LIST, UPLOAD
}
