/** The shape of what PoolGuard knows about a pool's configuration (pool rules). */

/** Filled in by the pool rules: where a pool's options live, their defaults and sentinel values. */
export interface PoolDefinition {
  /** What to call it in messages: `pg Pool`. */
  readonly noun: string;
}
