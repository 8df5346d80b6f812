/**
 * What awaiting a value of a type gives, remembered per type. The checker caches only part of its own answer: for a type
 * that is no promise (a `Router`, `QueryResult<Row>`), every `checker.getAwaitedType` asks again, in a debug assertion,
 * whether the type is a promise, which tests it against each primitive type and looks up its `then`; the typed rules ask
 * that of the same few types for every mention of a name.
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';

/** Types belong to one checker, so the type alone is the key. */
const awaitedTypes = new WeakMap<ts.Type, ts.Type>();

/** The type `await` gives a value of this type (the type itself where the checker has no answer), as the checker says. */
export function getAwaitedTypeOf(type: ts.Type, context: AnalysisContext): ts.Type {
  let awaited = awaitedTypes.get(type);
  if (!awaited) {
    awaited = context.checker.getAwaitedType(type) ?? type;
    awaitedTypes.set(type, awaited);
  }
  return awaited;
}
