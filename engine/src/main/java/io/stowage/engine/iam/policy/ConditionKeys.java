package io.stowage.engine.iam.policy;

/** Names of the condition keys Stowage puts in a {@link RequestContext}. */
public final class ConditionKeys {

    public static final String SOURCE_IP = "aws:SourceIp";
    public static final String SECURE_TRANSPORT = "aws:SecureTransport";
    public static final String CURRENT_TIME = "aws:CurrentTime";
    public static final String EPOCH_TIME = "aws:EpochTime";
    public static final String USERNAME = "aws:username";
    public static final String USERID = "aws:userid";
    public static final String PRINCIPAL_TYPE = "aws:PrincipalType";
    public static final String PREFIX = "s3:prefix";
    public static final String DELIMITER = "s3:delimiter";
    public static final String MAX_KEYS = "s3:max-keys";
    public static final String ACL = "s3:x-amz-acl";
    public static final String CONTENT_SHA256 = "s3:x-amz-content-sha256";
    public static final String SIGNATURE_VERSION = "s3:signatureversion";
    public static final String AUTH_TYPE = "s3:authType";

    private ConditionKeys() {
    }

    /** The key of an existing object's tag, "s3:ExistingObjectTag/&lt;tag&gt;". */
    public static String existingObjectTag(String tag) {
        return "s3:ExistingObjectTag/" + tag;
    }
}
