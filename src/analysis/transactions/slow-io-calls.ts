/**
 * Which calls wait on slow non-database I/O: the slow I/O catalogue (and the user's `slowCalls`) resolved with the
 * same machinery as database objects, through a context whose knowledge index holds only that catalogue.
 */
import type * as ts from 'typescript';

import type { LibraryDefinition } from '../../knowledge/library-definition.js';
import type { PoolGuardSettings } from '../../knowledge/user-settings.js';
import type { AnalysisContext } from '../core/analysis-context.js';

import { slowIoGlobals, slowIoLibraries, timerGlobals } from '../../knowledge/slow-io/index.js';
import { toSlowIoDefinitions } from '../../knowledge/user-settings.js';
import { getKnowledgeIndex } from '../core/knowledge-index.js';
import { describe, isExecuted } from '../queries/query-sites.js';
import { getDatabaseCallSites } from '../core/database-call-sites.js';
import { getCallTarget, resolveExpression } from '../core/resolve.js';
import { getSymbol } from '../core/symbols.js';
import { containsNode, getMemberName, skipOuterExpressions } from '../core/syntax.js';

export interface SlowIoCall {
  readonly node: ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression;
  /** What the wait is: `an HTTP request`, `a sleep`. */
  readonly io: string;
}

const ioContexts = new WeakMap<AnalysisContext, AnalysisContext>();
const librariesBySettings = new WeakMap<PoolGuardSettings, readonly LibraryDefinition[]>();

/** The slow I/O this node waits on when it runs, if it is such a call and something awaits it. */
export function getSlowIoCall(node: ts.Node, context: AnalysisContext): SlowIoCall | undefined {
  const { ts } = context;
  if (ts.isNewExpression(node)) return isHandWrittenSleep(node, context) && isExecuted(node, context) ? { node, io: 'a sleep' } : undefined;
  if (ts.isTaggedTemplateExpression(node)) {
    const io = getIoOfTag(node, context);
    return io && isExecuted(node, context) ? { node, io } : undefined;
  }
  if (!ts.isCallExpression(node)) return undefined;
  const io = getIoOfCall(node, context);
  if (!io || !(isExecuted(node, context) || isInsideAwaitedPromise(node, context))) return undefined;
  return { node, io };
}

function getIoOfCall(call: ts.CallExpression, context: AnalysisContext): string | undefined {
  const { ts } = context;
  const callee = skipOuterExpressions(call.expression, ts);
  if (ts.isIdentifier(callee) && Object.hasOwn(slowIoGlobals, callee.text) && isGlobal(callee, context)) return slowIoGlobals[callee.text]?.io;
  try {
    // A database call, or a call on a database object, is its library's: resolving it again against the catalogue
    // would ask the checker for the receiver's type.
    if (isDatabaseLibraryCall(call, context)) return undefined;
    return getCallTarget(call, getIoContext(context))?.definition.io;
  } catch {
    return undefined;
  }
}

/** `` $`npm ci` ``: a template tag of the catalogue (a database tag, postgres.js `` sql`…` ``, is not one). */
function getIoOfTag(node: ts.TaggedTemplateExpression, context: AnalysisContext): string | undefined {
  if (getDatabaseCallSites(node.getSourceFile(), context).byNode.has(node)) return undefined;
  try {
    return getCallTarget(node, getIoContext(context))?.definition.io;
  } catch {
    return undefined;
  }
}

/** How messages name a slow call: `fetch(…)`, or for a hand-written sleep `new Promise(… setTimeout(…) …)`. */
export function describeSlowCall(call: SlowIoCall, context: AnalysisContext): string {
  const { ts } = context;
  if (!ts.isNewExpression(call.node)) return describe(call.node, ts);
  let timer: string | undefined;
  const find = (node: ts.Node): void => {
    if (timer) return;
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && timerGlobals.includes(node.expression.text)) timer = node.expression.text;
    else ts.forEachChild(node, find);
  };
  find(call.node);
  return timer ? `new Promise(… ${timer}(…) …)` : 'new Promise(…)';
}

function isDatabaseLibraryCall(call: ts.CallExpression, context: AnalysisContext): boolean {
  if (getDatabaseCallSites(call.getSourceFile(), context).byNode.has(call)) return true;
  const member = getMemberName(skipOuterExpressions(call.expression, context.ts), context.ts);
  return member !== undefined && resolveExpression(member.object, context) !== undefined;
}

/** `await new Promise((resolve) => setTimeout(resolve, ms))`. */
function isHandWrittenSleep(node: ts.NewExpression, context: AnalysisContext): boolean {
  const { ts } = context;
  const callee = skipOuterExpressions(node.expression, ts);
  const executor = node.arguments?.[0] && skipOuterExpressions(node.arguments[0], ts);
  if (!ts.isIdentifier(callee) || callee.text !== 'Promise' || !executor || !(ts.isArrowFunction(executor) || ts.isFunctionExpression(executor))) return false;
  const resolve = executor.parameters[0];
  if (!resolve || !ts.isIdentifier(resolve.name)) return false;
  const resolveName = resolve.name.text;
  const resolvesOnTimer = (child: ts.Node): boolean => {
    if (!ts.isCallExpression(child) || !ts.isIdentifier(child.expression) || !timerGlobals.includes(child.expression.text) || !isGlobal(child.expression, context)) return false;
    const first = child.arguments[0] && skipOuterExpressions(child.arguments[0], ts);
    return first !== undefined && ((ts.isIdentifier(first) && first.text === resolveName) || ((ts.isArrowFunction(first) || ts.isFunctionExpression(first)) && first.getText().includes(resolveName)));
  };
  return containsNode(executor.body, resolvesOnTimer, ts);
}

/** `await new Promise((resolve) => https.get(url, resolve))`: a callback-style request the promise waits for. */
function isInsideAwaitedPromise(node: ts.Node, context: AnalysisContext): boolean {
  const { ts } = context;
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) {
      const outer = current.parent;
      return (ts.isArrowFunction(current) || ts.isFunctionExpression(current)) && outer !== undefined && ts.isNewExpression(outer)
        && ts.isIdentifier(outer.expression) && outer.expression.text === 'Promise' && isExecuted(outer, context);
    }
  }
  return false;
}

/** A global function: no declaration in the project (untyped, none at all; typed, only in declaration files). */
function isGlobal(identifier: ts.Identifier, context: AnalysisContext): boolean {
  const symbol = getSymbol(identifier, context);
  const declarations = symbol?.declarations ?? [];
  return declarations.every((declaration) => declaration.getSourceFile().isDeclarationFile);
}

/** The analysis context whose knowledge is the slow I/O catalogue, memoized per context. */
export function getIoContext(context: AnalysisContext): AnalysisContext {
  let ioContext = ioContexts.get(context);
  if (!ioContext) {
    ioContext = { ...context, knowledge: getKnowledgeIndex(getIoLibraries(context.settings)) };
    ioContexts.set(context, ioContext);
  }
  return ioContext;
}

function getIoLibraries(settings: PoolGuardSettings): readonly LibraryDefinition[] {
  let libraries = librariesBySettings.get(settings);
  if (!libraries) {
    const declared = toSlowIoDefinitions(settings);
    libraries = declared.length === 0 ? slowIoLibraries : [...declared, ...slowIoLibraries];
    librariesBySettings.set(settings, libraries);
  }
  return libraries;
}
