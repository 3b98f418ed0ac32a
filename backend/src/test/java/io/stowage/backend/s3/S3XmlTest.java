package io.stowage.backend.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;

class S3XmlTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsAListingPageWithItsContinuationToken() throws XMLStreamException {
        ObjectListing page = S3Xml.listing(utf8("""
                <?xml version="1.0" encoding="UTF-8"?>
                <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <Name>bucket</Name><Prefix>vol/</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys>
                  <IsTruncated>true</IsTruncated>
                  <Contents><Key>vol/a&amp;b&lt;c</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified>
                    <ETag>&quot;9b2cf535f27731c974343645a3985328&quot;</ETag><Size>12</Size><Owner><ID>root</ID></Owner><StorageClass>STANDARD</StorageClass></Contents>
                  <Contents><Key>vol/d</Key><Size>0</Size><ETag>"d41d8cd98f00b204e9800998ecf8427e-2"</ETag></Contents>
                  <Contents><Key>vol/e</Key><Size>0</Size></Contents>
                  <NextContinuationToken>dG9rZW4=</NextContinuationToken>
                </ListBucketResult>"""));

        assertThat(page.objects()).containsExactly(new ListedObject("vol/a&b<c", 12, "9b2cf535f27731c974343645a3985328"),
                new ListedObject("vol/d", 0, "d41d8cd98f00b204e9800998ecf8427e-2"), new ListedObject("vol/e", 0, null));
        assertThat(page.nextContinuationToken()).contains("dG9rZW4=");
    }

    @Test
    void decodesUrlEncodedKeysOfTheLastPage() throws XMLStreamException {
        ObjectListing page = S3Xml.listing(utf8("""
                <ListBucketResult><EncodingType>url</EncodingType><IsTruncated>false</IsTruncated>
                  <Contents><Key>vol/a+b%2Bc%C3%A9%0A</Key><Size>3</Size></Contents>
                  <CommonPrefixes><Prefix>vol/dir/</Prefix></CommonPrefixes>
                </ListBucketResult>"""));

        assertThat(page.objects()).containsExactly(new ListedObject("vol/a b+cé\n", 3, null));
        assertThat(page.nextContinuationToken()).isEmpty();
    }

    @Test
    void refusesDtdsAndOtherDocuments() {
        assertThatThrownBy(() -> S3Xml.listing(utf8("""
                <?xml version="1.0"?>
                <!DOCTYPE ListBucketResult [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <ListBucketResult><Contents><Key>&xxe;</Key><Size>1</Size></Contents></ListBucketResult>""")))
                .isInstanceOf(XMLStreamException.class);
        assertThatThrownBy(() -> S3Xml.listing(utf8("<Error><Code>AccessDenied</Code></Error>")))
                .isInstanceOf(XMLStreamException.class);
        assertThatThrownBy(() -> S3Xml.listing(utf8("<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>")))
                .isInstanceOf(XMLStreamException.class);
        assertThatThrownBy(() -> S3Xml.listing(utf8("<ListBucketResult><Contents><Key>a</Key>")))
                .isInstanceOf(XMLStreamException.class);
    }

    @Test
    void readsTheErrorsOfADeleteResult() throws XMLStreamException {
        assertThat(S3Xml.deleteErrors(utf8("<DeleteResult/>"))).isEmpty();
        assertThat(S3Xml.deleteErrors(utf8("""
                <DeleteResult>
                  <Deleted><Key>gone</Key></Deleted>
                  <Error><Key>locked</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error>
                </DeleteResult>""")))
                .containsExactly(new S3Xml.DeleteError("locked", "AccessDenied", "Access Denied"));
    }

    @Test
    void readsErrorDocumentsAndToleratesOtherBodies() {
        assertThat(S3Xml.error(utf8("<Error><Code>NoSuchBucket</Code><Message>no bucket</Message><Resource>/b</Resource></Error>")))
                .isEqualTo(new S3Xml.ErrorBody("NoSuchBucket", "no bucket"));
        assertThat(S3Xml.error(utf8("<html>bad gateway</html>"))).isEqualTo(new S3Xml.ErrorBody(null, null));
        assertThat(S3Xml.error(new byte[0])).isEqualTo(new S3Xml.ErrorBody(null, null));
    }

    @Test
    void writesAQuietDeleteDocumentWithEscapedKeys() {
        String document = new String(S3Xml.deleteRequest(List.of("a&b", "<c>")), StandardCharsets.UTF_8);

        assertThat(document).contains("<Delete><Quiet>true</Quiet><Object><Key>a&amp;b</Key></Object>"
                + "<Object><Key>&lt;c&gt;</Key></Object></Delete>");
    }

    @Test
    void writesAndReadsBackATagSetWithEscapedValues() throws XMLStreamException {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("stowage.io/claim", "a<b>&c");
        tags.put("empty", "");

        byte[] document = S3Xml.taggingRequest(tags);

        assertThat(new String(document, StandardCharsets.UTF_8)).contains("<Tagging><TagSet><Tag><Key>stowage.io/claim</Key>");
        assertThat(S3Xml.tags(document)).containsExactlyEntriesOf(tags);
        assertThatThrownBy(() -> S3Xml.tags("<Error/>".getBytes(StandardCharsets.UTF_8))).isInstanceOf(XMLStreamException.class);
    }

    @Test
    void readsAndWritesVersioningConfigurations() throws XMLStreamException {
        assertThat(S3Xml.versioning(utf8("<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>")))
                .isEqualTo(BucketVersioning.UNVERSIONED);
        assertThat(S3Xml.versioning(utf8("<VersioningConfiguration><Status>Suspended</Status></VersioningConfiguration>")))
                .isEqualTo(BucketVersioning.SUSPENDED);
        assertThatThrownBy(() -> S3Xml.versioning(utf8("<VersioningConfiguration><Status>On</Status></VersioningConfiguration>")))
                .isInstanceOf(XMLStreamException.class).hasMessageContaining("'On'");
        assertThat(new String(S3Xml.versioningRequest(BucketVersioning.ENABLED), StandardCharsets.UTF_8))
                .contains("<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Status>Enabled</Status>");
        assertThat(S3Xml.versioning(S3Xml.versioningRequest(BucketVersioning.SUSPENDED))).isEqualTo(BucketVersioning.SUSPENDED);
        assertThatThrownBy(() -> S3Xml.versioningRequest(BucketVersioning.UNVERSIONED)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lifecycleRulesRoundTripAndReadTheOldPrefixToo() throws XMLStreamException {
        List<LifecycleRule> rules = List.of(new LifecycleRule("tmp", "tmp/", true, 30, 0, 7),
                new LifecycleRule("old", "", false, 0, 90, 0));
        assertThat(S3Xml.lifecycle(S3Xml.lifecycleRequest(rules))).isEqualTo(rules);
        assertThat(new String(S3Xml.lifecycleRequest(rules.subList(1, 2)), StandardCharsets.UTF_8)).contains(
                "<Rule><ID>old</ID><Filter><Prefix></Prefix></Filter><Status>Disabled</Status><NoncurrentVersionExpiration>");
        assertThat(S3Xml.lifecycle(utf8("""
                <LifecycleConfiguration><Rule><ID>a</ID><Prefix>logs/</Prefix><Status>Enabled</Status>
                <Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>""")))
                .containsExactly(new LifecycleRule("a", "logs/", true, 1, 0, 0));
    }

    @Test
    void corsRulesRoundTrip() throws XMLStreamException {
        List<CorsRule> rules = List.of(new CorsRule(List.of("https://app.example.com"), List.of("GET", "PUT"), List.of("*"),
                List.of("ETag"), 3000), new CorsRule(List.of("*"), List.of("GET"), List.of(), List.of(), 0));
        assertThat(S3Xml.cors(S3Xml.corsRequest(rules))).isEqualTo(rules);
        assertThatThrownBy(() -> S3Xml.cors(utf8("<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>")))
                .isInstanceOf(XMLStreamException.class).hasMessageContaining("at least one allowed origin and method");
    }
}
