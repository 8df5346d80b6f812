/**
 * Transaction wrappers: project functions that run a callback they are given inside a transaction they open
 * (`withTenant(ctx, async () => …)` → `db.transaction(async (tx) => store.run(tx, fn))`). The callback given at a call
 * of one runs while a connection is held. Such wrappers usually hand the transaction on through AsyncLocalStorage,
 * so only slow I/O is checked in these callbacks, not which client queries go through.
 *
 * A wrapper that passes the callback itself to the library (`transaction(cb) { return this.dataSource.transaction(cb); }`)
 * makes it the managed transaction's own callback: its first parameter is the transaction's handle and nothing else
 * joins it, so the callback is checked as the library's would be. Calls through an interface reach such wrappers
 * through the project's implementations of it.
 */
import type * as ts from 'typescript';

import type { LibraryDefinition } from '../../knowledge/library-definition.js';
import type { AnalysisContext } from '../core/analysis-context.js';
import type { ConnectionRoot } from './connection-roots.js';
import type { HeldConnection } from './held-connections.js';

import { toCallText } from '../leaks/acquisitions.js';
import { getDatabaseCallSites } from '../core/database-call-sites.js';
import { getFileNodes } from '../core/file-nodes.js';
import { createMemberCallGate } from '../core/member-call-gate.js';
import { getFunctionDeclaration } from '../core/resolve.js';
import { getSymbol } from '../core/symbols.js';
import { getMemberName, skipOuterExpressions } from '../core/syntax.js';
import { getConnectionRoot, getPassedParameterRoot } from './connection-roots.js';
import { getOwnHeldConnections } from './held-connections.js';
import { getImplementations } from '../core/implementations.js';

/** A wrapper parameter handed to a managed transaction as its callback. */
export interface ForwardedCallback {
  readonly library: LibraryDefinition;
  /** Position of the transaction handle among the callback's parameters. */
  readonly handleParameter: number;
  /** The pool the transaction is taken from, as the wrapper sees it (a parameter root is what its caller passes). */
  readonly root: ConnectionRoot | undefined;
}

/** Which parameters of a wrapper run inside its transaction, which it forwards as the transaction's own callback,
 * and the library of that transaction. */
interface WrapperSummary {
  readonly parameters: ReadonlySet<number>;
  readonly forwarded: ReadonlyMap<number, ForwardedCallback>;
  readonly library: LibraryDefinition;
}

const maxDepth = 4;
/** Per function, its summary at each depth: one taken deeper inside another summary (or cut short by a recursion there)
 * must not answer for a shallower one, or which wrapper was summarized first would decide the findings. */
const caches = new WeakMap<AnalysisContext, Map<ts.Node, (WrapperSummary | null)[]>>();

/** Callbacks passed to transaction wrappers in this file: held without a handle, or, when the wrapper forwards the
 * callback to the library, as the managed transaction's callback with its handle. */
export function findWrappedCallbacks(sourceFile: ts.SourceFile, context: AnalysisContext): HeldConnection[] {
  const { ts } = context;
  const held: HeldConnection[] = [];
  const sites = getDatabaseCallSites(sourceFile, context).byNode;
  for (const node of getFileNodes(sourceFile, ts).calls) {
    const callbacks = node.arguments.map((argument) => skipOuterExpressions(argument, ts));
    const index = callbacks.findIndex((argument) => ts.isArrowFunction(argument) || ts.isFunctionExpression(argument));
    const callback = callbacks[index];
    if (!callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) continue;
    const summary = getCallSummary(node, context);
    const forwarded = summary?.forwarded.get(index);
    // Whether it is a library call (which wraps nothing of the project's) is asked last: it can cost the receiver's type.
    if ((!forwarded && !summary?.parameters.has(index)) || sites.has(node)) continue;
    const base = { call: node, callText: toCallText(node, context), noun: 'transaction', body: callback.body, start: callback.body.getStart(), end: callback.body.getEnd() };
    if (forwarded) {
      const handle = callback.parameters[forwarded.handleParameter];
      const handleSymbol = handle && ts.isIdentifier(handle.name) ? getSymbol(handle.name, context) : undefined;
      held.push({
        ...base,
        library: forwarded.library,
        form: 'managed',
        ...(handle && ts.isIdentifier(handle.name) ? { handleName: handle.name.text } : {}),
        ...(handleSymbol ? { handleSymbol } : {}),
        root: getRootAtCall(forwarded, node, context),
      });
    } else if (summary) {
      held.push({ ...base, library: summary.library, form: 'wrapped', root: undefined });
    }
  }
  return held;
}

