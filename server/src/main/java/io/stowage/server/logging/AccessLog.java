package io.stowage.server.logging;

import io.stowage.s3.http.CompletedRequest;
import io.stowage.s3.http.RequestListener;
import io.stowage.s3.http.RequestSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One line per S3 request on the logger {@value #LOGGER}: who asked what, the answer, bytes and
 * time. The request id goes into the MDC, so it is in the line whatever the format. Never logs a
 * query string (a presigned URL's signature is in it), a header or a secret.
 */
public final class AccessLog implements RequestListener {

    public static final String LOGGER = "stowage.access";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    @Override
    public void completed(CompletedRequest request) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        RequestSummary summary = request.summary();
        String requestId = summary == null ? null : summary.requestId();
        String operation = summary == null || summary.operation() == null ? "-" : summary.operation();
        String errorCode = summary == null ? null : summary.errorCode();
        String accessKey = summary == null ? null : summary.accessKeyId();
        String path = printable(request.path());
        double millis = request.durationNanos() / 1e6;
        if (requestId != null) {
            MDC.put("reqId", requestId);
        }
        try {
            LOG.atInfo()
                    .addKeyValue("remote", request.remoteAddress())
                    .addKeyValue("method", request.method())
                    .addKeyValue("path", path)
                    .addKeyValue("status", request.status())
                    .addKeyValue("operation", operation)
                    .addKeyValue("errorCode", errorCode)
                    .addKeyValue("accessKey", accessKey)
                    .addKeyValue("bucket", summary == null ? null : summary.bucket())
                    .addKeyValue("bytesIn", request.bytesIn())
                    .addKeyValue("bytesOut", request.bytesOut())
                    .addKeyValue("durationMs", Math.round(millis * 1000) / 1000.0)
                    .addKeyValue("complete", request.responseSent())
                    .log("{} \"{} {}\" {} {} {} in={} out={} {}ms key={}{}", request.remoteAddress(), request.method(), path,
                            request.status(), operation, errorCode == null ? "-" : errorCode, request.bytesIn(),
                            request.bytesOut(), String.format("%.3f", millis), accessKey == null ? "-" : accessKey,
                            request.responseSent() ? "" : " (response cut short)");
        } finally {
            if (requestId != null) {
                MDC.remove("reqId");
            }
        }
    }

    /** Control characters would let a crafted path forge log lines; they become '?'. */
    private static String printable(String path) {
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) < 0x20 || path.charAt(i) == 0x7f) {
                return path.replaceAll("[\\x00-\\x1f\\x7f]", "?");
            }
        }
        return path;
    }
}
