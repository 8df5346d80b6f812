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
import { getDeclaredFunction } from './resolve.js';
import { skipOuterExpressions } from './syntax.js';

/** Can the callee be a function of the kind? False only when typed, for `x.m` that no function of the kind is declared as;
 * other callees, `x.default` and a name an export gives something else (`export { load as m }`) are left to the caller. */
export type MemberCallGate = (callee: ts.Expression, context: AnalysisContext) => boolean;

export function createMemberCallGate(isOfKind: (fn: ts.FunctionLikeDeclaration, context: AnalysisContext) => boolean): MemberCallGate {
  const answers = createContextMemo<string, boolean>();
  return (callee, context) => {
    const { ts } = context;
    const node = skipOuterExpressions(callee, ts);
    if (!context.typed || !ts.isPropertyAccessExpression(node)) return true;
    const name = node.name.text;
    return answers.get(context, name, () => name === 'default' || getProjectFunctionDeclarations(name, context).some((declaration) => {
      if (ts.isExportSpecifier(declaration)) return true;
      const fn = getDeclaredFunction(declaration, ts);
      return fn !== undefined && isOfKind(fn, context);
    }));
  };
}
