package io.stowage.server.it;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A /metrics scrape as Prometheus reads it: parsed by the official Python client's text-format
 * parser (Debian's python3-prometheus-client, run with the system Python, which CI installs).
 */
record PrometheusScrape(Map<String, Family> families) {

    private static final String PYTHON = "/usr/bin/python3";
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    record Family(String name, String type, String documentation, List<Sample> samples) {
    }

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static PrometheusScrape parse(String text) throws IOException, InterruptedException {
        Process python = new ProcessBuilder(PYTHON, script().toString()).start();
        try (OutputStream in = python.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = python.getInputStream().readAllBytes();
        String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!python.waitFor(60, TimeUnit.SECONDS) || python.exitValue() != 0) {
            throw new AssertionError("the Prometheus parser rejected the scrape (python3-prometheus-client installed?):\n"
                    + err);
        }
        List<Family> families = JSON.readValue(out, new TypeReference<>() {
        });
        return new PrometheusScrape(families.stream().collect(Collectors.toMap(Family::name, Function.identity())));
    }

    private static Path script() {
        try {
            return Path.of(PrometheusScrape.class.getResource("parse_prometheus.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    Family family(String name) {
        Family family = families.get(name);
        if (family == null) {
            throw new AssertionError("no metric family " + name + " in " + families.keySet());
        }
        return family;
    }

    /** The value of the sample with exactly these labels, 0 when there is none (a series not created yet). */
    double value(String sampleName, Map<String, String> labels) {
        return families.values().stream()
                .flatMap(f -> f.samples().stream())
                .filter(s -> s.name().equals(sampleName) && s.labels().equals(labels))
                .mapToDouble(Sample::value)
                .findFirst()
                .orElse(0);
    }

    double value(String sampleName) {
        return value(sampleName, Map.of());
    }

    /** The sum over every series of a sample name, whatever their labels. */
    double sum(String sampleName) {
        return families.values().stream()
                .flatMap(f -> f.samples().stream())
                .filter(s -> s.name().equals(sampleName))
                .mapToDouble(Sample::value)
                .sum();
    }
}
