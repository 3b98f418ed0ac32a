package io.stowage.s3;

import io.netty.handler.codec.http.HttpHeaders;
import io.stowage.engine.Engine;
import io.stowage.engine.error.EngineException;
import io.stowage.s3.access.AccessSettings;
import io.stowage.s3.access.Authorizer;
import io.stowage.s3.access.Caller;
import io.stowage.s3.access.PolicyCache;
import io.stowage.s3.access.RequestAccess;
import io.stowage.s3.access.RequestFacts;
import io.stowage.s3.auth.AuthRequest;
import io.stowage.s3.auth.Authentication;
import io.stowage.s3.auth.PayloadDecoder;
import io.stowage.s3.auth.PayloadMode;
import io.stowage.s3.auth.PayloadStream;
import io.stowage.s3.auth.SigV4Authenticator;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.handler.ErrorMapper;
import io.stowage.s3.handler.S3Request;
import io.stowage.s3.http.IncomingRequest;
import io.stowage.s3.http.RequestProcessor;
import io.stowage.s3.http.RequestSummary;
import io.stowage.s3.http.S3Response;
import io.stowage.s3.lifecycle.LifecycleCache;
import io.stowage.s3.lifecycle.LifecycleTiming;
import io.stowage.s3.router.PercentDecoder;
import io.stowage.s3.router.QueryParams;
import io.stowage.s3.router.Route;
import io.stowage.s3.router.S3Router;
import io.stowage.s3.cors.CorsResponder;
import io.stowage.s3.handler.ObjectEncryption;
import io.stowage.s3.sse.Envelopes;
import io.stowage.s3.router.S3Operation;
import io.stowage.s3.website.WebsiteServer;
import io.stowage.s3.xml.XmlWriter;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The S3 front door: parses the request target, authenticates, routes, dispatches to the
 * operation's handler and renders every failure as an S3 XML error.
 */
