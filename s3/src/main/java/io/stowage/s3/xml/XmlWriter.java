package io.stowage.s3.xml;

import java.nio.charset.StandardCharsets;

/** Builds an S3 XML response document; text is escaped, names are trusted constants. */
public final class XmlWriter {

    public static final String S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    private final StringBuilder out = new StringBuilder(256).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

    /** Opens the root element in the S3 namespace. */
    public XmlWriter root(String name) {
        out.append('<').append(name).append(" xmlns=\"").append(S3_NAMESPACE).append("\">");
        return this;
    }

    /** Opens an element with attributes given as name, value, name, value... (for xsi:type on ACL grantees). */
    public XmlWriter start(String name, String... attributes) {
        out.append('<').append(name);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("=\"");
            escape(attributes[i + 1]);
            out.append('"');
        }
        out.append('>');
        return this;
    }

    public XmlWriter end(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    public XmlWriter text(String text) {
        escape(text);
        return this;
    }

    public XmlWriter element(String name, String text) {
        start(name);
        escape(text);
        return end(name);
    }

    public XmlWriter element(String name, long value) {
        return element(name, Long.toString(value));
    }

    public XmlWriter element(String name, boolean value) {
        return element(name, Boolean.toString(value));
    }

    /** Writes the element only when the text is not null. */
    public XmlWriter optional(String name, String text) {
        return text == null ? this : element(name, text);
    }

    public byte[] toBytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\r' -> out.append("&#13;");
                case '\n' -> out.append("&#10;");
                case '\t' -> out.append("&#9;");
                default -> {
                    if (c < 0x20) {
                        out.append("&#").append((int) c).append(';');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
