package io.stowage.s3.sse;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Creates the envelope of a new object (a fresh data key wrapped by the active master key or by
 * the customer's key) and opens stored envelopes, deciding as S3 does whether the request's
 * SSE-C key (or its absence) lets it read the object.
 */
public final class Envelopes {

    private static final String ENCRYPTED_OBJECT = "The object was stored using a form of Server Side Encryption. "
            + "The correct parameters must be provided to retrieve the object.";
    private static final String NOT_APPLICABLE = "The encryption parameters are not applicable to this object.";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MasterKeyStore masterKeys;
    private final SegmentLayout layout;

    public Envelopes(MasterKeyStore masterKeys) {
        this(masterKeys, SegmentLayout.DEFAULT);
    }

    /** @param layout the segment layout of new envelopes (stored envelopes carry their own) */
    public Envelopes(MasterKeyStore masterKeys, SegmentLayout layout) {
        this.masterKeys = masterKeys;
        this.layout = layout;
    }

    /** A new envelope and the cipher of its data key. */
    public record Sealed(Envelope envelope, BodyCipher cipher) {
    }

    /** SSE-S3: a fresh data key wrapped by the active master key. */
    public Sealed forMasterKey() {
        MasterKey master = masterKeys.active();
        DataKey dataKey = DataKey.generate(RANDOM);
        byte[] wrapped = KeyWrap.wrap(master.secret(), Envelope.associatedData(master.id(), layout), dataKey, RANDOM);
        return new Sealed(Envelope.forMasterKey(master.id(), layout, wrapped), new BodyCipher(dataKey, layout));
    }

    /** SSE-C: a fresh data key wrapped by the customer's key; only the key's MD5 is kept. */
    public Sealed forCustomerKey(CustomerKey customerKey) {
        DataKey dataKey = DataKey.generate(RANDOM);
        byte[] md5 = customerKey.md5();
        byte[] wrapped = KeyWrap.wrap(customerKey.secret(), Envelope.associatedData(md5, layout), dataKey, RANDOM);
        return new Sealed(Envelope.forCustomerKey(md5, layout, wrapped), new BodyCipher(dataKey, layout));
    }

    /**
     * The cipher to read an object with, deciding whether the request may: for every GET, HEAD
     * and copy source, plain or encrypted.
     *
     * @param stored the object's envelope, or null when the object is stored in plain
     * @param given the SSE-C key of the request (or the copy-source key of a copy), or null
     * @return empty for a plain object read without a key
     * @throws S3Exception InvalidRequest when an SSE-C object is read without a key or a key is
     *     given for an object that is not SSE-C; AccessDenied when the key is not the object's
     * @throws MasterKeyStoreException when the envelope's master key is not in the store
     * @throws CiphertextIntegrityException when the master key does not unwrap the envelope
     */
    public Optional<BodyCipher> open(Envelope stored, CustomerKey given) throws MasterKeyStoreException, CiphertextIntegrityException {
        if (stored == null || stored.algorithm() == SseAlgorithm.SSE_S3) {
            if (given != null) {
                throw new S3Exception(S3ErrorCode.InvalidRequest, NOT_APPLICABLE);
            }
            return stored == null ? Optional.empty() : Optional.of(openWithMasterKey(stored));
        }
        if (given == null) {
            throw new S3Exception(S3ErrorCode.InvalidRequest, ENCRYPTED_OBJECT);
        }
        DataKey dataKey = MessageDigest.isEqual(stored.customerKeyMd5(), given.md5())
                ? KeyWrap.unwrap(given.secret(), stored.associatedData(), stored.wrappedKey())
                : null;
        if (dataKey == null) {
            throw new S3Exception(S3ErrorCode.AccessDenied);
        }
        return Optional.of(new BodyCipher(dataKey, stored.layout()));
    }

    private BodyCipher openWithMasterKey(Envelope stored) throws MasterKeyStoreException, CiphertextIntegrityException {
        MasterKey master = masterKeys.key(stored.masterKeyId());
        DataKey dataKey = KeyWrap.unwrap(master.secret(), stored.associatedData(), stored.wrappedKey());
        if (dataKey == null) {
            throw new CiphertextIntegrityException("the data key in " + stored + " failed authentication under master key "
                    + master.id());
        }
        return new BodyCipher(dataKey, stored.layout());
    }
}
