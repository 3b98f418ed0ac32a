package io.stowage.bench.load;

import java.util.ArrayList;
import java.util.List;

/** The few XML reads and escapes the load generator needs from S3 responses (no parser: it is on the hot path). */
final class XmlTags {

    private XmlTags() {
    }

    static String tag(String xml, String name) {
        int start = xml.indexOf("<" + name + ">");
        if (start < 0) {
            return null;
        }
        start += name.length() + 2;
        int end = xml.indexOf("</" + name + ">", start);
        return end < 0 ? null : xml.substring(start, end);
    }

    static List<String> allTags(String xml, String name) {
        List<String> out = new ArrayList<>();
        String open = "<" + name + ">";
        String close = "</" + name + ">";
        int from = 0;
        while (true) {
            int s = xml.indexOf(open, from);
            if (s < 0) {
                return out;
            }
            int e = xml.indexOf(close, s);
            out.add(xmlUnescape(xml.substring(s + open.length(), e)));
            from = e + close.length();
        }
    }

    static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String xmlUnescape(String s) {
        return s.indexOf('&') < 0 ? s
                : s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                        .replace("&amp;", "&");
    }
}
