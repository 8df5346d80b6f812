/** Per-function summaries: does calling this function run a query, directly or through its callees? */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';
import type { ParameterGuard } from './query-guards.js';
import type { QuerySite } from './query-sites.js';

import { createContextMemo } from '../core/context-memo.js';
import { getDatabaseCallSites } from '../core/database-call-sites.js';
import { getCalledFunctions } from '../core/called-functions.js';
import { climbOuterExpressions, getEnclosingFunction } from '../core/syntax.js';
import { getPerItemCallback, isRunInPlace } from './loop-context.js';
import { describe, getQuerySite, isExecuted } from './query-sites.js';
import { evaluateGuardAtCall, getParameterGuards, isMemoised } from './query-guards.js';

/** The query a function runs when called, and the functions it goes through to get there. */
export interface QuerySummary {
  readonly site: QuerySite;
  /** Names of the functions called on the way, outermost first, not counting the summarized one. */
  readonly through: readonly string[];
}

/** A call's summary, with the project function the call runs (to tell a recursion from a plain call). */
export interface CallQuerySummary extends QuerySummary {
  readonly callee: ts.FunctionLikeDeclaration;
}

/** Function bodies looked into from a call in a loop: `loop → a() → b() → c() → d()`, the query in d. */
const maxDepth = 4;
/** Queries kept per function: enough to find one the caller reaches when the first sit behind unpassed guards. */
const maxCandidates = 6;

/** A query the function may run, and the guards on its parameters under which it does. */
interface GuardedQuery extends QuerySummary {
  readonly guards: readonly ParameterGuard[];
  /** A builder the function returns unexecuted (`return query.where(…)`): it runs only if the caller executes it. */
  readonly deferred?: boolean;
}

/** What the body itself runs, before any callee is followed: the same at every budget. */
interface OwnQueries {
  readonly found: readonly GuardedQuery[];
  /** Calls to follow, in order, when the budget allows. */
  readonly callees: readonly ts.CallExpression[];
}
const ownQueries = createContextMemo<ts.Node, OwnQueries>();
/**
 * Summaries by function and budget. A summary depends only on its function and budget, never on which summaries ran
 * first: every call lowers the budget, so a recursion ends at budget 1 without a guard, and a summary taken at one
 * budget is never reused at another (a deeper one would reach past the caller's budget, a shallower one short of it).
 */
const summaries = createContextMemo<ts.Node, Map<number, readonly GuardedQuery[]>>();
/**
 * The summary being computed went through a function of another program (untyped: a module read from disk in its own
 * one-file program). Such a summary is not remembered: a module's program outlives its importers' lints, and the other
 * module can change on disk while this one does not, so the importer's memo would keep the old answer. The other
 * module's own summaries are remembered in its own program, so computing this one again costs a walk of its body.
 */
let crossedPrograms = false;

/**
 * What a call to a project function runs: the first query of the callee that this call reaches, when the
 * callee is a function with a body. A query behind a parameter or option this call does not pass
 * (`if (teamId) …` called without `teamId`) is not reached.
 */
export function getCallQuerySummary(call: ts.CallExpression, context: AnalysisContext): CallQuerySummary | undefined {
  const reached = getCalledFunctions(call, context).map((called) => reachedAt(call, called.fn, getFunctionQueries(called.fn, called.context, maxDepth), context));
  // Through an interface, which implementation is injected is not known: the call queries only if each of them does.
  return reached.every((summary) => summary !== undefined) ? reached[0] : undefined;
}

function reachedAt(call: ts.CallExpression, callee: ts.FunctionLikeDeclaration, queries: readonly GuardedQuery[], context: AnalysisContext): CallQuerySummary | undefined {
  const reached = queries.find((query) => (!query.deferred || isExecuted(call, context))
    && query.guards.every((guard) => evaluateGuardAtCall(guard, call, callee, undefined, context).type !== 'false'));
  return reached && { site: reached.site, through: reached.through, callee };
}

/** Summary of one function: its first query, whatever its parameters (for callers that pass none of them). */
export function getFunctionQuerySummary(fn: ts.FunctionLikeDeclaration, context: AnalysisContext, budget: number): QuerySummary | undefined {
  const first = getFunctionQueries(fn, context, budget)[0];
  return first && { site: first.site, through: first.through };
}

/** The queries of one function, looking `budget` calls deep; memoized per context and budget. */
function getFunctionQueries(fn: ts.FunctionLikeDeclaration, context: AnalysisContext, budget: number): readonly GuardedQuery[] {
  const own = getOwnQueries(fn, context);
  if (budget <= 1 || own.callees.length === 0 || own.found.some((query) => query.guards.length === 0)) return own.found;
  const cache = summaries.cacheOf(context);
  let byBudget = cache.get(fn);
  const cached = byBudget?.get(budget);
  if (cached) return cached;
  const outerCrossed = crossedPrograms;
  crossedPrograms = false;
  let queries: readonly GuardedQuery[];
  try {
    queries = followCallees(fn, own, context, budget);
  } catch {
    queries = own.found;
  }
  if (!crossedPrograms) {
    if (!byBudget) {
      byBudget = new Map<number, readonly GuardedQuery[]>();
      cache.set(fn, byBudget);
    }
    byBudget.set(budget, queries);
  }
  crossedPrograms ||= outerCrossed;
  return queries;
}

