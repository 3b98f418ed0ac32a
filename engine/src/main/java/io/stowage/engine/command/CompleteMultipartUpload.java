package io.stowage.engine.command;

import io.stowage.engine.model.ObjectVersion;

/**
 * Makes the object of an upload current. The version's body is a Multipart of parts exactly as
 * the upload holds them (same numbers, ETags and bodies; the caller chose and validated them);
 * the upload's other parts are freed, and the upload ends. Nothing is copied.
 *
 * @throws io.stowage.engine.error.NoSuchUploadException when the upload is gone (aborted, or already completed)
 * @throws io.stowage.engine.error.InvalidPartException when a part no longer matches (replaced meanwhile)
 */
public record CompleteMultipartUpload(String bucket, String uploadId, ObjectVersion version, WritePrecondition precondition)
        implements Command<ObjectVersion> {
}
