package io.stowage.bench.load;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The command line of the load generator. */
final class LoadOptions {

    private LoadOptions() {
    }

    enum Scenario {
        PUT("put"), GET("get"), HEAD("head"), DELETE("delete"), MIXED("mixed"), LIST("list"),
        LIST_DELIMITER("list-delimiter"), MULTIPART("multipart");

        final String label;

        Scenario(String label) {
            this.label = label;
        }

        static Scenario of(String s) {
            for (Scenario v : values()) {
                if (v.label.equals(s)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("unknown scenario " + s);
        }
    }

    /** How the cleanup deletes objects: DeleteObjects of 1000 keys, or one DELETE per key. */
    enum Cleanup {
        BATCH, SINGLE
    }

    /** The largest object the scenarios other than multipart handle: the payload is one array. */
    static final long MAX_SINGLE_SIZE = Integer.MAX_VALUE - 16;

    record Options(String endpoint, String accessKey, String secretKey, String region, Scenario scenario, long size,
            String sizeLabel, long partSize, int concurrency, long durationNanos, long warmupNanos, int objects,
            String bucket, boolean keepBucket, Cleanup cleanup, String json, long serverPid, int eventLoops) {

        static Options parse(String[] args) {
            Map<String, String> m = new LinkedHashMap<>();
            boolean keep = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--keep-bucket")) {
                    keep = true;
                } else if (a.startsWith("--") && i + 1 < args.length) {
                    m.put(a.substring(2), args[++i]);
                } else {
                    throw new IllegalArgumentException("unexpected argument " + a);
                }
            }
            for (String k : m.keySet()) {
                if (!List.of("endpoint", "access-key", "secret-key", "region", "scenario", "size", "concurrency",
                        "duration", "warmup", "objects", "bucket", "json", "part-size", "cleanup", "server-pid",
                        "event-loops").contains(k)) {
                    throw new IllegalArgumentException("unknown option --" + k);
                }
            }
            for (String required : List.of("endpoint", "access-key", "secret-key", "scenario")) {
                if (!m.containsKey(required)) {
                    throw new IllegalArgumentException("--" + required + " is required");
                }
            }
            Scenario sc = Scenario.of(m.get("scenario"));
            String sizeLabel = m.getOrDefault("size", sc == Scenario.MULTIPART ? "1GiB" : "4KiB");
            long size = parseSize(sizeLabel);
            long partSize = parseSize(m.getOrDefault("part-size", "16MiB"));
            if (size < 0 || partSize < 1 || partSize > MAX_SINGLE_SIZE) {
                throw new IllegalArgumentException("bad --size or --part-size");
            }
            if (sc != Scenario.MULTIPART && size > MAX_SINGLE_SIZE) {
                throw new IllegalArgumentException("--size above 2 GiB is only for --scenario multipart");
            }
            int defaultObjects = switch (sc) {
                case DELETE -> 50_000;
                case LIST, LIST_DELIMITER -> 100_000;
                default -> 1000;
            };
            int conc = Integer.parseInt(m.getOrDefault("concurrency", "32"));
            int objects = Integer.parseInt(m.getOrDefault("objects", String.valueOf(defaultObjects)));
            if (conc < 1 || objects < 1) {
                throw new IllegalArgumentException("--concurrency and --objects must be positive");
            }
            if (sc == Scenario.MIXED && objects < conc) {
                throw new IllegalArgumentException("mixed needs --objects >= --concurrency");
            }
            String endpoint = m.get("endpoint");
            while (endpoint.endsWith("/")) {
                endpoint = endpoint.substring(0, endpoint.length() - 1);
            }
            if (!endpoint.startsWith("http://") || URI.create(endpoint).getHost() == null) {
                throw new IllegalArgumentException("--endpoint must be http://HOST[:PORT] (no TLS)");
            }
            int eventLoops = Integer.parseInt(m.getOrDefault("event-loops", "1"));
            if (eventLoops < 1) {
                throw new IllegalArgumentException("--event-loops must be positive");
            }
            Cleanup cleanup = Cleanup.valueOf(m.getOrDefault("cleanup", "batch").toUpperCase(Locale.ROOT));
            long serverPid = Long.parseLong(m.getOrDefault("server-pid", "0"));
            if (serverPid < 0) {
                throw new IllegalArgumentException("--server-pid must be a process id");
            }
            return new Options(endpoint, m.get("access-key"), m.get("secret-key"),
                    m.getOrDefault("region", "us-east-1"), sc, size, sizeLabel, partSize, conc,
                    parseDuration(m.getOrDefault("duration", "30s")), parseDuration(m.getOrDefault("warmup", "5s")),
                    objects, m.get("bucket"), keep, cleanup, m.get("json"), serverPid, eventLoops);
        }

        /** Whether the scenario works on objects prepared before the measured phase. */
        boolean prepares() {
            return scenario != Scenario.PUT && scenario != Scenario.MULTIPART;
        }

        /** The shared payload's length: the object, or for multipart one part. */
        int payloadLength() {
            return (int) Math.max(1, scenario == Scenario.MULTIPART ? Math.min(size, partSize) : size);
        }
    }

    /** "4KiB", "1MiB", "4KB" (= 4000), "512" bytes. */
    static long parseSize(String s) {
        String t = s.trim();
        String[][] units = {{"KiB", "1024"}, {"MiB", "1048576"}, {"GiB", "1073741824"}, {"KB", "1000"},
            {"MB", "1000000"}, {"GB", "1000000000"}, {"B", "1"}};
        for (String[] u : units) {
            if (t.endsWith(u[0])) {
                return (long) (Double.parseDouble(t.substring(0, t.length() - u[0].length()).trim()) * Long.parseLong(u[1]));
            }
        }
        return Long.parseLong(t);
    }

    /** "30s", "500ms", "2m", "1h"; a bare number is seconds. */
    static long parseDuration(String s) {
        String t = s.trim();
        if (t.endsWith("ms")) {
            return (long) (Double.parseDouble(t.substring(0, t.length() - 2)) * 1e6);
        }
        char u = t.charAt(t.length() - 1);
        double mult = switch (u) {
            case 's' -> 1e9;
            case 'm' -> 60e9;
            case 'h' -> 3600e9;
            default -> 0;
        };
        if (mult == 0) {
            return (long) (Double.parseDouble(t) * 1e9);
        }
        return (long) (Double.parseDouble(t.substring(0, t.length() - 1)) * mult);
    }
}
