package io.stowage.s3.auth;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * The credential of a SigV4 signature: {@code AKID/yyyyMMdd/region/s3/aws4_request}.
 *
 * @param accessKeyId the access key id
 * @param date the scope date, {@code yyyyMMdd}
 * @param region the scope region, equal to the server's
 */
record CredentialScope(String accessKeyId, String date, String region) {

    static final String SERVICE = "s3";
    static final String TERMINATOR = "aws4_request";

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    /** Parses and validates {@code credential} against the server's region. */
    static CredentialScope parse(String credential, String expectedRegion, AuthStyle style) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5 || parts[0].isEmpty()) {
            throw style.credentialError(
                    "the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }
        if (!isDate(parts[1])) {
            throw style.credentialError("incorrect date format \"" + parts[1]
                    + "\". This date in the credential must be in the format \"yyyyMMdd\".");
        }
        if (!parts[2].equals(expectedRegion)) {
            throw style.credentialError("the region '" + parts[2] + "' is wrong; expecting '" + expectedRegion + "'");
        }
        if (!parts[3].equals(SERVICE)) {
            throw style.credentialError(
                    "incorrect service \"" + parts[3] + "\". This endpoint belongs to \"" + SERVICE + "\".");
        }
        if (!parts[4].equals(TERMINATOR)) {
            throw style.credentialError(
                    "incorrect terminal \"" + parts[4] + "\". This endpoint uses \"" + TERMINATOR + "\".");
        }
        return new CredentialScope(parts[0], parts[1], parts[2]);
    }

    /** The scope string that goes into the string to sign. */
    String scope() {
        return date + "/" + region + "/" + SERVICE + "/" + TERMINATOR;
    }

    private static boolean isDate(String value) {
        if (value.length() != 8) {
            return false;
        }
        try {
            LocalDate.parse(value, DATE);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