/**
 * The queries the body runs, looking into callbacks that run in place, in order; a query behind a cache that outlives
 * the call (`if (!cache.has(id)) …`, `cache.get(key, () => …)`) does not count. The calls it makes are kept to follow.
 */
function getOwnQueries(fn: ts.FunctionLikeDeclaration, context: AnalysisContext): OwnQueries {
  return ownQueries.get(context, fn, () => {
    const { ts } = context;
    const callees: ts.CallExpression[] = [];
    const found: GuardedQuery[] = [];
    const visit = (node: ts.Node): void => {
      if (found.length >= maxCandidates) return;
      if (ts.isFunctionLike(node) && !isRunInPlace(node, context) && !getPerItemCallback(node, context)) return;
      if (ts.isClassLike(node)) return;
      if (ts.isCallExpression(node) || ts.isTaggedTemplateExpression(node) || (ts.isPropertyAccessExpression(node) && isAwaitedOrReturned(node, context))) {
        const site = getQuerySite(node, context);
        if (site) {
          if (!isMemoised(node, fn, context)) {
            const deferred = site.lazyBuilder === true && isReturnedUnexecuted(node, fn, context);
            found.push({ site, through: [], guards: getParameterGuards(node, fn, context), ...(deferred ? { deferred } : {}) });
          }
          return;
        }
        if (ts.isCallExpression(node)) callees.push(node);
      }
      ts.forEachChild(node, visit);
    };
    try {
      if (fn.body) visit(fn.body);
    } catch {
      return { found: [], callees: [] };
    }
    return { found, callees };
  });
}

/** The body's own queries, then those its callees run, each callee looked into `budget - 1` calls deep. */
function followCallees(fn: ts.FunctionLikeDeclaration, own: OwnQueries, context: AnalysisContext, budget: number): GuardedQuery[] {
  const found = [...own.found];
  for (const call of own.callees) {
    if (found.length >= maxCandidates || found.some((query) => query.guards.length === 0)) break;
    if (getDatabaseCallSites(call.getSourceFile(), context).byNode.has(call)) continue;
    // The callee, an interface method's implementations, or (untyped) a function of a module read from disk.
    const called = getCalledFunctions(call, context).filter((candidate) => candidate.fn !== fn);
    if (called.length === 0 || isMemoised(call, fn, context)) continue;
    if (called.some((candidate) => candidate.context !== context)) crossedPrograms = true;
    const outer = getParameterGuards(call, fn, context);
    const perCallee = called.map(({ fn: callee, context: calleeContext }) => getFunctionQueries(callee, calleeContext, budget - 1)
      .map((inner) => throughCall(inner, call, callee, fn, outer, context))
      .filter((reached): reached is GuardedQuery => reached !== undefined));
    if (perCallee.some((reached) => reached.length === 0)) continue;
    found.push(...(perCallee[0] ?? []).slice(0, maxCandidates - found.length));
  }
  return found;
}

/** A query of `callee` as `fn` reaches it through `call`, with the callee's guards translated to `fn`'s parameters. */
function throughCall(
  inner: GuardedQuery,
  call: ts.CallExpression,
  callee: ts.FunctionLikeDeclaration,
  fn: ts.FunctionLikeDeclaration,
  outer: readonly ParameterGuard[],
  context: AnalysisContext,
): GuardedQuery | undefined {
  const translated: ParameterGuard[] = [];
  for (const guard of inner.guards) {
    const atCall = evaluateGuardAtCall(guard, call, callee, fn, context);
    if (atCall.type === 'false') return undefined;
    if (atCall.type === 'guard') translated.push(atCall.guard);
  }
  // A builder handed back by the callee runs only if this function executes it, or hands it on in turn.
  const deferred = inner.deferred === true && !isExecuted(call, context);
  if (deferred && !isReturnedUnexecuted(call, fn, context)) return undefined;
  return {
    site: inner.site,
    through: [`${describe(call.expression, context.ts)}()`, ...inner.through],
    guards: [...outer, ...translated],
    ...(deferred ? { deferred } : {}),
  };
}

/** `return builder` (or an arrow's expression body) in a function that is not async: the caller decides whether it runs. */
function isReturnedUnexecuted(node: ts.Node, fn: ts.FunctionLikeDeclaration, context: AnalysisContext): boolean {
  const { ts } = context;
  const isAsync = ts.canHaveModifiers(fn) && (ts.getModifiers(fn)?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword) ?? false);
  if (isAsync) return false;
  const outer = climbOuterExpressions(node, ts);
  const parent = outer.parent;
  return (ts.isReturnStatement(parent) && getEnclosingFunction(parent, ts) === fn) || (ts.isArrowFunction(parent) && parent === fn && parent.body === outer);
}

/** Cheap filter before asking for a lazy relation: only awaited or returned property reads can be one. */
export function isAwaitedOrReturned(node: ts.PropertyAccessExpression, context: AnalysisContext): boolean {
  const { ts } = context;
  let outer: ts.Node = node;
  while (outer.parent && (ts.isParenthesizedExpression(outer.parent) || ts.isAsExpression(outer.parent) || ts.isNonNullExpression(outer.parent))) {
    outer = outer.parent;
  }
  const parent = outer.parent;
  if (!parent) return false;
  return ts.isAwaitExpression(parent) || ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === outer)
    || (ts.isPropertyAccessExpression(parent) && parent.name.text === 'then');
}
