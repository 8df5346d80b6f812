/** Conventions of caches that take a loader: `cache.get(key, async () => load(key))` runs the loader only on a miss. */

/** Methods that take a key and, as last argument, a function called only when the key is missing
 * (NestJS/Vendure request caches, `lru-cache`'s `fetch`, cache-manager's `wrap`, `getOrSet` helpers). */
export const cacheMissCallbackMethods: readonly string[] = ['get', 'getOrSet', 'getOrCreate', 'getOrAdd', 'getOrLoad', 'wrap', 'remember', 'memoize'];

/** Package exports that cache what a factory returns under a key (`remember('prisma', () => new PrismaClient())`):
 * the call's value is the factory's. `factoryArgument` is the factory's position. Project functions of this shape are
 * recognised from their body (analysis/core/memoised-factories.ts). */
export const memoisingHelpers: readonly { readonly module: string; readonly name: string; readonly factoryArgument: number }[] = [
  { module: '@epic-web/remember', name: 'remember', factoryArgument: 1 },
];
