package io.stowage.csi.node;

import io.stowage.csi.CsiException;
import java.util.ArrayList;
import java.util.List;

/**
 * A StorageClass's {@code options} parameter (a static volume's attribute) as the mounter's arguments: split at
 * white space, where single or double quotes keep a value with spaces in one argument, as k8s-csi-s3 reads it.
 */
final class MountOptions {

    private MountOptions() {
    }

    /** @throws CsiException INVALID_ARGUMENT for a quote that is never closed */
    static List<String> split(String options) throws CsiException {
        List<String> arguments = new ArrayList<>();
        if (options == null) {
            return arguments;
        }
        StringBuilder current = new StringBuilder();
        boolean inArgument = false;
        char quote = 0;
        for (int i = 0; i < options.length(); i++) {
            char c = options.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inArgument = true;
            } else if (Character.isWhitespace(c)) {
                if (inArgument) {
                    arguments.add(current.toString());
                    current.setLength(0);
                    inArgument = false;
                }
            } else {
                current.append(c);
                inArgument = true;
            }
        }
        if (quote != 0) {
            throw CsiException.invalidArgument("the mount options have an unclosed " + quote + " quote");
        }
        if (inArgument) {
            arguments.add(current.toString());
        }
        return arguments;
    }
}
