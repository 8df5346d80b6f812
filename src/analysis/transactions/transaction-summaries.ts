/**
 * Per-function summaries for held connections, memoized per context like the query summaries N+1 uses: which
 * connections a function takes from a root (relative to its parameters, so each caller decides whether it passes
 * its transaction), and which slow I/O it awaits.
 */
import type * as ts from 'typescript';

import type { LibraryDefinition } from '../../knowledge/library-definition.js';
import type { AnalysisContext } from '../core/analysis-context.js';
import type { CalledFunction } from '../core/called-functions.js';
import type { ConnectionRoot } from './connection-roots.js';
import type { ParameterGuard } from '../queries/query-guards.js';
import type { UnlessPassed } from './parameter-guards.js';
import type { SlowIoCall } from './slow-io-calls.js';

import { getDatabaseCallSites } from '../core/database-call-sites.js';
import { getPerItemCallback, isRunInPlace } from '../queries/loop-context.js';
import { describe, getQuerySite } from '../queries/query-sites.js';
import { evaluateGuardAtCall, getParameterGuards as getRequiredParameters } from '../queries/query-guards.js';
import { getCalledFunctions as getCalledProjectFunctions, getCallee } from '../core/called-functions.js';
import { getSymbol } from '../core/symbols.js';
import { climbOuterExpressions, getFunctionValue, getOuterParent, getReturnedExpressions, isNullishLiteral, isResultDiscarded, skipOuterExpressions } from '../core/syntax.js';
import { getConnectionRoot, getLiteralPropertyValues, getPassedParameterRoot } from './connection-roots.js';
import { getParameterGuards } from './parameter-guards.js';
import { describeSlowCall, getSlowIoCall } from './slow-io-calls.js';

/** A query (or a new connection or transaction) that needs a connection of its own root. */
export interface RootUse {
  /** The query or acquiring call, in whatever file it is. */
  readonly node: ts.Node;
  readonly description: string;
  readonly library: LibraryDefinition;
  /** A root object, or a parameter of the summarized function. */
  readonly root: ConnectionRoot;
  /** Calls on the way from the summarized function, outermost first. */
  readonly through: readonly string[];
  /** `query`: a query; `connection`: a call that takes a connection or opens a transaction. */
  readonly kind: 'query' | 'connection';
  /** Parameters (or options) of the summarized function that keep the use from running when the caller passes them. */
  readonly unlessPassed?: readonly UnlessPassed[];
  /** Parameters (or options) of the summarized function that must be truthy for the use to run. */
  readonly onlyIf?: readonly ParameterGuard[];
}

export interface SlowIoUse {
  readonly call: SlowIoCall;
  readonly description: string;
  readonly through: readonly string[];
}

/** Calls followed from the call inside the transaction to the query or the I/O. */
export const summaryDepth = 6;
/** Slow I/O sits deeper than queries: behind a service, its client, a request helper and a retry loop. */
const ioSummaryDepth = 8;
const maxUses = 8;

interface Cached<T> {
  readonly value: T;
  /** Set while the value is provisional: the stack depth of the running summary whose cut (`empty`) it holds. */
  dependsOn?: number;
}
/** Summaries by function and budget: one taken with more budget reaches deeper than a caller with less may look. */
type SummaryCache<T> = Map<ts.Node, Map<number, Cached<T>>>;
const rootUseCaches = new WeakMap<AnalysisContext, SummaryCache<readonly RootUse[]>>();
const ioCaches = new WeakMap<AnalysisContext, SummaryCache<SlowIoUse | undefined>>();
/** The summaries under way, with their depth on the stack of summaries (one stack for every context). */
const active = new WeakMap<AnalysisContext, Map<ts.Node, number>>();
let stackDepth = 0;
/** The shallowest running summary a cycle under the current one led back to (Infinity: none). */
let lowestCut = Infinity;
/** Provisional values, in the caches until the summary they wait on ends. */
const provisional: { readonly byBudget: Map<number, Cached<unknown>>; readonly budget: number; readonly entry: Cached<unknown> }[] = [];

/**
 * The functions a call may run while it holds the caller's connection: a function it is handed and runs now, then
 * its callee, a function a factory it calls returns, or (core/called-functions) an imported function or the
 * implementations of the interface or abstract method it calls.
 */
export function getCalledFunctions(call: ts.CallExpression, context: AnalysisContext): readonly CalledFunction[] {
  if (getDatabaseCallSites(call.getSourceFile(), context).byNode.has(call)) return [];
  const passed = getPassedFunctions(call, context).map((inner) => ({ fn: inner, context }));
  // The function handed over is the work; the callee around it (a retry loop, a timer) comes after it.
  const fn = getCallee(call, context);
  if (fn) return [...passed, { fn, context }];
  const returned = getReturnedFunctions(call, context);
  if (returned.length > 0) return [...passed, ...returned.map((inner) => ({ fn: inner, context }))];
  return [...passed, ...getCalledProjectFunctions(call, context)];
}

