package io.stowage.cli.admin;

import io.stowage.admin.client.CreateResult;
import io.stowage.admin.client.Key;
import io.stowage.admin.client.KeyGrant;
import io.stowage.admin.client.KeyStatus;
import io.stowage.admin.client.KeyWithSecret;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `stowage admin key`: access keys of users, scoped or not. */
@Command(name = "key", description = "Manages access keys: create, list, rotate, disable, enable, delete.")
final class KeyCommand extends AdminGroupCommand {

    @Command(name = "add", description = {"Creates an access key of a user.",
            "Without --access-key and --secret-key the server generates the key, and its secret is printed once.",
            "With --grant the key is scoped: it reaches only what its grants name; without, it has all its user's rights."})
    int add(@Parameters(paramLabel = "USER", description = "The key's user") String user,
            @ArgGroup(exclusive = false) KeyPairOptions key,
            @Option(names = "--grant", paramLabel = "BUCKET[/PREFIX]=ACCESS", converter = Converters.KeyGrantArg.class,
                    description = "Scope the key to this bucket or prefix with read, write or read-write access (repeatable).")
            List<KeyGrant> grants) {
        return admin.run((client, out) -> {
            CreateResult<KeyWithSecret> result = client.createKey(user, KeyPairOptions.toKeyPair(key), grants == null ? List.of() : grants);
            if (out.json()) {
                out.json(result.value());
                return;
            }
            if (!result.created()) {
                out.line("Access key " + result.value().accessKeyId() + " of " + user + " already exists; nothing changed.");
                return;
            }
            out.newKey(result.value(), key == null);
        });
    }

    @Command(name = "ls", description = "Lists the access keys of a user, without their secrets.")
    int ls(@Parameters(paramLabel = "USER", description = "The keys' user") String user) {
        return admin.run((client, out) -> {
            List<Key> keys = client.listKeys(user);
            if (out.json()) {
                out.json(keys);
                return;
            }
            out.table(List.of("ACCESS KEY ID", "STATUS", "CREATED", "REACHES"), keys.stream()
                    .map(k -> List.of(k.accessKeyId(), Output.text(k.status()), Output.time(k.createdAt()), Output.grants(k.grants())))
                    .toList());
        });
    }

    @Command(name = "rm", description = "Deletes an access key.")
    int rm(@Parameters(paramLabel = "ID", description = "Access key id") String id) {
        return admin.run((client, out) -> {
            client.deleteKey(id);
            if (!out.json()) {
                out.line("Deleted access key " + id + ".");
            }
        });
    }

    @Command(name = "rotate", description = {"Creates a new generated key of the same user with the same grants and prints it once.",
            "The old key keeps working until it is deleted with `key rm`."})
    int rotate(@Parameters(paramLabel = "ID", description = "Access key id to replace") String id) {
        return admin.run((client, out) -> {
            KeyWithSecret fresh = client.rotateKey(id);
            if (out.json()) {
                out.json(fresh);
                return;
            }
            out.newKey(fresh, true);
            out.line("The old key " + id + " keeps working until you delete it: stowage admin key rm " + id);
        });
    }

    @Command(name = "disable", description = "Stops an access key from authenticating, until it is enabled again.")
    int disable(@Parameters(paramLabel = "ID", description = "Access key id") String id) {
        return setStatus(id, KeyStatus.DISABLED);
    }

    @Command(name = "enable", description = "Lets a disabled access key authenticate again.")
    int enable(@Parameters(paramLabel = "ID", description = "Access key id") String id) {
        return setStatus(id, KeyStatus.ACTIVE);
    }

    private int setStatus(String id, KeyStatus status) {
        return admin.run((client, out) -> {
            Key key = client.setKeyStatus(id, status);
            if (out.json()) {
                out.json(key);
            } else {
                out.line("Access key " + id + " of " + key.user() + " is " + key.status() + ".");
            }
        });
    }
}
