package io.stowage.s3.xml;

import java.util.List;
import java.util.Map;

/**
 * A parsed element of a small request document: its local name, its text, its attributes by
 * local name (xsi:type is "type") and its children.
 */
public record XmlElement(String name, String text, Map<String, String> attributes, List<XmlElement> children) {

    /** The value of the attribute with that local name, or null. */
    public String attribute(String localName) {
        return attributes.get(localName);
    }

    /** The first child with that local name, or null. */
    public XmlElement child(String childName) {
        for (XmlElement c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    /** The text of the first child with that name (whitespace kept: it may be part of a key), or null. */
    public String childText(String childName) {
        XmlElement c = child(childName);
        return c == null ? null : c.text;
    }

    public List<XmlElement> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }
}
