package io.stowage.s3.sse;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.util.Optional;
import java.util.function.Function;

/** The encryption a write (PUT, CreateMultipartUpload, copy destination) asks for in its headers. */
public sealed interface RequestedEncryption {

    String HEADER = "x-amz-server-side-encryption";

    /** No encryption header. */
    record None() implements RequestedEncryption {
    }

    /** SSE-S3: x-amz-server-side-encryption: AES256. */
    record ServerManaged() implements RequestedEncryption {
    }

    /** SSE-C: the customer's key from the three SSE-C headers. */
    record CustomerProvided(CustomerKey key) implements RequestedEncryption {
    }

    /**
     * @throws S3Exception InvalidArgument for an unknown x-amz-server-side-encryption value, for
     *     that header together with SSE-C headers, or for invalid SSE-C headers; NotImplemented
     *     for SSE-KMS
     */
    static RequestedEncryption of(Function<String, String> headers) {
        String value = headers.apply(HEADER);
        Optional<CustomerKey> customerKey = CustomerKeyHeaders.of(headers);
        if (value != null && customerKey.isPresent()) {
            throw new S3Exception(S3ErrorCode.InvalidArgument,
                    "Server Side Encryption with Customer provided key is incompatible with the encryption method specified");
        }
        if (customerKey.isPresent()) {
            return new CustomerProvided(customerKey.get());
        }
        if (value == null) {
            return new None();
        }
        return switch (value) {
            case SseAlgorithm.AES256 -> new ServerManaged();
            case "aws:kms", "aws:kms:dsse" -> throw new S3Exception(S3ErrorCode.NotImplemented,
                    "Server-side encryption with AWS KMS keys is not supported.");
            default -> throw new S3Exception(S3ErrorCode.InvalidArgument, "The encryption method specified is not supported");
        };
    }
}
