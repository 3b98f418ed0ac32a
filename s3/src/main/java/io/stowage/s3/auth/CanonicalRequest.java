package io.stowage.s3.auth;

import java.util.List;

/** Builds the SigV4 canonical request and string to sign. */
final class CanonicalRequest {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private CanonicalRequest() {
    }

    /** Splits a SignedHeaders value ("host;x-amz-date"); it must name host. */
    static List<String> signedHeaders(String value, AuthStyle style) {
        List<String> names = List.of(value.split(";", -1));
        if (names.stream().anyMatch(String::isEmpty)) {
            throw style.malformed("SignedHeaders \"" + value + "\" is malformed.");
        }
        if (!names.contains("host")) {
            throw style.malformed("SignedHeaders must include host.");
        }
        return names;
    }

    static String build(String method, String canonicalUri, String canonicalQuery, AuthRequest request,
            List<String> signedHeaders, String payloadHash) {
        StringBuilder out = new StringBuilder(256);
        out.append(method).append('\n').append(canonicalUri).append('\n').append(canonicalQuery).append('\n');
        for (String name : signedHeaders) {
            out.append(name).append(':');
            appendValues(out, request.headerValues(name));
            out.append('\n');
        }
        out.append('\n').append(String.join(";", signedHeaders)).append('\n').append(payloadHash);
        return out.toString();
    }

    static String stringToSign(String dateTime, String scope, String canonicalRequest) {
        return ALGORITHM + "\n" + dateTime + "\n" + scope + "\n" + SigV4Crypto.sha256Hex(canonicalRequest);
    }

    /** Values trimmed, inner whitespace runs collapsed to one space, joined with ','. */
    private static void appendValues(StringBuilder out, List<String> values) {
        for (int v = 0; v < values.size(); v++) {
            if (v > 0) {
                out.append(',');
            }
            String value = values.get(v).strip();
            boolean inSpace = false;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == ' ' || c == '\t') {
                    inSpace = true;
                } else {
                    if (inSpace) {
                        out.append(' ');
                        inSpace = false;
                    }
                    out.append(c);
                }
            }
        }
    }
}
