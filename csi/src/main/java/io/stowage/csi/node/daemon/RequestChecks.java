package io.stowage.csi.node.daemon;

import io.stowage.csi.node.MountException;
import io.stowage.csi.node.PublishRequest;
import io.stowage.csi.node.S3Access;
import io.stowage.csi.node.StageRequest;
import java.nio.file.Path;

/** The arguments a call must have; the socket is a boundary, so the daemon checks what the plugin sent. */
final class RequestChecks {

    private RequestChecks() {
    }

    static void stage(StageRequest request) {
        if (request == null) {
            throw invalid("the stage request is missing");
        }
        volumeId(request.volumeId());
        path("staging path", request.stagingPath());
        if (blank(request.bucket())) {
            throw invalid("the bucket is missing");
        }
        if (request.prefix().startsWith("/") || request.prefix().endsWith("/")) {
            throw invalid("the prefix " + request.prefix() + " must not start or end with a slash");
        }
        S3Access access = request.access();
        if (access == null) {
            throw invalid("the S3 access (endpoint and key) is missing");
        }
        String scheme = access.endpoint().getScheme();
        if (access.endpoint().getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
            throw invalid("the endpoint " + access.endpoint() + " is not an http or https URL");
        }
        if (blank(access.accessKeyId()) || blank(access.secretAccessKey())) {
            throw invalid("the access key id or the secret key is missing");
        }
    }

    static void unstage(String volumeId, Path stagingPath) {
        volumeId(volumeId);
        path("staging path", stagingPath);
    }

    static void publish(PublishRequest request) {
        if (request == null) {
            throw invalid("the publish request is missing");
        }
        volumeId(request.volumeId());
        path("staging path", request.stagingPath());
        path("target path", request.targetPath());
        if (request.targetPath().equals(request.stagingPath())) {
            throw invalid("the target path is the staging path");
        }
    }

    static void unpublish(String volumeId, Path targetPath) {
        volumeId(volumeId);
        path("target path", targetPath);
    }

    private static void volumeId(String volumeId) {
        if (blank(volumeId)) {
            throw invalid("the volume id is missing");
        }
    }

    private static void path(String what, Path path) {
        if (path == null) {
            throw invalid("the " + what + " is missing");
        }
        if (!path.isAbsolute() || !path.equals(path.normalize()) || path.getNameCount() == 0) {
            throw invalid("the " + what + " " + path + " is not a normalized absolute path below /");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static MountException invalid(String message) {
        return new MountException(MountException.Reason.INVALID, message);
    }
}
