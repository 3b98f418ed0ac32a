package io.stowage.server.admin.json;

/** A cluster member: its node id and Raft address (HOST:PORT; blob copies use the next port). */
public record MemberJson(String id, String address) {
}
