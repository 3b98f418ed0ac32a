package io.stowage.cli.admin;

import io.stowage.admin.client.Bucket;
import io.stowage.admin.client.CreateResult;
import io.stowage.admin.client.Quota;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `stowage admin bucket`: buckets, their owners and quotas. */
@Command(name = "bucket", description = "Manages buckets, their owners and quotas.")
final class BucketCommand extends AdminGroupCommand {

    /** Limits given on the command line; a limit not given is null. */
    static final class Limits {

        @Option(names = "--max-bytes", paramLabel = "SIZE", converter = Converters.SizeArg.class,
                description = "Most bytes the bucket may hold, e.g. 500MiB or 10GiB; 0: no limit.")
        Long maxBytes;

        @Option(names = "--max-objects", paramLabel = "N", converter = Converters.CountArg.class,
                description = "Most objects the bucket may hold; 0: no limit.")
        Long maxObjects;

        Quota over(Quota current) {
            return new Quota(maxBytes != null ? maxBytes : current.maxBytes(), maxObjects != null ? maxObjects : current.maxObjects());
        }
    }

    /** Either new limits or --clear. */
    static final class QuotaChange {

        @ArgGroup(exclusive = false, multiplicity = "1")
        Limits limits;

        @Option(names = "--clear", required = true, description = "Remove both limits.")
        boolean clear;
    }

    @Command(name = "add", description = "Creates a bucket.")
    int add(@Parameters(paramLabel = "NAME", description = "Bucket name (S3 naming rules)") String name,
            @Option(names = "--owner", paramLabel = "USER", description = "The owning user. Default: root") String owner,
            @ArgGroup(exclusive = false) Limits limits) {
        return admin.run((client, out) -> {
            CreateResult<Bucket> result = client.createBucket(name, owner, limits == null ? null : limits.over(Quota.NONE));
            Bucket bucket = result.value();
            if (out.json()) {
                out.json(bucket);
            } else if (result.created()) {
                out.line("Created bucket " + name + " (owner " + bucket.owner() + ", quota " + Output.quota(bucket.quota()) + ").");
            } else {
                out.line("Bucket " + name + " already exists; nothing changed.");
            }
        });
    }

    @Command(name = "ls", description = "Lists buckets with their owners, usage and quotas.")
    int ls() {
        return admin.run((client, out) -> {
            List<Bucket> buckets = client.listBuckets();
            if (out.json()) {
                out.json(buckets);
                return;
            }
            out.table(List.of("NAME", "OWNER", "OBJECTS", "SIZE", "QUOTA", "CREATED"), buckets.stream()
                    .map(b -> List.of(b.name(), Output.text(b.owner()), String.valueOf(b.usage().objects()), Output.size(b.usage().bytes()),
                            Output.quota(b.quota()), Output.time(b.createdAt())))
                    .toList());
        });
    }

    @Command(name = "rm", description = {"Deletes a bucket.", "Fails when it is not empty, unless --force is given."})
    int rm(@Parameters(paramLabel = "NAME", description = "Bucket name") String name,
           @Option(names = "--force", description = "Delete every object and unfinished upload in the bucket first.") boolean force) {
        return admin.run((client, out) -> {
            if (force) {
                client.forceDeleteBucket(name);
            } else {
                client.deleteBucket(name);
            }
            if (!out.json()) {
                out.line("Deleted bucket " + name + (force ? " and everything in it." : "."));
            }
        });
    }

    @Command(name = "owner", description = "Gives a bucket to another user.")
    int owner(@Parameters(index = "0", paramLabel = "NAME", description = "Bucket name") String name,
              @Parameters(index = "1", paramLabel = "USER", description = "The new owner") String user) {
        return admin.run((client, out) -> {
            Bucket bucket = client.setBucketOwner(name, user);
            if (out.json()) {
                out.json(bucket);
            } else {
                out.line("Bucket " + name + " is owned by " + bucket.owner() + ".");
            }
        });
    }

    @Command(name = "quota", description = {"Sets or clears a bucket's quota.",
            "A limit not given stays as it is; 0 removes that limit; --clear removes both."})
    int quota(@Parameters(paramLabel = "NAME", description = "Bucket name") String name,
              @ArgGroup(exclusive = true, multiplicity = "1") QuotaChange change) {
        return admin.run((client, out) -> {
            Bucket bucket = change.clear ? client.clearBucketQuota(name)
                    : client.setBucketQuota(name, change.limits.over(client.getBucket(name).quota()));
            if (out.json()) {
                out.json(bucket);
            } else {
                out.line("Quota of bucket " + name + ": " + Output.quota(bucket.quota()) + ".");
            }
        });
    }
}
