package io.stowage.server.admin;

import io.stowage.engine.Engine;
import io.stowage.s3.router.QueryParams;
import java.time.Clock;

/** Hands each routed operation to the handler of its resource family. */
final class AdminDispatcher {

    private final ServerInfoHandler server;
    private final UserHandler users;
    private final KeyHandler keys;
    private final BucketHandler buckets;
    private final PrefixQuotaHandler prefixQuotas;
    private final PolicyHandler policies;
    private final GrantHandler grants;
    private final ClusterHandler cluster;

    AdminDispatcher(Engine engine, ServerFacts facts, String rootAccessKeyId, Clock clock) {
        KeyIssuer issuer = new KeyIssuer(engine, rootAccessKeyId, clock);
        this.server = new ServerInfoHandler(engine, facts);
        this.users = new UserHandler(engine, issuer, clock);
        this.keys = new KeyHandler(engine, issuer);
        this.buckets = new BucketHandler(engine, facts.region(), clock);
        this.prefixQuotas = new PrefixQuotaHandler(engine);
        this.policies = new PolicyHandler(engine);
        this.grants = new GrantHandler(engine);
        this.cluster = new ClusterHandler(engine);
    }

    AdminResponse dispatch(RouteMatch route, QueryParams query, byte[] body) {
        String name = route.pathParameter("name");
        String id = route.pathParameter("id");
        return switch (route.operation()) {
            case HEALTH -> server.health();
            case INFO -> server.info();
            case OPENAPI -> server.openApi();
            case CLUSTER_STATUS -> cluster.status();
            case ADD_MEMBER -> cluster.addMember(body);
            case REMOVE_MEMBER -> cluster.removeMember(id);
            case CREATE_USER -> users.create(body);
            case LIST_USERS -> users.list();
            case GET_USER -> users.get(name);
            case DELETE_USER -> users.delete(name);
            case CREATE_KEY -> users.createKey(name, body);
            case LIST_KEYS -> users.listKeys(name);
            case GET_KEY -> keys.get(id);
            case SET_KEY_STATUS -> keys.setStatus(id, body);
            case DELETE_KEY -> keys.delete(id);
            case ROTATE_KEY -> keys.rotate(id, body);
            case CREATE_BUCKET -> buckets.create(body);
            case LIST_BUCKETS -> buckets.list();
            case GET_BUCKET -> buckets.get(name);
            case DELETE_BUCKET -> buckets.delete(name, RequestChecks.flag(query.first("force"), "force"));
            case SET_OWNER -> buckets.setOwner(name, body);
            case SET_QUOTA -> buckets.setQuota(name, body);
            case DELETE_QUOTA -> buckets.deleteQuota(name);
            case LIST_PREFIX_QUOTAS -> prefixQuotas.list(name, query.first("prefix"));
            case SET_PREFIX_QUOTA -> prefixQuotas.set(name, body);
            case DELETE_PREFIX_QUOTA -> prefixQuotas.delete(name, query.first("prefix"));
            case GET_USAGE -> buckets.usage(name);
            case GET_TAGS -> buckets.tags(name);
            case PUT_TAGS -> buckets.setTags(name, body);
            case PUT_POLICY -> policies.put(name, body);
            case GET_POLICY -> policies.get(name);
            case DELETE_POLICY -> policies.delete(name);
            case CREATE_GRANT -> grants.create(body);
            case LIST_GRANTS -> grants.list(query);
            case DELETE_GRANT -> grants.delete(query);
        };
    }
}
