package io.stowage.kube.gitops;

import io.stowage.backend.AccessMode;
import io.stowage.backend.BucketGrant;
import io.stowage.backend.BucketQuota;
import io.stowage.kube.provision.ClaimRefusedException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an S3User asks, validated.
 *
 * @param generateKey keySource Generate: the operator makes the key and writes the Secret; else the Secret is the source
 * @param grants one per bucket (on the whole bucket or one key prefix of it), in the spec's order
 * @param quota the account's limits, all its buckets together; empty when the spec leaves them alone
 */
record DesiredUser(String account, String secretName, boolean generateKey, List<BucketGrant> grants,
                   Optional<BucketQuota> quota) {

    private static final Pattern SECRET_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    static DesiredUser of(S3User user) throws ClaimRefusedException {
        S3UserSpec spec = user.getSpec();
        String namespace = user.getMetadata().getNamespace();
        String account = user.account();
        // the account must be this namespace's, so that no namespace takes over another's account or the administrator
        if (!account.startsWith(namespace + ".") || account.length() == namespace.length() + 1 || account.length() > 128) {
            throw DesiredBucket.invalid("account '" + account + "' must begin with '" + namespace
                    + ".' (at most 128 characters)");
        }
        if (spec.getSecretName() == null || !SECRET_NAME.matcher(spec.getSecretName()).matches()) {
            throw DesiredBucket.invalid("secretName must name a Secret of this namespace");
        }
        String source = spec.getKeySource() == null ? "Generate" : spec.getKeySource();
        if (!source.equals("Generate") && !source.equals("Secret")) {
            throw DesiredBucket.invalid("keySource must be Generate or Secret, not '" + source + "'");
        }
        if (spec.getDeletionPolicy() != null && !spec.getDeletionPolicy().equals("Retain")
                && !spec.getDeletionPolicy().equals("Delete")) {
            throw DesiredBucket.invalid("deletionPolicy must be Retain or Delete, not '" + spec.getDeletionPolicy() + "'");
        }
        List<BucketGrant> grants = new ArrayList<>();
        Set<String> buckets = new HashSet<>();
        for (GrantSpec grant : spec.getGrants()) {
            if (grant.getBucket() == null || grant.getBucket().isBlank()) {
                throw DesiredBucket.invalid("grants: every grant names a bucket");
            }
            if (!buckets.add(grant.getBucket())) {
                throw DesiredBucket.invalid("grants: bucket " + grant.getBucket() + " is granted twice");
            }
            AccessMode mode;
            try {
                mode = grant.getAccess() == null ? AccessMode.READ_WRITE : AccessMode.of(grant.getAccess());
            } catch (IllegalArgumentException e) {
                throw DesiredBucket.invalid("grants: " + e.getMessage());
            }
            grants.add(new BucketGrant(grant.getBucket(), grant.getPrefix() == null ? "" : grant.getPrefix(), mode));
        }
        return new DesiredUser(account, spec.getSecretName(), generatesKey(spec), List.copyOf(grants),
                spec.getQuota() == null ? Optional.empty() : Optional.of(spec.getQuota().limits()));
    }

    /** keySource Generate, which is also the default. */
    static boolean generatesKey(S3UserSpec spec) {
        return spec.getKeySource() == null || spec.getKeySource().equals("Generate");
    }

    /** A grant as status and events tell it: {@code BUCKET:read-only}, or {@code BUCKET/PREFIX:write-only} on a prefix. */
    static String describe(BucketGrant grant) {
        return grant.bucket() + (grant.prefix().isEmpty() ? "" : "/" + grant.prefix()) + ":" + grant.mode().wireName();
    }
}
