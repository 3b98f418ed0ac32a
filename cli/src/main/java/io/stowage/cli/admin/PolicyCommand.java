package io.stowage.cli.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** `stowage admin policy`: bucket policies in the AWS policy language. */
@Command(name = "policy", description = "Manages bucket policies (the AWS policy language, as S3's PutBucketPolicy takes it).")
final class PolicyCommand extends AdminGroupCommand {

    @Command(name = "set", description = "Sets a bucket's policy from a JSON file, or from standard input with -.")
    int set(@Parameters(index = "0", paramLabel = "BUCKET", description = "Bucket name") String bucket,
            @Parameters(index = "1", paramLabel = "FILE", description = "Policy JSON file, or - for standard input") String source) {
        return admin.run((client, out) -> {
            client.putBucketPolicy(bucket, read(source));
            if (!out.json()) {
                out.line("Set the policy of bucket " + bucket + ".");
            }
        });
    }

    @Command(name = "get", description = "Prints a bucket's policy as stored.")
    int get(@Parameters(paramLabel = "BUCKET", description = "Bucket name") String bucket) {
        return admin.run((client, out) -> out.line(client.getBucketPolicy(bucket)));
    }

    @Command(name = "rm", description = "Removes a bucket's policy.")
    int rm(@Parameters(paramLabel = "BUCKET", description = "Bucket name") String bucket) {
        return admin.run((client, out) -> {
            client.deleteBucketPolicy(bucket);
            if (!out.json()) {
                out.line("Removed the policy of bucket " + bucket + ".");
            }
        });
    }

    private String read(String source) throws IOException {
        if (source.equals("-")) {
            return new String(admin.stdin().readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            return Files.readString(Path.of(source));
        } catch (NoSuchFileException e) {
            throw new IOException("no such policy file: " + source);
        } catch (IOException e) {
            throw new IOException("cannot read policy file " + source + ": " + e.getMessage());
        }
    }
}
