package io.stowage.csi.node.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mounts of this process's mount namespace, from /proc/self/mountinfo (proc(5)): {@code ID PARENT
 * MAJ:MIN ROOT MOUNT_POINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPER_OPTIONS}, where the paths escape
 * space, tab, newline and backslash as octal ({@code \040}).
 */
public final class MountTable {

    private static final Path SELF = Path.of("/proc/self/mountinfo");

    private final List<MountEntry> entries;

    private MountTable(List<MountEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The current mounts. */
    public static MountTable read() {
        try {
            return parse(Files.readString(SELF, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SELF + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the line that is not a mountinfo line */
    public static MountTable parse(String text) {
        List<MountEntry> entries = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                entries.add(parseLine(line));
            }
        }
        return new MountTable(entries);
    }

    private static MountEntry parseLine(String line) {
        String[] fields = line.split(" ");
        int separator = List.of(fields).indexOf("-");
        if (fields.length < 10 || separator < 6 || fields.length < separator + 3) {
            throw new IllegalArgumentException("not a mountinfo line: " + line);
        }
        try {
            return new MountEntry(Integer.parseInt(fields[0]), Integer.parseInt(fields[1]), unescape(fields[3]),
                    Path.of(unescape(fields[4])), fields[5], fields[separator + 1], unescape(fields[separator + 2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a mountinfo line: " + line, e);
        }
    }

    /** Decodes the kernel's octal escapes ({@code \040} is a space). */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }

    public List<MountEntry> entries() {
        return entries;
    }

    /** The mount on top at {@code mountPoint} (the last one mounted there), if any. */
    public Optional<MountEntry> at(Path mountPoint) {
        Path wanted = mountPoint.toAbsolutePath().normalize();
        MountEntry top = null;
        for (MountEntry entry : entries) {
            if (entry.mountPoint().equals(wanted)) {
                top = entry;
            }
        }
        return Optional.ofNullable(top);
    }

    /** Whether a FUSE mount (or a bind of one) is on top at {@code mountPoint}. */
    public boolean isFuseAt(Path mountPoint) {
        return at(mountPoint).map(MountEntry::isFuse).orElse(false);
    }

    /** The mounts at {@code dir} or below it. */
    public List<MountEntry> under(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        return entries.stream().filter(e -> e.mountPoint().startsWith(root)).toList();
    }
}
