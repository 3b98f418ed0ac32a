package io.stowage.admin.client;

/**
 * The answer to an idempotent create.
 *
 * @param created {@code true} when this call created the resource ({@code 201}), {@code false} when
 *     it already existed with the same parameters ({@code 200})
 */
public record CreateResult<T>(T value, boolean created) {
}
