/**
 * Facts computed once per analysis context (one program with its settings) and shared by every rule and
 * every file: a file's call sites or pool sites, a node's query site, a function's summary. The cache lives
 * exactly as long as the context, so a program its host drops takes its facts with it.
 */
import type { AnalysisContext } from './analysis-context.js';

export interface ContextMemo<Key, Value> {
  /** The value remembered for `key` in this context, else `compute()`'s, remembered (undefined included). */
  get(context: AnalysisContext, key: Key, compute: () => Value): Value;
  /** The context's cache itself, for recursive summaries that store a guard value before computing. */
  cacheOf(context: AnalysisContext): Map<Key, Value>;
}

export function createContextMemo<Key, Value>(): ContextMemo<Key, Value> {
  const caches = new WeakMap<AnalysisContext, Map<Key, Value>>();
  // Untyped analyses ask about one file's context at a time: the last one's cache without a lookup by context. Only a
  // one-file program's context is held this way; a whole program (the CLI's) must go when its host drops it.
  let lastContext: AnalysisContext | undefined;
  let lastCache: Map<Key, Value> | undefined;
  const cacheOf = (context: AnalysisContext): Map<Key, Value> => {
    if (context === lastContext && lastCache) return lastCache;
    let cache = caches.get(context);
    if (!cache) {
      cache = new Map();
      caches.set(context, cache);
    }
    if (!context.typed) {
      lastContext = context;
      lastCache = cache;
    }
    return cache;
  };
  return {
    cacheOf,
    get(context, key, compute) {
      const cache = cacheOf(context);
      // One lookup for a remembered value; `has` only tells a remembered undefined from none.
      const known = cache.get(key);
      if (known !== undefined || cache.has(key)) return known as Value;
      const value = compute();
      cache.set(key, value);
      return value;
    },
  };
}
