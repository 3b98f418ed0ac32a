package io.stowage.engine.command;

import io.stowage.engine.model.ObjectVersion;

/**
 * Replaces the ACL of one version of an object (the current one when {@code versionId} is null),
 * leaving everything else about it as it is.
 *
 * @param acl the ACL in the S3 layer's text form, or null for the default
 * @throws io.stowage.engine.error.NoSuchKeyException
 * @throws io.stowage.engine.error.NoSuchVersionException
 */
public record SetObjectAcl(String bucket, String key, String versionId, String acl) implements Command<ObjectVersion> {
}
