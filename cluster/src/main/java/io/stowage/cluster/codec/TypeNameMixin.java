package io.stowage.cluster.codec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Put on the engine's sealed types (Command, ObjectBody): a value carries its subtype's registered name in
 * {@code "@type"}, never a Java class name.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "@type")
interface TypeNameMixin {
}
