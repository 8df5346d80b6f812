/**
 * Calls whose callee is no member (`createConnection(…)`, `(flag ? a : b)(…)`): most of a file's calls, and each costs
 * a resolution. A walk for one kind of call (call-member-names.ts) resolves them only where one can be of that kind.
 */
import type * as ts from 'typescript';

import type { AnalysisContext, TypeScript } from './analysis-context.js';
import type { CallQuestion } from './call-member-names.js';
import type { ModuleFilter } from './database-imports.js';

import { getCallMemberNames, getExportedCallFilter } from './call-member-names.js';
import { mayUseDatabase } from './database-imports.js';
import { programImportsModule } from './reachable-files.js';
import { getMemberName, skipOuterExpressions } from './syntax.js';
import { importsReachDatabase } from './untyped-reach.js';

/**
 * Can a call of the file whose callee is no member be one the question accepts? When some object kind's own call is
 * (getCallMemberNames gives no names), always. Otherwise only through a module's export (getExportedCallFilter), as
 * mayCallModuleExport says.
 */
export function mayMakePlainCall(sourceFile: ts.SourceFile, context: AnalysisContext, question: CallQuestion): boolean {
  const { libraries } = context.knowledge;
  return getCallMemberNames(libraries, question.key, question.accepts) === undefined
    || mayCallModuleExport(sourceFile, context, getExportedCallFilter(libraries, question));
}

/**
 * Can the file call a value exported by a database module that `filter` lets through? Never without a filter (no
 * library exports one: none exports a managed transaction). Untyped, only when the file imports such a module, or the
 * project modules its imports lead to do: that is the only way untyped reading reaches an export. Typed, only when some
 * file of the program imports one (programImportsModule): the checker follows imports untyped reading cannot.
 */
export function mayCallModuleExport(sourceFile: ts.SourceFile, context: AnalysisContext, filter: ModuleFilter | undefined): boolean {
  if (!filter) return false;
  if (context.typed) return programImportsModule(context, filter);
  return mayUseDatabase(sourceFile, context, filter) || importsReachDatabase(sourceFile, context, filter);
}

/**
 * For `findCalls`: the calls (not `new`s or tagged templates) that can be ones the question accepts, by their syntax and
 * mayMakePlainCall's answer for the file: a member call always, a plain call only where one can be.
 */
export function getQuestionCallFilter(sourceFile: ts.SourceFile, context: AnalysisContext, question: CallQuestion): (node: ts.Node) => node is ts.CallExpression {
  const { ts } = context;
  const plainCalls = mayMakePlainCall(sourceFile, context, question);
  return (node): node is ts.CallExpression => (plainCalls ? ts.isCallExpression(node) : isMemberCall(node, ts));
}

/** `x.m(…)`, `x['m'](…)`: a call whose callee is a member. */
export function isMemberCall(node: ts.Node, ts: TypeScript): node is ts.CallExpression {
  return ts.isCallExpression(node) && getMemberName(skipOuterExpressions(node.expression, ts), ts) !== undefined;
}
