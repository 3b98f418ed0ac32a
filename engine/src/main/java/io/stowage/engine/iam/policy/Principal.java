package io.stowage.engine.iam.policy;

/** Who makes a request, as a policy sees it. */
public sealed interface Principal {

    Principal ANONYMOUS = new Anonymous();

    /** A request without a signature. */
    record Anonymous() implements Principal {
    }

    /**
     * A request signed with one of a user's access keys. Policies match the user's name; the key
     * is who signed, for callers that need it.
     */
    record User(String name, String accessKeyId) implements Principal {
    }
}
