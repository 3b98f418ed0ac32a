package io.stowage.s3.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The routing table, in path style and virtual-host style. */
class S3RouterTest {

    private final S3Router router = new S3Router("s3.example.test");

    @ParameterizedTest(name = "{0} {1}?{2} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            GET    | /                 | -                          | false | LIST_BUCKETS          | -   | -
            PUT    | /b1               | -                          | false | CREATE_BUCKET         | b1  | -
            HEAD   | /b1               | -                          | false | HEAD_BUCKET           | b1  | -
            DELETE | /b1               | -                          | false | DELETE_BUCKET         | b1  | -
            GET    | /b1               | location                   | false | GET_BUCKET_LOCATION   | b1  | -
            GET    | /b1               | versioning                 | false | GET_BUCKET_VERSIONING | b1  | -
            PUT    | /b1               | versioning                 | false | PUT_BUCKET_VERSIONING | b1  | -
            GET    | /b1               | cors                       | false | GET_BUCKET_CORS       | b1  | -
            GET    | /b1               | website                    | false | GET_BUCKET_WEBSITE    | b1  | -
            GET    | /b1               | encryption                 | false | GET_BUCKET_ENCRYPTION | b1  | -
            PUT    | /b1               | encryption                 | false | PUT_BUCKET_ENCRYPTION | b1  | -
            DELETE | /b1               | encryption                 | false | DELETE_BUCKET_ENCRYPTION | b1 | -
            PUT    | /b1               | website                    | false | PUT_BUCKET_WEBSITE    | b1  | -
            DELETE | /b1               | website                    | false | DELETE_BUCKET_WEBSITE | b1  | -
            PUT    | /b1               | cors                       | false | PUT_BUCKET_CORS       | b1  | -
            DELETE | /b1               | cors                       | false | DELETE_BUCKET_CORS    | b1  | -
            GET    | /b1/k             | tagging                    | false | GET_OBJECT_TAGGING    | b1  | k
            PUT    | /b1/k             | tagging&versionId=v        | false | PUT_OBJECT_TAGGING    | b1  | k
            DELETE | /b1/k             | tagging                    | false | DELETE_OBJECT_TAGGING | b1  | k
            GET    | /b1               | tagging                    | false | GET_BUCKET_TAGGING    | b1  | -
            PUT    | /b1               | tagging                    | false | PUT_BUCKET_TAGGING    | b1  | -
            DELETE | /b1               | tagging                    | false | DELETE_BUCKET_TAGGING | b1  | -
            OPTIONS| /b1/k             | -                          | false | OPTIONS_OBJECT        | b1  | k
            OPTIONS| /b1               | -                          | false | OPTIONS_OBJECT        | b1  | -
            GET    | /b1               | versions&prefix=a          | false | LIST_OBJECT_VERSIONS  | b1  | -
            GET    | /b1               | list-type=2&prefix=a       | false | LIST_OBJECTS_V2       | b1  | -
            GET    | /b1/              | list-type=2                | false | LIST_OBJECTS_V2       | b1  | -
            GET    | /b1               | prefix=a&marker=b          | false | LIST_OBJECTS          | b1  | -
            POST   | /b1               | delete                     | false | DELETE_OBJECTS        | b1  | -
            POST   | /b1               | -                          | false | POST_OBJECT           | b1  | -
            PUT    | /b1/k             | -                          | false | PUT_OBJECT            | b1  | k
            PUT    | /b1/dir/k         | -                          | true  | COPY_OBJECT           | b1  | dir/k
            GET    | /b1/a/b/c.txt     | -                          | false | GET_OBJECT            | b1  | a/b/c.txt
            GET    | /b1/k             | response-content-type=x    | false | GET_OBJECT            | b1  | k
            GET    | /b1/k             | versionId=null             | false | GET_OBJECT            | b1  | k
            HEAD   | /b1/k             | -                          | false | HEAD_OBJECT           | b1  | k
            DELETE | /b1/k             | -                          | false | DELETE_OBJECT         | b1  | k
            GET    | /b1/dir/          | -                          | false | GET_OBJECT            | b1  | dir/
            GET    | /b1//double       | -                          | false | GET_OBJECT            | b1  | /double
            GET    | /b1               | acl                        | false | GET_BUCKET_ACL        | b1  | -
            PUT    | /b1               | acl                        | false | PUT_BUCKET_ACL        | b1  | -
            GET    | /b1/k             | acl                        | false | GET_OBJECT_ACL        | b1  | k
            PUT    | /b1/k             | acl                        | false | PUT_OBJECT_ACL        | b1  | k
            GET    | /b1               | policy                     | false | GET_BUCKET_POLICY     | b1  | -
            PUT    | /b1               | policy                     | false | PUT_BUCKET_POLICY     | b1  | -
            DELETE | /b1               | policy                     | false | DELETE_BUCKET_POLICY  | b1  | -
            GET    | /b1               | policyStatus               | false | GET_BUCKET_POLICY_STATUS | b1 | -
            GET    | /b1/policy        | -                          | false | GET_OBJECT            | b1  | policy
            GET    | /b1               | ownershipControls          | false | GET_BUCKET_OWNERSHIP_CONTROLS | b1 | -
            PUT    | /b1               | ownershipControls          | false | PUT_BUCKET_OWNERSHIP_CONTROLS | b1 | -
            DELETE | /b1               | ownershipControls          | false | DELETE_BUCKET_OWNERSHIP_CONTROLS | b1 | -
            GET    | /b1               | publicAccessBlock          | false | GET_PUBLIC_ACCESS_BLOCK | b1 | -
            PUT    | /b1               | publicAccessBlock          | false | PUT_PUBLIC_ACCESS_BLOCK | b1 | -
            DELETE | /b1               | publicAccessBlock          | false | DELETE_PUBLIC_ACCESS_BLOCK | b1 | -
            GET    | /b1/k             | publicAccessBlock          | false | GET_OBJECT            | b1  | k
            GET    | /b1               | lifecycle                  | false | GET_BUCKET_LIFECYCLE_CONFIGURATION | b1 | -
            GET    | /b1/              | lifecycle=                 | false | GET_BUCKET_LIFECYCLE_CONFIGURATION | b1 | -
            PUT    | /b1               | lifecycle                  | false | PUT_BUCKET_LIFECYCLE_CONFIGURATION | b1 | -
            DELETE | /b1               | lifecycle                  | false | DELETE_BUCKET_LIFECYCLE | b1 | -
            GET    | /b1/lifecycle     | -                          | false | GET_OBJECT            | b1  | lifecycle
            POST   | /b1/dir/k         | uploads                    | false | CREATE_MULTIPART_UPLOAD | b1 | dir/k
            PUT    | /b1/k             | partNumber=3&uploadId=U    | false | UPLOAD_PART           | b1  | k
            PUT    | /b1/k             | uploadId=U&partNumber=3    | true  | UPLOAD_PART_COPY      | b1  | k
            POST   | /b1/k             | uploadId=U                 | false | COMPLETE_MULTIPART_UPLOAD | b1 | k
            DELETE | /b1/k             | uploadId=U                 | false | ABORT_MULTIPART_UPLOAD | b1 | k
            GET    | /b1               | uploads                    | false | LIST_MULTIPART_UPLOADS | b1 | -
            GET    | /b1               | uploads&prefix=a&key-marker=b | false | LIST_MULTIPART_UPLOADS | b1 | -
            GET    | /b1/k             | uploadId=U                 | false | LIST_PARTS            | b1  | k
            GET    | /b1/k             | uploadId=U&part-number-marker=2 | false | LIST_PARTS       | b1  | k
            GET    | /b1/k             | partNumber=2               | false | GET_OBJECT            | b1  | k
            HEAD   | /b1/k             | partNumber=2               | false | HEAD_OBJECT           | b1  | k
            GET    | /b1               | object-lock                | false | GET_OBJECT_LOCK_CONFIGURATION | b1 | -
            PUT    | /b1               | object-lock                | false | PUT_OBJECT_LOCK_CONFIGURATION | b1 | -
            GET    | /b1/k             | object-lock                | false | GET_OBJECT            | b1  | k
            GET    | /b1/dir/k         | retention                  | false | GET_OBJECT_RETENTION  | b1  | dir/k
            PUT    | /b1/k             | retention                  | false | PUT_OBJECT_RETENTION  | b1  | k
            PUT    | /b1/k             | retention&versionId=v1     | false | PUT_OBJECT_RETENTION  | b1  | k
            GET    | /b1/k             | legal-hold                 | false | GET_OBJECT_LEGAL_HOLD | b1  | k
            PUT    | /b1/k             | legal-hold&versionId=v1    | false | PUT_OBJECT_LEGAL_HOLD | b1  | k
            """)
    void pathStyle(String method, String path, String query, boolean copy, S3Operation op, String bucket, String key) {
        Route route = router.route(method, path, QueryParams.parse(query), "127.0.0.1:9000", copy);
        assertThat(route).isEqualTo(new Route(op, bucket, key));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            POST   | ownershipControls
            POST   | publicAccessBlock
            HEAD   | publicAccessBlock
            POST   | lifecycle
            HEAD   | lifecycle
            """)
    void bucketSettingsTakeGetPutAndDeleteOnly(String method, String query) {
        assertThatThrownBy(() -> router.route(method, "/b1", QueryParams.parse(query), null, false))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.MethodNotAllowed));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            DELETE | /b1   | object-lock
            POST   | /b1   | object-lock
            HEAD   | /b1   | object-lock
            DELETE | /b1/k | retention
            POST   | /b1/k | retention
            HEAD   | /b1/k | legal-hold
            DELETE | /b1/k | legal-hold
            PUT    | /b1   | retention
            GET    | /b1   | retention
            PUT    | /b1   | legal-hold
            GET    | /b1   | legal-hold
            """)
    void objectLockSubresourcesTakeGetAndPutOnTheirOwnLevel(String method, String path, String query) {
        assertThatThrownBy(() -> router.route(method, path, QueryParams.parse(query), null, false))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.MethodNotAllowed));
    }

    @Test
    void objectLockActionsAreNamedAsInIam() {
        assertThat(S3Operation.GET_OBJECT_LOCK_CONFIGURATION.action()).isEqualTo("s3:GetBucketObjectLockConfiguration");
        assertThat(S3Operation.PUT_OBJECT_LOCK_CONFIGURATION.action()).isEqualTo("s3:PutBucketObjectLockConfiguration");
        assertThat(S3Operation.GET_OBJECT_RETENTION.action("v1")).isEqualTo("s3:GetObjectRetention");
        assertThat(S3Operation.PUT_OBJECT_RETENTION.action("v1")).isEqualTo("s3:PutObjectRetention");
        assertThat(S3Operation.GET_OBJECT_LEGAL_HOLD.action("v1")).isEqualTo("s3:GetObjectLegalHold");
        assertThat(S3Operation.PUT_OBJECT_LEGAL_HOLD.action("v1")).isEqualTo("s3:PutObjectLegalHold");
        assertThat(S3Operation.PUT_OBJECT_RETENTION.awsName()).isEqualTo("PutObjectRetention");
        assertThat(S3Operation.GET_OBJECT_LOCK_CONFIGURATION.awsName()).isEqualTo("GetObjectLockConfiguration");
    }

    @Test
    void bucketSettingsActionsAreNamedAsInIam() {
        assertThat(S3Operation.GET_BUCKET_OWNERSHIP_CONTROLS.action()).isEqualTo("s3:GetBucketOwnershipControls");
        assertThat(S3Operation.PUT_BUCKET_OWNERSHIP_CONTROLS.action()).isEqualTo("s3:PutBucketOwnershipControls");
        assertThat(S3Operation.DELETE_BUCKET_OWNERSHIP_CONTROLS.action()).isEqualTo("s3:PutBucketOwnershipControls");
        assertThat(S3Operation.GET_PUBLIC_ACCESS_BLOCK.action()).isEqualTo("s3:GetBucketPublicAccessBlock");
        assertThat(S3Operation.PUT_PUBLIC_ACCESS_BLOCK.action()).isEqualTo("s3:PutBucketPublicAccessBlock");
        assertThat(S3Operation.DELETE_PUBLIC_ACCESS_BLOCK.action()).isEqualTo("s3:PutBucketPublicAccessBlock");
        assertThat(S3Operation.GET_BUCKET_LIFECYCLE_CONFIGURATION.action()).isEqualTo("s3:GetLifecycleConfiguration");
        assertThat(S3Operation.PUT_BUCKET_LIFECYCLE_CONFIGURATION.action()).isEqualTo("s3:PutLifecycleConfiguration");
        assertThat(S3Operation.DELETE_BUCKET_LIFECYCLE.action()).isEqualTo("s3:PutLifecycleConfiguration");
        assertThat(S3Operation.GET_BUCKET_LIFECYCLE_CONFIGURATION.awsName()).isEqualTo("GetBucketLifecycleConfiguration");
        assertThat(S3Operation.DELETE_BUCKET_LIFECYCLE.awsName()).isEqualTo("DeleteBucketLifecycle");
        assertThat(S3Operation.PUT_BUCKET_LIFECYCLE_CONFIGURATION.kind()).isEqualTo(S3Operation.AccessKind.OWNER);
        assertThat(S3Operation.PUT_BUCKET_ACL.action()).isEqualTo("s3:PutBucketAcl");
        assertThat(S3Operation.GET_OBJECT_ACL.action()).isEqualTo("s3:GetObjectAcl");
        assertThat(S3Operation.PUT_OBJECT_ACL.action()).isEqualTo("s3:PutObjectAcl");
    }

    @ParameterizedTest(name = "{0} {2}{1}?{3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            GET    | /          | b1.s3.example.test      | -           | LIST_OBJECTS          | b1     | -
            GET    | /          | b1.s3.example.test:9000 | list-type=2 | LIST_OBJECTS_V2       | b1     | -
            PUT    | /          | my.dotted.bucket.s3.example.test | - | CREATE_BUCKET       | my.dotted.bucket | -
            GET    | /k         | b1.s3.example.test      | -           | GET_OBJECT            | b1     | k
            GET    | /dir/k     | B1.S3.EXAMPLE.TEST      | -           | GET_OBJECT            | b1     | dir/k
            GET    | /          | s3.example.test         | -           | LIST_BUCKETS          | -      | -
            GET    | /b1/k      | localhost:9000          | -           | GET_OBJECT            | b1     | k
            GET    | /b1/k      | other.domain            | -           | GET_OBJECT            | b1     | k
            """)
    void virtualHostStyle(String method, String path, String host, String query, S3Operation op, String bucket, String key) {
        Route route = router.route(method, path, QueryParams.parse(query), host, false);
        assertThat(route).isEqualTo(new Route(op, bucket, key));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            POST   | /
            DELETE | /
            POST   | /b1/k
            PATCH  | /b1/k
            PATCH  | /b1
            """)
    void unknownMethodsAreMethodNotAllowed(String method, String path) {
        assertThatThrownBy(() -> router.route(method, path, QueryParams.parse(""), null, false))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.MethodNotAllowed));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            PUT    | /b1/k | uploadId=U
            PUT    | /b1/k | partNumber=1
            """)
    void uploadPartNeedsBothUploadIdAndPartNumber(String method, String path, String query) {
        assertThatThrownBy(() -> router.route(method, path, QueryParams.parse(query), null, false))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidArgument));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            POST   | /b1   | uploads
            POST   | /b1/k | partNumber=1
            """)
    void multipartSubresourcesWithTheWrongMethodAreMethodNotAllowed(String method, String path, String query) {
        assertThatThrownBy(() -> router.route(method, path, QueryParams.parse(query), null, false))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.MethodNotAllowed));
    }

    @Test
    void multipartActionsAreNamedAsInIam() {
        assertThat(S3Operation.CREATE_MULTIPART_UPLOAD.action()).isEqualTo("s3:PutObject");
        assertThat(S3Operation.UPLOAD_PART.action()).isEqualTo("s3:PutObject");
        assertThat(S3Operation.UPLOAD_PART_COPY.action()).isEqualTo("s3:PutObject");
        assertThat(S3Operation.COMPLETE_MULTIPART_UPLOAD.action()).isEqualTo("s3:PutObject");
        assertThat(S3Operation.ABORT_MULTIPART_UPLOAD.action()).isEqualTo("s3:AbortMultipartUpload");
        assertThat(S3Operation.LIST_MULTIPART_UPLOADS.action()).isEqualTo("s3:ListBucketMultipartUploads");
        assertThat(S3Operation.LIST_PARTS.action()).isEqualTo("s3:ListMultipartUploadParts");
    }

    @ParameterizedTest
    @CsvSource({"/b1,replication", "/b1/k,restore", "/b1,logging"})
    void subresourcesNotBuiltYetAreNotImplemented(String path, String query) {
        assertThatThrownBy(() -> router.route("GET", path, QueryParams.parse(query), null, false))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.NotImplemented));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            a%20b      | a b
            a+b        | a b
            %2B        | +
            %E6%97%A5  | 日
            plain      | plain
            """)
    void queryDecoding(String raw, String decoded) {
        assertThat(QueryParams.parse("prefix=" + raw).first("prefix")).isEqualTo(decoded);
    }

    @ParameterizedTest
    @CsvSource({"a+b,a+b", "a%2Bb,a+b", "%2Fleading,/leading", "%C3%BC,ü"})
    void pathDecodingKeepsPlus(String raw, String decoded) {
        assertThat(PercentDecoder.decode(raw, false)).isEqualTo(decoded);
    }

    @ParameterizedTest
    @CsvSource({"%ZZ", "%C3", "abc%", "%FF%FE"})
    void brokenEscapesAreInvalidUri(String raw) {
        assertThatThrownBy(() -> PercentDecoder.decode(raw, false))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidURI));
    }
}
