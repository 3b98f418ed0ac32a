package io.stowage.s3.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagSetTest {

    @Test
    void aTaggingDocumentKeepsItsTagsInOrderAndRendersBack() {
        TagSet tags = xml("<Tagging><TagSet><Tag><Key>team</Key><Value>data lake</Value></Tag>"
                + "<Tag><Key>cost-center</Key><Value></Value></Tag></TagSet></Tagging>", TagSet.OBJECT_LIMIT);
        assertThat(tags.tags()).containsExactly(Map.entry("team", "data lake"), Map.entry("cost-center", ""));
        assertThat(TagSet.decode(tags.encode())).isEqualTo(tags);
    }

    @Test
    void theTaggingHeaderIsAUrlEncodedQueryString() {
        assertThat(TagSet.parseHeader("team=data%20lake&env=prod+eu&empty=&bare").tags()).containsExactly(
                Map.entry("team", "data lake"), Map.entry("env", "prod eu"), Map.entry("empty", ""), Map.entry("bare", ""));
        assertThat(TagSet.parseHeader("").tags()).isEmpty();
        assertThat(TagSet.parseHeader("k=%E6%97%A5%E6%9C%AC").tags()).containsEntry("k", "日本");
        assertError(() -> TagSet.parseHeader("k=%ZZ"), S3ErrorCode.InvalidArgument);
    }

    @Test
    void limitsAreTenTagsOnAnObjectAndFiftyOnABucket() {
        StringBuilder ten = new StringBuilder("<Tagging><TagSet>");
        StringBuilder fifty = new StringBuilder("<Tagging><TagSet>");
        for (int i = 0; i < 51; i++) {
            String tag = "<Tag><Key>k" + i + "</Key><Value>v</Value></Tag>";
            if (i < 11) {
                ten.append(tag);
            }
            fifty.append(tag);
        }
        assertError(() -> xml(ten + "</TagSet></Tagging>", TagSet.OBJECT_LIMIT), S3ErrorCode.InvalidTag);
        assertThat(xml(ten + "</TagSet></Tagging>", TagSet.BUCKET_LIMIT).tags()).hasSize(11);
        assertError(() -> xml(fifty + "</TagSet></Tagging>", TagSet.BUCKET_LIMIT), S3ErrorCode.InvalidTag);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>a</Key><Value>2</Value></Tag>",
        "<Tag><Key></Key><Value>1</Value></Tag>",
        "<Tag><Key>aws:reserved</Key><Value>1</Value></Tag>",
        "<Tag><Key>semi;colon</Key><Value>1</Value></Tag>",
        "<Tag><Key>k</Key><Value>angle&lt;</Value></Tag>"
    })
    void invalidTagsAreInvalidTag(String tags) {
        assertError(() -> xml("<Tagging><TagSet>" + tags + "</TagSet></Tagging>", TagSet.OBJECT_LIMIT), S3ErrorCode.InvalidTag);
    }

    @Test
    void keysAndValuesHaveLengthLimitsInCharacters() {
        String key = "k".repeat(128);
        String value = "日".repeat(256);
        assertThat(TagSet.parseHeader(key + "=" + value).tags()).containsEntry(key, value);
        assertError(() -> TagSet.parseHeader(key + "k=v"), S3ErrorCode.InvalidTag);
        assertError(() -> TagSet.parseHeader("k=" + value + "x"), S3ErrorCode.InvalidTag);
    }

    @Test
    void bucketTagsGivenAsAMapFollowTheBucketRules() {
        assertThat(TagSet.ofBucket(Map.of("stowage.io/cosi-default-access-mode", "read-only")).tags())
                .containsExactly(Map.entry("stowage.io/cosi-default-access-mode", "read-only"));
        Map<String, String> fifty = new java.util.HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("k" + i, "v");
        }
        assertThat(TagSet.ofBucket(fifty).tags()).hasSize(50);
        fifty.put("k50", "v");
        assertError(() -> TagSet.ofBucket(fifty), S3ErrorCode.InvalidTag);
        assertError(() -> TagSet.ofBucket(Map.of("aws:cost", "x")), S3ErrorCode.InvalidTag);
        assertError(() -> TagSet.ofBucket(Map.of("", "x")), S3ErrorCode.InvalidTag);
    }

    @Test
    void documentsThatAreNotTaggingAreMalformed() {
        assertError(() -> xml("<Tags/>", 10), S3ErrorCode.MalformedXML);
        assertError(() -> xml("<Tagging/>", 10), S3ErrorCode.MalformedXML);
        assertError(() -> xml("<Tagging><TagSet><Tag><Key>k</Key></Tag></TagSet></Tagging>", 10), S3ErrorCode.MalformedXML);
    }

    private static TagSet xml(String document, int limit) {
        return TagSet.parseXml(document.getBytes(StandardCharsets.UTF_8), limit);
    }

    private static void assertError(Runnable call, S3ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
