/**
 * Memoizes a string function. Names and relation labels repeat heavily across a million records, so a map hit
 * (~50 ns) replaces conversion work of several microseconds. The map is dropped when full: simpler than LRU and
 * enough for skewed data, while memory stays bounded on adversarial input.
 */
export function boundedMemo(compute, limit) {
    const cache = new Map();
    return (key) => {
        if (cache.has(key))
            return cache.get(key);
        const value = compute(key);
        if (cache.size >= limit)
            cache.clear();
        cache.set(key, value);
        return value;
    };
}
//# sourceMappingURL=bounded-memo.js.map