package io.stowage.cli.admin;

import io.stowage.admin.client.KeyPair;
import picocli.CommandLine.Option;

/** An access key id and secret given together on the command line. */
final class KeyPairOptions {

    @Option(names = "--access-key", paramLabel = "ID", required = true,
            description = "Access key id (3 to 128 letters, digits and ._~+-); with --secret-key.")
    String accessKeyId;

    @Option(names = "--secret-key", paramLabel = "SECRET", required = true,
            description = "Secret key (8 to 128 printable ASCII characters); with --access-key.")
    String secretKey;

    static KeyPair toKeyPair(KeyPairOptions options) {
        return options == null ? null : new KeyPair(options.accessKeyId, options.secretKey);
    }
}
