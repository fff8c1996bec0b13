package dev.raworc.api;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON objects with their keys in natural String order, nested ones too. A jsonb read model
 * reorders keys; sorting where a view is built makes a write's answer and the later GET alike.
 */
public final class SortedKeys {

    private SortedKeys() {
    }

    /** @return the map with its keys sorted at every depth, unmodifiable; {@code null} for {@code null} */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> of(Map<String, ?> map) {
        return map == null ? null : (Map<String, Object>) sorted(map);
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> keys = new TreeMap<>();
            map.forEach((key, nested) -> keys.put(String.valueOf(key), sorted(nested)));
            return Collections.unmodifiableMap(keys);
        }
        if (value instanceof List<?> list) {
            // Objects inside arrays are reordered by jsonb just the same.
            return list.stream().map(SortedKeys::sorted).toList();
        }
        return value;
    }
}
