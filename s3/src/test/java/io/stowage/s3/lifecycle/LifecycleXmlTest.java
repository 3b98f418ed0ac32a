package io.stowage.s3.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.lifecycle.LifecycleFilter.Form;
import io.stowage.s3.lifecycle.LifecycleFilter.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading, validating and writing LifecycleConfiguration documents, and every error AWS answers for a bad one. */
class LifecycleXmlTest {

    private static final String NS = "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";

    private static byte[] document(String... rules) {
        StringBuilder xml = new StringBuilder("<LifecycleConfiguration " + NS + ">");
        for (String rule : rules) {
            xml.append("<Rule>").append(rule).append("</Rule>");
        }
        return xml.append("</LifecycleConfiguration>").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads and validates, as PutBucketLifecycleConfiguration does. */
    private static LifecycleConfiguration accepted(byte[] document) {
        LifecycleConfiguration configuration = LifecycleXmlReader.read(document);
        LifecycleValidator.validate(configuration);
        return configuration;
    }

    private static void assertRefused(byte[] document, S3ErrorCode code, String messagePart) {
        assertThatThrownBy(() -> accepted(document))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(messagePart);
                });
    }

    @Test
    void readsEveryFilterFormAndAction() {
        LifecycleConfiguration configuration = accepted(document(
                "<ID>logs</ID><Filter><Prefix>logs/</Prefix></Filter><Status>Enabled</Status>"
                        + "<Expiration><Days>30</Days></Expiration>",
                "<ID>tagged</ID><Filter><Tag><Key>class</Key><Value>tmp</Value></Tag></Filter><Status>Disabled</Status>"
                        + "<Expiration><Date>2030-01-01T00:00:00.000Z</Date></Expiration>",
                "<ID>big</ID><Filter><ObjectSizeGreaterThan>1000</ObjectSizeGreaterThan></Filter><Status>Enabled</Status>"
                        + "<NoncurrentVersionExpiration><NoncurrentDays>7</NoncurrentDays>"
                        + "<NewerNoncurrentVersions>3</NewerNoncurrentVersions></NoncurrentVersionExpiration>",
                "<ID>small</ID><Filter><ObjectSizeLessThan>10</ObjectSizeLessThan></Filter><Status>Enabled</Status>"
                        + "<Expiration><Days>1</Days></Expiration>",
                "<ID>and</ID><Filter><And><Prefix>a/</Prefix><Tag><Key>k1</Key><Value>v1</Value></Tag>"
                        + "<Tag><Key>k2</Key><Value>v2</Value></Tag><ObjectSizeGreaterThan>5</ObjectSizeGreaterThan>"
                        + "<ObjectSizeLessThan>50</ObjectSizeLessThan></And></Filter><Status>Enabled</Status>"
                        + "<Expiration><Days>2</Days></Expiration>",
                "<ID>markers</ID><Filter></Filter><Status>Enabled</Status>"
                        + "<Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration>"
                        + "<AbortIncompleteMultipartUpload><DaysAfterInitiation>3</DaysAfterInitiation>"
                        + "</AbortIncompleteMultipartUpload>",
                "<ID>legacy</ID><Prefix>old/</Prefix><Status>Enabled</Status><Expiration><Days>9</Days></Expiration>"));

        List<LifecycleRule> rules = configuration.rules();
        assertThat(rules).extracting(LifecycleRule::id)
                .containsExactly("logs", "tagged", "big", "small", "and", "markers", "legacy");
        assertThat(rules.get(0).filter()).isEqualTo(new LifecycleFilter(Form.PREFIX, "logs/", List.of(), null, null));
        assertThat(rules.get(0).expiration().days()).isEqualTo(30);
        assertThat(rules.get(1).enabled()).isFalse();
        assertThat(rules.get(1).filter().tags()).containsExactly(new Tag("class", "tmp"));
        assertThat(rules.get(1).expiration().dateMillis()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z").toEpochMilli());
        assertThat(rules.get(2).filter().sizeGreaterThan()).isEqualTo(1000L);
        assertThat(rules.get(2).noncurrentExpiration()).isEqualTo(new LifecycleRule.NoncurrentExpiration(7, 3));
        assertThat(rules.get(3).filter().sizeLessThan()).isEqualTo(10L);
        assertThat(rules.get(4).filter()).isEqualTo(new LifecycleFilter(Form.AND, "a/",
                List.of(new Tag("k1", "v1"), new Tag("k2", "v2")), 5L, 50L));
        assertThat(rules.get(5).filter().form()).isEqualTo(Form.EMPTY);
        assertThat(rules.get(5).expiration().removesExpiredDeleteMarkers()).isTrue();
        assertThat(rules.get(5).abortIncompleteUploadDays()).isEqualTo(3);
        assertThat(rules.get(6).filter()).isEqualTo(new LifecycleFilter(Form.LEGACY_PREFIX, "old/", List.of(), null, null));
    }

    @Test
    void writtenDocumentReadsBackToTheSameConfiguration() {
        LifecycleConfiguration configuration = accepted(document(
                "<ID>a</ID><Filter><And><Prefix> spaced &amp; odd\n</Prefix><Tag><Key>k</Key><Value></Value></Tag>"
                        + "</And></Filter><Status>Enabled</Status><Expiration><Date>2031-02-03T00:00:00Z</Date></Expiration>"
                        + "<NoncurrentVersionExpiration><NoncurrentDays>4</NoncurrentDays></NoncurrentVersionExpiration>",
                "<ID>b</ID><Prefix></Prefix><Status>Disabled</Status>"
                        + "<AbortIncompleteMultipartUpload><DaysAfterInitiation>1</DaysAfterInitiation>"
                        + "</AbortIncompleteMultipartUpload>",
                "<ID>c</ID><Filter><ObjectSizeLessThan>7</ObjectSizeLessThan></Filter><Status>Enabled</Status>"
                        + "<Expiration><ExpiredObjectDeleteMarker>false</ExpiredObjectDeleteMarker></Expiration>"));

        byte[] written = LifecycleXmlWriter.write(configuration);

        assertThat(LifecycleXmlReader.read(written)).isEqualTo(configuration);
        assertThat(new String(written, StandardCharsets.UTF_8))
                .contains("<Date>2031-02-03T00:00:00Z</Date>", "<Prefix></Prefix><Status>Disabled</Status>");
    }

    @Test
    void ruleWithoutIdGetsAGeneratedOneAsOnAws() {
        LifecycleConfiguration configuration = accepted(document(
                "<Filter/><Status>Enabled</Status><Expiration><Days>1</Days></Expiration>",
                "<ID></ID><Filter/><Status>Enabled</Status><Expiration><Days>1</Days></Expiration>"));

        String first = configuration.rules().get(0).id();
        String second = configuration.rules().get(1).id();
        assertThat(first).isNotEqualTo(second);
        // AWS's generated ids are base64 of a UUID's text
        assertThat(new String(Base64.getDecoder().decode(first), StandardCharsets.US_ASCII))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not xml",
            "<Other><Rule/></Other>",
            "<LifecycleConfiguration></LifecycleConfiguration>",
            "<LifecycleConfiguration><Unknown/></LifecycleConfiguration>",
            // a rule needs a Status of Enabled or Disabled
            "<LifecycleConfiguration><Rule><Filter/><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>",
            "<LifecycleConfiguration><Rule><Filter/><Status>enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>",
            // a Filter or a Prefix, exactly one
            "<LifecycleConfiguration><Rule><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>",
            "<LifecycleConfiguration><Rule><Prefix>a</Prefix><Filter/><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>",
            // one predicate per Filter, two or more in And
            "<LifecycleConfiguration><Rule><Filter><Prefix>a</Prefix><ObjectSizeLessThan>5</ObjectSizeLessThan></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>",
            "<LifecycleConfiguration><Rule><Filter><And><Prefix>a</Prefix></And></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>",
            "<LifecycleConfiguration><Rule><Filter><Size>5</Size></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>",
            // numbers, dates and booleans must be what they claim
            "<LifecycleConfiguration><Rule><Filter/><Status>Enabled</Status><Expiration><Days>ten</Days></Expiration></Rule></LifecycleConfiguration>",
            "<LifecycleConfiguration><Rule><Filter/><Status>Enabled</Status><Expiration><Days>99999999999</Days></Expiration></Rule></LifecycleConfiguration>",
            "<LifecycleConfiguration><Rule><Filter/><Status>Enabled</Status><Expiration><Date>tomorrow</Date></Expiration></Rule></LifecycleConfiguration>",
            "<LifecycleConfiguration><Rule><Filter/><Status>Enabled</Status><Expiration><ExpiredObjectDeleteMarker>yes</ExpiredObjectDeleteMarker></Expiration></Rule></LifecycleConfiguration>",
            "<LifecycleConfiguration><Rule><Filter><ObjectSizeGreaterThan>big</ObjectSizeGreaterThan></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>",
            // repeated or unknown elements
            "<LifecycleConfiguration><Rule><Filter/><Status>Enabled</Status><Expiration><Days>1</Days></Expiration><Expiration><Days>2</Days></Expiration></Rule></LifecycleConfiguration>",
            "<LifecycleConfiguration><Rule><ID>a</ID><ID>b</ID><Filter/><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>",
            "<LifecycleConfiguration><Rule><Filter/><Status>Enabled</Status><Expiration><Days>1</Days><Hours>2</Hours></Expiration></Rule></LifecycleConfiguration>",
            "<LifecycleConfiguration><Rule><Filter/><Status>Enabled</Status><NoncurrentVersionExpiration><NewerNoncurrentVersions>2</NewerNoncurrentVersions></NoncurrentVersionExpiration></Rule></LifecycleConfiguration>",
            "<LifecycleConfiguration><Rule><Filter/><Status>Enabled</Status><AbortIncompleteMultipartUpload></AbortIncompleteMultipartUpload></Rule></LifecycleConfiguration>",
            "<LifecycleConfiguration><Rule><Filter><Tag><Value>v</Value></Tag></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>",
            "<!DOCTYPE x [<!ENTITY e \"boom\">]><LifecycleConfiguration><Rule><ID>&e;</ID><Filter/><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>"
    })
    void documentsOutsideTheSchemaAreMalformedXml(String xml) {
        assertRefused(xml.getBytes(StandardCharsets.UTF_8), S3ErrorCode.MalformedXML, "");
    }

    @Test
    void transitionsAreRefusedAsStowageHasOnlyStandard() {
        assertRefused(document("<ID>t</ID><Filter/><Status>Enabled</Status>"
                        + "<Transition><Days>30</Days><StorageClass>GLACIER</StorageClass></Transition>"),
                S3ErrorCode.InvalidStorageClass, "STANDARD");
        assertRefused(document("<ID>t</ID><Filter/><Status>Enabled</Status><Expiration><Days>1</Days></Expiration>"
                        + "<NoncurrentVersionTransition><NoncurrentDays>30</NoncurrentDays>"
                        + "<StorageClass>STANDARD_IA</StorageClass></NoncurrentVersionTransition>"),
                S3ErrorCode.InvalidStorageClass, "no other to transition to");
    }

    @Test
    void ruleWithoutActionIsInvalidArgument() {
        assertRefused(document("<ID>x</ID><Filter/><Status>Enabled</Status>"), S3ErrorCode.InvalidArgument,
                "At least one action");
    }

    @Test
    void expirationDaysMustBePositive() {
        assertRefused(document("<Filter/><Status>Enabled</Status><Expiration><Days>0</Days></Expiration>"),
                S3ErrorCode.InvalidArgument, "'Days' for Expiration action must be a positive integer");
        assertRefused(document("<Filter/><Status>Enabled</Status><Expiration><Days>-3</Days></Expiration>"),
                S3ErrorCode.InvalidArgument, "positive integer");
    }

    @Test
    void expirationDateMustBeMidnightUtc() {
        assertRefused(document("<Filter/><Status>Enabled</Status><Expiration><Date>2030-01-01T12:00:00Z</Date></Expiration>"),
                S3ErrorCode.InvalidArgument, "'Date' must be at midnight GMT");
        assertRefused(document("<Filter/><Status>Enabled</Status>"
                        + "<Expiration><Date>2030-01-01T00:00:00+02:00</Date></Expiration>"),
                S3ErrorCode.InvalidArgument, "midnight GMT");
        assertThat(accepted(document("<Filter/><Status>Enabled</Status>"
                + "<Expiration><Date>2030-01-01T02:00:00+02:00</Date></Expiration>")).rules()).hasSize(1);
    }

    @Test
    void expirationNeedsExactlyOneOfDaysDateAndMarker() {
        assertRefused(document("<Filter/><Status>Enabled</Status>"
                        + "<Expiration><Days>1</Days><Date>2030-01-01T00:00:00Z</Date></Expiration>"),
                S3ErrorCode.InvalidArgument, "both Days and Date");
        assertRefused(document("<Filter/><Status>Enabled</Status>"
                        + "<Expiration><Days>1</Days><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration>"),
                S3ErrorCode.InvalidArgument, "ExpiredObjectDeleteMarker cannot be specified with Days or Date");
        assertRefused(document("<Filter/><Status>Enabled</Status><Expiration><Date>2030-01-01T00:00:00Z</Date>"
                        + "<ExpiredObjectDeleteMarker>false</ExpiredObjectDeleteMarker></Expiration>"),
                S3ErrorCode.InvalidArgument, "ExpiredObjectDeleteMarker cannot be specified with Days or Date");
        assertRefused(document("<Filter/><Status>Enabled</Status><Expiration></Expiration>"),
                S3ErrorCode.InvalidArgument, "Expiration needs Days, Date or ExpiredObjectDeleteMarker");
    }

    @Test
    void ruleIdsAreAtMost255CharactersAndUnique() {
        String longId = "x".repeat(256);
        assertRefused(document("<ID>" + longId + "</ID><Filter/><Status>Enabled</Status><Expiration><Days>1</Days></Expiration>"),
                S3ErrorCode.InvalidArgument, "ID length should not exceed allowed limit of 255");
        assertThat(accepted(document("<ID>" + "x".repeat(255) + "</ID><Filter/><Status>Enabled</Status>"
                + "<Expiration><Days>1</Days></Expiration>")).rules()).hasSize(1);
        assertRefused(document("<ID>same</ID><Filter/><Status>Enabled</Status><Expiration><Days>1</Days></Expiration>",
                        "<ID>same</ID><Filter/><Status>Enabled</Status><Expiration><Days>2</Days></Expiration>"),
                S3ErrorCode.InvalidArgument, "Rule ID must be unique");
    }

    @Test
    void atMostAThousandRules() {
        String[] rules = new String[LifecycleConfiguration.MAX_RULES + 1];
        for (int i = 0; i < rules.length; i++) {
            rules[i] = "<ID>r" + i + "</ID><Filter><Prefix>p" + i + "/</Prefix></Filter><Status>Enabled</Status>"
                    + "<Expiration><Days>1</Days></Expiration>";
        }
        assertRefused(document(rules), S3ErrorCode.InvalidArgument, "at most 1000 rules");
        assertThat(accepted(document(java.util.Arrays.copyOf(rules, LifecycleConfiguration.MAX_RULES))).rules())
                .hasSize(LifecycleConfiguration.MAX_RULES);
    }

    @Test
    void tagFiltersCannotGoWithUploadAbortsOrDeleteMarkerRemoval() {
        assertRefused(document("<Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter><Status>Enabled</Status>"
                        + "<AbortIncompleteMultipartUpload><DaysAfterInitiation>1</DaysAfterInitiation>"
                        + "</AbortIncompleteMultipartUpload>"),
                S3ErrorCode.InvalidArgument, "AbortIncompleteMultipartUpload cannot be specified with Tags");
        assertRefused(document("<Filter><And><Prefix>a</Prefix><Tag><Key>k</Key><Value>v</Value></Tag></And></Filter>"
                        + "<Status>Enabled</Status>"
                        + "<Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration>"),
                S3ErrorCode.InvalidArgument, "ExpiredObjectDeleteMarker cannot be specified with Tags");
    }

    @Test
    void noncurrentAndUploadDaysMustBePositive() {
        assertRefused(document("<Filter/><Status>Enabled</Status>"
                        + "<NoncurrentVersionExpiration><NoncurrentDays>0</NoncurrentDays></NoncurrentVersionExpiration>"),
                S3ErrorCode.InvalidArgument, "'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer");
        assertRefused(document("<Filter/><Status>Enabled</Status><NoncurrentVersionExpiration>"
                        + "<NoncurrentDays>1</NoncurrentDays><NewerNoncurrentVersions>0</NewerNoncurrentVersions>"
                        + "</NoncurrentVersionExpiration>"),
                S3ErrorCode.InvalidArgument, "'NewerNoncurrentVersions'");
        assertRefused(document("<Filter/><Status>Enabled</Status><NoncurrentVersionExpiration>"
                        + "<NoncurrentDays>1</NoncurrentDays><NewerNoncurrentVersions>101</NewerNoncurrentVersions>"
                        + "</NoncurrentVersionExpiration>"),
                S3ErrorCode.InvalidArgument, "from 1 to 100");
        assertRefused(document("<Filter/><Status>Enabled</Status><AbortIncompleteMultipartUpload>"
                        + "<DaysAfterInitiation>0</DaysAfterInitiation></AbortIncompleteMultipartUpload>"),
                S3ErrorCode.InvalidArgument, "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer");
    }

    @Test
    void sizeFiltersMustBeConsistent() {
        assertRefused(document("<Filter><ObjectSizeGreaterThan>-1</ObjectSizeGreaterThan></Filter><Status>Enabled</Status>"
                + "<Expiration><Days>1</Days></Expiration>"), S3ErrorCode.InvalidArgument, "ObjectSizeGreaterThan");
        assertRefused(document("<Filter><ObjectSizeLessThan>0</ObjectSizeLessThan></Filter><Status>Enabled</Status>"
                + "<Expiration><Days>1</Days></Expiration>"), S3ErrorCode.InvalidArgument, "ObjectSizeLessThan");
        assertRefused(document("<Filter><And><ObjectSizeGreaterThan>10</ObjectSizeGreaterThan>"
                        + "<ObjectSizeLessThan>10</ObjectSizeLessThan></And></Filter><Status>Enabled</Status>"
                        + "<Expiration><Days>1</Days></Expiration>"),
                S3ErrorCode.InvalidArgument, "'ObjectSizeGreaterThan' must be less than 'ObjectSizeLessThan'");
    }

    @Test
    void tagsNeedAKeyAndDistinctKeys() {
        assertRefused(document("<Filter><Tag><Key></Key><Value>v</Value></Tag></Filter><Status>Enabled</Status>"
                + "<Expiration><Days>1</Days></Expiration>"), S3ErrorCode.InvalidArgument, "non-empty Key");
        assertRefused(document("<Filter><And><Tag><Key>k</Key><Value>1</Value></Tag><Tag><Key>k</Key><Value>2</Value></Tag>"
                        + "</And></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration>"),
                S3ErrorCode.InvalidArgument, "Duplicate Tag Keys");
    }
}
