package dev.fitd.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ResultCacheTest {
    private final AtomicInteger computations = new AtomicInteger();

    private Supplier<Object> fresh() {
        return () -> {
            computations.incrementAndGet();
            return new Object();
        };
    }

    @Test
    void aKeyIsKeptFromItsSecondRequestOn() {
        ResultCache<String, Object> cache = new ResultCache<>(4);
        Object first = cache.get("a", fresh());
        assertEquals(0, cache.size(), "one request: computed, not kept");
        Object second = cache.get("a", fresh());
        assertEquals(1, cache.size());
        Object third = cache.get("a", fresh());
        assertSame(second, third, "kept from the second request");
        assertEquals(2, computations.get());
        assertEquals(false, first == second);
    }

    @Test
    void oneOffKeysNeverDisplaceRepeatedOnes() {
        ResultCache<String, Object> cache = new ResultCache<>(2);
        cache.get("default", fresh());
        Object kept = cache.get("default", fresh());
        for (int i = 0; i < 10_000; i++) {
            cache.get("what-if " + i, fresh());
        }
        assertEquals(1, cache.size(), "no one-off was admitted");
        assertSame(kept, cache.get("default", fresh()));
        assertEquals(ResultCache.WINDOW_PER_ENTRY * 2 < 64 ? 64 : ResultCache.WINDOW_PER_ENTRY * 2, cache.waiting(),
                "the admission window stays bounded");
    }

    @Test
    void aKeyForgottenByTheWindowStartsOver() {
        ResultCache<String, Object> cache = new ResultCache<>(1);
        cache.get("x", fresh());
        for (int i = 0; i < 64; i++) {
            cache.get("other " + i, fresh());   // pushes "x" out of the 64-key window
        }
        cache.get("x", fresh());
        assertEquals(0, cache.size(), "x counted as new again");
    }

    @Test
    void leastRecentlyUsedEntriesLeaveFirst() {
        ResultCache<String, Object> cache = new ResultCache<>(2);
        for (String k : new String[] {"a", "a", "b", "b"}) {
            cache.get(k, fresh());
        }
        cache.get("a", fresh());                 // a is now the most recent
        cache.get("c", fresh());
        cache.get("c", fresh());                 // admits c, evicts b
        int before = computations.get();
        cache.get("a", fresh());
        assertEquals(before, computations.get(), "a stayed");
        cache.get("b", fresh());
        assertEquals(before + 1, computations.get(), "b was evicted");
        cache.clear();
        assertEquals(0, cache.size());
        assertEquals(0, cache.waiting());
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ResultCache<String, Object>(0));
    }
}
