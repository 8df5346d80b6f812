/**
 * Typed, which function `x.m(…)` calls is asked of the checker, and the symbol of `m` costs the type of `x` (for
 * `rows.map`, the query that produced `rows`). A project function it can call is one the program declares as `m`
 * (`declared-names.ts`), so an analysis that looks only for functions of one kind (returning a connection, running a
 * callback in a transaction) need not ask when none of those is of that kind.
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';

import { createContextMemo } from './context-memo.js';
import { getProjectFunctionDeclarations } from './declared-names.js';
import { getDeclaredFunction, skipOuterExpressions } from './syntax.js';

export interface MemberCallGate {
  /** Can the callee be a function of the kind? False only when typed, for `x.m` that no function of the kind is declared
   * as; other callees are left to the caller. */
  (callee: ts.Expression, context: AnalysisContext): boolean;
  /** Can `x.name` be a function of the kind (typed)? `default`, and a name an export gives something else (`export { load
   * as name }`), can. */
  readonly mayName: (name: string, context: AnalysisContext) => boolean;
}

export function createMemberCallGate(isOfKind: (fn: ts.FunctionLikeDeclaration, context: AnalysisContext) => boolean): MemberCallGate {
  const answers = createContextMemo<string, boolean>();
  const mayName = (name: string, context: AnalysisContext): boolean => {
    const known = answers.cacheOf(context);
    const answer = known.get(name);
    if (answer !== undefined) return answer;
    // While the name's functions are asked about, a function of theirs that calls one by the name may be of the kind.
    known.set(name, true);
    const { ts } = context;
    const found = name === 'default' || getProjectFunctionDeclarations(name, context).some((declaration) => {
      if (ts.isExportSpecifier(declaration)) return true;
      const fn = getDeclaredFunction(declaration, ts);
      return fn !== undefined && isOfKind(fn, context);
    });
    known.set(name, found);
    return found;
  };
  const gate = (callee: ts.Expression, context: AnalysisContext): boolean => {
    const node = skipOuterExpressions(callee, context.ts);
    return !context.typed || !context.ts.isPropertyAccessExpression(node) || mayName(node.name.text, context);
  };
  return Object.assign(gate, { mayName });
}
