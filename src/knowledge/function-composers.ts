/** Package functions that compose functions: `flow(a, b)(x)` is `b(a(x))`. Applied to class mixins
 * (`_.flow([usersTrait, postsTrait])(Base)`) they build one class from a base and its traits, read by
 * `analysis/core/mixins.ts`. `appliesFirst`: which end of the argument list runs first. `name` is the export, or
 * `default` for a package that is the function itself. Arguments may be listed or given as one array. */
export interface FunctionComposer {
  readonly module: string;
  readonly name: string;
  readonly appliesFirst: 'first' | 'last';
}

export const functionComposers: readonly FunctionComposer[] = [
  ...['lodash', 'lodash-es', 'underscore'].flatMap((module) => [
    { module, name: 'flow', appliesFirst: 'first' as const },
    { module, name: 'flowRight', appliesFirst: 'last' as const },
    { module, name: 'compose', appliesFirst: 'last' as const },
  ]),
  { module: 'lodash/fp', name: 'flow', appliesFirst: 'first' },
  { module: 'lodash/fp', name: 'pipe', appliesFirst: 'first' },
  { module: 'lodash/fp', name: 'compose', appliesFirst: 'last' },
  { module: 'lodash/flow', name: 'default', appliesFirst: 'first' },
  { module: 'lodash.flow', name: 'default', appliesFirst: 'first' },
  { module: 'lodash/flowRight', name: 'default', appliesFirst: 'last' },
  { module: 'ramda', name: 'pipe', appliesFirst: 'first' },
  { module: 'ramda', name: 'compose', appliesFirst: 'last' },
  { module: 'redux', name: 'compose', appliesFirst: 'last' },
];
