/** Conventions of caches that take a loader: `cache.get(key, async () => load(key))` runs the loader only on a miss. */

/** Methods that take a key and, as last argument, a function called only when the key is missing
 * (NestJS/Vendure request caches, `lru-cache`'s `fetch`, cache-manager's `wrap`, `getOrSet` helpers). */
export const cacheMissCallbackMethods: readonly string[] = ['get', 'getOrSet', 'getOrCreate', 'getOrAdd', 'getOrLoad', 'wrap', 'remember', 'memoize'];
