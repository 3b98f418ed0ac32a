package io.stowage.s3.error;

/**
 * The S3 errors Stowage returns, each with its HTTP status and AWS's default message. The code
 * string sent to clients is the constant's name, except where {@link #code} says otherwise.
 */
public enum S3ErrorCode {
    AccessControlListNotSupported(400, "The bucket does not allow ACLs"),
    AccessDenied(403, "Access Denied"),
    AccessForbidden(403, "Forbidden"),
    AuthorizationHeaderMalformed(400, "The authorization header is malformed"),
    AuthorizationQueryParametersError(400, "Error parsing the X-Amz-Credential parameter"),
    BadRequest(400, "Bad Request"),
    BadDigest(400, "The Content-MD5 or checksum value that you specified did not match what the server received"),
    BucketAlreadyExists(409, "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again."),
    BucketAlreadyOwnedByYou(409, "Your previous request to create the named bucket succeeded and you already own it."),
    BucketNotEmpty(409, "The bucket you tried to delete is not empty"),
    EntityTooSmall(400, "Your proposed upload is smaller than the minimum allowed object size."),
    EntityTooLarge(400, "Your proposed upload exceeds the maximum allowed object size."),
    ExpiredToken(400, "The provided token has expired."),
    IncompleteBody(400, "You did not provide the number of bytes specified by the Content-Length HTTP header."),
    InternalError(500, "We encountered an internal error. Please try again."),
    InvalidAccessKeyId(403, "The AWS Access Key Id you provided does not exist in our records."),
    InvalidArgument(400, "Invalid Argument"),
    InvalidBucketAclWithObjectOwnership(400, "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting"),
    InvalidBucketState(409, "The request is not valid with the current state of the bucket."),
    InvalidBucketName(400, "The specified bucket is not valid."),
    InvalidDigest(400, "The Content-MD5 you specified is not valid."),
    InvalidLocationConstraint(400, "The specified location-constraint is not valid"),
    InvalidPart(400, "One or more of the specified parts could not be found. The part might not have been uploaded, or the specified entity tag might not have matched the part's entity tag."),
    InvalidPartOrder(400, "The list of parts was not in ascending order. Parts list must be specified in order by part number."),
    InvalidPartNumber(416, "The requested partnumber is not satisfiable"),
    InvalidTag(400, "The tag provided was not a valid tag."),
    InvalidPolicyDocument(400, "The content of the form does not meet the conditions specified in the policy document."),
    InvalidRange(416, "The requested range is not satisfiable"),
    InvalidRequest(400, "Invalid Request"),
    InvalidStorageClass(400, "The storage class you specified is not valid"),
    InvalidURI(400, "Couldn't parse the specified URI."),
    KeyTooLongError(400, "Your key is too long"),
    MalformedACLError(400, "The XML you provided was not well-formed or did not validate against our published schema"),
    MalformedXML(400, "The XML you provided was not well-formed or did not validate against our published schema."),
    MalformedPolicy(400, "Policies must be valid JSON and the first byte must be '{'"),
    MetadataTooLarge(400, "Your metadata headers exceed the maximum allowed metadata size."),
    MalformedPOSTRequest(400, "The body of your POST request is not well-formed multipart/form-data."),
    MaxPostPreDataLengthExceeded(400, "Your POST request fields preceeding the upload file was too large."),
    MethodNotAllowed(405, "The specified method is not allowed against this resource."),
    MissingContentLength(411, "You must provide the Content-Length HTTP header."),
    MissingRequestBodyError(400, "Request Body is empty"),
    MissingSecurityHeader(400, "Your request was missing a required header"),
    NoSuchBucket(404, "The specified bucket does not exist"),
    NoSuchBucketPolicy(404, "The bucket policy does not exist"),
    NoSuchCORSConfiguration(404, "The CORS configuration does not exist"),
    NoSuchKey(404, "The specified key does not exist."),
    NoSuchLifecycleConfiguration(404, "The lifecycle configuration does not exist"),
    NoSuchObjectLockConfiguration(404, "The specified object does not have a ObjectLock configuration"),
    NoSuchPublicAccessBlockConfiguration(404, "The public access block configuration was not found"),
    NoSuchUpload(404, "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."),
    NoSuchTagSet(404, "The TagSet does not exist"),
    NoSuchWebsiteConfiguration(404, "The specified bucket does not have a website configuration"),
    NoSuchVersion(404, "The specified version does not exist."),
    NotImplemented(501, "A header you provided implies functionality that is not implemented"),
    NotModified(304, "Not Modified"),
    ObjectLockConfigurationNotFoundError(404, "Object Lock configuration does not exist for this bucket"),
    OwnershipControlsNotFoundError(404, "The bucket ownership controls were not found"),
    PreconditionFailed(412, "At least one of the pre-conditions you specified did not hold"),
    // 400, as MinIO answers a bucket quota (Ceph RGW says 403): FUSE mounters report 400 as EIO and 403 as EPERM, and a
    // full volume is an I/O failure, not a permission one
    QuotaExceeded(400, "The bucket's quota does not allow this write."),
    RequestTimeTooSkewed(403, "The difference between the request time and the server's time is too large."),
    ServerSideEncryptionConfigurationNotFoundError(404, "The server side encryption configuration was not found"),
    ServiceUnavailable(503, "Please reduce your request rate."),
    SignatureDoesNotMatch(403, "The request signature we calculated does not match the signature you provided. Check your key and signing method."),
    UnexpectedContent(400, "This request does not support content"),
    UnresolvableGrantByEmailAddress(400, "The email address you provided does not match any account on record."),
    XAmzContentSHA256Mismatch(400, "The provided 'x-amz-content-sha256' header does not match what was computed.");

    private final int status;
    private final String defaultMessage;

    S3ErrorCode(int status, String defaultMessage) {
        this.status = status;
        this.defaultMessage = defaultMessage;
    }

    public int status() {
        return status;
    }

    public String defaultMessage() {
        return defaultMessage;
    }

    /** The code string in the XML error body. */
    public String code() {
        return name();
    }
}
