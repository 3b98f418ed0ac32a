package io.stowage.cli.admin;

import io.stowage.admin.client.Access;
import io.stowage.admin.client.CreateResult;
import io.stowage.admin.client.Grant;
import io.stowage.admin.client.GrantFilter;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `stowage admin grant`: access of users and keys to buckets and prefixes. */
@Command(name = "grant", description = "Manages grants: read, write or read-write access of a user or key to a bucket or prefix.")
final class GrantCommand extends AdminGroupCommand {

    @Command(name = "add", description = "Grants a user or an access key access to a bucket, or to the keys under a prefix of it.")
    int add(@ArgGroup(exclusive = true, multiplicity = "1") SubjectOptions subject,
            @Parameters(index = "0", paramLabel = "BUCKET[/PREFIX]", converter = Converters.BucketPathArg.class,
                    description = "The bucket, or the prefix within it") BucketPath path,
            @Parameters(index = "1", paramLabel = "ACCESS", converter = Converters.AccessArg.class,
                    description = "read, write or read-write") Access access) {
        return admin.run((client, out) -> {
            CreateResult<Grant> result = client.createGrant(subject.grant(path, access));
            if (out.json()) {
                out.json(result.value());
            } else if (result.created()) {
                out.line("Granted " + access + " on " + path + " to " + subject + ".");
            } else {
                out.line("The " + subject + " already has " + access + " on " + path + "; nothing changed.");
            }
        });
    }

    @Command(name = "ls", description = "Lists grants, narrowed by whichever of --bucket, --user and --key are given.")
    int ls(@Option(names = "--bucket", paramLabel = "BUCKET", description = "Only grants on this bucket") String bucket,
           @Option(names = "--user", paramLabel = "USER", description = "Only grants of this user") String user,
           @Option(names = "--key", paramLabel = "ID", description = "Only grants of this access key") String key) {
        return admin.run((client, out) -> {
            List<Grant> grants = client.listGrants(new GrantFilter(bucket, user, key));
            if (out.json()) {
                out.json(grants);
                return;
            }
            out.table(List.of("SUBJECT", "BUCKET", "PREFIX", "ACCESS"), grants.stream()
                    .map(g -> List.of(g.user() != null ? "user " + g.user() : "key " + g.key(), g.bucket(), g.prefix(), g.access().wireName()))
                    .toList());
        });
    }

    @Command(name = "rm", description = "Removes the grant of a user or an access key on exactly this bucket or prefix.")
    int rm(@ArgGroup(exclusive = true, multiplicity = "1") SubjectOptions subject,
           @Parameters(paramLabel = "BUCKET[/PREFIX]", converter = Converters.BucketPathArg.class,
                   description = "The bucket, or the prefix within it") BucketPath path) {
        return admin.run((client, out) -> {
            if (subject.user != null) {
                client.deleteUserGrant(subject.user, path.bucket(), path.prefix());
            } else {
                client.deleteKeyGrant(subject.key, path.bucket(), path.prefix());
            }
            if (!out.json()) {
                out.line("Removed the grant of " + subject + " on " + path + ".");
            }
        });
    }
}
