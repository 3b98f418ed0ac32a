package io.stowage.bench.load;

import static io.stowage.bench.load.XmlTags.tag;
import static io.stowage.bench.load.XmlTags.xmlEscape;
import static io.stowage.bench.load.XmlTags.xmlUnescape;

/** The XML of a multipart upload: the UploadId, the CompleteMultipartUpload body and the check of its answer. */
final class MultipartXml {

    private MultipartXml() {
    }

    /** The UploadId of a CreateMultipartUpload answer, or null. */
    static String uploadId(String body) {
        String id = tag(body, "UploadId");
        return id == null || id.isEmpty() ? null : xmlUnescape(id);
    }

    /** The CompleteMultipartUpload body listing part i + 1 with {@code etags[i]}, as the parts' answers gave them. */
    static String completeBody(String[] etags) {
        StringBuilder b = new StringBuilder(64 + etags.length * 80).append("<CompleteMultipartUpload>");
        for (int i = 0; i < etags.length; i++) {
            b.append("<Part><PartNumber>").append(i + 1).append("</PartNumber><ETag>").append(xmlEscape(etags[i]))
                    .append("</ETag></Part>");
        }
        return b.append("</CompleteMultipartUpload>").toString();
    }

    /**
     * The error in a CompleteMultipartUpload answer of status 200, or null: S3 may report a failure in
     * the body after the status line, and the ETag of an object made of {@code parts} parts ends in "-parts".
     */
    static String checkComplete(String body, int parts) {
        if (body.contains("<Error>")) {
            return "CompleteMultipartUpload: error in the body " + ResponseCheck.abbreviate(body);
        }
        String etag = tag(body, "ETag");
        if (etag == null) {
            return "CompleteMultipartUpload: no ETag in " + ResponseCheck.abbreviate(body);
        }
        String unquoted = xmlUnescape(etag).replace("\"", "");
        if (!unquoted.endsWith("-" + parts)) {
            return "CompleteMultipartUpload: ETag " + unquoted + " does not end in -" + parts;
        }
        return null;
    }
}
