package io.stowage.s3.website;

import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.ResponseBody;
import io.stowage.s3.http.S3Response;
import java.nio.charset.StandardCharsets;

/** The HTML error page of a website endpoint, which browsers show, in place of S3's XML error. */
final class WebsiteErrorPage {

    private WebsiteErrorPage() {
    }

    static S3Response of(S3Exception e, String requestId, boolean head) {
        int status = e.code().status();
        String title = status + " " + reason(status);
        String html = "<html>\n<head><title>" + title + "</title></head>\n<body>\n<h1>" + title + "</h1>\n<ul>\n"
                + "<li>Code: " + escape(e.code().code()) + "</li>\n<li>Message: " + escape(e.getMessage()) + "</li>\n"
                + "<li>RequestId: " + escape(requestId) + "</li>\n</ul>\n<hr/>\n</body>\n</html>\n";
        S3Response response = S3Response.status(status).header("content-type", "text/html; charset=utf-8");
        e.headers().forEach(response::header);
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        return head ? response.header("content-length", bytes.length) : response.body(new ResponseBody.Bytes(bytes));
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 412 -> "Precondition Failed";
            case 416 -> "Requested Range Not Satisfiable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
