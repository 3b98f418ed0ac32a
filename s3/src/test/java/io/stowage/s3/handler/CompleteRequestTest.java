package io.stowage.s3.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.Part;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing and validating the CompleteMultipartUpload document, and the multipart ETag. */
class CompleteRequestTest {

    private static final String A = "0cc175b9c0f1b6a831c399e269772661";
    private static final String B = "92eb5ffee6ae2fec3ad71c777531578f";
    private static final long MIB = 1024 * 1024;

    private static CompleteRequest parse(String xml) {
        return CompleteRequest.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void partsWithQuotedEscapedOrBareEtagsAndChecksums() {
        CompleteRequest request = parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <Part><PartNumber>1</PartNumber><ETag>&quot;%s&quot;</ETag><ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part>
                  <Part><ETag>"%s"</ETag><PartNumber> 3 </PartNumber></Part>
                  <Part><PartNumber>10000</PartNumber><ETag>%s</ETag><ChecksumSHA256></ChecksumSHA256></Part>
                </CompleteMultipartUpload>
                """.formatted(A, B, A));
        assertThat(request.parts()).containsExactly(
                new CompleteRequest.Requested(1, A, Map.of("CRC32", "AAAAAA==")),
                new CompleteRequest.Requested(3, B, Map.of()),
                new CompleteRequest.Requested(10000, A, Map.of()));
    }

    @Test
    void noNamespaceIsFine() {
        assertThat(parse("<CompleteMultipartUpload><Part><PartNumber>2</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>")
                .parts()).extracting(CompleteRequest.Requested::number).containsExactly(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<CompleteMultipartUpload></CompleteMultipartUpload>",
            "<CompleteMultipartUpload><Part><ETag>x</ETag></Part></CompleteMultipartUpload>",
            "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>",
            "<CompleteMultipartUpload><Part><PartNumber>one</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>",
            "<Other><Part><PartNumber>1</PartNumber><ETag>x</ETag></Part></Other>",
            "<CompleteMultipartUpload><Part>",
            "not xml"})
    void malformedDocuments(String xml) {
        assertCode(() -> parse(xml), S3ErrorCode.MalformedXML);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2,1", "1,1", "1,3,2"})
    void partsOutOfOrderOrRepeated(String numbers) {
        StringBuilder xml = new StringBuilder("<CompleteMultipartUpload>");
        for (String n : numbers.split(",")) {
            xml.append("<Part><PartNumber>").append(n).append("</PartNumber><ETag>x</ETag></Part>");
        }
        assertCode(() -> parse(xml.append("</CompleteMultipartUpload>").toString()), S3ErrorCode.InvalidPartOrder);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 10001})
    void partNumbersOutOfRange(int number) {
        assertCode(() -> parse("<CompleteMultipartUpload><Part><PartNumber>" + number
                + "</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>"), S3ErrorCode.InvalidArgument);
    }

    @Test
    void multipartEtagIsTheMd5OfTheBinaryMd5sWithTheCount() throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(HexFormat.of().parseHex(A));
        md5.update(HexFormat.of().parseHex(B));
        String expected = HexFormat.of().formatHex(md5.digest()) + "-2";
        assertThat(CompleteRequest.multipartEtag(List.of(A, B))).isEqualTo(expected);
        // A well-known value: one part whose MD5 is that of "a".
        assertThat(CompleteRequest.multipartEtag(List.of(A)))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(HexFormat.of().parseHex(A))) + "-1");
    }

    @Test
    void choosesTheNamedPartsInOrder() {
        List<Part> uploaded = List.of(part(1, 5 * MIB, A), part(2, 5 * MIB, B), part(3, 1, A));
        CompleteRequest request = new CompleteRequest(List.of(
                new CompleteRequest.Requested(1, A, Map.of()), new CompleteRequest.Requested(3, A.toUpperCase(), Map.of())));
        assertThat(CompleteMultipartHandler.choose(request, uploaded)).extracting(Part::number).containsExactly(1, 3);
    }

    @Test
    void aMissingPartOrAWrongEtagIsInvalidPart() {
        List<Part> uploaded = List.of(part(1, 5 * MIB, A), part(2, 1, B));
        assertCode(() -> CompleteMultipartHandler.choose(new CompleteRequest(List.of(
                new CompleteRequest.Requested(1, A, Map.of()), new CompleteRequest.Requested(4, B, Map.of()))), uploaded),
                S3ErrorCode.InvalidPart);
        assertCode(() -> CompleteMultipartHandler.choose(new CompleteRequest(List.of(
                new CompleteRequest.Requested(1, B, Map.of()))), uploaded), S3ErrorCode.InvalidPart);
    }

    @Test
    void aChecksumThatDiffersFromThePartsIsInvalidPart() {
        Part withCrc = new Part(1, 10, A, 0, Map.of("CRC32", "AAAAAA=="), new ObjectBody.Inline(new byte[10]));
        assertThat(CompleteMultipartHandler.choose(new CompleteRequest(List.of(
                new CompleteRequest.Requested(1, A, Map.of("CRC32", "AAAAAA==")))), List.of(withCrc))).hasSize(1);
        assertCode(() -> CompleteMultipartHandler.choose(new CompleteRequest(List.of(
                new CompleteRequest.Requested(1, A, Map.of("CRC32", "AAAAAQ==")))), List.of(withCrc)), S3ErrorCode.InvalidPart);
        assertCode(() -> CompleteMultipartHandler.choose(new CompleteRequest(List.of(
                new CompleteRequest.Requested(1, A, Map.of("CRC32C", "AAAAAA==")))), List.of(withCrc)), S3ErrorCode.InvalidPart);
    }

    @Test
    void everyPartButTheLastNeedsFiveMebibytes() {
        List<Part> uploaded = List.of(part(1, 5 * MIB, A), part(2, 5 * MIB - 1, B), part(3, 1, A));
        assertThatThrownBy(() -> CompleteMultipartHandler.choose(new CompleteRequest(List.of(
                new CompleteRequest.Requested(1, A, Map.of()), new CompleteRequest.Requested(2, B, Map.of()),
                new CompleteRequest.Requested(3, A, Map.of()))), uploaded))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.code()).isEqualTo(S3ErrorCode.EntityTooSmall);
                    assertThat(e.getMessage()).contains("part 2");
                });
        // The small part is fine when it is the last one chosen.
        assertThat(CompleteMultipartHandler.choose(new CompleteRequest(List.of(
                new CompleteRequest.Requested(1, A, Map.of()), new CompleteRequest.Requested(2, B, Map.of()))), uploaded)).hasSize(2);
    }

    private static Part part(int number, long size, String etag) {
        return new Part(number, size, etag, 0, Map.of(), new ObjectBody.Blob("blob" + number, size));
    }

    private static void assertCode(Runnable call, S3ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
