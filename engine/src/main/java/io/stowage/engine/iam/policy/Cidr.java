package io.stowage.engine.iam.policy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 range in CIDR notation; a bare address is a range of one (/32 or /128). */
record Cidr(InetAddress network, int prefixLength) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** @throws IllegalArgumentException when the text is not an address or CIDR range */
    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        InetAddress address = address(addressText)
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range"));
        int maxLength = address.getAddress().length * 8;
        int length = maxLength;
        if (slash >= 0) {
            String lengthText = text.substring(slash + 1);
            if (!lengthText.matches("\\d{1,3}") || Integer.parseInt(lengthText) > maxLength) {
                throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
            }
            length = Integer.parseInt(lengthText);
        }
        return new Cidr(address, length);
    }

    /**
     * Parses an address literal, never a host name (no DNS). IPv4-mapped IPv6 addresses come back
     * as IPv4, so a client on a dual-stack socket still matches IPv4 ranges.
     */
    static Optional<InetAddress> address(String text) {
        boolean looksValid = text.contains(":") ? !text.contains("%") : IPV4.matcher(text).matches();
        if (!looksValid) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.ofLiteral(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    boolean isIpv4() {
        return network instanceof Inet4Address;
    }

    boolean contains(InetAddress address) {
        byte[] net = network.getAddress();
        byte[] candidate = address.getAddress();
        if (net.length != candidate.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (net[i] != candidate[i]) {
                return false;
            }
        }
        int restBits = prefixLength % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - restBits)) & 0xFF;
        return (net[fullBytes] & mask) == (candidate[fullBytes] & mask);
    }
}
