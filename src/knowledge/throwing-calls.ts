/**
 * Calls that throw synchronously on bad input. The leak analysis counts them as exception edges: between taking
 * a connection and the `try` that releases it, `JSON.parse(body)` on a malformed body leaves it held. Calls of
 * unknown library functions (a logger, a formatter) are not listed and do not count.
 */

export interface ThrowingGlobalsDefinition {
  readonly functions: readonly string[];
  /** Methods of global objects, by object. */
  readonly members: Readonly<Record<string, readonly string[]>>;
  readonly constructors: readonly string[];
}

/** Global functions and constructors that throw on bad input: `decodeURIComponent('%')` (URIError),
 * `JSON.parse('{')` (SyntaxError), `new URL('not a url')` (TypeError). */
export const throwingGlobals: ThrowingGlobalsDefinition = {
  functions: ['decodeURI', 'decodeURIComponent'],
  members: { JSON: ['parse'] },
  constructors: ['URL'],
};

export interface ThrowingModuleDefinition {
  /** Import specifiers of one library. */
  readonly modules: readonly string[];
  /** Exports that throw when called, directly or through the module (`default` for the default export). */
  readonly exports?: readonly string[];
  /** Every export throws when its check fails (`assert.equal`, `assert.ok`, `assert(value)`). */
  readonly everyExport?: boolean;
  /** Methods of values built from the module's exports that throw when the value does not match
   * (`z.object({ … }).parse(input)`); their non-throwing siblings (`safeParse`, `validate`) are not listed. */
  readonly methods?: readonly string[];
}

export const throwingModules: readonly ThrowingModuleDefinition[] = [
  { modules: ['assert', 'node:assert', 'assert/strict', 'node:assert/strict'], everyExport: true },
  { modules: ['tiny-invariant', 'invariant'], exports: ['default'] },
  { modules: ['zod', 'zod/v4', 'zod/v3'], methods: ['parse'] },
  { modules: ['yup'], methods: ['validateSync', 'validateSyncAt'] },
  { modules: ['joi', '@hapi/joi'], exports: ['assert', 'attempt'] },
  { modules: ['superstruct'], exports: ['assert', 'create', 'mask'] },
  { modules: ['valibot'], exports: ['parse'] },
];