public final class S3Service implements RequestProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(S3Service.class);

    private final S3Router router;
    private final SigV4Authenticator authenticator;
    private final Identities identities;
    private final Authorizer authorizer;
    private final S3Dispatcher dispatcher;
    private final Clock clock;
    private final CorsResponder cors;
    private final WebsiteServer website;

    /** @param lifecycleTiming how long a lifecycle day is, for the expiry dates x-amz-expiration tells */
    /** @param envelopes wraps the data keys of encrypted objects (the server's SSE-S3 master keys) */
    public S3Service(Engine engine, S3Config config, Identities identities, LifecycleTiming lifecycleTiming,
            Envelopes envelopes, Clock clock) {
        this.router = new S3Router(config.virtualHostDomain(), config.websiteDomain());
        this.authenticator = new SigV4Authenticator(identities, config.region(), clock);
        this.identities = identities;
        PolicyCache policies = new PolicyCache(engine);
        AccessSettings settings = new AccessSettings(engine);
        this.authorizer = new Authorizer(engine, policies, settings);
        this.dispatcher = new S3Dispatcher(engine, config, policies, settings,
                new LifecycleCache(engine, lifecycleTiming), new ObjectEncryption(engine, envelopes), clock, authenticator,
                identities, authorizer);
        this.clock = clock;
        this.cors = new CorsResponder(engine);
        this.website = new WebsiteServer(engine, authorizer, dispatcher.reads());
    }

    @Override
    public S3Response process(IncomingRequest incoming, InputStream rawBody) {
        String requestId = RequestIds.next();
        long started = System.nanoTime();
        MDC.put("reqId", requestId);
        String resource = incoming.uri();
        PayloadMode payload = null;
        Route route = null;
        String accessKeyId = null;
        S3Response response;
        try {
            int q = incoming.uri().indexOf('?');
            String rawPath = q < 0 ? incoming.uri() : incoming.uri().substring(0, q);
            String rawQuery = q < 0 ? "" : incoming.uri().substring(q + 1);
            resource = PercentDecoder.decode(rawPath, false);
            Map<String, List<String>> headers = lowerCaseHeaders(incoming.headers());
            String websiteBucket = router.websiteBucket(incoming.headers().get("host"));
            if (websiteBucket != null) {
                // website endpoints serve anonymous readers only: credentials, if any, are not looked at
                RequestFacts facts = new RequestFacts(incoming.remoteAddress(), false, false, clock.instant(),
                        QueryParams.parse(rawQuery), headers);
                route = new Route(S3Operation.GET_OBJECT, websiteBucket, resource.length() > 1 ? resource.substring(1) : null);
                PayloadStream body = PayloadDecoder.decode(rawBody, Authentication.UNSIGNED_ANONYMOUS, headers);
                return finish(website.serve(websiteBucket, requestId, incoming.method(), resource, incoming.headers().get("host"),
                        incoming.headers(), facts, body), route, requestId, null, incoming, resource, null, started);
            }
            if (incoming.method().equals("OPTIONS")) {
                // a preflight carries no credentials, though its URL may be a presigned one meant for the real request
                route = router.route(incoming.method(), resource, QueryParams.parse(rawQuery),
                        incoming.headers().get("host"), false);
                return finish(cors.preflight(route.bucket(), headers), route, requestId, null, incoming, resource, null,
                        started);
            }
            Authentication auth = authenticator.authenticate(new AuthRequest(incoming.method(), rawPath, rawQuery, headers));
            payload = auth.payloadMode();
            accessKeyId = auth.accessKeyId();
            QueryParams query = QueryParams.parse(rawQuery);
            route = router.route(incoming.method(), resource, query,
                    incoming.headers().get("host"), incoming.headers().contains("x-amz-copy-source"));
            MDC.put("op", route.operation().name());
            if (route.bucket() != null) {
                MDC.put("bucket", route.bucket());
            }
            Caller caller = auth.accessKeyId() == null ? Caller.ANONYMOUS : identities.caller(auth.accessKeyId());
            RequestFacts facts = new RequestFacts(incoming.remoteAddress(), false, query.has("X-Amz-Signature"),
                    clock.instant(), query, headers);
            if (route.operation() == S3Operation.POST_OBJECT) {
                response = dispatcher.post(requestId, route.bucket(), incoming.headers(), facts, rawBody);
            } else {
                RequestAccess access = new RequestAccess(authorizer, caller, facts);
                access.check(route.operation(), route.bucket(), route.key(), query.first("versionId"));
                PayloadStream body = PayloadDecoder.decode(rawBody, auth, headers);
                S3Request request = new S3Request(requestId, incoming.method(), route, query, incoming.headers(),
                        access, body, contentLength(incoming.headers(), auth.payloadMode()));
                response = dispatcher.dispatch(request);
            }
        } catch (S3Exception e) {
            response = error(e, resource, requestId, incoming.method());
        } catch (EngineException e) {
            S3Exception mapped = ErrorMapper.toS3(e);
            if (mapped == null) {
                LOG.error("Storage failure in request {}", requestId, e);
                mapped = new S3Exception(S3ErrorCode.InternalError);
            }
            response = error(mapped, resource, requestId, incoming.method());
        } catch (UncheckedIOException e) {
            LOG.debug("I/O failure in request {}: {}", requestId, e.toString());
            response = error(new S3Exception(S3ErrorCode.InternalError), resource, requestId, incoming.method());
        } catch (Exception e) {
            LOG.error("Unexpected failure in request {}", requestId, e);
            response = error(new S3Exception(S3ErrorCode.InternalError), resource, requestId, incoming.method());
        }
        String origin = incoming.headers().get("origin");
        if (origin != null && route != null && route.bucket() != null) {
            cors.decorate(response, route.bucket(), origin, incoming.method());
        }
        return finish(response, route, requestId, accessKeyId, incoming, resource, payload, started);
    }

    /** The headers and summary every response carries. */
    private S3Response finish(S3Response response, Route route, String requestId, String accessKeyId,
            IncomingRequest incoming, String resource, PayloadMode payload, long started) {
        response.header("x-amz-request-id", requestId).header("x-amz-id-2", requestId).header("server", "Stowage");
        response.summary(new RequestSummary(requestId, route == null ? null : route.operation().awsName(),
                route == null ? null : route.bucket(), route == null ? null : route.key(), accessKeyId,
                response.summary() == null ? null : response.summary().errorCode()));
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} ({} payload) -> {} in {} us", incoming.method(), resource, payload, response.status(),
                    (System.nanoTime() - started) / 1000);
        }
        MDC.clear();
        return response;
    }

    @Override
    public S3Response malformedRequest(String reason) {
        String requestId = RequestIds.next();
        LOG.debug("Malformed HTTP request {}: {}", requestId, reason);
        S3Exception e = new S3Exception(S3ErrorCode.InvalidRequest, "The HTTP request could not be parsed");
        return error(e, "/", requestId, "GET").header("x-amz-request-id", requestId).header("server", "Stowage");
    }

    private static S3Response error(S3Exception e, String resource, String requestId, String method) {
        S3Response response = S3Response.status(e.code().status())
                .summary(new RequestSummary(requestId, null, null, null, null, e.code().code()));
        e.headers().forEach(response::header);
        if (method.equals("HEAD")) {
            return response;
        }
        byte[] xml = new XmlWriter().start("Error")
                .element("Code", e.code().code())
                .element("Message", e.getMessage())
                .element("Resource", e.resource() != null ? e.resource() : resource)
                .element("RequestId", requestId)
                .element("HostId", requestId)
                .end("Error")
                .toBytes();
        return response.header("content-type", "application/xml").body(new io.stowage.s3.http.ResponseBody.Bytes(xml));
    }

    private static long contentLength(HttpHeaders headers, PayloadMode mode) {
        String decoded = headers.get("x-amz-decoded-content-length");
        boolean streaming = mode != PayloadMode.UNSIGNED && mode != PayloadMode.SIGNED;
        String value = streaming ? decoded : headers.get("content-length");
        if (value == null) {
            return -1;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new S3Exception(S3ErrorCode.InvalidArgument, "Invalid content length: " + value);
        }
    }

    private static Map<String, List<String>> lowerCaseHeaders(HttpHeaders headers) {
        Map<String, List<String>> map = new HashMap<>();
        for (Map.Entry<String, String> h : headers) {
            map.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(h.getValue());
        }
        return map;
    }
}
