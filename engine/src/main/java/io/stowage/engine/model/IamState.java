package io.stowage.engine.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** An immutable snapshot of users, access keys and grants: what every request's authentication and authorization read. */
public final class IamState {

    public static final IamState EMPTY = new IamState(List.of(), List.of(), List.of());

    private final Map<String, User> users;
    private final Map<String, AccessKey> keys;
    private final Map<GrantSubject, List<Grant>> grantsBySubject;
    private final List<Grant> grants;

    public IamState(Collection<User> users, Collection<AccessKey> keys, Collection<Grant> grants) {
        this.users = users.stream().collect(Collectors.toMap(User::name, u -> u, (a, b) -> b, TreeMap::new));
        this.keys = keys.stream().collect(Collectors.toMap(AccessKey::accessKeyId, k -> k, (a, b) -> b, TreeMap::new));
        this.grants = grants.stream()
                .sorted(Comparator.comparing((Grant g) -> g.subject().kind()).thenComparing(g -> g.subject().id())
                        .thenComparing(Grant::bucket).thenComparing(Grant::prefix))
                .toList();
        Map<GrantSubject, List<Grant>> bySubject = new LinkedHashMap<>();
        this.grants.forEach(g -> bySubject.computeIfAbsent(g.subject(), s -> new ArrayList<>()).add(g));
        bySubject.replaceAll((s, list) -> List.copyOf(list));
        this.grantsBySubject = bySubject;
    }

    public Optional<User> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    /** All users, by name. */
    public List<User> users() {
        return List.copyOf(users.values());
    }

    public Optional<AccessKey> accessKey(String accessKeyId) {
        return Optional.ofNullable(keys.get(accessKeyId));
    }

    /** The keys of a user, by access key id. */
    public List<AccessKey> accessKeys(String user) {
        return keys.values().stream().filter(k -> k.user().equals(user)).toList();
    }

    /** The grants of one subject. */
    public List<Grant> grants(GrantSubject subject) {
        return grantsBySubject.getOrDefault(subject, List.of());
    }

    /** Every grant, by subject, bucket and prefix. */
    public List<Grant> grants() {
        return grants;
    }
}
