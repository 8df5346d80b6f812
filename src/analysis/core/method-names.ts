/** Names of JavaScript built-ins that several analyses recognise: array methods that call back per element,
 * promise methods. */

/** Array methods that call their callback once per element. */
export const perElementArrayMethods: ReadonlySet<string> = new Set([
  'forEach', 'map', 'flatMap', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex',
  'findLast', 'findLastIndex',
]);

/** `Promise.all` and its siblings: they run the promises they are given at once. */
export const promiseCombinators: ReadonlySet<string> = new Set(['all', 'allSettled', 'any', 'race']);

/** Promise methods whose callbacks run once, where the promise settles. */
export const promiseChainMethods: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);