/** `const attempt = async () => …; return retry(attempt, config)`: a function named by a local constant and given to
 * a call whose result is awaited or returned runs now, as a function written in the call would (see isRunInPlace). */
function getPassedFunctions(call: ts.CallExpression, context: AnalysisContext): ts.FunctionLikeDeclaration[] {
  const { ts } = context;
  const parent = getOuterParent(call, ts);
  if (!ts.isAwaitExpression(parent) && !ts.isReturnStatement(parent) && !(ts.isArrowFunction(parent) && parent.body === climbOuterExpressions(call, ts))) return [];
  const found: ts.FunctionLikeDeclaration[] = [];
  for (const argument of call.arguments) {
    const node = skipOuterExpressions(argument, ts);
    if (!ts.isIdentifier(node)) continue;
    const declaration = getSymbol(node, context)?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || !(declaration.parent.flags & ts.NodeFlags.Const)) continue;
    if (declaration.getSourceFile() !== call.getSourceFile()) continue;
    const value = getFunctionValue(declaration.initializer, ts);
    if (value) found.push(value);
  }
  return found;
}

/** `this.request(route)(body)`: the functions the inner call's project function returns, which the outer call runs. */
function getReturnedFunctions(call: ts.CallExpression, context: AnalysisContext): ts.FunctionLikeDeclaration[] {
  const { ts } = context;
  const inner = skipOuterExpressions(call.expression, ts);
  if (!ts.isCallExpression(inner)) return [];
  const factory = getCallee(inner, context);
  if (!factory) return [];
  return getReturnedExpressions(factory, ts)
    .map((returned) => skipOuterExpressions(returned, ts))
    .filter((returned): returned is ts.ArrowFunction | ts.FunctionExpression => ts.isArrowFunction(returned) || ts.isFunctionExpression(returned));
}

/** The connections a function takes from roots when called, directly or through its callees. */
export function getRootUses(fn: ts.FunctionLikeDeclaration, context: AnalysisContext, budget = summaryDepth): readonly RootUse[] {
  return memoize(rootUseCaches, fn, context, budget, [], () => summarizeRootUses(fn, context, budget));
}

/** The first slow I/O a function awaits when called, directly or through its callees. */
export function getSlowIoUse(fn: ts.FunctionLikeDeclaration, context: AnalysisContext, budget = ioSummaryDepth): SlowIoUse | undefined {
  return memoize(ioCaches, fn, context, budget, undefined, () => summarizeSlowIo(fn, context, budget));
}

function summarizeRootUses(fn: ts.FunctionLikeDeclaration, context: AnalysisContext, budget: number): RootUse[] {
  const { ts } = context;
  const uses: RootUse[] = [];
  const callees: ts.CallExpression[] = [];
  forEachNodeOfCall(fn, context, (node) => {
    if (uses.length >= maxUses) return;
    const direct = getDirectRootUse(node, context, fn);
    if (direct) {
      uses.push(withGuards(direct, node, fn, context));
      return;
    }
    if (ts.isCallExpression(node) && !isResultDiscarded(node, ts)) callees.push(node);
  });
  if (budget <= 1) return uses;
  for (const call of callees) {
    if (uses.length >= maxUses) break;
    for (const called of getCalledFunctions(call, context)) {
      if (called.fn === fn) continue;
      for (const inner of getRootUses(called.fn, called.context, budget - 1)) {
        const root = mapToCaller(inner, call, context, fn, called.fn);
        if (root) uses.push(withGuards({ ...inner, root, through: [`${describe(call.expression, ts)}()`, ...inner.through] }, call, fn, context));
      }
    }
  }
  return uses;
}

/** A query or an acquiring call that takes a connection from a root object (or from a parameter of `summarized`). */
export function getDirectRootUse(node: ts.Node, context: AnalysisContext, summarized?: ts.FunctionLikeDeclaration): RootUse | undefined {
  const { ts } = context;
  if (!ts.isCallExpression(node) && !ts.isTaggedTemplateExpression(node)) return undefined;
  const site = getQuerySite(node, context);
  const target = site ? undefined : getDatabaseCallSites(node.getSourceFile(), context).byNode.get(node);
  const takesConnection = target && (target.definition.transaction || target.definition.acquires) && ts.isCallExpression(node)
    && target.definition.acquires?.resource !== 'receiver' && (target.definition.transaction === undefined || hasFunctionArgument(node, ts));
  const library = site?.library ?? (takesConnection ? target.library : undefined);
  if (!library) return undefined;
  const root = getConnectionRoot(node, { library, ...(summarized ? { summarized } : {}) }, context);
  if (!root || (root.type !== 'object' && root.type !== 'parameter')) return undefined;
  return { node, description: describe(node, ts), library, root, through: [], kind: site ? 'query' : 'connection' };
}

