package dev.fitd.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A small bounded least-recently-used cache. Keys carry the snapshot, inventory and catalog versions,
 * so a new one of any makes old entries unreachable and they age out; {@link #clear()} drops them at once.
 */
final class ResultCache<K, V> {
    private final int capacity;
    private final Map<K, V> map;

    ResultCache(int capacity) {
        this.capacity = Math.max(1, capacity);
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > ResultCache.this.capacity;
            }
        };
    }

    /** The cached value, or {@code compute}'s result (computed outside the lock, so readers never queue behind it). */
    V get(K key, Supplier<V> compute) {
        synchronized (map) {
            V v = map.get(key);
            if (v != null) {
                return v;
            }
        }
        V computed = compute.get();
        synchronized (map) {
            map.putIfAbsent(key, computed);
            return map.get(key);
        }
    }

    void clear() {
        synchronized (map) {
            map.clear();
        }
    }

    int size() {
        synchronized (map) {
            return map.size();
        }
    }
}
