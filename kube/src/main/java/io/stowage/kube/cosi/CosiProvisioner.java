package io.stowage.kube.cosi;

import io.stowage.backend.AccessKey;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BackendException;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketGrant;
import io.stowage.backend.BucketQuota;
import io.stowage.backend.BucketState;
import io.stowage.backend.S3Endpoint;
import io.stowage.kube.model.InvalidSpecException;
import io.stowage.kube.provision.BackendRef;
import io.stowage.kube.provision.Capability;
import io.stowage.kube.provision.QuotaParameters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The COSI driver's work, independent of the proto version: the gRPC adapter and the operator's sidecar
 * mode both call it. Semantics as the COSI spec gives them: CreateBucket is idempotent for the same name
 * and parameters and ALREADY_EXISTS for other parameters; deleting or revoking what is gone is success.
 *
 * <p>BucketClass parameters: {@code backendSecret} ({@code namespace/name} of a backend Secret; the
 * driver's default backend when absent), {@code maxSize} and {@code maxObjects} (the bucket's quota),
 * {@code defaultAccessMode} ({@code read-write} unless set), {@code purgeOnDelete} ({@code "true"}: a
 * Delete policy removes the bucket's objects too; otherwise a bucket that still holds objects is not
 * deleted). BucketAccessClass parameters: {@code accessMode}. Unknown parameters are refused, so a typo
 * does not pass silently.
 *
 * <p>What a repeated CreateBucket is compared with: the class parameters the driver recorded in the bucket's tags
 * {@value #DEFAULT_ACCESS_TAG} and {@value #QUOTA_TAG}, written before the quota is set, so that a bucket whose quota
 * call failed (RGW, MinIO and Garage set it in a second call) is given its quota by the repeat rather than refused.
 * On a backend without bucket tags (Garage) nothing is recorded: a repeat is not refused, and sets the quota it
 * asks for; grants still follow the default access the bucket id carries.
 *
 * <p>A quota or a read-only grant on a backend that cannot do it is INVALID_ARGUMENT (the class must change, as
 * for any parameter the driver cannot honour), answered before anything is created.
 */
public final class CosiProvisioner {

    public static final String BACKEND_SECRET = "backendSecret";
    public static final String DEFAULT_ACCESS_MODE = "defaultAccessMode";
    public static final String PURGE_ON_DELETE = "purgeOnDelete";
    public static final String ACCESS_MODE = "accessMode";
    /** The bucket tag recording the default access of the class a bucket was created for. */
    public static final String DEFAULT_ACCESS_TAG = "stowage.io/cosi-default-access-mode";
    /** The bucket tag recording the quota of the class a bucket was created for, by the standalone driver. */
    public static final String QUOTA_TAG = "stowage.io/cosi-quota";

    private static final Logger LOG = LoggerFactory.getLogger(CosiProvisioner.class);
    private static final Set<String> BUCKET_CLASS_PARAMETERS = Set.of(BACKEND_SECRET, QuotaParameters.MAX_SIZE,
            QuotaParameters.MAX_OBJECTS, DEFAULT_ACCESS_MODE, PURGE_ON_DELETE);
    private static final Set<String> ACCESS_CLASS_PARAMETERS = Set.of(ACCESS_MODE);
    private static final Pattern DRIVER_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?");

    private final String driverName;
    private final CosiBackends backends;
    private final String backendNamespace;

    /**
     * @param backendNamespace the namespace of a {@code backendSecret} given without one
     */
    public CosiProvisioner(String driverName, CosiBackends backends, String backendNamespace) {
        if (!DRIVER_NAME.matcher(driverName).matches()) {
            throw new IllegalArgumentException("driver name must be up to 63 lower-case letters, digits, '-' and '.', "
                    + "starting and ending with a letter or digit: '" + driverName + "'");
        }
        this.driverName = driverName;
        this.backends = backends;
        this.backendNamespace = backendNamespace;
    }

    public String driverName() {
        return driverName;
    }

    /**
     * Creates the bucket {@code name} (a valid S3 bucket name, which COSI's {@code bucket-<uid>} is). The bucket is
     * created without a quota, the parameters are recorded in its tags, and only then is the quota set: a bucket
     * whose quota call failed, or whose driver stopped in between, carries the record, and a repeat with the same
     * parameters sets the quota it lacks instead of refusing the name.
     */
    public String createBucket(String name, Map<String, String> parameters) throws CosiException {
        CosiBucketId id = id(name, parameters);
        BucketQuota quota = quota(parameters);
        BucketBackend backend = backends.backend(id.backend());
        requireQuota(backend, id, quota);
        BucketState bucket = create(id, BucketQuota.NONE);
        if (backend.capabilities().bucketTags()) {
            recordParameters(id, quota, bucket);
        }
        if (!bucket.quota().equals(quota)) {
            setQuota(id, quota);
        }
        return id.toString();
    }

    /**
     * The sidecar's create, whose quota is the BucketClaim's (its annotations over the class's) and may change
     * after creation: a bucket that exists already, which can only be this Bucket's own from an earlier attempt
     * (its name is COSI's {@code bucket-<uid>}), is given the quota instead of being refused.
     */
    public String createBucket(String name, Map<String, String> parameters, BucketQuota quota) throws CosiException {
        CosiBucketId id = id(name, parameters);
        BucketState bucket = create(id, quota);
        if (!bucket.created() && !bucket.quota().equals(quota)) {
            setQuota(id, quota);
        }
        recordDefaultAccess(id);
        return id.toString();
    }

    /** The quota the BucketClass parameters ask for ({@link BucketQuota#NONE} without any). */
    public BucketQuota quota(Map<String, String> parameters) throws CosiException {
        return invalidArgument(() -> QuotaParameters.read(parameters, BucketQuota.NONE, "BucketClass parameters"));
    }

    /**
     * Gives the bucket {@code quota} unless it has it already.
     *
     * @return whether the quota changed
     * @throws CosiException NOT_FOUND when the bucket is gone
     */
    public boolean followQuota(String bucketId, BucketQuota quota) throws CosiException {
        CosiBucketId id = CosiBucketId.parse(bucketId);
        BucketBackend backend = backends.backend(id.backend());
        BucketState bucket = backendCall(() -> backend.findBucket(id.bucket())).orElseThrow(() ->
                new CosiException(CosiException.Code.NOT_FOUND, "bucket " + id.bucket() + " does not exist"));
        if (bucket.quota().equals(quota)) {
            return false;
        }
        setQuota(id, quota);
        return true;
    }

    private BucketState create(CosiBucketId id, BucketQuota quota) throws CosiException {
        BucketBackend backend = backends.backend(id.backend());
        requireQuota(backend, id, quota);
        BucketState bucket = backendCall(() -> backend.createBucket(id.bucket(), quota));
        if (bucket.created()) {
            LOG.info("COSI: created bucket {} on {}", id.bucket(),
                    id.backend().map(BackendRef::toString).orElse("the default backend"));
        }
        return bucket;
    }

    /**
     * Records the class parameters in the bucket's tags, or, when the tags record other parameters, refuses the
     * name: ALREADY_EXISTS. A bucket without a quota record is one whose create stopped before recording; it is
     * taken for this request's when its quota is none (which that create leaves) or the asked one.
     */
    private void recordParameters(CosiBucketId id, BucketQuota quota, BucketState bucket) throws CosiException {
        BucketBackend backend = backends.backend(id.backend());
        Map<String, String> tags = backendCall(() -> backend.bucketTags(id.bucket()));
        requireRecordedAccess(id, tags);
        String asked = quotaRecord(quota);
        String recorded = tags.get(QUOTA_TAG);
        boolean same = recorded == null
                ? bucket.quota().equals(BucketQuota.NONE) || bucket.quota().equals(quota)
                : recorded.equals(asked);
        if (!same) {
            throw new CosiException(CosiException.Code.ALREADY_EXISTS, "bucket " + id.bucket() + " exists with another "
                    + "quota (" + (recorded == null ? quotaRecord(bucket.quota()) : recorded)
                    + ") than the parameters ask for (" + asked + ")");
        }
        Map<String, String> record = new HashMap<>(tags);
        record.put(DEFAULT_ACCESS_TAG, askedAccess(id));
        record.put(QUOTA_TAG, asked);
        writeTags(id, tags, record);
    }

    /** The quota as {@value #QUOTA_TAG} records it: {@code maxSize=1048576 maxObjects=0} (0: unlimited). */
    private static String quotaRecord(BucketQuota quota) {
        return QuotaParameters.MAX_SIZE + "=" + quota.maxBytes() + " " + QuotaParameters.MAX_OBJECTS + "=" + quota.maxObjects();
    }

    /**
     * Records the default access the parameters give in the bucket's tags, or, when a tag records one already,
     * refuses other parameters: the same name with another default access is ALREADY_EXISTS.
     */
    private void recordDefaultAccess(CosiBucketId id) throws CosiException {
        BucketBackend backend = backends.backend(id.backend());
        if (!backend.capabilities().bucketTags()) {
            return;
        }
        Map<String, String> tags = backendCall(() -> backend.bucketTags(id.bucket()));
        requireRecordedAccess(id, tags);
        Map<String, String> record = new HashMap<>(tags);
        record.put(DEFAULT_ACCESS_TAG, askedAccess(id));
        writeTags(id, tags, record);
    }

    private static String askedAccess(CosiBucketId id) {
        return id.defaultAccess().orElse(AccessMode.READ_WRITE).wireName();
    }

    /** ALREADY_EXISTS when the tags record another default access than the parameters give. */
    private static void requireRecordedAccess(CosiBucketId id, Map<String, String> tags) throws CosiException {
        String recorded = tags.get(DEFAULT_ACCESS_TAG);
        if (recorded != null && !recorded.equals(askedAccess(id))) {
            throw new CosiException(CosiException.Code.ALREADY_EXISTS, "bucket " + id.bucket() + " exists with default access "
                    + recorded + ", not the " + askedAccess(id) + " the parameters ask for");
        }
    }

    /** Sets the bucket's tags to {@code record} unless they are that already. */
    private void writeTags(CosiBucketId id, Map<String, String> tags, Map<String, String> record) throws CosiException {
        if (record.equals(tags)) {
            return;
        }
        BucketBackend backend = backends.backend(id.backend());
        backendCall(() -> {
            backend.setBucketTags(id.bucket(), record);
            return null;
        });
    }

    private void setQuota(CosiBucketId id, BucketQuota quota) throws CosiException {
        BucketBackend backend = backends.backend(id.backend());
        requireQuota(backend, id, quota);
        backendCall(() -> {
            backend.setQuota(id.bucket(), quota);
            return null;
        });
        LOG.info("COSI: bucket {} quota: {}", id.bucket(), QuotaParameters.describe(quota));
    }

    /**
     * The id {@link #createBucket} answers for these arguments, without a backend call: what the sidecar
     * deletes when it crashed between creating a bucket and recording its id.
     *
     * @throws CosiException INVALID_ARGUMENT for parameters createBucket refuses before it creates anything
     */
    public String bucketId(String name, Map<String, String> parameters) throws CosiException {
        return id(name, parameters).toString();
    }

    private CosiBucketId id(String name, Map<String, String> parameters) throws CosiException {
        if (name == null || name.isBlank()) {
            throw new CosiException(CosiException.Code.INVALID_ARGUMENT, "name is required");
        }
        checkKnown(parameters, BUCKET_CLASS_PARAMETERS, "BucketClass");
        Optional<BackendRef> ref = backendRef(parameters);
        Optional<AccessMode> defaultAccess = accessMode(parameters.get(DEFAULT_ACCESS_MODE), DEFAULT_ACCESS_MODE);
        return new CosiBucketId(ref, name, defaultAccess);
    }

    /** Where workloads reach the bucket {@code bucketId} names: the endpoint of its backend. */
    public S3Endpoint endpoint(String bucketId) throws CosiException {
        BucketBackend backend = backends.backend(CosiBucketId.parse(bucketId).backend());
        return backendCall(backend::endpoint);
    }

    /** Deletes the bucket; one that is gone already is success. */
    public void deleteBucket(String bucketId, Map<String, String> deleteContext) throws CosiException {
        CosiBucketId id = CosiBucketId.parse(bucketId);
        boolean purge = "true".equalsIgnoreCase(deleteContext.getOrDefault(PURGE_ON_DELETE, "false").trim());
        BucketBackend backend = backends.backend(id.backend());
        backendCall(() -> {
            backend.deleteBucket(id.bucket(), purge);
            return null;
        });
        LOG.info("COSI: deleted bucket {}", id.bucket());
    }

    /**
     * Gives the account {@code accountName} a new key to the bucket. A repeat with the same parameters (the sidecar
     * retries after a crash) replaces the account's earlier key, whose secret nobody can read again, so the account
     * never holds more than the key last handed out; a repeat asking for another access mode than the account holds
     * on the bucket is ALREADY_EXISTS, as the COSI spec answers an existing access asked for with other parameters.
     */
    public GrantedAccess grantAccess(String bucketId, String accountName, Map<String, String> parameters)
            throws CosiException {
        CosiBucketId id = CosiBucketId.parse(bucketId);
        AccessMode mode = grantedMode(id, accountName, parameters);
        requireNoOtherAccess(id, accountName, mode);
        GrantedAccess granted = grantKey(id, accountName, mode);
        retireKeysOtherThan(bucketId, accountName, granted.key().id(), Set.of());
        return granted;
    }

    /**
     * Gives the account {@code accountName} a new key to the bucket beside the keys it holds: the first
     * half of a rotation, whose caller hands the new key to the workload before it retires the others with
     * {@link #retireKeysOtherThan}, so that the workload is never left with a key that no longer works.
     */
    public GrantedAccess grantAdditionalKey(String bucketId, String accountName, Map<String, String> parameters)
            throws CosiException {
        CosiBucketId id = CosiBucketId.parse(bucketId);
        return grantKey(id, accountName, grantedMode(id, accountName, parameters));
    }

    /** The access the BucketAccessClass parameters ask for, the bucket's default access when they name none. */
    private static AccessMode grantedMode(CosiBucketId id, String accountName, Map<String, String> parameters)
            throws CosiException {
        if (accountName == null || accountName.isBlank()) {
            throw new CosiException(CosiException.Code.INVALID_ARGUMENT, "name (the account name) is required");
        }
        checkKnown(parameters, ACCESS_CLASS_PARAMETERS, "BucketAccessClass");
        return accessMode(parameters.get(ACCESS_MODE), ACCESS_MODE).or(id::defaultAccess).orElse(AccessMode.READ_WRITE);
    }

    /** ALREADY_EXISTS when a key of the account holds access to the bucket with another mode than {@code mode}. */
    private void requireNoOtherAccess(CosiBucketId id, String accountName, AccessMode mode) throws CosiException {
        BucketBackend backend = backends.backend(id.backend());
        List<BucketGrant> held = backendCall(() -> backend.keys(accountName).stream()
                .flatMap(key -> backend.keyGrants(key).stream()).toList());
        for (BucketGrant grant : held) {
            if (grant.bucket().equals(id.bucket()) && grant.mode() != mode) {
                throw new CosiException(CosiException.Code.ALREADY_EXISTS, "account " + accountName + " holds "
                        + grant.mode().wireName() + " access to bucket " + id.bucket() + ", not the " + mode.wireName()
                        + " the parameters ask for");
            }
        }
    }

    private GrantedAccess grantKey(CosiBucketId id, String accountName, AccessMode mode) throws CosiException {
        BucketBackend backend = backends.backend(id.backend());
        if (mode == AccessMode.READ_ONLY) {
            require(backend, id, Capability.READ_ONLY_GRANTS);
        }
        if (backendCall(() -> backend.findBucket(id.bucket())).isEmpty()) {
            throw new CosiException(CosiException.Code.NOT_FOUND, "bucket " + id.bucket() + " does not exist");
        }
        AccessKey key = backend.newKey();
        backendCall(() -> {
            backend.createKey(accountName, key, Optional.of(new BucketGrant(id.bucket(), mode)));
            return null;
        });
        LOG.info("COSI: granted {} access to bucket {} to account {}", mode.wireName(), id.bucket(), accountName);
        return new GrantedAccess(accountName, id.bucket(), key, backendCall(backend::endpoint));
    }

    /**
     * Deletes the account's keys other than {@code keptKeyId} and {@code alsoKept} (a rotation's old key in its grace):
     * those of earlier grants. An account that lacks {@code keptKeyId} keeps all its keys, since which one its workload
     * holds is then not known.
     *
     * @return the keys deleted
     */
    public List<String> retireKeysOtherThan(String bucketId, String accountId, String keptKeyId, Set<String> alsoKept)
            throws CosiException {
        CosiBucketId id = CosiBucketId.parse(bucketId);
        BucketBackend backend = backends.backend(id.backend());
        return backendCall(() -> {
            List<String> keys = backend.keys(accountId);
            if (!keys.contains(keptKeyId)) {
                return List.of();
            }
            List<String> retired = keys.stream().filter(key -> !key.equals(keptKeyId) && !alsoKept.contains(key)).toList();
            retired.forEach(backend::deleteKey);
            return retired;
        });
    }

    /** Takes the account's access to the bucket away, and the account with it when it has no other. */
    public void revokeAccess(String bucketId, String accountId) throws CosiException {
        CosiBucketId id = CosiBucketId.parse(bucketId);
        if (accountId == null || accountId.isBlank()) {
            throw new CosiException(CosiException.Code.INVALID_ARGUMENT, "account_id is required");
        }
        BucketBackend backend = backends.backend(id.backend());
        backendCall(() -> {
            for (String key : backend.keys(accountId)) {
                backend.revoke(key, id.bucket());
            }
            if (backend.keys(accountId).isEmpty()) {
                backend.deleteAccount(accountId);
            }
            return null;
        });
        LOG.info("COSI: revoked account {} on bucket {}", accountId, id.bucket());
    }

    private static void requireQuota(BucketBackend backend, CosiBucketId id, BucketQuota quota) throws CosiException {
        for (Capability needed : Capability.forQuota(quota)) {
            require(backend, id, needed);
        }
    }

    private static void require(BucketBackend backend, CosiBucketId id, Capability needed) throws CosiException {
        String backendName = id.backend().map(ref -> "backend Secret " + ref).orElse("the driver's default backend");
        invalidArgument(() -> {
            Capability.require(backend.capabilities(), backendName, Set.of(needed));
            return null;
        });
    }

    private Optional<BackendRef> backendRef(Map<String, String> parameters) throws CosiException {
        String value = parameters.get(BACKEND_SECRET);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(invalidArgument(() -> BackendRef.parse(value, backendNamespace, BACKEND_SECRET)));
    }

    private static Optional<AccessMode> accessMode(String value, String parameter) throws CosiException {
        if (value == null) {
            return Optional.empty();
        }
        try {
            AccessMode mode = AccessMode.of(value);
            if (mode == AccessMode.WRITE_ONLY) {
                throw new IllegalArgumentException("access must be read-only or read-write, not write-only");
            }
            return Optional.of(mode);
        } catch (IllegalArgumentException e) {
            throw new CosiException(CosiException.Code.INVALID_ARGUMENT, parameter + ": " + e.getMessage());
        }
    }

    private static void checkKnown(Map<String, String> parameters, Set<String> known, String where) throws CosiException {
        for (String key : parameters.keySet()) {
            if (!known.contains(key)) {
                throw new CosiException(CosiException.Code.INVALID_ARGUMENT, where + " parameter '" + key
                        + "' is not one this driver reads; it reads " + known.stream().sorted().toList());
            }
        }
    }

    private interface SpecRead<T> {
        T read() throws InvalidSpecException;
    }

    private static <T> T invalidArgument(SpecRead<T> read) throws CosiException {
        try {
            return read.read();
        } catch (InvalidSpecException e) {
            throw new CosiException(CosiException.Code.INVALID_ARGUMENT, e.getMessage(), e);
        }
    }

    private interface BackendCall<T> {
        T call();
    }

    private static <T> T backendCall(BackendCall<T> call) throws CosiException {
        try {
            return call.call();
        } catch (BackendException e) {
            throw new CosiException(code(e.reason()), e.getMessage(), e);
        }
    }

    static CosiException.Code code(BackendException.Reason reason) {
        return switch (reason) {
            case UNAVAILABLE -> CosiException.Code.UNAVAILABLE;
            case UNAUTHORIZED -> CosiException.Code.PERMISSION_DENIED;
            case INVALID -> CosiException.Code.INVALID_ARGUMENT;
            case CONFLICT -> CosiException.Code.ALREADY_EXISTS;
            case BUCKET_NOT_EMPTY -> CosiException.Code.FAILED_PRECONDITION;
            case NOT_FOUND -> CosiException.Code.NOT_FOUND;
            case UNSUPPORTED -> CosiException.Code.UNIMPLEMENTED;
        };
    }
}
