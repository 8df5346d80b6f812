/** Whether a pool or ORM client is built in code that runs per request, per item or per call (instead of once
 * per process), and why: the analysis behind `no-pool-per-request` and the `pools` inventory. */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';
import type { PoolSite } from './pool-sites.js';

import { commonCloseMethods } from '../../knowledge/close-methods.js';
import { getSymbol } from '../core/symbols.js';
import { containsNode, getEnclosingFunction, getOuterParent, getRootIdentifier, skipOuterExpressions } from '../core/syntax.js';
import { getCallee } from '../core/called-functions.js';
import { getFactoryArgument } from '../core/memoised-factories.js';
import { getPerRequestReason, isInLoopBody, runsOnce } from './per-request-context.js';
import { climbToOpenedPool } from './pool-sites.js';

/** How often a site builds its pool: in code that runs per request or per item (a handler, a loop, a per-element
 * callback), or on every call of a function that builds, uses and drops it. */
export interface PerRequestConstruction {
  readonly per: 'request' | 'call';
  /** "on every request to `GET /users`", "every time `connect` is called", for messages. */
  readonly reason: string;
  /** The call closes what it built again (reported only for clients meant to be one per process). */
  readonly closed?: boolean;
}

/** How the built value is kept, from the expression that holds it up to where it goes. */
type Holder =
  | { readonly type: 'local'; readonly name: ts.Identifier; readonly disposed: boolean }
  | { readonly type: 'stored'; readonly target: ts.Expression; readonly guarded: boolean }
  | { readonly type: 'cached' }
  | { readonly type: 'returned' }
  | { readonly type: 'field' }
  // `MongoClient.connect(url, options, (error, client) => …)` or `.then((client) => …)`: a callback holds it, not followed.
  | { readonly type: 'callback' }
  | { readonly type: 'other' };

/** Why this site builds a pool per request or per call, or undefined (also when the analysis fails). */
export function getPerRequestConstruction(site: PoolSite, context: AnalysisContext): PerRequestConstruction | undefined {
  if (site.shared) return undefined;
  try {
    return classifyConstruction(site, context);
  } catch {
    return undefined;
  }
}

/** Where the pool is kept decides first (cached, stored behind a guard, closed or returned: built once or
 * cleaned up); then where the code runs (per request or item, or on every call of its function). */
function classifyConstruction(site: PoolSite, context: AnalysisContext): PerRequestConstruction | undefined {
  const { ts } = context;
  const fn = getEnclosingFunction(site.node, ts, { stopAt: 'class' });
  const holder = getHolder(site, context);
  if (holder.type === 'cached') return undefined;
  if (holder.type === 'stored' && holder.guarded) return undefined;
  const closed = holder.type === 'local' && (holder.disposed || (fn !== undefined && isClosedIn(holder.name, fn, site, context)));
  if (holder.type === 'local' && fn && isCachedIn(holder.name, fn, context)) return undefined;
  if (closed && !site.pool.onePerProcess) return undefined;
  const reason = getPerRequestReason(site.node, context);
  if (reason) return { per: 'request', reason: reason.description };
  // A start-up loop may build one pool per shard and keep them; one that builds and drops a pool per
  // iteration leaks them all.
  if (!fn && holder.type === 'local' && !site.pool.singleConnection && isInLoopBody(site.node, ts)
    && !isClosedIn(holder.name, site.node.getSourceFile(), site, context) && !escapesLoop(holder.name, site.node, ts)) {
    return { per: 'call', reason: 'on every iteration of this loop' };
  }
  // Not visibly per request: a function that builds, uses and drops a pool does so on every call.
  if (!fn || site.pool.singleConnection || holder.type !== 'local' && holder.type !== 'other') return undefined;
  if (runsOnce(fn, context) || isTestFile(site.node.getSourceFile())) return undefined;
  if (holder.type === 'local' && (isReturned(holder.name, fn, context) || escapes(holder.name, fn, context))) return undefined;
  const name = getFunctionLabel(fn, ts);
  return { per: 'call', reason: name ? `every time \`${name}\` is called` : 'every time this function is called', ...(closed ? { closed } : {}) };
}

