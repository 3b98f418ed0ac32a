package io.stowage.csi.node.fuse;

import io.stowage.csi.node.MountException;
import java.util.List;
import java.util.Set;

/**
 * Which extra options a volume may give its mounter. Options come from a StorageClass or a static volume's
 * attributes and are appended after the driver's own, where a later option wins: so an option that would
 * change where the credentials come from, which endpoint they are sent to, how its certificate is checked,
 * the read-only mode or the process's supervision (rclone's --daemon) is refused. Options that take a value
 * may give it in the same argument ({@code --flag=value}, {@code -okey=value}) or the next one; arguments
 * that are not options are left to the mounter, which refuses a third positional argument, so the mount
 * point cannot be changed either.
 */
public final class MountOptionPolicy {

    /** FUSE options (-o) no mounter may be given: the volume's access mode decides. */
    private static final Set<String> DENIED_FOR_ALL = Set.of("ro", "rw");

    private static final Set<String> S3FS_DENIED = Set.of("passwd_file", "url", "endpoint", "bucket", "profile",
            "iam_role", "ibm_iam_auth", "ibm_iam_endpoint", "ecs", "use_session_token", "imdsv1only",
            "no_check_certificate", "ssl_verify_hostname");

    private static final Set<String> RCLONE_DENIED = Set.of("config", "daemon", "read-only", "ca-cert",
            "no-check-certificate", "password-command", "s3-access-key-id", "s3-secret-access-key",
            "s3-session-token", "s3-env-auth", "s3-endpoint", "s3-region", "s3-profile",
            "s3-shared-credentials-file", "s3-provider");

    private static final Set<String> GEESEFS_DENIED = Set.of("endpoint", "region", "profile", "shared-config",
            "iam", "iam-header", "iam-flavor", "iam-url", "subdomain");

    private MountOptionPolicy() {
    }

    /** @throws MountException INVALID naming the first option that is refused */
    public static void check(MounterKind kind, List<String> options) {
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            if (option == null || option.isEmpty() || option.indexOf('\n') >= 0 || option.indexOf('\0') >= 0) {
                throw invalid(kind, option, "an option must be a non-empty single line");
            }
            if (option.equals("-o")) {
                if (i + 1 == options.size()) {
                    throw invalid(kind, option, "-o needs a value");
                }
                checkFuseOptions(kind, options.get(++i));
            } else if (option.startsWith("-o")) {
                checkFuseOptions(kind, option.substring(2));
            } else if (option.startsWith("--")) {
                checkFlag(kind, option);
            }
        }
    }

    private static void checkFuseOptions(MounterKind kind, String list) {
        for (String option : list.split(",")) {
            String name = nameOf(option);
            if (DENIED_FOR_ALL.contains(name) || (kind == MounterKind.S3FS && S3FS_DENIED.contains(name))) {
                throw invalid(kind, option, reason(name));
            }
        }
    }

    private static void checkFlag(MounterKind kind, String option) {
        String name = nameOf(option.substring(2));
        boolean denied = switch (kind) {
            case S3FS -> false;
            case RCLONE -> RCLONE_DENIED.contains(name) || name.equals("rc") || name.startsWith("rc-");
            case GEESEFS -> GEESEFS_DENIED.contains(name);
        };
        if (denied) {
            throw invalid(kind, option, reason(name));
        }
    }

    private static String nameOf(String option) {
        int eq = option.indexOf('=');
        return (eq < 0 ? option : option.substring(0, eq)).strip();
    }

    private static String reason(String name) {
        if (DENIED_FOR_ALL.contains(name) || name.equals("read-only")) {
            return "the volume's access mode decides whether it is read-only";
        }
        if (name.equals("daemon")) {
            return "the mount daemon runs and supervises the mounter itself";
        }
        if (name.equals("rc") || name.startsWith("rc-")) {
            return "rclone's remote control would let anyone on the node drive the mount";
        }
        return "the endpoint, its certificate checks and the credentials come from the volume's secrets";
    }

    private static MountException invalid(MounterKind kind, String option, String why) {
        return new MountException(MountException.Reason.INVALID,
                kind.binary() + " option " + option + " is not allowed: " + why);
    }
}
