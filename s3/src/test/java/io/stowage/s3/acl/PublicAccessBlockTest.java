package io.stowage.s3.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PublicAccessBlockTest {

    @Test
    void storedFormRoundTrips() {
        PublicAccessBlock block = new PublicAccessBlock(true, false, true, false);
        assertThat(block.encode()).isEqualTo("BlockPublicAcls=true\nIgnorePublicAcls=false\nBlockPublicPolicy=true\nRestrictPublicBuckets=false\n");
        assertThat(PublicAccessBlock.decode(block.encode())).isEqualTo(block);
        assertThatThrownBy(() -> PublicAccessBlock.decode("BlockPublicAcls=true\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void xmlLeavesOutSettingsAsFalse() {
        String xml = """
                <PublicAccessBlockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <IgnorePublicAcls>TRUE</IgnorePublicAcls>
                  <RestrictPublicBuckets>true</RestrictPublicBuckets>
                </PublicAccessBlockConfiguration>""";
        PublicAccessBlock block = PublicAccessBlock.parseXml(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(block).isEqualTo(new PublicAccessBlock(false, true, false, true));
        assertThat(PublicAccessBlock.parseXml(block.toXml())).isEqualTo(block);
        assertThat(new String(block.toXml(), StandardCharsets.UTF_8)).contains(
                "<PublicAccessBlockConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><BlockPublicAcls>false</BlockPublicAcls>"
                        + "<IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>false</BlockPublicPolicy>"
                        + "<RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>");
    }

    @Test
    void malformedDocumentsAreMalformedXml() {
        for (String xml : new String[] {"<PublicAccessBlock/>", "<PublicAccessBlockConfiguration><BlockPublicAcls>yes</BlockPublicAcls></PublicAccessBlockConfiguration>"}) {
            assertThatThrownBy(() -> PublicAccessBlock.parseXml(xml.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.MalformedXML));
        }
    }
}
