package io.stowage.csi.node.fuse;

import java.nio.file.Path;

/** A staged volume's own directory in the daemon's state directory, and the files in it. */
public record VolumeFiles(Path dir) {

    /** HOME of the mounter: where it would look for configuration we did not give it. */
    public Path home() {
        return dir.resolve("home");
    }

    /** s3fs's password file, ACCESS_KEY:SECRET (0600). */
    public Path passwordFile() {
        return dir.resolve("passwd-s3fs");
    }

    /** The endpoint's CA certificates, when the volume gives some (0644). */
    public Path caBundle() {
        return dir.resolve("ca.pem");
    }

    /** rclone's VFS cache. */
    public Path cache() {
        return dir.resolve("cache");
    }

    /** The mounter's stdout and stderr (0600). */
    public Path log() {
        return dir.resolve("mounter.log");
    }
}
