/** Per-function summaries: does calling this function run a query, directly or through its callees? */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';
import type { QuerySite } from './query-sites.js';

import { getDatabaseCallSites } from '../core/database-call-sites.js';
import { getFunctionDeclaration } from '../core/resolve.js';
import { findImportedFunction } from '../core/untyped-imports.js';
import { getPerItemCallback, isRunInPlace } from './loop-context.js';
import { describe, getQuerySite } from './query-sites.js';

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

/** Calls followed from a call in a loop to the query: `loop → a() → b() → query`. */
const maxDepth = 3;

interface CachedSummary {
  readonly budget: number;
  readonly summary: QuerySummary | undefined;
}
const caches = new WeakMap<AnalysisContext, Map<ts.Node, CachedSummary>>();
const inProgress = new WeakMap<AnalysisContext, Set<ts.Node>>();

/** What a call to a project function runs: its summary, when the callee is a function with a body that queries. */
export function getCallQuerySummary(call: ts.CallExpression, context: AnalysisContext): CallQuerySummary | undefined {
  if (getDatabaseCallSites(call.getSourceFile(), context).byNode.has(call)) return undefined;
  const fn = getCallee(call, context);
  const summary = fn ? getFunctionQuerySummary(fn, context, maxDepth) : undefined;
  if (fn) return summary && { ...summary, callee: fn };
  const imported = findImportedFunction(call.expression, context);
  const importedSummary = imported ? getFunctionQuerySummary(imported.fn, imported.context, maxDepth) : undefined;
  return imported && importedSummary ? { ...importedSummary, callee: imported.fn } : undefined;
}

/** The function a call runs, when it is a project function (not a declaration file's). */
function getCallee(call: ts.CallExpression, context: AnalysisContext): ts.FunctionLikeDeclaration | undefined {
  const { ts } = context;
  const callee = call.expression;
  if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return undefined;
  let fn: ts.FunctionLikeDeclaration | undefined;
  try {
    fn = getFunctionDeclaration(callee, context);
  } catch {
    return undefined;
  }
  if (!fn?.body || fn.getSourceFile().isDeclarationFile || fn.getSourceFile().fileName.includes('/node_modules/')) return undefined;
  return fn;
}

/** Summary of one function, looking `budget` calls deep; memoized per context. */
export function getFunctionQuerySummary(fn: ts.FunctionLikeDeclaration, context: AnalysisContext, budget: number): QuerySummary | undefined {
  let cache = caches.get(context);
  if (!cache) {
    cache = new Map();
    caches.set(context, cache);
  }
  const cached = cache.get(fn);
  if (cached && (cached.summary || cached.budget >= budget)) return cached.summary;
  let active = inProgress.get(context);
  if (!active) {
    active = new Set();
    inProgress.set(context, active);
  }
  if (active.has(fn)) return undefined;
  active.add(fn);
  let summary: QuerySummary | undefined;
  try {
    summary = summarize(fn, context, budget);
  } catch {
    summary = undefined;
  } finally {
    active.delete(fn);
  }
  cache.set(fn, { budget, summary });
  return summary;
}

/** The first query the body runs, looking into callbacks that run in place and into callees. */
function summarize(fn: ts.FunctionLikeDeclaration, context: AnalysisContext, budget: number): QuerySummary | undefined {
  const { ts } = context;
  const body = fn.body;
  if (!body) return undefined;
  const callees: ts.CallExpression[] = [];
  let found: QuerySummary | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isFunctionLike(node) && !isRunInPlace(node, context) && !getPerItemCallback(node, context)) return;
    if (ts.isClassLike(node)) return;
    if (ts.isCallExpression(node) || ts.isTaggedTemplateExpression(node) || (ts.isPropertyAccessExpression(node) && isAwaitedOrReturned(node, context))) {
      const site = getQuerySite(node, context);
      if (site) {
        found = { site, through: [] };
        return;
      }
      if (ts.isCallExpression(node)) callees.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  if (found || budget <= 1) return found;
  for (const call of callees) {
    if (getDatabaseCallSites(call.getSourceFile(), context).byNode.has(call)) continue;
    const callee = getCallee(call, context);
    if (!callee || callee === fn) continue;
    const inner = getFunctionQuerySummary(callee, context, budget - 1);
    if (inner) return { site: inner.site, through: [`${describe(call.expression, ts)}()`, ...inner.through] };
  }
  return undefined;
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
