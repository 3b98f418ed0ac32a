package io.stowage.server.admin;

import io.stowage.engine.Engine;
import io.stowage.engine.command.DeleteGrant;
import io.stowage.engine.command.PutGrant;
import io.stowage.engine.model.Grant;
import io.stowage.engine.model.GrantSubject;
import io.stowage.s3.router.QueryParams;
import io.stowage.server.admin.json.GrantJson;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Grants of users and keys on buckets and key prefixes: /admin/v1/grants. */
final class GrantHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GrantHandler.class);

    private final Engine engine;

    GrantHandler(Engine engine) {
        this.engine = engine;
    }

    /** Gives access; the same subject, bucket and prefix with another access is a conflict. */
    AdminResponse create(byte[] body) {
        Grant grant = RequestChecks.grant(AdminJson.read(body, GrantJson.class));
        boolean existed = engine.iam().grants(grant.subject()).stream()
                .anyMatch(g -> g.bucket().equals(grant.bucket()) && g.prefix().equals(grant.prefix()));
        Grant stored = engine.apply(new PutGrant(grant));
        if (!existed) {
            LOG.info("Granted {} {} {} on bucket {} prefix '{}'", subjectName(grant.subject()), grant.subject().id(),
                    Views.access(grant.access()), grant.bucket(), grant.prefix());
        }
        return AdminResponse.created(!existed, Views.grant(stored));
    }

    /** Every grant, narrowed by the bucket, user and key given. */
    AdminResponse list(QueryParams query) {
        String bucket = query.first("bucket");
        String user = query.first("user");
        String key = query.first("key");
        Stream<Grant> grants = engine.iam().grants().stream()
                .filter(g -> bucket == null || g.bucket().equals(bucket))
                .filter(g -> user == null || g.subject().equals(GrantSubject.user(user)))
                .filter(g -> key == null || g.subject().equals(GrantSubject.key(key)));
        return AdminResponse.json(200, grants.map(Views::grant).toList());
    }

    AdminResponse delete(QueryParams query) {
        GrantSubject subject = RequestChecks.subject(query.first("user"), query.first("key"));
        String bucket = RequestChecks.required(query.first("bucket"), "bucket");
        String prefix = query.first("prefix") == null ? "" : query.first("prefix");
        engine.apply(new DeleteGrant(subject, bucket, prefix));
        LOG.info("Removed the grant of {} {} on bucket {} prefix '{}'", subjectName(subject), subject.id(), bucket, prefix);
        return AdminResponse.noContent();
    }

    private static String subjectName(GrantSubject subject) {
        return subject.kind() == GrantSubject.Kind.USER ? "user" : "key";
    }
}