/** Climbs from the construction through `await`, `.connect()`/`.initialize()` chains and parentheses. */
function getHolder(site: PoolSite, context: AnalysisContext): Holder {
  const { ts } = context;
  if (site.factory && site.node.arguments?.some((argument) => ts.isFunctionLike(skipOuterExpressions(argument, ts)))) return { type: 'callback' };
  let node: ts.Node = site.node;
  for (;;) {
    node = climbToOpenedPool(node, site, context);
    const parent = node.parent;
    if (ts.isVariableDeclaration(parent) && parent.initializer === node) {
      if (!ts.isIdentifier(parent.name)) return { type: 'other' };
      const list = parent.parent;
      const disposed = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Using) !== 0;
      return { type: 'local', name: parent.name, disposed };
    }
    if (ts.isBinaryExpression(parent) && parent.right === node) {
      const operator = parent.operatorToken.kind;
      if (operator === ts.SyntaxKind.QuestionQuestionEqualsToken || operator === ts.SyntaxKind.BarBarEqualsToken) return { type: 'cached' };
      if (operator === ts.SyntaxKind.EqualsToken) {
        if (isThisMember(parent.left, ts) && isInConstructor(parent, ts)) return { type: 'field' };
        if (isOuterTarget(parent.left, site.node, context)) return { type: 'stored', target: parent.left, guarded: isGuarded(parent, parent.left, context) };
        if (ts.isIdentifier(parent.left)) return { type: 'local', name: parent.left, disposed: false };
        return { type: 'other' };
      }
      if (operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken) {
        // `globalThis.prisma ?? new PrismaClient()`, `cache.get(key) ?? new Pool()`: reused when stored back.
        if (isStoredBack(parent.left, site.node, context)) return { type: 'cached' };
        node = parent;
        continue;
      }
    }
    if (ts.isConditionalExpression(parent) && parent.condition !== node) {
      node = parent;
      continue;
    }
    // `MongoClient.connect(url).then((client) => …)`: the callback holds it, and is not followed.
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node && parent.name.text === 'then') return { type: 'callback' };
    if (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression)) {
      const callee = skipOuterExpressions(parent.expression, ts);
      if (ts.isPropertyAccessExpression(callee) && /^(set|add|push|register)$/.test(callee.name.text) && isOuterTarget(callee.expression, site.node, context)) {
        return { type: 'cached' };
      }
      return { type: 'other' };
    }
    if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === node)) {
      const fn = ts.isArrowFunction(parent) ? parent : getEnclosingFunction(parent, ts);
      return fn && isMemoisedFactory(fn, context) ? { type: 'cached' } : { type: 'returned' };
    }
    if (ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent)) return { type: 'returned' };
    if (ts.isPropertyDeclaration(parent)) return { type: 'field' };
    return { type: 'other' };
  }
}

/** `remember('pool', () => new Pool())`: the function is the factory of a call that caches what it returns. */
function isMemoisedFactory(fn: ts.FunctionLikeDeclaration, context: AnalysisContext): boolean {
  const { ts } = context;
  const call = getOuterParent(fn, ts);
  if (!ts.isCallExpression(call)) return false;
  const factory = getFactoryArgument(call, getCallee(call, context), context);
  return factory !== undefined && skipOuterExpressions(factory, ts) === fn;
}

function isThisMember(node: ts.Expression, typescript: typeof ts): boolean {
  return typescript.isPropertyAccessExpression(node) && node.expression.kind === typescript.SyntaxKind.ThisKeyword;
}

function isInConstructor(node: ts.Node, typescript: typeof ts): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (typescript.isConstructorDeclaration(parent)) return true;
    if (typescript.isFunctionLike(parent) && !typescript.isArrowFunction(parent)) return false;
  }
  return false;
}

