package io.stowage.engine.store;

import io.stowage.engine.command.CreateAccessKey;
import io.stowage.engine.command.CreateUser;
import io.stowage.engine.command.DeleteAccessKey;
import io.stowage.engine.command.DeleteGrant;
import io.stowage.engine.command.DeleteUser;
import io.stowage.engine.command.PutGrant;
import io.stowage.engine.command.SetAccessKeyStatus;
import io.stowage.engine.error.ConflictException;
import io.stowage.engine.error.NoSuchAccessKeyException;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.error.NoSuchUserException;
import io.stowage.engine.model.AccessKey;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.Grant;
import io.stowage.engine.model.GrantSubject;
import io.stowage.engine.model.IamState;
import io.stowage.engine.model.KeyStatus;
import io.stowage.engine.model.User;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.store.codec.RecordCodec;
import io.stowage.engine.store.lock.LockTable;
import io.stowage.engine.store.meta.Batch;
import io.stowage.engine.store.meta.Catalog;
import io.stowage.engine.store.meta.Cf;
import io.stowage.engine.store.meta.IamCatalog;
import io.stowage.engine.store.meta.MetaStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Applies the commands on users, access keys and grants, one at a time under the IAM lock, and
 * publishes a new {@link IamState} snapshot after each.
 */
final class IamCommands {

    private final MetaStore meta;
    private final Catalog catalog;
    private final IamCatalog iamCatalog;
    private final LockTable locks;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile IamState state;

    IamCommands(MetaStore meta, Catalog catalog, LockTable locks) {
        this.meta = meta;
        this.catalog = catalog;
        this.iamCatalog = new IamCatalog(meta);
        this.locks = locks;
        this.state = iamCatalog.load();
    }

    IamState state() {
        return state;
    }

