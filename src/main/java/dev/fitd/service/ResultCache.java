package dev.fitd.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A small bounded least-recently-used cache that admits a key only on its second request. Keys carry the
 * snapshot, inventory and catalog versions, so a new one of any makes old entries unreachable and they age
 * out; {@link #clear()} drops them at once.
 *
 * <p><b>Admission.</b> A key asked for the first time is computed and remembered in a bounded window of
 * recent keys, but its value is not kept; a key asked again while still in the window is kept. What
 * repeats — the default query a fleet of schedulers polls, a what-if a person refines — is cached from its
 * second request on; a stream of one-off what-ifs (every request a new machine) never displaces it, and
 * the graded catalogs of those one-offs die young instead of being promoted to the old generation only to
 * be evicted: on a sidecar's small heap that promotion was what made full collections frequent.
 */
final class ResultCache<K, V> {
    /** Keys remembered for admission, per cache entry. */
    static final int WINDOW_PER_ENTRY = 4;
    private static final int MIN_WINDOW = 64;

    private final int capacity;
    private final int window;
    private final Map<K, V> map;
    /** Recently requested keys that are not (yet) cached, oldest first. */
    private final Map<K, Boolean> seen;

    ResultCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.window = Math.max(MIN_WINDOW, WINDOW_PER_ENTRY * this.capacity);
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > ResultCache.this.capacity;
            }
        };
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Boolean> eldest) {
                return size() > window;
            }
        };
    }

    /** The cached value, or {@code compute}'s result (computed outside the lock, so readers never queue behind it). */
    V get(K key, Supplier<V> compute) {
        boolean admit;
        synchronized (map) {
            V v = map.get(key);
            if (v != null) {
                return v;
            }
            admit = seen.remove(key) != null;
            if (!admit) {
                seen.put(key, Boolean.TRUE);
            }
        }
        V computed = compute.get();
        if (!admit) {
            return computed;
        }
        synchronized (map) {
            map.putIfAbsent(key, computed);
            return map.get(key);
        }
    }

    void clear() {
        synchronized (map) {
            map.clear();
            seen.clear();
        }
    }

    int size() {
        synchronized (map) {
            return map.size();
        }
    }

    /** Keys in the admission window (for tests). */
    int waiting() {
        synchronized (map) {
            return seen.size();
        }
    }
}
