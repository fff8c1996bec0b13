package dev.raworc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SortedKeysTest {

    @Test
    @SuppressWarnings("unchecked")
    void keysAreSortedAtEveryDepthAndValuesKept() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", null);
        inner.put("b", 1);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("tags", Arrays.asList(Map.of("y", 1, "x", 2), "plain", null));
        outer.put("a", inner);

        Map<String, Object> sorted = SortedKeys.of(outer);

        assertThat(sorted.keySet()).containsExactly("a", "tags");
        assertThat(((Map<String, Object>) sorted.get("a")).keySet()).containsExactly("b", "z");
        List<Object> tags = (List<Object>) sorted.get("tags");
        assertThat(((Map<String, Object>) tags.get(0)).keySet()).containsExactly("x", "y");
        assertThat(tags.subList(1, 3)).containsExactly("plain", null);
        assertThat(sorted).isEqualTo(outer);
    }

    @Test
    void noMapIsNoMap() {
        assertThat(SortedKeys.of(null)).isNull();
    }
}
