package io.stowage.csi.node.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stowage.csi.node.MountException;

/** The mount daemon's answer to one call: success, or the failure's reason and message. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MounterReply(MountException.Reason error, String message) {

    private static final MounterReply OK = new MounterReply(null, null);

    public static MounterReply ok() {
        return OK;
    }

    public static MounterReply failure(MountException e) {
        return new MounterReply(e.reason(), e.getMessage());
    }

    /** @throws MountException the failure this reply carries */
    public void throwIfFailed() {
        if (error != null) {
            throw new MountException(error, message == null ? error.name() : message);
        }
    }
}
