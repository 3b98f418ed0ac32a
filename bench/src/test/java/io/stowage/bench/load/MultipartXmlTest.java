package io.stowage.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MultipartXmlTest {

    @Test
    void readsTheUploadId() {
        assertThat(MultipartXml.uploadId("<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key>"
                + "<UploadId>VXBsb2FkIElE&amp;x</UploadId></InitiateMultipartUploadResult>")).isEqualTo("VXBsb2FkIElE&x");
        assertThat(MultipartXml.uploadId("<InitiateMultipartUploadResult></InitiateMultipartUploadResult>")).isNull();
        assertThat(MultipartXml.uploadId("<UploadId></UploadId>")).isNull();
    }

    @Test
    void listsThePartsInOrderWithTheirEtags() {
        assertThat(MultipartXml.completeBody(new String[] {"\"a1\"", "\"b2\""})).isEqualTo(
                "<CompleteMultipartUpload>"
                        + "<Part><PartNumber>1</PartNumber><ETag>\"a1\"</ETag></Part>"
                        + "<Part><PartNumber>2</PartNumber><ETag>\"b2\"</ETag></Part>"
                        + "</CompleteMultipartUpload>");
    }

    @Test
    void acceptsAnEtagWithThePartCount() {
        String body = "<CompleteMultipartUploadResult><Location>x</Location><Bucket>b</Bucket><Key>k</Key>"
                + "<ETag>&quot;3858f62230ac3c915f300c664312c11f-64&quot;</ETag></CompleteMultipartUploadResult>";
        assertThat(MultipartXml.checkComplete(body, 64)).isNull();
        assertThat(MultipartXml.checkComplete("<ETag>\"abc-2\"</ETag>", 2)).isNull();
    }

    @Test
    void rejectsAWrongOrMissingEtagAndAnErrorBody() {
        assertThat(MultipartXml.checkComplete("<ETag>\"abc-4\"</ETag>", 64)).contains("-64");
        assertThat(MultipartXml.checkComplete("<ETag>\"abc-164\"</ETag>", 64)).isNotNull();
        assertThat(MultipartXml.checkComplete("<ETag>\"3858f62230ac3c915f300c664312c11f\"</ETag>", 1)).isNotNull();
        assertThat(MultipartXml.checkComplete("<CompleteMultipartUploadResult/>", 2)).contains("no ETag");
        assertThat(MultipartXml.checkComplete("<Error><Code>InternalError</Code></Error>", 2)).contains("InternalError");
    }

    @Test
    void splitsTheObjectIntoParts() {
        long mib = 1024 * 1024;
        assertThat(MultipartUpload.partCount(1024 * mib, 16 * mib)).isEqualTo(64);
        assertThat(MultipartUpload.partCount(100 * mib + 1, 16 * mib)).isEqualTo(7);
        assertThat(MultipartUpload.partLength(100 * mib + 1, 16 * mib, 5)).isEqualTo(16 * mib);
        assertThat(MultipartUpload.partLength(100 * mib + 1, 16 * mib, 6)).isEqualTo(4 * mib + 1);
        assertThat(MultipartUpload.partCount(5, 16 * mib)).isEqualTo(1);
        assertThat(MultipartUpload.partLength(5, 16 * mib, 0)).isEqualTo(5);
    }
}