function hasFunctionArgument(call: ts.CallExpression, typescript: typeof ts): boolean {
  return call.arguments.some((argument) => typescript.isArrowFunction(argument) || typescript.isFunctionExpression(argument));
}

/** An inner use seen from the caller: a parameter root becomes what the call passes (or the default when it passes
 * nothing); a call on an object built with the transaction (`new Repo(trx).save()`) uses that transaction. */
export function mapToCaller(
  use: RootUse,
  call: ts.CallExpression,
  context: AnalysisContext,
  summarized?: ts.FunctionLikeDeclaration,
  callee?: ts.FunctionLikeDeclaration,
): ConnectionRoot | undefined {
  const root = use.root;
  if (use.unlessPassed?.some((guard) => isPassed(call, guard, context))) return undefined;
  if (callee && use.onlyIf?.some((guard) => evaluateGuardAtCall(guard, call, callee, summarized, context).type === 'false')) return undefined;
  if (root.type === 'object') {
    // A closure's use of a parameter of the function around it (`async (x) => manager.save(x)` inside a helper that
    // takes `manager`): whatever that function's caller passes.
    const ownParameter = summarized ? getOwnParameter(root.expression, summarized, use.library, context) : undefined;
    if (ownParameter) return ownParameter;
    return receiverCarriesHandle(call, use.library, context) ? undefined : root;
  }
  if (root.type !== 'parameter') return undefined;
  const argument = call.arguments[root.index];
  if (!root.option && (!argument || isNullishLiteral(argument, context.ts))) return root.fallback;
  return getPassedParameterRoot(root, call, { library: use.library, ...(summarized ? { summarized } : {}) }, context);
}

function getOwnParameter(expression: ts.Expression, fn: ts.FunctionLikeDeclaration, library: LibraryDefinition, context: AnalysisContext): ConnectionRoot | undefined {
  const { ts } = context;
  if (!ts.isIdentifier(expression)) return undefined;
  const declaration = getSymbol(expression, context)?.valueDeclaration;
  if (!declaration || !ts.isParameter(declaration) || declaration.parent !== fn) return undefined;
  return getConnectionRoot(expression, { library, summarized: fn }, context);
}

/** The use, run only when the caller leaves these parameters unset (`if (!transaction) …`). */
function withGuards(use: RootUse, node: ts.Node, fn: ts.FunctionLikeDeclaration, context: AnalysisContext): RootUse {
  return { ...use, unlessPassed: getParameterGuards(node, fn, context), onlyIf: getRequiredParameters(node, fn, context) };
}

/** The caller passes the parameter, or the option at `path` in an object literal (any other value may hold it). */
function isPassed(call: ts.CallExpression, guard: UnlessPassed, context: AnalysisContext): boolean {
  const { ts } = context;
  let value: ts.Expression | undefined = call.arguments[guard.index];
  if (value === undefined || isNullishLiteral(value, ts)) return false;
  for (const key of guard.path) {
    value = skipOuterExpressions(value, ts);
    if (!ts.isObjectLiteralExpression(value)) return true;
    if (value.properties.some((property) => ts.isSpreadAssignment(property))) return true;
    const property = value.properties.find((candidate) => candidate.name !== undefined && (ts.isIdentifier(candidate.name) || ts.isStringLiteral(candidate.name)) && candidate.name.text === key);
    if (!property) return false;
    if (ts.isShorthandPropertyAssignment(property)) return true;
    if (!ts.isPropertyAssignment(property)) return true;
    value = property.initializer;
    if (isNullishLiteral(value, ts)) return false;
  }
  return true;
}

/** `new OrderRepo(trx).save(order)`, `repo.withTransaction(manager).find()`: the receiver was given a held connection. */
function receiverCarriesHandle(call: ts.CallExpression, library: LibraryDefinition, context: AnalysisContext): boolean {
  const { ts } = context;
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return false;
  let found = false;
  const check = (node: ts.Expression, depth: number): void => {
    if (found || depth > 4) return;
    const inner = ts.isParenthesizedExpression(node) || ts.isAwaitExpression(node) ? node.expression : node;
    if (ts.isNewExpression(inner) || ts.isCallExpression(inner)) {
      // `new OrderRepo(trx)`, or the handle inside an options object (`new OrderRepo({ db: trx })`, `{ trx }`).
      for (const argument of (inner.arguments ?? []).flatMap((passed) => [passed, ...getLiteralPropertyValues(passed, ts)])) {
        const root = getConnectionRoot(argument, { library }, context);
        if (root?.type === 'handle') found = true;
      }
      if (ts.isCallExpression(inner) && ts.isPropertyAccessExpression(inner.expression)) check(inner.expression.expression, depth + 1);
      return;
    }
    if (ts.isIdentifier(inner)) {
      const declaration = context.checker.getSymbolAtLocation(inner)?.valueDeclaration;
      if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) check(declaration.initializer, depth + 1);
    }
  };
  check(callee.expression, 0);
  return found;
}