    /**
     * Runs a change that depends on who exists (a bucket's owner) under the IAM lock, so no user
     * is deleted between the check and the commit. Callers holding a bucket lock take it first.
     */
    <T> T underIam(Supplier<T> action) {
        lock.lock();
        try {
            T result = action.get();
            state = iamCatalog.load();
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** Fails unless {@code name} is the root user or an existing user; call under {@link #underIam}. */
    void requireOwner(String name) {
        if (!User.ROOT.equals(name) && state.user(name).isEmpty()) {
            throw new NoSuchUserException(name);
        }
    }

    User createUser(CreateUser command) {
        IamNames.checkUser(command.name());
        if (User.ROOT.equals(command.name())) {
            throw new ConflictException("the name root is reserved for the built-in admin", command.name());
        }
        if (User.ANONYMOUS.equals(command.name())) {
            throw new ConflictException("the name anonymous is reserved for unsigned requests", command.name());
        }
        return underIam(() -> {
            User existing = state.user(command.name()).orElse(null);
            if (existing != null) {
                if (existing.admin() != command.admin()) {
                    throw new ConflictException("the user exists with admin=" + existing.admin(), command.name());
                }
                return existing;
            }
            User user = new User(command.name(), command.admin(), command.createdAtMillis());
            try (Batch batch = meta.batch()) {
                batch.put(Cf.USERS, KeyCodec.utf8(user.name()), RecordCodec.encode(user)).commit(true);
            }
            return user;
        });
    }

    void deleteUser(DeleteUser command) {
        underIam(() -> {
            if (state.user(command.name()).isEmpty()) {
                return null;
            }
            List<String> owned = catalog.buckets().stream()
                    .filter(b -> b.owner().equals(command.name())).map(Bucket::name).toList();
            if (!owned.isEmpty()) {
                throw new ConflictException("the user owns buckets " + owned + ": delete them or change their owner first",
                        command.name());
            }
            try (Batch batch = meta.batch()) {
                for (AccessKey key : state.accessKeys(command.name())) {
                    deleteKeyInBatch(batch, key.accessKeyId());
                }
                deleteGrantsInBatch(batch, state.grants(GrantSubject.user(command.name())));
                batch.delete(Cf.USERS, KeyCodec.utf8(command.name())).commit(true);
            }
            return null;
        });
    }

    AccessKey createAccessKey(CreateAccessKey command) {
        IamNames.checkAccessKeyId(command.accessKeyId());
        IamNames.checkSecret(command.secretKey(), command.accessKeyId());
        GrantSubject subject = GrantSubject.key(command.accessKeyId());
        List<Grant> grants = command.grants().stream()
                .map(g -> new Grant(subject, g.bucket(), g.prefix(), g.access())).toList();
        return underIam(() -> {
            if (state.user(command.user()).isEmpty()) {
                throw new NoSuchUserException(command.user());
            }
            AccessKey existing = state.accessKey(command.accessKeyId()).orElse(null);
            if (existing != null) {
                boolean same = existing.user().equals(command.user())
                        && MessageDigest.isEqual(existing.secretKey().getBytes(StandardCharsets.UTF_8),
                                command.secretKey().getBytes(StandardCharsets.UTF_8))
                        && new HashSet<>(state.grants(subject)).equals(new HashSet<>(grants));
                if (!same) {
                    throw new ConflictException("the access key exists with other parameters", command.accessKeyId());
                }
                return existing;
            }
            for (Grant grant : grants) {
                requireBucket(grant.bucket());
            }
            AccessKey key = new AccessKey(command.accessKeyId(), command.secretKey(), command.user(), KeyStatus.ACTIVE,
                    command.createdAtMillis());
            try (Batch batch = meta.batch()) {
                batch.put(Cf.KEYS, KeyCodec.utf8(key.accessKeyId()), RecordCodec.encode(key));
                for (Grant grant : grants) {
                    batch.put(Cf.GRANTS, grantKey(grant), RecordCodec.encode(grant));
                }
                batch.commit(true);
            }
            return key;
        });
    }

    AccessKey setStatus(SetAccessKeyStatus command) {
        return underIam(() -> {
            AccessKey key = state.accessKey(command.accessKeyId())
                    .orElseThrow(() -> new NoSuchAccessKeyException(command.accessKeyId()));
            AccessKey updated = new AccessKey(key.accessKeyId(), key.secretKey(), key.user(), command.status(),
                    key.createdAtMillis());
            try (Batch batch = meta.batch()) {
                batch.put(Cf.KEYS, KeyCodec.utf8(key.accessKeyId()), RecordCodec.encode(updated)).commit(true);
            }
            return updated;
        });
    }

    void deleteAccessKey(DeleteAccessKey command) {
        underIam(() -> {
            if (state.accessKey(command.accessKeyId()).isPresent()) {
                try (Batch batch = meta.batch()) {
                    deleteKeyInBatch(batch, command.accessKeyId());
                    batch.commit(true);
                }
            }
            return null;
        });
    }

    Grant putGrant(PutGrant command) {
        Grant grant = command.grant();
        return locks.underBucket(grant.bucket(), () -> underIam(() -> {
            requireBucket(grant.bucket());
            requireSubject(grant.subject());
            byte[] key = grantKey(grant);
            byte[] existing = meta.get(Cf.GRANTS, key);
            if (existing != null) {
                Grant stored = RecordCodec.decodeGrant(existing);
                if (stored.access() != grant.access()) {
                    throw new ConflictException("a grant for this subject, bucket and prefix exists with access "
                            + stored.access(), grant.bucket());
                }
                return stored;
            }
            try (Batch batch = meta.batch()) {
                batch.put(Cf.GRANTS, key, RecordCodec.encode(grant)).commit(true);
            }
            return grant;
        }));
    }

    void deleteGrant(DeleteGrant command) {
        underIam(() -> {
            byte[] key = KeyCodec.grant(command.subject(), command.bucket(), command.prefix());
            if (meta.get(Cf.GRANTS, key) != null) {
                try (Batch batch = meta.batch()) {
                    batch.delete(Cf.GRANTS, key).commit(true);
                }
            }
            return null;
        });
    }

    /** Adds the deletion of every grant on {@code bucket} to a bucket's deletion batch; call under {@link #underIam}. */
    void deleteGrantsOnBucket(Batch batch, String bucket) {
        deleteGrantsInBatch(batch, state.grants().stream().filter(g -> g.bucket().equals(bucket)).toList());
    }

    private void deleteKeyInBatch(Batch batch, String accessKeyId) {
        deleteGrantsInBatch(batch, state.grants(GrantSubject.key(accessKeyId)));
        batch.delete(Cf.KEYS, KeyCodec.utf8(accessKeyId));
    }

    private static void deleteGrantsInBatch(Batch batch, List<Grant> grants) {
        for (Grant grant : grants) {
            batch.delete(Cf.GRANTS, grantKey(grant));
        }
    }

    private static byte[] grantKey(Grant grant) {
        return KeyCodec.grant(grant.subject(), grant.bucket(), grant.prefix());
    }

    private void requireBucket(String bucket) {
        if (catalog.bucket(bucket).isEmpty()) {
            throw new NoSuchBucketException(bucket);
        }
    }

    private void requireSubject(GrantSubject subject) {
        boolean exists = switch (subject.kind()) {
            case USER -> state.user(subject.id()).isPresent();
            case KEY -> state.accessKey(subject.id()).isPresent();
        };
        if (!exists) {
            throw subject.kind() == GrantSubject.Kind.USER
                    ? new NoSuchUserException(subject.id())
                    : new NoSuchAccessKeyException(subject.id());
        }
    }
}
