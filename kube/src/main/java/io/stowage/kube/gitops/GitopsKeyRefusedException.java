package io.stowage.kube.gitops;

/** The operator's own admin user on an ObjectStore ({@link StoreGitopsKey#USER}) cannot be used: reason {@value #REASON}. */
final class GitopsKeyRefusedException extends Exception {

    static final String REASON = "GitopsUserNotAdmin";

    GitopsKeyRefusedException(String message) {
        super(message);
    }
}
