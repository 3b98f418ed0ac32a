package io.stowage.s3.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CorsConfigurationTest {

    private static final String CONFIG = """
            <CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <CORSRule>
                <ID>app</ID>
                <AllowedOrigin>https://*.example.com</AllowedOrigin>
                <AllowedMethod>GET</AllowedMethod>
                <AllowedMethod>PUT</AllowedMethod>
                <AllowedHeader>x-amz-*</AllowedHeader>
                <AllowedHeader>Content-Type</AllowedHeader>
                <ExposeHeader>ETag</ExposeHeader>
                <MaxAgeSeconds>600</MaxAgeSeconds>
              </CORSRule>
              <CORSRule>
                <AllowedOrigin>*</AllowedOrigin>
                <AllowedMethod>HEAD</AllowedMethod>
              </CORSRule>
            </CORSConfiguration>""";

    @Test
    void rulesMatchByOriginMethodAndHeadersInOrder() {
        CorsConfiguration config = parse(CONFIG);

        CorsRule app = config.match("https://shop.example.com", "PUT", List.of("content-type", "x-amz-date")).orElseThrow();
        assertThat(app.id()).isEqualTo("app");
        assertThat(app.exposeHeaders()).containsExactly("ETag");
        assertThat(app.maxAgeSeconds()).isEqualTo(600);
        assertThat(config.match("https://shop.example.com", "PUT", List.of("authorization"))).isEmpty();
        assertThat(config.match("http://shop.example.com", "GET", List.of())).isEmpty();
        assertThat(config.match("https://example.com", "GET", List.of())).as("the wildcard needs its dot").isEmpty();
        assertThat(config.match("https://shop.example.com", "DELETE", List.of())).isEmpty();
        assertThat(config.match("http://anywhere.test", "HEAD", List.of()).orElseThrow().anyOrigin()).isTrue();
    }

    @Test
    void theStoredFormParsesBackToTheSameRules() {
        CorsConfiguration config = parse(CONFIG);
        assertThat(CorsConfiguration.decode(config.encode())).isEqualTo(config);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            <Other/>                                                                                | MalformedXML
            <CORSConfiguration/>                                                                    | MalformedXML
            <CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration> | MalformedXML
            <CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>   | MalformedXML
            <CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PATCH</AllowedMethod></CORSRule></CORSConfiguration> | InvalidRequest
            <CORSConfiguration><CORSRule><AllowedOrigin>*.*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration> | InvalidRequest
            <CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedHeader>*-*</AllowedHeader></CORSRule></CORSConfiguration> | InvalidRequest
            <CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><MaxAgeSeconds>soon</MaxAgeSeconds></CORSRule></CORSConfiguration> | MalformedXML
            <CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><Color>red</Color></CORSRule></CORSConfiguration> | MalformedXML
            """)
    void invalidConfigurationsAreRefusedWithS3sErrors(String document, S3ErrorCode code) {
        assertThatThrownBy(() -> parse(document))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void moreThanAHundredRulesAreRefused() {
        String rule = "<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>";
        assertThat(parse("<CORSConfiguration>" + rule.repeat(100) + "</CORSConfiguration>").rules()).hasSize(100);
        assertThatThrownBy(() -> parse("<CORSConfiguration>" + rule.repeat(101) + "</CORSConfiguration>"))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidRequest));
    }

    private static CorsConfiguration parse(String xml) {
        return CorsConfiguration.parse(xml.getBytes(StandardCharsets.UTF_8));
    }
}
