/**
 * Transaction wrappers: project functions that run a callback they are given inside a transaction they open
 * (`withTenant(ctx, async () => …)` → `db.transaction(async (tx) => store.run(tx, fn))`). The callback given at a call
 * of one runs while a connection is held. Such wrappers usually hand the transaction on through AsyncLocalStorage,
 * so only slow I/O is checked in these callbacks, not which client queries go through.
 */
import type * as ts from 'typescript';

import type { LibraryDefinition } from '../../knowledge/library-definition.js';
import type { AnalysisContext } from '../core/analysis-context.js';
import type { HeldConnection } from './held-connections.js';

import { toCallText } from '../leaks/acquisitions.js';
import { getDatabaseCallSites } from '../core/database-call-sites.js';
import { getFunctionDeclaration } from '../core/resolve.js';
import { getSymbol } from '../core/symbols.js';
import { skipOuterExpressions } from '../core/syntax.js';
import { getOwnHeldConnections } from './held-connections.js';

/** Which parameters of a wrapper run inside its transaction, and the library of that transaction. */
interface WrapperSummary {
  readonly parameters: ReadonlySet<number>;
  readonly library: LibraryDefinition;
}

const maxDepth = 4;
const caches = new WeakMap<AnalysisContext, Map<ts.Node, WrapperSummary | null>>();

/** Callbacks passed to transaction wrappers in this file, as held connections without a handle. */
export function findWrappedCallbacks(sourceFile: ts.SourceFile, context: AnalysisContext): HeldConnection[] {
  const { ts } = context;
  const held: HeldConnection[] = [];
  const sites = getDatabaseCallSites(sourceFile, context).byNode;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && !sites.has(node)) {
      const callbacks = node.arguments.map((argument) => skipOuterExpressions(argument, ts));
      const index = callbacks.findIndex((argument) => ts.isArrowFunction(argument) || ts.isFunctionExpression(argument));
      const callback = callbacks[index];
      if (callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) {
        const wrapper = getWrapper(node.expression, context);
        const summary = wrapper && getWrapperSummary(wrapper, context, 0);
        if (summary?.parameters.has(index)) {
          held.push({
            library: summary.library,
            form: 'wrapped',
            call: node,
            callText: toCallText(node, context),
            noun: 'transaction',
            root: undefined,
            body: callback.body,
            start: callback.body.getStart(),
            end: callback.body.getEnd(),
          });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return held;
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
  let cache = caches.get(context);
  if (!cache) {
    cache = new Map();
    caches.set(context, cache);
  }
  if (cache.has(fn)) return cache.get(fn) ?? undefined;
  if (depth > maxDepth) return undefined;
  cache.set(fn, null); // recursion guard
  let summary: WrapperSummary | undefined;
  try {
    summary = summarize(fn, context, depth);
  } catch {
    summary = undefined;
  }
  cache.set(fn, summary ?? null);
  return summary;
}

/** A parameter called or passed on inside a transaction the function opens, or passed on to another wrapper. */
function summarize(fn: ts.FunctionLikeDeclaration, context: AnalysisContext, depth: number): WrapperSummary | undefined {
  const { ts } = context;
  const body = fn.body;
  if (!body || fn.parameters.length === 0) return undefined;
  const parameterIndex = new Map<ts.Symbol, number>();
  fn.parameters.forEach((parameter, index) => {
    const symbol = ts.isIdentifier(parameter.name) ? getSymbol(parameter.name, context) : undefined;
    if (symbol) parameterIndex.set(symbol, index);
  });
  const parameters = new Set<number>();
  let library: LibraryDefinition | undefined;
  const held = getOwnHeldConnections(fn.getSourceFile(), context)
    .filter((connection) => connection.call.pos >= body.pos && connection.call.end <= body.end);
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const index = parameterIndex.get(getSymbol(node, context) as ts.Symbol);
      const use = index === undefined ? undefined : getCallUse(node, ts);
      if (index !== undefined && use) {
        const inside = held.find((connection) => node.getStart() >= connection.start && node.getEnd() <= connection.end);
        if (inside) {
          parameters.add(index);
          library ??= inside.library;
        } else if (use.type === 'argument') {
          const inner = getWrapper(use.call.expression, context);
          const summary = inner && inner !== fn ? getWrapperSummary(inner, context, depth + 1) : undefined;
          if (summary?.parameters.has(use.call.arguments.indexOf(use.argument))) {
            parameters.add(index);
            library ??= summary.library;
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return library && parameters.size > 0 ? { parameters, library } : undefined;
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
