/** Libraries that cap how many async tasks run at once: a fan-out behind one does not take a connection per element. */

export interface ConcurrencyLimiterDefinition {
  /** Import specifier. */
  readonly module: string;
  /** Exported name (`default` for the default export). */
  readonly export: string;
  /** `factory`: calling the export returns a limiting function (`const limit = pLimit(4); limit(() => …)`);
   * `class`: `new` of the export gives an object whose `methods` run or gate a task (`sema.acquire()`). */
  readonly form: 'factory' | 'class';
  readonly methods?: readonly string[];
}

export const concurrencyLimiters: readonly ConcurrencyLimiterDefinition[] = [
  { module: 'p-limit', export: 'default', form: 'factory' },
  { module: 'p-limit', export: 'pLimit', form: 'factory' },
  { module: 'async-sema', export: 'Sema', form: 'class', methods: ['acquire'] },
  { module: 'async-sema', export: 'RateLimit', form: 'factory' },
  { module: 'p-queue', export: 'default', form: 'class', methods: ['add', 'addAll'] },
  { module: 'bottleneck', export: 'default', form: 'class', methods: ['schedule', 'wrap', 'submit'] },
];
