package io.stowage.engine.store;

import io.stowage.engine.error.InvalidInputException;
import java.util.regex.Pattern;

/** The shapes of user names, access key ids and secrets the engine accepts. */
public final class IamNames {

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9+=,.@_-]{1,64}");
    // no '/': the access key id is the first field of a SigV4 credential scope
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Za-z0-9._~+-]{3,128}");
    private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7e]{8,128}");

    private IamNames() {
    }

    public static void checkUser(String name) {
        if (name == null || !USER.matcher(name).matches()) {
            throw new InvalidInputException(
                    "a user name is 1 to 64 characters of letters, digits and +=,.@_-", String.valueOf(name));
        }
    }

    public static void checkAccessKeyId(String id) {
        if (id == null || !ACCESS_KEY_ID.matcher(id).matches()) {
            throw new InvalidInputException(
                    "an access key id is 3 to 128 characters of letters, digits and ._~+-", String.valueOf(id));
        }
    }

    public static void checkSecret(String secret, String accessKeyId) {
        if (secret == null || !SECRET.matcher(secret).matches()) {
            throw new InvalidInputException(
                    "a secret key is 8 to 128 printable ASCII characters without spaces", accessKeyId);
        }
    }
}
