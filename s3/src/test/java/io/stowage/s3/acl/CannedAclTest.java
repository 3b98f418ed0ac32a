package io.stowage.s3.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Canned ACLs expand to the grants the S3 User Guide's table lists, here in the stored text form. */
class CannedAclTest {

    @ParameterizedTest(name = "{0} on alice''s object in bob''s bucket")
    @CsvSource(delimiter = '|', textBlock = """
            private                   | FULL_CONTROL user alice;
            public-read               | FULL_CONTROL user alice;READ group AllUsers;
            public-read-write         | FULL_CONTROL user alice;READ group AllUsers;WRITE group AllUsers;
            authenticated-read        | FULL_CONTROL user alice;READ group AuthenticatedUsers;
            bucket-owner-read         | FULL_CONTROL user alice;READ user bob;
            bucket-owner-full-control | FULL_CONTROL user alice;FULL_CONTROL user bob;
            """)
    void expansionOnAnObject(String header, String grants) {
        assertThat(AclCodec.encode(CannedAcl.parse(header).expand("alice", "bob"))).isEqualTo(grants.replace(';', '\n'));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bucket-owner-read", "bucket-owner-full-control", "private"})
    void bucketOwnerAclsAddNothingWhenTheOwnerOwnsTheBucket(String header) {
        assertThat(CannedAcl.parse(header).expand("alice", "alice")).isEqualTo(Acl.ownerFullControl("alice"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws-exec-read", "log-delivery-write"})
    void awsServiceAclsAreNotImplemented(String header) {
        assertThatThrownBy(() -> CannedAcl.parse(header))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.code()).isEqualTo(S3ErrorCode.NotImplemented);
                    assertThat(e.getMessage()).contains(header);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"public", "PRIVATE", ""})
    void unknownValuesAreInvalidArguments(String header) {
        assertThatThrownBy(() -> CannedAcl.parse(header))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidArgument));
    }

    @ParameterizedTest
    @CsvSource({"private,false", "public-read,true", "public-read-write,true", "authenticated-read,true",
            "bucket-owner-read,false", "bucket-owner-full-control,false"})
    void publicMeansAGrantToAGroup(String header, boolean isPublic) {
        assertThat(CannedAcl.parse(header).expand("alice", "bob").isPublic()).isEqualTo(isPublic);
    }
}
