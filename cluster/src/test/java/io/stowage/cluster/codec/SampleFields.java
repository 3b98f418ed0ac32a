package io.stowage.cluster.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Walks a sample through its record components, maps and lists, asserting that every value differs from its type's
 * default (a dropped field would decode as that default and pass unnoticed), and records the types it met.
 */
final class SampleFields {

    private final Set<Class<?>> typesSeen = new HashSet<>();

    Set<Class<?>> typesSeen() {
        return typesSeen;
    }

    void assertFilled(String path, Object value) {
        assertThat(value).as(path).isNotNull();
        typesSeen.add(value.getClass());
        switch (value) {
            case Record record -> {
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    assertFilled(path + "." + component.getName(), componentValue(record, component));
                }
            }
            case Map<?, ?> map -> {
                assertThat(map).as(path).isNotEmpty();
                map.forEach((key, entry) -> assertFilled(path + "[" + key + "]", entry));
            }
            case Collection<?> list -> {
                assertThat(list).as(path).isNotEmpty();
                list.forEach(element -> assertFilled(path + "[]", element));
            }
            case byte[] bytes -> assertThat(bytes).as(path).isNotEmpty();
            case String text -> assertThat(text).as(path).isNotEmpty();
            case Boolean flag -> assertThat(flag).as(path).isTrue();
            case Number number -> assertThat(number.longValue()).as(path).isNotZero();
            default -> {
                // enums: any constant is a value
            }
        }
    }

    private static Object componentValue(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError("cannot read " + component, e);
        }
    }
}
