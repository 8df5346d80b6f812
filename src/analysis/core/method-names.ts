/** Names of JavaScript built-ins that analyses recognise: array methods that call back per element, promise methods,
 * classes whose instances stand for no other value. */

/** Array methods that call their callback once per element. */
export const perElementArrayMethods: ReadonlySet<string> = new Set([
  'forEach', 'map', 'flatMap', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex',
  'findLast', 'findLastIndex',
]);

/** `Promise.all` and its siblings: they run the promises they are given at once. */
export const promiseCombinators: ReadonlySet<string> = new Set(['all', 'allSettled', 'any', 'race']);

/** Promise methods whose callbacks run once, where the promise settles. */
export const promiseChainMethods: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/** Classes of the language's library whose instances hold no database object and await to themselves, whatever their
 * type arguments: not `Promise` or `Proxy`, whose instances stand for another value. */
export const plainLanguageClasses: ReadonlySet<string> = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Date', 'Error', 'TypeError', 'RangeError', 'SyntaxError']);
