/**
 * A full garbage collection between two programs of a scan. Each program (its parsed sources, binder and checker) is
 * dropped when the next loads, but V8 only collects the old generation when it has grown well past what was live at
 * its last collection: on a monorepo of many programs, the dead ones pile up and the scan's peak memory is that of
 * two or three programs, not one. Collecting just before the next program loads frees them first (vendure, 27 programs:
 * peak RSS 2.6 GB without, 2.4 GB with; nango 2.35 GB, 2.08 GB; wall time the same within noise).
 *
 * A collection costs time in proportion to the live heap, so it runs only when the heap has grown by `growth` since
 * the last collection left it: a run of small programs does not pay for one each. Only the `poolguard` process
 * collects (main.ts): the heap of a program API caller or a test is theirs. Node exposes `gc` only with --expose-gc;
 * turning that flag on at run time and taking `gc` from a new context is how Jest's --logHeapUsage does it.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

export interface HeapCollectorOptions {
  /** Collect when the used heap is at least this multiple of what the last collection left. */
  readonly growth?: number;
  /** For tests: the used heap in bytes, and the collection itself. */
  readonly heapUsed?: () => number;
  readonly collect?: () => void;
}

/** Returns the function to call between programs. It never throws: without a collector it does nothing. */
export function createHeapCollector(options: HeapCollectorOptions = {}): () => void {
  const growth = options.growth ?? 1.5;
  const heapUsed = options.heapUsed ?? (() => process.memoryUsage().heapUsed);
  let collect = options.collect;
  let leftLive = 0;
  return () => {
    try {
      if (heapUsed() < growth * leftLive) return;
      collect ??= getGcFunction();
      collect();
      leftLive = heapUsed();
    } catch {
      collect = () => undefined;
    }
  };
}

/**
 * The flag goes back off once `gc` is taken: V8 stamps the code caches it writes with a hash of its flags, so a cache
 * written with the flag on (code-cache.ts writes at exit) is refused by the next process, which starts without it.
 */
function getGcFunction(): () => void {
  const own: unknown = (globalThis as { gc?: unknown }).gc;
  if (typeof own === 'function') return own as () => void;
  v8.setFlagsFromString('--expose-gc');
  let gc: unknown;
  try {
    gc = vm.runInNewContext('gc');
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
  return typeof gc === 'function' ? (gc as () => void) : () => undefined;
}
