package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.command.DeleteObject;
import io.stowage.engine.error.EngineException;
import io.stowage.engine.command.WritePrecondition;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.VersionIds;
import java.time.Clock;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.router.S3Operation;
import io.stowage.s3.http.S3Response;
import io.stowage.s3.xml.XmlElement;
import io.stowage.s3.xml.XmlReader;
import io.stowage.s3.xml.XmlWriter;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** DeleteObject and DeleteObjects (the batch XML form, with Quiet mode). */
public final class DeleteObjectHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeleteObjectHandler.class);
    private static final int MAX_KEYS = 1000;
    /** 1000 keys of up to 1024 bytes with their XML around them. */
    private static final int MAX_DOCUMENT = 2 * 1024 * 1024;

    static final String BYPASS_GOVERNANCE = "s3:BypassGovernanceRetention";

    private final Engine engine;
    private final Clock clock;

    public DeleteObjectHandler(Engine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    public S3Response delete(S3Request request) {
        ObjectVersion affected = engine.apply(command(request, request.key(), request.param("versionId")));
        S3Response response = S3Response.status(204);
        if (affected != null && !ObjectVersion.NULL_ID.equals(affected.versionId())) {
            response.header("x-amz-version-id", affected.versionId());
        }
        if (affected != null && affected.deleteMarker()) {
            response.header("x-amz-delete-marker", "true");
        }
        return response;
    }

    /** The engine's delete of one key, with the governance bypass when asked for and permitted. */
    private DeleteObject command(S3Request request, String key, String versionId) {
        return new DeleteObject(request.bucket(), key, versionId, request.caller().user(), VersionIds.next(), clock.millis(),
                bypassGovernance(request, key), WritePrecondition.NONE);
    }

    /** x-amz-bypass-governance-retention: true counts only for a caller holding s3:BypassGovernanceRetention. */
    static boolean bypassGovernance(S3Request request, String key) {
        String header = request.header("x-amz-bypass-governance-retention");
        return header != null && header.strip().equalsIgnoreCase("true")
                && request.access().permits(BYPASS_GOVERNANCE, request.bucket(), key);
    }

    public S3Response deleteObjects(S3Request request) throws IOException {
        Buckets.require(engine, request.bucket());
        XmlElement delete = XmlReader.parse(RequestBodies.readSmall(request, MAX_DOCUMENT));
        if (!delete.name().equals("Delete")) {
            throw new S3Exception(S3ErrorCode.MalformedXML);
        }
        boolean quiet = "true".equalsIgnoreCase(String.valueOf(delete.childText("Quiet")).strip());
        List<XmlElement> objects = delete.children("Object");
        if (objects.isEmpty() || objects.size() > MAX_KEYS) {
            throw new S3Exception(S3ErrorCode.MalformedXML);
        }
        XmlWriter xml = new XmlWriter().root("DeleteResult");
        for (XmlElement object : objects) {
            String key = object.childText("Key");
            String versionId = object.childText("VersionId");
            if (key == null || key.isEmpty()) {
                throw new S3Exception(S3ErrorCode.MalformedXML);
            }
            try {
                ObjectKeys.validate(key);
                request.access().check(S3Operation.DELETE_OBJECT, request.bucket(), key, versionId);
                ObjectVersion affected = engine.apply(command(request, key, versionId));
                if (!quiet) {
                    xml.start("Deleted").element("Key", key).optional("VersionId", versionId);
                    if (affected != null && affected.deleteMarker()) {
                        xml.element("DeleteMarker", true).element("DeleteMarkerVersionId", affected.versionId());
                    }
                    xml.end("Deleted");
                }
            } catch (S3Exception e) {
                error(xml, key, versionId, e.code(), e.getMessage());
            } catch (EngineException e) {
                S3Exception mapped = ErrorMapper.toS3(e);
                if (mapped == null) {
                    LOG.error("Delete of one key failed in request {}", request.requestId(), e);
                    error(xml, key, versionId, S3ErrorCode.InternalError, S3ErrorCode.InternalError.defaultMessage());
                } else {
                    error(xml, key, versionId, mapped.code(), mapped.getMessage());
                }
            }
        }
        return S3Response.xml(200, xml.end("DeleteResult").toBytes());
    }

    private static void error(XmlWriter xml, String key, String versionId, S3ErrorCode code, String message) {
        xml.start("Error").element("Key", key).optional("VersionId", versionId)
                .element("Code", code.code()).element("Message", message).end("Error");
    }
}
