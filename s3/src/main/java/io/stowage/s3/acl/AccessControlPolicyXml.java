package io.stowage.s3.acl;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.xml.XmlElement;
import io.stowage.s3.xml.XmlReader;
import io.stowage.s3.xml.XmlWriter;
import java.util.ArrayList;
import java.util.List;

/** The AccessControlPolicy document of GetBucketAcl, GetObjectAcl and the bodies of their PUTs. */
public final class AccessControlPolicyXml {

    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private AccessControlPolicyXml() {
    }

    /** A parsed request document: the owner it names and its grants. */
    public record Parsed(String ownerId, Acl acl) {
    }

    /**
     * @throws S3Exception MalformedACLError when the document is not an AccessControlPolicy,
     *     InvalidArgument for a missing user id or an unknown group, UnresolvableGrantByEmailAddress
     *     for an e-mail grantee
     */
    public static Parsed parse(byte[] document) {
        XmlElement root;
        try {
            root = XmlReader.parse(document);
        } catch (S3Exception e) {
            throw malformed();
        }
        XmlElement owner = root.child("Owner");
        XmlElement list = root.child("AccessControlList");
        if (!root.name().equals("AccessControlPolicy") || owner == null || list == null) {
            throw malformed();
        }
        String ownerId = id(owner.childText("ID"));
        List<AclGrant> grants = new ArrayList<>();
        for (XmlElement grant : list.children("Grant")) {
            XmlElement grantee = grant.child("Grantee");
            String permission = grant.childText("Permission");
            if (grantee == null || permission == null) {
                throw malformed();
            }
            grants.add(new AclGrant(grantee(grantee), Permission.fromName(permission.strip()).orElseThrow(AccessControlPolicyXml::malformed)));
        }
        return new Parsed(ownerId, new Acl(grants));
    }

    private static Grantee grantee(XmlElement grantee) {
        String type = grantee.attribute("type");
        return switch (type == null ? "" : type) {
            case "CanonicalUser" -> new Grantee.CanonicalUser(id(grantee.childText("ID")));
            case "Group" -> {
                String uri = grantee.childText("URI");
                yield GrantHeaders.group(uri == null ? "" : uri.strip());
            }
            case "AmazonCustomerByEmail" -> throw new S3Exception(S3ErrorCode.UnresolvableGrantByEmailAddress);
            default -> throw malformed();
        };
    }

    private static String id(String text) {
        if (text == null || text.isBlank()) {
            throw new S3Exception(S3ErrorCode.InvalidArgument, "Invalid id: a CanonicalUser needs an ID");
        }
        return text.strip();
    }

    private static S3Exception malformed() {
        return new S3Exception(S3ErrorCode.MalformedACLError);
    }

    /** The document for a resource owned by {@code owner}; user ids are user names, and so are their display names. */
    public static byte[] render(String owner, Acl acl) {
        XmlWriter xml = new XmlWriter().root("AccessControlPolicy");
        xml.start("Owner").element("ID", owner).element("DisplayName", owner).end("Owner");
        xml.start("AccessControlList");
        for (AclGrant grant : acl.grants()) {
            xml.start("Grant");
            switch (grant.grantee()) {
                case Grantee.CanonicalUser user -> xml.start("Grantee", "xmlns:xsi", XSI, "xsi:type", "CanonicalUser")
                        .element("ID", user.id()).element("DisplayName", user.id());
                case Grantee.Group group -> xml.start("Grantee", "xmlns:xsi", XSI, "xsi:type", "Group")
                        .element("URI", group.uri());
            }
            xml.end("Grantee").element("Permission", grant.permission().name()).end("Grant");
        }
        return xml.end("AccessControlList").end("AccessControlPolicy").toBytes();
    }
}
