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
import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.Part;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
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

    /**
     * The cipher to read {@code version} with, or empty for a plain one.
     *
     * @throws S3Exception InvalidRequest or AccessDenied when the request's SSE-C key does not fit the object
     */
    Optional<BodyCipher> forRead(S3Request request, ObjectVersion version) {
        return open(version.encryption(), CustomerKeyHeaders.of(request::header).orElse(null));
    }

    /**
     * The cipher to read a copy's source with (its SSE-C key in the x-amz-copy-source-server-side-encryption-customer-*
     * headers), or empty for a plain source.
     */
    Optional<BodyCipher> forCopySource(S3Request request, ObjectVersion source) {
        return open(source.encryption(), CustomerKeyHeaders.ofCopySource(request::header).orElse(null));
    }

    /** The cipher of a stored envelope ({@code encryption}, null for none) that {@code key} (or its absence) may open. */
    private Optional<BodyCipher> open(String encryption, CustomerKey key) {
        try {
            Envelope envelope = encryption == null ? null : Envelope.parse(encryption);
            return envelopes.open(envelope, key);
        } catch (IOException e) {
            // a missing master key or a damaged envelope is the server's failure, never the client's
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The cipher of a multipart upload's parts (the SSE-C key must come with every part, as in S3), or empty for an
     * upload stored as sent.
     */
    Optional<BodyCipher> forUpload(S3Request request, MultipartUpload upload) {
        return open(upload.encryption(), CustomerKeyHeaders.of(request::header).orElse(null));
    }

    /**
     * Plaintext bytes [first, first + length) of an object, read as stored when {@code cipher} is null, else decrypting
     * only the segments they lie in: the one body of an object written whole, or the parts of a multipart one (each
     * under its own part number, its blob opened when reached and closed once read). Closing the stream leaves the
     * object's own channel to its owner.
     */
    static InputStream plaintext(Engine engine, BodyCipher cipher, OpenedObject opened, long first, long length) {
        if (cipher == null) {
            return SourceBytes.open(engine, opened, first, length);
        }
        ObjectVersion v = opened.version();
        return switch (v.body()) {
            case ObjectBody.Inline inline -> cipher.decrypt(CiphertextSource.of(inline.data()), BodyCipher.SINGLE_PART,
                    v.size(), first, length);
            case ObjectBody.Blob blob -> cipher.decrypt(opened.channel()::read, BodyCipher.SINGLE_PART, v.size(), first,
                    length);
            case ObjectBody.Multipart multipart -> {
                List<Part> parts = multipart.parts();
                Iterator<PartSlices.Slice> slices = PartSlices.of(parts.stream().map(Part::size).toList(), first, length)
                        .iterator();
                yield new SequenceInputStream(new Enumeration<InputStream>() {
                    @Override
                    public boolean hasMoreElements() {
                        return slices.hasNext();
                    }

                    @Override
                    public InputStream nextElement() {
                        PartSlices.Slice slice = slices.next();
                        return partPlaintext(engine, cipher, parts.get(slice.index()), slice, v.key());
                    }
                });
            }
        };
    }

    private static InputStream partPlaintext(Engine engine, BodyCipher cipher, Part part, PartSlices.Slice slice,
            String key) {
        if (part.body() instanceof ObjectBody.Inline inline) {
            return cipher.decrypt(CiphertextSource.of(inline.data()), part.number(), part.size(), slice.offset(),
                    slice.length());
        }
        if (!(part.body() instanceof ObjectBody.Blob blob)) {
            throw new IllegalStateException("a part holds a multipart body");
        }
        FileChannel channel;
        try {
            channel = engine.openBlob(blob.blobId());
        } catch (NoSuchFileException e) {
            throw new S3Exception(S3ErrorCode.NoSuchKey, "The object was overwritten or deleted while it was read", key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FilterInputStream(cipher.decrypt(channel::read, part.number(), part.size(), slice.offset(),
                slice.length())) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    channel.close();
                }
            }
        };
    }

    /** x-amz-server-side-encryption (SSE-S3) or the SSE-C algorithm and key MD5 of an encrypted object or upload. */
    static void writeHeaders(String encryption, S3Response response) {
        if (encryption == null) {
            return;
        }
        Envelope envelope;
        try {
            envelope = Envelope.parse(encryption);
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
}
