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

/**
 * Each context's caches, one slot per memo, held by the context itself: a lookup in a WeakMap by context on every ask
 * costs more than the ask of a warm cache. Not enumerable, so that a context copied with a spread (`{ ...context }`,
 * for analyses that must not share answers) starts with none.
 */
const slotsKey = Symbol('poolguard context memos');
let memoCount = 0;

type MemoSlots = Map<unknown, unknown>[];

export function createContextMemo<Key, Value>(): ContextMemo<Key, Value> {
  const slot = memoCount++;
  const cacheOf = (context: AnalysisContext): Map<Key, Value> => {
    const slots = getSlots(context);
    let cache = slots[slot] as Map<Key, Value> | undefined;
    if (!cache) {
      cache = new Map();
      slots[slot] = cache;
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

function getSlots(context: AnalysisContext): MemoSlots {
  const holder = context as AnalysisContext & { [slotsKey]?: MemoSlots };
  let slots = holder[slotsKey];
  if (!slots) {
    slots = [];
    Object.defineProperty(context, slotsKey, { value: slots });
  }
  return slots;
}
