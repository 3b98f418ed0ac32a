package io.stowage.s3.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.s3.acl.ObjectOwnership;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OwnershipControlsTest {

    @ParameterizedTest
    @CsvSource({"BucketOwnerEnforced,BUCKET_OWNER_ENFORCED", "BucketOwnerPreferred,BUCKET_OWNER_PREFERRED", "ObjectWriter,OBJECT_WRITER"})
    void oneRuleNamesTheSetting(String value, ObjectOwnership expected) {
        String xml = "<OwnershipControls xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Rule><ObjectOwnership>"
                + value + "</ObjectOwnership></Rule></OwnershipControls>";
        assertThat(OwnershipControlsHandler.parse(xml.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<OwnershipControls/>",
        "<OwnershipControls><Rule><ObjectOwnership>bucketownerenforced</ObjectOwnership></Rule></OwnershipControls>",
        "<OwnershipControls><Rule/></OwnershipControls>",
        "<OwnershipControls><Rule><ObjectOwnership>ObjectWriter</ObjectOwnership></Rule>"
                + "<Rule><ObjectOwnership>ObjectWriter</ObjectOwnership></Rule></OwnershipControls>",
        "<Ownership><Rule><ObjectOwnership>ObjectWriter</ObjectOwnership></Rule></Ownership>"})
    void anythingElseIsMalformed(String xml) {
        assertThatThrownBy(() -> OwnershipControlsHandler.parse(xml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.MalformedXML));
    }
}
