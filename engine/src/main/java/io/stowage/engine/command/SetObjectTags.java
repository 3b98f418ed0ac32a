package io.stowage.engine.command;

import io.stowage.engine.model.ObjectVersion;
import java.util.Map;

/** Replaces the tags of a version ({@code versionId} null: the current one); an empty map removes them. */
public record SetObjectTags(String bucket, String key, String versionId, Map<String, String> tags)
        implements Command<ObjectVersion> {

    public SetObjectTags {
        tags = Map.copyOf(tags);
    }
}
