package io.stowage.s3.acl;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.xml.XmlElement;
import io.stowage.s3.xml.XmlReader;
import io.stowage.s3.xml.XmlWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bucket's Block Public Access settings: the PublicAccessBlockConfiguration document, stored as
 * four "Name=true|false" lines.
 *
 * @param blockPublicAcls refuse requests that set a public ACL
 * @param ignorePublicAcls let public ACL grants give nothing
 * @param blockPublicPolicy refuse bucket policies that are public
 * @param restrictPublicBuckets while the policy is public, let it admit no one (owners, admins and
 *     grants still reach the bucket)
 */
public record PublicAccessBlock(boolean blockPublicAcls, boolean ignorePublicAcls, boolean blockPublicPolicy,
        boolean restrictPublicBuckets) {

    /** What a bucket without a configuration has. */
    public static final PublicAccessBlock NONE = new PublicAccessBlock(false, false, false, false);

    private static final String ROOT = "PublicAccessBlockConfiguration";
    private static final String BLOCK_PUBLIC_ACLS = "BlockPublicAcls";
    private static final String IGNORE_PUBLIC_ACLS = "IgnorePublicAcls";
    private static final String BLOCK_PUBLIC_POLICY = "BlockPublicPolicy";
    private static final String RESTRICT_PUBLIC_BUCKETS = "RestrictPublicBuckets";

    /** Parses a PutPublicAccessBlock body; a setting left out is false. @throws S3Exception MalformedXML */
    public static PublicAccessBlock parseXml(byte[] document) {
        XmlElement root = XmlReader.parse(document);
        if (!root.name().equals(ROOT)) {
            throw new S3Exception(S3ErrorCode.MalformedXML);
        }
        return new PublicAccessBlock(xmlFlag(root, BLOCK_PUBLIC_ACLS), xmlFlag(root, IGNORE_PUBLIC_ACLS),
                xmlFlag(root, BLOCK_PUBLIC_POLICY), xmlFlag(root, RESTRICT_PUBLIC_BUCKETS));
    }

    private static boolean xmlFlag(XmlElement root, String name) {
        String text = root.childText(name);
        if (text == null) {
            return false;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new S3Exception(S3ErrorCode.MalformedXML, name + " must be true or false");
        };
    }

    public byte[] toXml() {
        return new XmlWriter().root(ROOT)
                .element(BLOCK_PUBLIC_ACLS, blockPublicAcls)
                .element(IGNORE_PUBLIC_ACLS, ignorePublicAcls)
                .element(BLOCK_PUBLIC_POLICY, blockPublicPolicy)
                .element(RESTRICT_PUBLIC_BUCKETS, restrictPublicBuckets)
                .end(ROOT).toBytes();
    }

    public String encode() {
        return BLOCK_PUBLIC_ACLS + "=" + blockPublicAcls + "\n" + IGNORE_PUBLIC_ACLS + "=" + ignorePublicAcls + "\n"
                + BLOCK_PUBLIC_POLICY + "=" + blockPublicPolicy + "\n" + RESTRICT_PUBLIC_BUCKETS + "=" + restrictPublicBuckets + "\n";
    }

    /** @throws IllegalArgumentException when the text was not written by {@link #encode} */
    public static PublicAccessBlock decode(String text) {
        Map<String, Boolean> flags = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not a stored public access block: " + text);
            }
            flags.put(line.substring(0, eq), Boolean.parseBoolean(line.substring(eq + 1)));
        }
        return new PublicAccessBlock(flag(flags, BLOCK_PUBLIC_ACLS), flag(flags, IGNORE_PUBLIC_ACLS),
                flag(flags, BLOCK_PUBLIC_POLICY), flag(flags, RESTRICT_PUBLIC_BUCKETS));
    }

    private static boolean flag(Map<String, Boolean> flags, String name) {
        Boolean value = flags.get(name);
        if (value == null) {
            throw new IllegalArgumentException("a stored public access block lacks " + name);
        }
        return value;
    }
}
