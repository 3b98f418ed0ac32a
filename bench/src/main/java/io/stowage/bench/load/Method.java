package io.stowage.bench.load;

import java.nio.charset.StandardCharsets;

/** The HTTP methods the load generator sends, with their bytes for the request line and the signature. */
enum Method {
    GET, PUT, HEAD, DELETE, POST;

    final byte[] bytes = name().getBytes(StandardCharsets.US_ASCII);
}
