package io.stowage.cluster.codec;

import io.stowage.engine.command.AbortMultipartUpload;
import io.stowage.engine.command.Command;
import io.stowage.engine.command.CompleteMultipartUpload;
import io.stowage.engine.command.CreateAccessKey;
import io.stowage.engine.command.CreateBucket;
import io.stowage.engine.command.CreateMultipartUpload;
import io.stowage.engine.command.CreateUser;
import io.stowage.engine.command.DeleteAccessKey;
import io.stowage.engine.command.DeleteBucket;
import io.stowage.engine.command.DeleteBucketConfig;
import io.stowage.engine.command.DeleteGrant;
import io.stowage.engine.command.DeleteObject;
import io.stowage.engine.command.DeleteUser;
import io.stowage.engine.command.PutBucketConfig;
import io.stowage.engine.command.PutGrant;
import io.stowage.engine.command.PutObject;
import io.stowage.engine.command.SetAccessKeyStatus;
import io.stowage.engine.command.SetBucketOwner;
import io.stowage.engine.command.SetBucketQuota;
import io.stowage.engine.command.SetPrefixQuota;
import io.stowage.engine.command.DeletePrefixQuota;
import io.stowage.engine.command.SetBucketVersioning;
import io.stowage.engine.command.SetObjectAcl;
import io.stowage.engine.command.SetObjectLegalHold;
import io.stowage.engine.command.SetObjectRetention;
import io.stowage.engine.command.SetObjectTags;
import io.stowage.engine.command.UploadPart;
import io.stowage.engine.command.WritePrecondition;
import io.stowage.engine.model.Access;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.engine.model.Grant;
import io.stowage.engine.model.GrantSubject;
import io.stowage.engine.model.KeyStatus;
import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectLock;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.Part;
import io.stowage.engine.model.Quota;
import io.stowage.engine.model.RetentionMode;
import io.stowage.engine.model.Versioning;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One command of every kind, with every field set to something other than its type's default (null, 0, false, empty),
 * so a field the codec dropped or mixed up would show in a round trip.
 */
final class CommandSamples {

    static final long AT = 1_731_000_000_123L;
    static final ObjectLock LOCK = new ObjectLock(RetentionMode.COMPLIANCE, AT + 86_400_000L, true, true);
    static final WritePrecondition PRECONDITION = new WritePrecondition("9e107d9d372bb6826bd81d3542a419d6", true);

    static final Map<Class<?>, Command<?>> BY_TYPE = List.<Command<?>>of(
                    new CreateBucket("photos", "eu-central-1", "alice", AT, new Quota(1L << 40, 1_000_000),
                            Map.of(BucketConfigKind.ACL, "<AccessControlPolicy/>",
                                    BucketConfigKind.OWNERSHIP_CONTROLS, "BucketOwnerEnforced"), true),
                    new DeleteBucket("photos"),
                    new PutObject("photos", version(new ObjectBody.Inline(everyByte())), PRECONDITION),
                    new DeleteObject("photos", "2025/ü.jpg", "v-3HL4kqtJlcp", "bob", "v-marker-9f2", AT, true,
                            PRECONDITION),
                    new CreateMultipartUpload("photos", upload()),
                    new UploadPart("photos", "2025/big.iso", "upload-0001", part(7, blob("blob-7"))),
                    new CompleteMultipartUpload("photos", "upload-0001", version(new ObjectBody.Multipart(List.of(
                            part(1, blob("blob-1")), part(2, new ObjectBody.Inline(new byte[] {0, -1, 127, -128}))))),
                            PRECONDITION),
                    new AbortMultipartUpload("photos", "2025/big.iso", "upload-0002"),
                    new CreateUser("alice", true, AT),
                    new DeleteUser("carol"),
                    new CreateAccessKey("alice", "AKIAEXAMPLE0001", "wJalrXUtnFEMI/K7MDENG/bPxRfiCY", AT,
                            List.of(grant(), new Grant(GrantSubject.user("alice"), "logs", "audit/", Access.READ))),
                    new SetAccessKeyStatus("AKIAEXAMPLE0001", KeyStatus.DISABLED),
                    new DeleteAccessKey("AKIAEXAMPLE0002"),
                    new PutGrant(grant()),
                    new DeleteGrant(GrantSubject.key("AKIAEXAMPLE0001"), "photos", "2024/"),
                    new SetBucketOwner("photos", "bob"),
                    new SetBucketQuota("photos", new Quota(5_000_000, 42)),
                    new SetPrefixQuota("photos", "volumes/ü-1/", new Quota(1_048_576, 7)),
                    new DeletePrefixQuota("photos", "volumes/ü-2/"),
                    new PutBucketConfig("photos", BucketConfigKind.LIFECYCLE, "<LifecycleConfiguration/>"),
                    new DeleteBucketConfig("photos", BucketConfigKind.CORS),
                    new SetObjectAcl("photos", "2025/ü.jpg", "v-3HL4kqtJlcp", "READ group AllUsers"),
                    new SetBucketVersioning("photos", Versioning.SUSPENDED),
                    new SetObjectRetention("photos", "2025/ü.jpg", "v-3HL4kqtJlcp", RetentionMode.GOVERNANCE,
                            AT + 1_000, true, AT),
                    new SetObjectLegalHold("photos", "2025/ü.jpg", "v-3HL4kqtJlcp", true),
                    new SetObjectTags("photos", "2025/ü.jpg", "v-3HL4kqtJlcp",
                            Map.of("project", "apollo", "tier", "gold")))
            .stream().collect(Collectors.toUnmodifiableMap(Object::getClass, Function.identity()));

    private CommandSamples() {
    }

    static ObjectVersion version(ObjectBody body) {
        return new ObjectVersion("2025/ü.jpg", "v-3HL4kqtJlcp", true, 4_096, "d41d8cd98f00b204e9800998ecf8427e-2", AT,
                "alice", Map.of("content-type", "image/jpeg", "cache-control", "no-cache"), Map.of("camera", "x100"),
                Map.of("CRC32", "AAAAAA==", "SHA256", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="), body,
                "READ group AllUsers", LOCK, Map.of("project", "apollo"), "kms:v1:d2VyZS13cmFwcGVk");
    }

    static MultipartUpload upload() {
        return new MultipartUpload("2025/big.iso", "upload-0001", AT, "alice",
                Map.of("content-type", "application/x-iso"), Map.of("origin", "scanner"), "CRC32C", "COMPOSITE",
                "READ group AllUsers", LOCK, Map.of("project", "apollo"), "kms:v1:d2VyZS13cmFwcGVk");
    }

    static Part part(int number, ObjectBody body) {
        return new Part(number, 5_242_880L + number, "etag-" + number, AT + number, Map.of("CRC32C", "yZRlqg=="), body);
    }

    static Grant grant() {
        return new Grant(GrantSubject.key("AKIAEXAMPLE0001"), "photos", "2025/", Access.READ_WRITE);
    }

    static ObjectBody.Blob blob(String id) {
        return new ObjectBody.Blob(id, 5_242_880L);
    }

    /** All 256 byte values, so any transformation of inline bytes shows. */
    private static byte[] everyByte() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }
}
