package io.stowage.s3.website;

import io.stowage.engine.Engine;
import io.stowage.engine.error.EngineException;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.s3.access.Authorizer;
import io.stowage.s3.access.Caller;
import io.stowage.s3.access.RequestAccess;
import io.stowage.s3.access.RequestFacts;
import io.stowage.s3.auth.PayloadStream;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.handler.ErrorMapper;
import io.stowage.s3.handler.ObjectReadHandler;
import io.stowage.s3.handler.S3Request;
import io.stowage.s3.http.S3Response;
import io.stowage.s3.router.QueryParams;
import io.stowage.s3.router.Route;
import io.stowage.s3.router.S3Operation;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.util.Optional;

/**
 * Serves a bucket as a static website: anonymous GET and HEAD only (whatever credentials came along), an index
 * document for the bucket's root and every "directory", routing-rule redirects, and the error document (or an HTML
 * page) for failures. An object is served only where a bucket policy or ACL lets anyone read it.
 */
public final class WebsiteServer {

    private final Engine engine;
    private final Authorizer authorizer;
    private final ObjectReadHandler reads;

    public WebsiteServer(Engine engine, Authorizer authorizer, ObjectReadHandler reads) {
        this.engine = engine;
        this.authorizer = authorizer;
        this.reads = reads;
    }

    /**
     * @param path the decoded request path ("/" or "/some/key")
     * @param host the Host header, for redirects that keep it
     */
    public S3Response serve(String bucket, String requestId, String method, String path, String host, HttpHeaders headers,
            RequestFacts facts, PayloadStream body) {
        boolean head = method.equals("HEAD");
        try {
            if (!head && !method.equals("GET")) {
                throw new S3Exception(S3ErrorCode.MethodNotAllowed, "The specified method is not allowed against this resource.");
            }
            WebsiteConfiguration config = configuration(bucket);
            String requested = path.startsWith("/") ? path.substring(1) : path;
            if (config.redirectAllHost() != null) {
                String protocol = config.redirectAllProtocol() == null ? "http" : config.redirectAllProtocol();
                return redirect(301, protocol + "://" + config.redirectAllHost() + "/" + requested);
            }
            String key = requested.isEmpty() || requested.endsWith("/") ? requested + config.indexSuffix() : requested;
            Optional<RoutingRule> before = config.rule(key, 0);
            if (before.isPresent()) {
                return redirect(before.get().redirect().httpRedirectCode(), before.get().location(key, host));
            }
            try {
                return read(bucket, key, requestId, method, headers, facts, body);
            } catch (S3Exception e) {
                return failure(bucket, config, key, requested, e, requestId, method, host, headers, facts, body);
            }
        } catch (S3Exception e) {
            return WebsiteErrorPage.of(e, requestId, head);
        }
    }

    private S3Response failure(String bucket, WebsiteConfiguration config, String key, String requested, S3Exception e,
            String requestId, String method, String host, HttpHeaders headers, RequestFacts facts, PayloadStream body) {
        int status = e.code().status();
        if (status == 404 && !requested.isEmpty() && !requested.endsWith("/")
                && readable(bucket, requested + "/" + config.indexSuffix(), facts)) {
            return redirect(302, "/" + requested + "/");
        }
        Optional<RoutingRule> rule = config.rule(key, status);
        if (rule.isPresent()) {
            return redirect(rule.get().redirect().httpRedirectCode(), rule.get().location(key, host));
        }
        if (config.errorDocument() != null && (status == 403 || status == 404)) {
            try {
                S3Response page = read(bucket, config.errorDocument(), requestId, method, headers, facts, body);
                if (page.status() == 200) {
                    return page.withStatus(status);
                }
            } catch (S3Exception ignored) {
                // the error document itself is missing or private: the plain page says what went wrong
            }
        }
        throw e;
    }

    private S3Response read(String bucket, String key, String requestId, String method, HttpHeaders headers,
            RequestFacts facts, PayloadStream body) {
        RequestAccess anonymous = new RequestAccess(authorizer, Caller.ANONYMOUS, facts);
        S3Operation op = method.equals("HEAD") ? S3Operation.HEAD_OBJECT : S3Operation.GET_OBJECT;
        anonymous.check(op, bucket, key);
        S3Request request = new S3Request(requestId, method, new Route(op, bucket, key), QueryParams.parse(""), headers,
                anonymous, body, 0);
        try {
            return method.equals("HEAD") ? reads.head(request) : reads.get(request);
        } catch (EngineException x) {
            S3Exception mapped = ErrorMapper.toS3(x);
            throw mapped != null ? mapped : new S3Exception(S3ErrorCode.InternalError);
        } catch (IOException x) {
            throw new S3Exception(S3ErrorCode.InternalError);
        }
    }

    private boolean readable(String bucket, String key, RequestFacts facts) {
        try {
            new RequestAccess(authorizer, Caller.ANONYMOUS, facts).check(S3Operation.GET_OBJECT, bucket, key);
            return !engine.object(bucket, key, null).deleteMarker();
        } catch (S3Exception | EngineException e) {
            return false;
        }
    }

    private WebsiteConfiguration configuration(String bucket) {
        if (engine.bucket(bucket).isEmpty()) {
            throw new S3Exception(S3ErrorCode.NoSuchBucket, S3ErrorCode.NoSuchBucket.defaultMessage(), bucket);
        }
        return engine.bucketConfig(bucket, BucketConfigKind.WEBSITE).map(WebsiteConfiguration::decode)
                .orElseThrow(() -> new S3Exception(S3ErrorCode.NoSuchWebsiteConfiguration,
                        S3ErrorCode.NoSuchWebsiteConfiguration.defaultMessage(), bucket));
    }

    private static S3Response redirect(int status, String location) {
        return S3Response.status(status).header("location", location).header("content-length", 0);
    }
}
