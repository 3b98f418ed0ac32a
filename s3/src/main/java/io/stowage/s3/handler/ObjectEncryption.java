package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import io.stowage.s3.sse.BodyCipher;
import io.stowage.s3.sse.CiphertextSource;
import io.stowage.s3.sse.CustomerKey;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.OpenedObject;
import io.stowage.s3.sse.CustomerKeyHeaders;
import io.stowage.s3.sse.Envelope;
import io.stowage.s3.sse.Envelopes;
import io.stowage.s3.sse.RequestedEncryption;
import io.stowage.s3.sse.SseAlgorithm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Server-side encryption of object bodies: which envelope a write gets (its SSE headers, else the bucket's default
 * encryption), which cipher a read needs (and whether the request's SSE-C key may read it), and the headers that tell
 * clients how an object is encrypted.
 */
public final class ObjectEncryption {

    private final Engine engine;
    private final Envelopes envelopes;

    public ObjectEncryption(Engine engine, Envelopes envelopes) {
        this.engine = engine;
        this.envelopes = envelopes;
    }

    /** The envelope and cipher of a new object, or null to store it as sent. */
    Envelopes.Sealed forWrite(S3Request request, Bucket bucket) {
        return switch (RequestedEncryption.of(request::header)) {
            case RequestedEncryption.ServerManaged s -> envelopes.forMasterKey();
            case RequestedEncryption.CustomerProvided c -> envelopes.forCustomerKey(c.key());
            case RequestedEncryption.None n ->
                    engine.bucketConfig(bucket.name(), BucketConfigKind.ENCRYPTION).isPresent() ? envelopes.forMasterKey() : null;
        };
    }

    /** Whether a write would be encrypted, for the operations that cannot encrypt yet. */
    boolean wouldEncrypt(S3Request request, Bucket bucket) {
        return !(RequestedEncryption.of(request::header) instanceof RequestedEncryption.None)
                || engine.bucketConfig(bucket.name(), BucketConfigKind.ENCRYPTION).isPresent();
    }

    /**
     * The cipher to read {@code version} with, or empty for a plain one.
     *
     * @throws S3Exception InvalidRequest or AccessDenied when the request's SSE-C key does not fit the object
     */
    Optional<BodyCipher> forRead(S3Request request, ObjectVersion version) {
        return open(version, CustomerKeyHeaders.of(request::header).orElse(null));
    }

    /**
     * The cipher to read a copy's source with (its SSE-C key in the x-amz-copy-source-server-side-encryption-customer-*
     * headers), or empty for a plain source.
     */
    Optional<BodyCipher> forCopySource(S3Request request, ObjectVersion source) {
        return open(source, CustomerKeyHeaders.ofCopySource(request::header).orElse(null));
    }

    private Optional<BodyCipher> open(ObjectVersion version, CustomerKey key) {
        try {
            Envelope envelope = version.encryption() == null ? null : Envelope.parse(version.encryption());
            return envelopes.open(envelope, key);
        } catch (IOException e) {
            // a missing master key or a damaged envelope is the server's failure, never the client's
            throw new UncheckedIOException(e);
        }
    }

    /** The stored bytes of an encrypted object written in one piece (multipart objects are not encrypted yet). */
    static CiphertextSource storedBytes(OpenedObject opened) {
        return switch (opened.version().body()) {
            case ObjectBody.Inline inline -> CiphertextSource.of(inline.data());
            case ObjectBody.Blob blob -> opened.channel()::read;
            case ObjectBody.Multipart multipart -> throw new IllegalStateException("multipart objects are never encrypted");
        };
    }

    /** x-amz-server-side-encryption (SSE-S3) or the SSE-C algorithm and key MD5 of an encrypted version. */
    static void writeHeaders(ObjectVersion version, S3Response response) {
        if (version.encryption() == null) {
            return;
        }
        Envelope envelope;
        try {
            envelope = Envelope.parse(version.encryption());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (envelope.algorithm() == SseAlgorithm.SSE_C) {
            response.header(CustomerKeyHeaders.ALGORITHM, SseAlgorithm.AES256)
                    .header(CustomerKeyHeaders.KEY_MD5, envelope.customerKeyMd5Base64());
        } else {
            response.header(RequestedEncryption.HEADER, SseAlgorithm.AES256);
        }
    }

    static S3Exception notYet(String operation) {
        return new S3Exception(S3ErrorCode.NotImplemented, operation + " with server-side encryption is not supported yet");
    }
}