/** A variable declared outside the function that builds the pool, a property of `this` or of a global object. */
function isOuterTarget(target: ts.Expression, site: ts.Node, context: AnalysisContext): boolean {
  const { ts } = context;
  const node = skipOuterExpressions(target, ts);
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) return true;
  if (!ts.isIdentifier(node)) return false;
  const fn = getEnclosingFunction(site, ts, { stopAt: 'class' });
  const declaration = getSymbol(node, context)?.declarations?.[0];
  if (!declaration || !fn) return declaration !== undefined;
  return !(declaration.getStart() >= fn.getStart() && declaration.getEnd() <= fn.getEnd());
}

/** `if (!pool) pool = new Pool()`, `if (pool === undefined) { … }`, or an early `if (pool) return pool`. */
function isGuarded(assignment: ts.Node, target: ts.Expression, context: AnalysisContext): boolean {
  const { ts } = context;
  const text = skipOuterExpressions(target, ts).getText();
  const fn = getEnclosingFunction(assignment, ts, { stopAt: 'class' });
  const scope: ts.Node = fn?.body ?? assignment.getSourceFile();
  const mentions = (node: ts.Node): boolean => containsNode(node, (child) => child.getText() === text
    || (ts.isCallExpression(child) && /^(has|get)$/.test(getMethodName(child, ts) ?? '') && child.getText().startsWith(text.split('.')[0] ?? text)), ts);
  return containsNode(scope, (node) => ((ts.isIfStatement(node) || ts.isConditionalExpression(node)) && mentions(ts.isIfStatement(node) ? node.expression : node.condition))
    || (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)
      && mentions(node.left)), ts);
}

function getMethodName(call: ts.CallExpression, typescript: typeof ts): string | undefined {
  const callee = skipOuterExpressions(call.expression, typescript);
  return typescript.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}

/** The `??` left side is a global or cache that the code also assigns (`globalForPrisma.prisma = prisma`). */
function isStoredBack(left: ts.Expression, site: ts.Node, context: AnalysisContext): boolean {
  const { ts } = context;
  const node = skipOuterExpressions(left, ts);
  if (ts.isCallExpression(node) && getMethodName(node, ts) === 'get') return true;
  if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node) && !ts.isIdentifier(node)) return false;
  const text = node.getText();
  if (/^(globalThis|global|window)\b/.test(text)) return true;
  return containsNode(site.getSourceFile(), (child) => ts.isBinaryExpression(child) && child.operatorToken.kind === ts.SyntaxKind.EqualsToken && child.left.getText() === text, ts);
}

/** The loop variable is kept beyond the iteration: pushed, stored or handed to another call. */
function escapesLoop(name: ts.Identifier, site: ts.Node, typescript: typeof ts): boolean {
  let block: ts.Node = site;
  while (block.parent && !typescript.isBlock(block) && !typescript.isSourceFile(block)) block = block.parent;
  return containsNode(block, (node) => typescript.isIdentifier(node) && node !== name && node.text === name.text
    && !(typescript.isPropertyAccessExpression(node.parent) && node.parent.expression === node), typescript);
}

/** The function calls a close method on the variable (`await client.end()`, `await prisma.$disconnect()`). */
function isClosedIn(name: ts.Identifier, fn: ts.FunctionLikeDeclaration | ts.SourceFile, site: PoolSite, context: AnalysisContext): boolean {
  const { ts } = context;
  const closers = new Set([...site.pool.closedBy, ...commonCloseMethods]);
  const isClose = (node: ts.Node): boolean => {
    if (!ts.isCallExpression(node)) return false;
    const callee = skipOuterExpressions(node.expression, ts);
    return ts.isPropertyAccessExpression(callee) && closers.has(callee.name.text) && getRootIdentifier(callee.expression, ts)?.text === name.text;
  };
  const body = context.ts.isSourceFile(fn) ? fn : fn.body;
  return body !== undefined && containsNode(body, isClose, ts);
}

