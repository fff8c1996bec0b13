package dev.raworc.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class BoundedAggregateCacheTest {

    private final BoundedAggregateCache cache = new BoundedAggregateCache(2);
    private final List<String> heard = new ArrayList<>();

    BoundedAggregateCacheTest() {
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                heard.add("expired " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                heard.add("removed " + key);
            }
        });
    }

    @Test
    void theLeastRecentlyUsedEntryGoesWhenFull() {
        cache.put("a", 1);
        cache.put("b", 2);
        assertThat((Integer) cache.get("a")).isEqualTo(1);

        cache.put("c", 3);

        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("c")).isTrue();
        assertThat(heard).containsExactly("expired b");
    }

    @Test
    void putIfAbsentKeepsWhatIsThere() {
        cache.put("a", 1);

        assertThat(cache.putIfAbsent("a", 2)).isFalse();
        assertThat(cache.putIfAbsent("b", 3)).isTrue();
        assertThat((Integer) cache.get("a")).isEqualTo(1);
    }

    @Test
    void computeIfPresentUpdatesOrRemoves() {
        cache.put("a", 1);

        cache.<Integer>computeIfPresent("a", value -> value + 1);
        cache.<Integer>computeIfPresent("missing", value -> value + 1);
        assertThat((Integer) cache.get("a")).isEqualTo(2);
        assertThat(cache.containsKey("missing")).isFalse();

        cache.<Integer>computeIfPresent("a", value -> null);
        assertThat(cache.containsKey("a")).isFalse();
        assertThat(heard).containsExactly("removed a");
    }

    @Test
    void removeAllEmptiesIt() {
        cache.put("a", 1);
        cache.put("b", 2);

        cache.removeAll();

        assertThat(cache.containsKey("a")).isFalse();
        assertThat(cache.containsKey("b")).isFalse();
    }
}
