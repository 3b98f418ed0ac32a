package io.stowage.bench.load;

import io.stowage.bench.load.LoadOptions.Options;
import io.stowage.bench.load.LoadOptions.Scenario;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a run's result as a table line (per operation too for mixed) and appends it as a JSON line. */
final class Report {

    private static final double MIB = 1024.0 * 1024.0;

    private final Options o;
    private final String transport;

    /** {@code transport}: the kind of event loop the client ran on ("epoll" or "nio"). */
    Report(Options o, String transport) {
        this.o = o;
        this.transport = transport;
    }

    void print(MeasuredPhase.Result result) throws IOException {
        Stats s = result.stats();
        double seconds = result.seconds();
        CpuMeter.Shares cpu = result.cpu();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.println(String.format(Locale.ROOT, "%-14s %8s %5s %6s %9s %10s %9s %9s %9s %9s %9s %6s %7s %7s %7s %5s",
                "scenario", "size", "conc", "secs", "ops", "ops/s", "MiB/s", "p50 ms", "p99 ms", "p99.9 ms",
                "max ms", "errors", "cli cpu", "srv cpu", "cli/srv", "load"));
        List<String> opLines = new ArrayList<>();
        Map<String, Object> perOp = new LinkedHashMap<>();
        if (o.scenario() == Scenario.MIXED) {
            for (Op op : Op.values()) {
                LatencyHistogram h = s.byOp[op.ordinal()];
                if (h.count() > 0) {
                    String name = op.name().toLowerCase(Locale.ROOT);
                    opLines.add(line("  " + name, h, s.bytes[op.ordinal()], seconds, cpu, load));
                    perOp.put(name, histJson(h, s.bytes[op.ordinal()], seconds));
                }
            }
        }
        System.out.println(line(o.scenario().label, s.all, s.totalBytes(), seconds, cpu, load));
        opLines.forEach(System.out::println);
        if (o.scenario() == Scenario.LIST || o.scenario() == Scenario.LIST_DELIMITER) {
            System.out.println(String.format(Locale.ROOT, "pages/s %.1f, keys listed/s %.0f", s.all.count() / seconds,
                    s.keys / seconds));
        }
        boolean multipart = o.scenario() == Scenario.MULTIPART;
        double uploadMibPerS = multipart ? o.size() / (s.all.mean() / 1e9) / MIB : 0;
        if (multipart) {
            System.out.println(String.format(Locale.ROOT,
                    "%d parts of %d bytes, %d in flight; per upload (size / mean upload time) %.1f MiB/s",
                    MultipartUpload.partCount(o.size(), o.partSize()), o.partSize(), o.concurrency(), uploadMibPerS));
        }
        if (o.json() == null) {
            return;
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("time", Instant.now().toString());
        j.put("endpoint", o.endpoint());
        j.put("scenario", o.scenario().label);
        j.put("size", o.size());
        j.put("concurrency", o.concurrency());
        j.put("warmup_s", o.warmupNanos() / 1e9);
        j.put("duration_s", seconds);
        j.put("objects", o.prepares() ? o.objects() : 0);
        j.putAll(histJson(s.all, s.totalBytes(), seconds));
        if (s.keys > 0) {
            j.put("keys_per_s", s.keys / seconds);
        }
        if (multipart) {
            j.put("part_size", o.partSize());
            j.put("parts", MultipartUpload.partCount(o.size(), o.partSize()));
            j.put("upload_mib_per_s", uploadMibPerS);
        }
        j.put("errors", 0);
        j.put("transport", transport);
        j.put("event_loops", o.eventLoops());
        j.put("client_cpu_share", cpu.client());
        if (o.serverPid() != 0) {
            j.put("server_pid", o.serverPid());
            j.put("server_cpu_share", cpu.server());
            j.put("client_server_cpu_ratio", cpu.ratio());
        }
        j.put("cores", Runtime.getRuntime().availableProcessors());
        j.put("load_average", load);
        if (!perOp.isEmpty()) {
            j.put("ops", perOp);
        }
        Files.writeString(Path.of(o.json()), toJson(j) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private String line(String name, LatencyHistogram h, long bytes, double seconds, CpuMeter.Shares cpu, double load) {
        boolean server = !Double.isNaN(cpu.server());
        return String.format(Locale.ROOT, "%-14s %8s %5d %6.1f %9d %10.1f %9.2f %9.3f %9.3f %9.3f %9.3f %6d %6.0f%% %7s %7s %5.2f",
                name, o.sizeLabel(), o.concurrency(), seconds, h.count(), h.count() / seconds, bytes / seconds / MIB,
                h.percentile(50) / 1e6, h.percentile(99) / 1e6, h.percentile(99.9) / 1e6, h.max() / 1e6, 0,
                cpu.client() * 100, server ? String.format(Locale.ROOT, "%.0f%%", cpu.server() * 100) : "-",
                server ? String.format(Locale.ROOT, "%.2f", cpu.ratio()) : "-", load);
    }

    private static Map<String, Object> histJson(LatencyHistogram h, long bytes, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.count());
        m.put("ops_per_s", h.count() / seconds);
        m.put("mib_per_s", bytes / seconds / MIB);
        m.put("p50_ms", h.percentile(50) / 1e6);
        m.put("p99_ms", h.percentile(99) / 1e6);
        m.put("p999_ms", h.percentile(99.9) / 1e6);
        m.put("max_ms", h.max() / 1e6);
        m.put("mean_ms", h.mean() / 1e6);
        return m;
    }

    @SuppressWarnings("unchecked")
    static String toJson(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            for (Map.Entry<?, ?> e : ((Map<Object, Object>) m).entrySet()) {
                if (b.length() > 1) {
                    b.append(',');
                }
                b.append(toJson(e.getKey().toString())).append(':').append(toJson(e.getValue()));
            }
            return b.append('}').toString();
        }
        if (v instanceof String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        if (v instanceof Double d) {
            return Double.isFinite(d) ? String.format(Locale.ROOT, "%.4f", d) : "null";
        }
        return String.valueOf(v);
    }
}
