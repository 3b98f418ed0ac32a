package io.stowage.engine.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValuePatternTest {

    private static final RequestContext ALICE = RequestContext.of(Map.of("aws:username", List.of("alice")));

    private static boolean matches(String pattern, String value) {
        return ValuePattern.parse(pattern, true, false).matches(value, ALICE);
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
            "*, '', true",
            "*, anything/at/all, true",
            "a?c, abc, true",
            "a?c, ac, false",
            "a?c, abbc, false",
            "a*b*c, aXXbYYc, true",
            "a*b*c, abc, true",
            "a*b*c, acb, false",
            "*ab, aab, true",
            "a*a, a, false",
            "*.jpg, .jpg, true",
            "*.jpg, cat.jpg.bak, false",
            "**?, x, true",
            "**?, '', false",
            "?, \uD83D\uDE00, true",
            "exact, exact, true",
            "exact, Exact, false"})
    void wildcards(String pattern, String value, boolean expected) {
        assertThat(matches(pattern, value)).isEqualTo(expected);
    }

    @Test
    void ignoringCase() {
        assertThat(ValuePattern.parse("s3:Get*", false, true).matches("S3:GETOBJECT", RequestContext.empty())).isTrue();
    }

    @Test
    void variablesAreReplacedByTheRequestsValues() {
        assertThat(matches("home/${aws:username}/*", "home/alice/notes")).isTrue();
        assertThat(matches("home/${aws:username}/*", "home/bob/notes")).isFalse();
        assertThat(matches("home/${AWS:UserName}/*", "home/alice/notes")).as("keys ignore case").isTrue();
        assertThat(matches("home/${aws:userid}/*", "home//notes")).as("missing key").isFalse();
        assertThat(matches("home/${aws:userid, 'nobody'}/*", "home/nobody/notes")).isTrue();
    }

    @Test
    void aVariablesValueIsLiteralTextNotAPattern() {
        RequestContext starUser = RequestContext.of(Map.of("aws:username", List.of("a*")));
        ValuePattern pattern = ValuePattern.parse("home/${aws:username}", true, false);
        assertThat(pattern.matches("home/a*", starUser)).isTrue();
        assertThat(pattern.matches("home/abc", starUser)).isFalse();
    }

    @Test
    void aKeyWithSeveralValuesIsNoVariable() {
        RequestContext twoValues = RequestContext.of(Map.of("s3:prefix", List.of("a", "b")));
        assertThat(ValuePattern.parse("${s3:prefix}", true, false).resolve(twoValues)).isEmpty();
    }

    @Test
    void escapesStandForTheLiteralCharacter() {
        assertThat(matches("price${?}/${*}${$}", "price?/*$")).isTrue();
        assertThat(matches("price${?}/${*}", "price!/x")).isFalse();
        assertThat(ValuePattern.parse("a${*}b", true, false).isFixed()).isTrue();
    }

    @Test
    void resolveKeepsWildcardsAsCharacters() {
        assertThat(ValuePattern.parse("${aws:username}/*?", true, false).resolve(ALICE)).contains("alice/*?");
        assertThat(ValuePattern.parse("${aws:userid}", true, false).resolve(ALICE)).isEmpty();
    }

    @Test
    void withoutVariablesDollarBracesAreText() {
        ValuePattern literal = ValuePattern.parse("home/${aws:username}/*", false, false);
        assertThat(literal.matches("home/${aws:username}/x", ALICE)).isTrue();
        assertThat(literal.matches("home/alice/x", ALICE)).isFalse();
    }

    @Test
    void fixedMeansNoWildcardsAndNoVariables() {
        assertThat(ValuePattern.parse("vpc-1234", true, false).isFixed()).isTrue();
        assertThat(ValuePattern.parse("vpc-*", true, false).isFixed()).isFalse();
        assertThat(ValuePattern.parse("vpc-12?4", true, false).isFixed()).isFalse();
        assertThat(ValuePattern.parse("${aws:username}", true, false).isFixed()).isFalse();
        assertThat(ValuePattern.parse("${aws:username}", false, false).isFixed()).isTrue();
    }

    @Test
    void malformedVariables() {
        assertThatThrownBy(() -> ValuePattern.parse("a${b", true, false))
                .hasMessage("'a${b' has a policy variable without its closing '}'");
        assertThatThrownBy(() -> ValuePattern.parse("a${}", true, false))
                .hasMessage("'a${}' has a malformed policy variable ${}");
        assertThatThrownBy(() -> ValuePattern.parse("${aws:username, guest}", true, false))
                .hasMessage("'${aws:username, guest}' has a malformed policy variable ${aws:username, guest}");
    }
}
