package io.stowage.engine.command;

import io.stowage.engine.model.AccessKey;
import io.stowage.engine.model.Grant;
import java.util.List;

/**
 * Creates an access key for a user, together with the key's own grants (their subjects are
 * ignored: they become grants of the new key) in the same batch, so a key meant to be scoped is
 * never usable unscoped. Repeating it with the same parameters returns the existing key.
 */
public record CreateAccessKey(String user, String accessKeyId, String secretKey, long createdAtMillis, List<Grant> grants)
        implements Command<AccessKey> {

    public CreateAccessKey {
        grants = grants == null ? List.of() : List.copyOf(grants);
    }

    @Override
    public String toString() {
        return "CreateAccessKey[" + user + ", " + accessKeyId + ", " + grants.size() + " grants]";
    }
}
