package io.stowage.cli.admin;

import io.stowage.admin.client.CreateResult;
import io.stowage.admin.client.User;
import io.stowage.admin.client.UserWithKey;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `stowage admin user`: users, the owners of buckets and access keys. */
@Command(name = "user", description = "Manages users: the owners of buckets and access keys.")
final class UserCommand extends AdminGroupCommand {

    @Command(name = "add", description = {"Creates a user with a first access key.",
            "Without --access-key and --secret-key the server generates the key, and its secret is printed once."})
    int add(@Parameters(paramLabel = "NAME", description = "User name: 1 to 64 letters, digits and +=,.@_-") String name,
            @Option(names = "--admin", description = "The user may use the admin API with its keys.") boolean isAdmin,
            @ArgGroup(exclusive = false) KeyPairOptions key) {
        return admin.run((client, out) -> {
            CreateResult<UserWithKey> result = client.createUser(name, isAdmin, KeyPairOptions.toKeyPair(key));
            if (out.json()) {
                out.json(result.value());
                return;
            }
            out.line(result.created() ? "Created user " + name + (isAdmin ? " (admin)." : ".")
                    : "User " + name + " already exists; nothing changed.");
            if (result.value().key() != null) {
                out.newKey(result.value().key(), key == null);
            }
        });
    }

    @Command(name = "ls", description = "Lists users.")
    int ls() {
        return admin.run((client, out) -> {
            List<User> users = client.listUsers();
            if (out.json()) {
                out.json(users);
                return;
            }
            out.table(List.of("NAME", "ADMIN", "KEYS", "CREATED"), users.stream()
                    .map(u -> List.of(u.name(), u.admin() ? "yes" : "no", String.valueOf(u.keys().size()), Output.time(u.createdAt())))
                    .toList());
        });
    }

    @Command(name = "rm", description = {"Deletes a user and its access keys.", "Fails while the user owns buckets."})
    int rm(@Parameters(paramLabel = "NAME", description = "User name") String name) {
        return admin.run((client, out) -> {
            client.deleteUser(name);
            if (!out.json()) {
                out.line("Deleted user " + name + ".");
            }
        });
    }
}
