package io.stowage.server.admin;

import io.stowage.engine.Engine;
import io.stowage.server.admin.json.HealthJson;
import io.stowage.server.admin.json.InfoJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The server itself: /admin/v1/health, /admin/v1/info and /admin/v1/openapi.yaml. */
final class ServerInfoHandler {

    /** Packaged from docs/openapi.yaml by the build. */
    static final String OPENAPI_RESOURCE = "/io/stowage/server/admin/openapi.yaml";

    private final Engine engine;
    private final ServerFacts facts;
    private final byte[] openApi;

    ServerInfoHandler(Engine engine, ServerFacts facts) {
        this.engine = engine;
        this.facts = facts;
        this.openApi = openApiDocument();
    }

    AdminResponse health() {
        return AdminResponse.json(200, HealthJson.OK);
    }

    AdminResponse info() {
        return AdminResponse.json(200, new InfoJson(facts.version(), facts.region(), facts.s3Address(),
                facts.adminAddress(), facts.dataDir(), engine.buckets().size(), engine.iam().users().size(),
                facts.startedAt().toString()));
    }

    AdminResponse openApi() {
        return new AdminResponse(200, "application/yaml", openApi);
    }

    static byte[] openApiDocument() {
        try (InputStream in = ServerInfoHandler.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the classpath: the build packages it");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
