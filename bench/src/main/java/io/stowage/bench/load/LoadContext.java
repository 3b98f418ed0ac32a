package io.stowage.bench.load;

import io.stowage.bench.load.LoadOptions.Options;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.concurrent.ThreadLocalRandom;

/** What every phase of one run shares: the options, the HTTP client, the bucket, the payload and the errors. */
record LoadContext(Options options, HttpClient http, String host, String bucket, byte[] payload, Errors errors) {

    static LoadContext of(Options o) {
        URI uri = URI.create(o.endpoint());
        String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        byte[] payload = new byte[o.payloadLength()];
        ThreadLocalRandom.current().nextBytes(payload);
        String bucket = o.bucket() != null ? o.bucket()
                : "load-" + o.scenario().label + "-" + Long.toHexString(System.currentTimeMillis()) + "-"
                        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
        return new LoadContext(o, S3Client.newHttp(), host, bucket, payload, new Errors());
    }

    /** A new client: each thread needs its own (the signer is not thread-safe). */
    S3Client client() {
        Options o = options;
        return new S3Client(http, o.endpoint(), host, new SigV4Signer(o.accessKey(), o.secretKey(), o.region(), "s3"));
    }

    Requests requests() {
        return new Requests(client(), errors, payload, options.size());
    }
}