/** The forwarded transaction's callback at this argument of a call of a wrapper, if the call is one. */
export function getForwardedCallback(call: ts.CallExpression, argumentIndex: number, context: AnalysisContext): ForwardedCallback | undefined {
  return getCallSummary(call, context)?.forwarded.get(argumentIndex);
}

/** The pool of a forwarded transaction seen from the wrapper's call: what the caller passes for a parameter root;
 * the receiver's root for a method whose own root the caller cannot see (`this.dataSource` of an implementation). */
function getRootAtCall(forwarded: ForwardedCallback, call: ts.CallExpression, context: AnalysisContext): ConnectionRoot | undefined {
  const root = forwarded.root;
  if (root?.type === 'parameter') return getPassedParameterRoot(root, call, { library: forwarded.library }, context);
  if (root?.type === 'object') return root;
  const receiver = getMemberName(skipOuterExpressions(call.expression, context.ts), context.ts)?.object;
  const own = receiver ? getConnectionRoot(receiver, { library: forwarded.library }, context) : undefined;
  return own?.type === 'object' ? own : undefined;
}

const mayCallWrapper = createMemberCallGate((fn, context) => isProjectFunction(fn) && getWrapperSummary(fn, context, 0) !== undefined);

/** The summary of what a call runs: its wrapper, or every implementation of the interface method it calls (a
 * parameter counts only when each of them runs or forwards it alike). */
function getCallSummary(call: ts.CallExpression, context: AnalysisContext): WrapperSummary | undefined {
  // An implementation of an interface method is declared under the method's name too.
  if (!mayCallWrapper(call.expression, context)) return undefined;
  const wrapper = getWrapper(call.expression, context);
  if (wrapper) return getWrapperSummary(wrapper, context, 0);
  let implementations: ts.FunctionLikeDeclaration[];
  try {
    implementations = getImplementations(call, context).filter(isProjectFunction);
  } catch {
    return undefined;
  }
  const summaries = implementations.map((implementation) => getWrapperSummary(implementation, context, 0));
  const [first, ...rest] = summaries;
  if (!first || rest.some((summary) => summary === undefined)) return undefined;
  const others = rest as WrapperSummary[];
  const parameters = new Set([...first.parameters].filter((index) => others.every((summary) => summary.parameters.has(index))));
  const forwarded = new Map([...first.forwarded].filter(([index, callback]) => others.every((summary) => {
    const other = summary.forwarded.get(index);
    return other?.library === callback.library && other.handleParameter === callback.handleParameter;
  })));
  // Two implementations on two roots: the caller's receiver says which pool.
  const merged = others.length === 0 ? forwarded : new Map([...forwarded].map(([index, callback]) => [index, { ...callback, root: undefined }]));
  return parameters.size > 0 || merged.size > 0 ? { parameters, forwarded: merged, library: first.library } : undefined;
}

/** The function a callee names, also through a variable that holds it (`const run = db.withTenant`). */
function getWrapper(callee: ts.Expression, context: AnalysisContext): ts.FunctionLikeDeclaration | undefined {
  const { ts } = context;
  try {
    const fn = getFunctionDeclaration(callee, context);
    if (fn?.body) return isProjectFunction(fn) ? fn : undefined;
    const node = skipOuterExpressions(callee, ts);
    if (!ts.isIdentifier(node)) return undefined;
    const declaration = getSymbol(node, context)?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
    const aliased = getFunctionDeclaration(declaration.initializer, context);
    return aliased?.body && isProjectFunction(aliased) ? aliased : undefined;
  } catch {
    return undefined;
  }
}

function isProjectFunction(fn: ts.FunctionLikeDeclaration): boolean {
  const file = fn.getSourceFile();
  return !file.isDeclarationFile && !file.fileName.includes('/node_modules/');
}

function getWrapperSummary(fn: ts.FunctionLikeDeclaration, context: AnalysisContext, depth: number): WrapperSummary | undefined {
  if (depth > maxDepth) return undefined;
  let cache = caches.get(context);
  if (!cache) {
    cache = new Map();
    caches.set(context, cache);
  }
  let byDepth = cache.get(fn);
  if (!byDepth) {
    byDepth = [];
    cache.set(fn, byDepth);
  }
  const known = byDepth[depth];
  if (known !== undefined) return known ?? undefined;
  // Each call goes one deeper, so a recursion ends at the depth bound; this guards a re-entry at the same depth.
  byDepth[depth] = null;
  let summary: WrapperSummary | undefined;
  try {
    summary = summarize(fn, context, depth);
  } catch {
    summary = undefined;
  }
  byDepth[depth] = summary ?? null;
  return summary;
}