/** The variable is handed to an outer cache or field (`pools.set(key, pool)`, `this.pool = pool`, `cached = pool`). */
function isCachedIn(name: ts.Identifier, fn: ts.FunctionLikeDeclaration, context: AnalysisContext): boolean {
  const { ts } = context;
  const keepsIt = (node: ts.Node): boolean =>
    // `cached = client`, `cachedDb = client.db('app')`: what it built is kept for the next call.
    // Not a query result (`ctx.body = await pool.query(…)`), and not a field of a parameter (`res.locals.db = db`).
    (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && mentions(node.right, name.text, ts)
      && !containsNode(node.right, ts.isAwaitExpression, ts) && isOuterTarget(node.left, name, context) && !isParameterMember(node.left, fn, ts))
    || (ts.isCallExpression(node) && /^(set|add|push)$/.test(getMethodName(node, ts) ?? '')
      && node.arguments.some((argument) => ts.isIdentifier(argument) && argument.text === name.text));
  return fn.body !== undefined && containsNode(fn.body, keepsIt, ts);
}

function isParameterMember(target: ts.Expression, fn: ts.FunctionLikeDeclaration, typescript: typeof ts): boolean {
  const root = getRootIdentifier(target, typescript);
  return root !== undefined && fn.parameters.some((parameter) => typescript.isIdentifier(parameter.name) && parameter.name.text === root.text);
}

function mentions(node: ts.Node, text: string, typescript: typeof ts): boolean {
  return containsNode(node, (child) => typescript.isIdentifier(child) && child.text === text, typescript);
}

function isReturned(name: ts.Identifier, fn: ts.FunctionLikeDeclaration, context: AnalysisContext): boolean {
  const { ts } = context;
  const returnsIt = (node: ts.Node): boolean => {
    if (!ts.isReturnStatement(node) || !node.expression) return false;
    const expression = skipOuterExpressions(node.expression, ts);
    return (ts.isIdentifier(expression) && expression.text === name.text) || (ts.isObjectLiteralExpression(expression) && expression.getText().includes(name.text));
  };
  return fn.body !== undefined && containsNode(fn.body, returnsIt, ts, (node) => ts.isFunctionLike(node) && node !== fn);
}

/** The variable outlives the call: captured by a closure (`app.get(…, () => pool.query())`) or handed to
 * another call or object (`new Repository(pool)`). Only a pool used and dropped is built per call. */
function escapes(name: ts.Identifier, fn: ts.FunctionLikeDeclaration, context: AnalysisContext): boolean {
  const { ts } = context;
  let escaped = false;
  const visit = (node: ts.Node, nested: boolean): void => {
    if (escaped) return;
    if (ts.isIdentifier(node) && node !== name && node.text === name.text) {
      const parent = node.parent;
      const usedAsReceiver = ts.isPropertyAccessExpression(parent) && parent.expression === node;
      if (nested || !usedAsReceiver) escaped = true;
      return;
    }
    ts.forEachChild(node, (child) => visit(child, nested || (ts.isFunctionLike(child) && child !== fn)));
  };
  if (fn.body) visit(fn.body, false);
  return escaped;
}

function getFunctionLabel(fn: ts.FunctionLikeDeclaration, typescript: typeof ts): string | undefined {
  if (fn.name && typescript.isIdentifier(fn.name)) {
    const owner = fn.parent;
    return typescript.isClassLike(owner) && owner.name ? `${owner.name.text}.${fn.name.text}` : fn.name.text;
  }
  const parent = fn.parent;
  if (typescript.isVariableDeclaration(parent) && typescript.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}

function isTestFile(sourceFile: ts.SourceFile): boolean {
  return /\.(test|spec)\.[cm]?[jt]sx?$|[\\/](__tests__|test|tests)[\\/]/.test(sourceFile.fileName);
}

