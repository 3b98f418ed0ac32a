package io.stowage.server.admin;

import io.stowage.engine.Engine;
import io.stowage.engine.error.EngineException;
import io.stowage.s3.Identities;
import io.stowage.s3.RequestIds;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.router.QueryParams;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The admin API's front door: routes, authenticates, reads the (bounded) body, dispatches, and
 * renders every failure as a JSON error. Logs one DEBUG line per request; never a credential.
 */
public final class AdminService {

    private static final Logger LOG = LoggerFactory.getLogger(AdminService.class);

    /** The largest body any request may have; a policy's own limit (20 KiB) is checked when it is parsed. */
    static final int MAX_BODY = 64 * 1024;

    private final AdminAuthenticator authenticator;
    private final AdminDispatcher dispatcher;

    public AdminService(Engine engine, Identities identities, String rootAccessKeyId, String adminToken,
            ServerFacts facts, Clock clock) {
        this.authenticator = new AdminAuthenticator(adminToken, identities, facts.region(), clock);
        this.dispatcher = new AdminDispatcher(engine, facts, rootAccessKeyId, clock);
    }

    /** The request id that the response carries in X-Request-Id, and the response. */
    record Outcome(String requestId, AdminResponse response) {
    }

    Outcome process(AdminRequest request) {
        String requestId = RequestIds.next();
        long started = System.nanoTime();
        MDC.put("reqId", requestId);
        AdminPrincipal principal = AdminPrincipal.NONE;
        AdminResponse response;
        try {
            RouteMatch route = AdminRouter.route(request.method(), request.path());
            MDC.put("op", route.operation().name());
            byte[] body = new byte[0];
            if (route.operation().authenticated()) {
                principal = authenticator.authenticate(request);
                body = readBody(request);
                AdminAuthenticator.verifyPayload(principal, body);
            }
            response = dispatcher.dispatch(route, query(request.rawQuery(), route.operation()), body);
        } catch (AdminException e) {
            response = ErrorWriter.write(e);
        } catch (EngineException e) {
            AdminException mapped = EngineErrorMapper.toAdmin(e);
            if (mapped == null) {
                LOG.error("Storage failure in admin request {}", requestId, e);
                response = ErrorWriter.internalError(requestId);
            } else {
                response = ErrorWriter.write(mapped);
            }
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure in admin request {}", requestId, e);
            response = ErrorWriter.internalError(requestId);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} by {} -> {} in {} us", request.method(), request.path(), principal.name(), response.status(),
                    (System.nanoTime() - started) / 1000);
        }
        MDC.clear();
        return new Outcome(requestId, response);
    }

    /** The query, with every parameter one the operation takes. */
    private static QueryParams query(String rawQuery, AdminOperation operation) {
        QueryParams query;
        try {
            query = QueryParams.parse(rawQuery);
        } catch (S3Exception e) {
            throw AdminException.invalid("the query string is not validly percent-encoded UTF-8");
        }
        for (String name : query.names()) {
            if (!operation.queryParameters().contains(name)) {
                String taken = operation.queryParameters().stream().sorted().toList().toString();
                throw AdminException.invalid("unknown query parameter '" + name + "'; " + operation.method() + " "
                        + operation.template() + " takes " + (operation.queryParameters().isEmpty() ? "none" : taken));
            }
        }
        return query;
    }

    private static byte[] readBody(AdminRequest request) {
        try (InputStream in = request.body()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw AdminException.invalid("request bodies are at most " + MAX_BODY / 1024 + " KiB");
            }
            return body;
        } catch (IOException e) {
            throw AdminException.invalid("the request body could not be read");
        }
    }
}
