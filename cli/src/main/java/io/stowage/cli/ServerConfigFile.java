package io.stowage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The YAML config file of `stowage server`: a flat map whose keys are the long option names
 * without dashes (admin-address: 0.0.0.0:9001); a list becomes a comma-separated value. Unknown
 * keys and nested maps are errors that name the key, so a typo never passes silently.
 */
final class ServerConfigFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ServerConfigFile() {
    }

    /**
     * @param known the keys the file may set
     * @throws IllegalArgumentException naming the file and the key at fault
     */
    static Map<String, String> read(Path file, Set<String> known) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("config file " + file + " is not valid YAML: " + firstLine(e.getMessage()));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return settings;
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("config file " + file + " must be a map of settings");
        }
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String key = entry.getKey();
            if (!known.contains(key)) {
                throw new IllegalArgumentException("config file " + file + ": unknown setting '" + key + "'");
            }
            settings.put(key, value(file, key, entry.getValue()));
        }
        return settings;
    }

    private static String value(Path file, String key, JsonNode node) {
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isValueNode()) {
                    throw new IllegalArgumentException("config file " + file + ": '" + key + "' must be a list of plain values");
                }
                items.add(item.asText());
            }
            return String.join(",", items);
        }
        if (!node.isValueNode() || node.isNull()) {
            throw new IllegalArgumentException("config file " + file + ": '" + key + "' must be a single value or a list");
        }
        return node.asText();
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