function summarizeSlowIo(fn: ts.FunctionLikeDeclaration, context: AnalysisContext, budget: number): SlowIoUse | undefined {
  const { ts } = context;
  let found: SlowIoUse | undefined;
  const callees: ts.CallExpression[] = [];
  forEachNodeOfCall(fn, context, (node) => {
    if (found) return;
    const call = getSlowIoCall(node, context);
    if (call) {
      found = { call, description: describeSlowCall(call, context), through: [] };
      return;
    }
    // A helper started and left running (`sleep(1000);`) does not keep this function waiting.
    if (ts.isCallExpression(node) && !isResultDiscarded(node, ts)) callees.push(node);
  });
  if (found || budget <= 1) return found;
  for (const call of callees) {
    for (const called of getCalledFunctions(call, context)) {
      if (called.fn === fn) continue;
      const inner = getSlowIoUse(called.fn, called.context, budget - 1);
      if (inner) return { ...inner, through: [`${describe(call.expression, ts)}()`, ...inner.through] };
    }
  }
  return undefined;
}

/** Every node that runs when the function is called: its body and callbacks that run in place. */
function forEachNodeOfCall(fn: ts.FunctionLikeDeclaration, context: AnalysisContext, visit: (node: ts.Node) => void): void {
  const { ts } = context;
  const body = fn.body;
  if (!body) return;
  const walk = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && !isRunInPlace(node, context) && !getPerItemCallback(node, context)) return;
    if (ts.isClassLike(node)) return;
    visit(node);
    ts.forEachChild(node, walk);
  };
  walk(body);
}

/**
 * A function's summary, once per context and budget. A function already being summarized answers `empty` (a
 * recursion), so what its callers find then depends on where the summary started: `f` → `g` → `f` leaves `g` without
 * what `f` reaches, and a later caller of `g` must not reuse that. Such values serve the rest of the summary that
 * started the cycle (as before, so its answer is unchanged) and are dropped when it ends; values no cycle cut are kept.
 */
function memoize<T>(
  caches: WeakMap<AnalysisContext, SummaryCache<T>>,
  fn: ts.FunctionLikeDeclaration,
  context: AnalysisContext,
  budget: number,
  empty: T,
  compute: () => T,
): T {
  let cache = caches.get(context);
  if (!cache) {
    cache = new Map();
    caches.set(context, cache);
  }
  let byBudget = cache.get(fn);
  if (!byBudget) {
    byBudget = new Map();
    cache.set(fn, byBudget);
  }
  const cached = byBudget.get(budget);
  if (cached) {
    if (cached.dependsOn !== undefined) lowestCut = Math.min(lowestCut, cached.dependsOn);
    return cached.value;
  }
  let running = active.get(context);
  if (!running) {
    running = new Map();
    active.set(context, running);
  }
  const runningAt = running.get(fn);
  if (runningAt !== undefined) {
    lowestCut = Math.min(lowestCut, runningAt);
    return empty;
  }
  const depth = stackDepth++;
  running.set(fn, depth);
  const outerCut = lowestCut;
  lowestCut = Infinity;
  let value = empty;
  try {
    value = compute();
  } catch {
    value = empty;
  } finally {
    running.delete(fn);
    stackDepth--;
  }
  // A cut back to this summary itself is complete here; only one to a summary still running outside it is not.
  const cut = lowestCut < depth ? lowestCut : undefined;
  settleProvisional(depth, cut);
  const entry: Cached<T> = cut === undefined ? { value } : { value, dependsOn: cut };
  byBudget.set(budget, entry);
  if (cut !== undefined) provisional.push({ byBudget, budget, entry });
  lowestCut = Math.min(outerCut, cut ?? Infinity);
  return value;
}

/** The summary at `depth` ended: values waiting on it now wait on what it waited on (`cut`), or, if nothing, are dropped. */
function settleProvisional(depth: number, cut: number | undefined): void {
  for (let index = provisional.length - 1; index >= 0; index--) {
    const pending = provisional[index]!;
    if (pending.entry.dependsOn === undefined || pending.entry.dependsOn < depth) continue;
    if (cut !== undefined) {
      pending.entry.dependsOn = cut;
      continue;
    }
    if (pending.byBudget.get(pending.budget) === pending.entry) pending.byBudget.delete(pending.budget);
    provisional.splice(index, 1);
  }
}
