package io.stowage.engine.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    private static boolean contains(String range, String address) {
        return Cidr.parse(range).contains(Cidr.address(address).orElseThrow());
    }

    @Test
    void prefixLengthsOnAndOffByteBoundaries() {
        assertThat(contains("10.0.0.0/8", "10.255.255.255")).isTrue();
        assertThat(contains("10.0.0.0/8", "11.0.0.0")).isFalse();
        assertThat(contains("172.16.0.0/12", "172.31.0.1")).isTrue();
        assertThat(contains("172.16.0.0/12", "172.32.0.1")).isFalse();
        assertThat(contains("0.0.0.0/0", "255.255.255.255")).isTrue();
        assertThat(contains("2001:db8::/33", "2001:db8:7fff::1")).isTrue();
        assertThat(contains("2001:db8::/33", "2001:db8:8000::1")).isFalse();
    }

    @Test
    void aBareAddressIsARangeOfOne() {
        assertThat(Cidr.parse("203.0.113.9").prefixLength()).isEqualTo(32);
        assertThat(Cidr.parse("2001:db8::9").prefixLength()).isEqualTo(128);
    }

    @Test
    void familiesNeverMix() {
        assertThat(contains("::/0", "203.0.113.9")).isFalse();
        assertThat(contains("0.0.0.0/0", "2001:db8::9")).isFalse();
        assertThat(Cidr.parse("::/0").isIpv4()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "10.1", "1.2.3.4.5", "256.0.0.1x", "fe80::1%eth0", ""})
    void addressesAreLiteralsOnly(String text) {
        assertThat(Cidr.address(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/33", "10.0.0.0/8/8", "::/129", "/8"})
    void malformedRanges(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
