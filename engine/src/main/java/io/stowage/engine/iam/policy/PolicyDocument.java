package io.stowage.engine.iam.policy;

import java.util.List;

/** A parsed policy: its language version, optional Id and statements (at least one). */
record PolicyDocument(PolicyVersion version, String id, List<Statement> statements) {

    PolicyDocument {
        statements = List.copyOf(statements);
    }
}
