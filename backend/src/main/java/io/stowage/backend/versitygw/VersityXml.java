package io.stowage.backend.versitygw;

import io.stowage.backend.s3.S3Xml;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * The XML documents of VersityGW's admin API. Its Go structs carry no XML tags, so element names are the field
 * names: {@code Account} ({@code Access, Secret, Role, UserID, GroupID}), {@code ListUserAccountsResult} with one
 * {@code Accounts} element per account, {@code ListBucketsResult} with one {@code Buckets} element
 * ({@code Name, Owner}) per bucket. Read with {@link S3Xml#newReader}'s hardening.
 */
final class VersityXml {

    /** An account as list-users answers it. */
    record Account(String access, String secret, String role) {
        @Override
        public String toString() {
            return "Account[access=" + access + ", secret=***, role=" + role + "]";
        }
    }

    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    private VersityXml() {
    }

    /** The create-user body. ProjectID exists only in newer versions and is left out: where it exists it defaults to 0. */
    static byte[] account(String access, String secret, String role) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartElement("Account");
            element(xml, "Access", access);
            element(xml, "Secret", secret);
            element(xml, "Role", role);
            element(xml, "UserID", "0");
            element(xml, "GroupID", "0");
            xml.writeEndElement();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write an Account document", e);
        }
        return out.toByteArray();
    }

    /** list-users: the accounts by access key id. */
    static Map<String, Account> accounts(byte[] document) throws XMLStreamException {
        Map<String, Account> accounts = new LinkedHashMap<>();
        for (Map<String, String> entry : entries(document, "ListUserAccountsResult", "Accounts")) {
            String access = entry.get("Access");
            if (access != null) {
                accounts.put(access, new Account(access, entry.get("Secret"), entry.get("Role")));
            }
        }
        return accounts;
    }

    /** list-buckets: each bucket's owner (an access key id) by bucket name. */
    static Map<String, String> bucketOwners(byte[] document) throws XMLStreamException {
        Map<String, String> owners = new LinkedHashMap<>();
        for (Map<String, String> entry : entries(document, "ListBucketsResult", "Buckets")) {
            if (entry.get("Name") != null) {
                owners.put(entry.get("Name"), entry.getOrDefault("Owner", ""));
            }
        }
        return owners;
    }

    /** An error document's code, or null when the body is none. */
    static String errorCode(byte[] document) {
        try {
            XMLStreamReader reader = S3Xml.newReader(new ByteArrayInputStream(document));
            try {
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                        return null;
                    }
                    if (event == XMLStreamConstants.START_ELEMENT && "Code".equals(reader.getLocalName())) {
                        return reader.getElementText().strip();
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            return null;
        }
        return null;
    }

    /** The leaf texts of each {@code entry} element directly under the root {@code root}. */
    private static List<Map<String, String>> entries(byte[] document, String root, String entry) throws XMLStreamException {
        List<Map<String, String>> entries = new ArrayList<>();
        XMLStreamReader reader = S3Xml.newReader(new ByteArrayInputStream(document));
        try {
            int depth = 0;
            Map<String, String> current = null;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new XMLStreamException("DTDs and entities are not accepted");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = reader.getLocalName();
                    if (depth == 1 && !root.equals(name)) {
                        throw new XMLStreamException("expected a " + root + " document, not " + name);
                    } else if (depth == 2 && entry.equals(name)) {
                        current = new HashMap<>();
                    } else if (depth == 3 && current != null) {
                        current.put(name, reader.getElementText().strip());
                        depth--;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (depth == 2 && current != null) {
                        entries.add(current);
                        current = null;
                    }
                    depth--;
                }
            }
        } finally {
            reader.close();
        }
        return entries;
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }
}
