package io.stowage.cli.admin;

import io.stowage.admin.client.AdminJson;
import io.stowage.admin.client.KeyGrant;
import io.stowage.admin.client.KeyWithSecret;
import io.stowage.admin.client.Quota;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** What `stowage admin` prints: aligned tables and sentences for people, or the API's JSON with --json. */
final class Output {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    Output(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    void json(Object value) {
        out.println(AdminJson.toPrettyJson(value));
    }

    void line(String text) {
        out.println(text);
    }

    /** Columns under upper-case headers, padded to their widest cell, two spaces apart. */
    void table(List<String> headers, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        fields(all);
    }

    /** Rows of cells, each column padded to its widest cell, two spaces apart. */
    void fields(List<List<String>> all) {
        int[] widths = new int[all.getFirst().size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == 0 ? "" : "  ").append(row.get(i)).append(" ".repeat(widths[i] - row.get(i).length()));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /**
     * A new access key; with {@code showSecret}, its secret too, once, in the form the AWS
     * tools read from the environment.
     */
    void newKey(KeyWithSecret key, boolean showSecret) {
        if (!showSecret) {
            out.println("Access key of " + key.user() + ": " + key.accessKeyId() + scope(key.grants()));
            return;
        }
        out.println("New access key of " + key.user() + scope(key.grants()) + ". The secret is shown only now: store it safely.");
        out.println("  AWS_ACCESS_KEY_ID=" + key.accessKeyId());
        out.println("  AWS_SECRET_ACCESS_KEY=" + key.secretKey());
    }

    void error(String message, String code) {
        err.println("error: " + String.valueOf(message).replaceAll("\\s*[\\r\\n]+\\s*", " ") + (code == null ? "" : " (" + code + ")"));
    }

    void flush() {
        out.flush();
        err.flush();
    }

    static String size(long bytes) {
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = String.format(Locale.ROOT, value == Math.rint(value) ? "%.0f" : "%.1f", value);
        return unit == 0 ? bytes + " B" : number + " " + UNITS[unit];
    }

    /** A value that may be missing from the answer. */
    static String text(Object value) {
        return value == null ? "-" : value.toString();
    }

    static String time(Instant instant) {
        return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String quota(Quota quota) {
        List<String> limits = new ArrayList<>();
        if (quota.maxBytes() > 0) {
            limits.add(size(quota.maxBytes()));
        }
        if (quota.maxObjects() > 0) {
            limits.add(quota.maxObjects() + " objects");
        }
        return limits.isEmpty() ? "none" : String.join(", ", limits);
    }

    static String grants(List<KeyGrant> grants) {
        return grants.isEmpty() ? "all of its user's rights"
                : grants.stream().map(g -> new BucketPath(g.bucket(), g.prefix()) + "=" + g.access()).collect(Collectors.joining(", "));
    }

    private static String scope(List<KeyGrant> grants) {
        return grants.isEmpty() ? "" : " (scoped to " + grants(grants) + ")";
    }
}
