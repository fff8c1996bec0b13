package dev.raworc.api;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON objects with their keys in sorted order, at every depth. A jsonb column gives keys back in
 * its own order, so both sides of the API sort them to answer the same object the same way.
 */
public final class SortedKeys {

    private SortedKeys() {
    }

    public static Map<String, Object> of(Map<String, Object> object) {
        if (object == null) {
            return null;
        }
        Map<String, Object> sorted = new TreeMap<>();
        object.forEach((key, value) -> sorted.put(key, sortedValue(value)));
        return sorted;
    }

    @SuppressWarnings("unchecked")
    private static Object sortedValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return of((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SortedKeys::sortedValue).toList();
        }
        return value;
    }
}