/** A parameter called or passed on inside a transaction the function opens, or passed on to another wrapper. */
function summarize(fn: ts.FunctionLikeDeclaration, context: AnalysisContext, depth: number): WrapperSummary | undefined {
  const { ts } = context;
  const body = fn.body;
  if (!body || fn.parameters.length === 0) return undefined;
  const parameterIndex = new Map<ts.Symbol, number>();
  const parameterNames = new Set<string>();
  fn.parameters.forEach((parameter, index) => {
    const symbol = ts.isIdentifier(parameter.name) ? getSymbol(parameter.name, context) : undefined;
    if (symbol) parameterIndex.set(symbol, index);
    if (ts.isIdentifier(parameter.name)) parameterNames.add(parameter.name.text);
  });
  const parameters = new Set<number>();
  const forwarded = new Map<number, ForwardedCallback>();
  let library: LibraryDefinition | undefined;
  const sites = getDatabaseCallSites(fn.getSourceFile(), context).byNode;
  const held = getOwnHeldConnections(fn.getSourceFile(), context)
    .filter((connection) => connection.call.pos >= body.pos && connection.call.end <= body.end);
  const visit = (node: ts.Node): void => {
    // Only a name spelled as a parameter's can refer to it: asking about every other name (`x.m` costs the type of `x`)
    // finds nothing more.
    if (ts.isIdentifier(node) && parameterNames.has(node.text)) {
      const index = parameterIndex.get(getSymbol(node, context) as ts.Symbol);
      const use = index === undefined ? undefined : getCallUse(node, ts);
      if (index !== undefined && use) {
        const inside = held.find((connection) => node.getStart() >= connection.start && node.getEnd() <= connection.end);
        const transaction = use.type === 'argument' ? sites.get(use.call) : undefined;
        if (inside) {
          parameters.add(index);
          library ??= inside.library;
        } else if (use.type === 'argument' && transaction?.definition.transaction && transaction.library.transactions) {
          const receiver = transaction.receiver ?? getMemberName(skipOuterExpressions(use.call.expression, ts), ts)?.object;
          forwarded.set(index, {
            library: transaction.library,
            handleParameter: transaction.definition.transaction.handleParameter,
            root: receiver ? getConnectionRoot(receiver, { library: transaction.library, summarized: fn }, context) : undefined,
          });
          library ??= transaction.library;
        } else if (use.type === 'argument') {
          const inner = getWrapper(use.call.expression, context);
          const summary = inner && inner !== fn ? getWrapperSummary(inner, context, depth + 1) : undefined;
          const argumentIndex = use.call.arguments.indexOf(use.argument);
          const innerForwarded = summary?.forwarded.get(argumentIndex);
          if (summary && innerForwarded) {
            forwarded.set(index, { ...innerForwarded, root: mapRootThrough(innerForwarded.root, use.call, fn, context, innerForwarded.library) });
            library ??= summary.library;
          } else if (summary?.parameters.has(argumentIndex)) {
            parameters.add(index);
            library ??= summary.library;
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return library && (parameters.size > 0 || forwarded.size > 0) ? { parameters, forwarded, library } : undefined;
}

/** An inner wrapper's root seen from the outer wrapper: its parameter root is what the outer one passes. */
function mapRootThrough(root: ConnectionRoot | undefined, call: ts.CallExpression, outer: ts.FunctionLikeDeclaration, context: AnalysisContext, library: LibraryDefinition): ConnectionRoot | undefined {
  return root?.type === 'parameter' ? getPassedParameterRoot(root, call, { library, summarized: outer }, context) : root;
}

/** `fn()` or `run(ctx, fn)`: the parameter is called, or passed to a call. */
function getCallUse(identifier: ts.Identifier, typescript: typeof ts):
  { type: 'callee' } | { type: 'argument'; call: ts.CallExpression; argument: ts.Expression } | undefined {
  let outer: ts.Node = identifier;
  while (typescript.isParenthesizedExpression(outer.parent) || typescript.isAsExpression(outer.parent) || typescript.isNonNullExpression(outer.parent)) outer = outer.parent;
  const parent = outer.parent;
  if (!typescript.isCallExpression(parent)) return undefined;
  if (parent.expression === outer) return { type: 'callee' };
  return parent.arguments.includes(outer as ts.Expression) ? { type: 'argument', call: parent, argument: outer as ts.Expression } : undefined;
}
