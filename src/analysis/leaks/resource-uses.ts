/** What one mention of a held resource does: release it, hand it off (escape), alias it, or just use it. */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';
import type { CallTarget } from '../core/resolve.js';
import type { Acquisition } from './acquisitions.js';

import { getCallTarget, getFunctionDeclaration } from '../core/resolve.js';
import { getSymbolAt, isSameReference } from '../core/symbols.js';
import { climbOuterExpressions, containsNode, getEnclosingFunction, getMemberName, skipOuterExpressions } from '../core/syntax.js';
import { getParameterEffect } from './function-summaries.js';

/** What the leak walker knows about the tracked resource. */
export interface TrackedResource {
  readonly acquisition: Acquisition;
  /** Variables holding the resource (the holder and its aliases). */
  readonly symbols: Set<ts.Symbol>;
  /** The callback parameter that releases it (pg's `done`). */
  readonly releaseFunction?: ts.Symbol;
  /** The callback parameter that carries the acquisition error. */
  readonly errorParameter?: ts.Symbol;
}

export type ReferenceUse = { readonly type: 'use' } | { readonly type: 'escape' } | { readonly type: 'alias'; readonly symbol: ts.Symbol };

const use: ReferenceUse = { type: 'use' };
const escape: ReferenceUse = { type: 'escape' };

/** Is this expression the tracked resource (its variable or an alias)? */
function isTrackedReference(node: ts.Node, tracked: TrackedResource, context: AnalysisContext): boolean {
  const { ts } = context;
  // `this.em` when a method holds a resource in a field it begins and ends itself.
  const name = ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword ? node.name : node;
  if (!ts.isIdentifier(name)) return false;
  const symbol = getSymbolAt(name, context);
  return symbol !== undefined && tracked.symbols.has(symbol);
}

/** Does this call give the resource back: `client.release()`, `pool.release(r)`, `done()`, `releaseQuietly(client)`? */
export function isReleaseCall(call: ts.CallExpression, tracked: TrackedResource, context: AnalysisContext): boolean {
  const { ts } = context;
  const resource = tracked.acquisition.resource;
  const member = getMemberName(call.expression, ts);
  if (member) {
    if (isTrackedReference(skipOuterExpressions(member.object, ts), tracked, context) && resource.releasedBy.includes(member.name)) return true;
    if (resource.releasedByClosingOwner?.includes(member.name) && isAcquiringOwner(member.object, tracked, context)) return true;
    const first = call.arguments[0];
    if (first && resource.releasedByPassingTo?.includes(member.name) && isTrackedReference(skipOuterExpressions(first, ts), tracked, context)) return true;
  } else if (ts.isIdentifier(call.expression)) {
    if (tracked.releaseFunction && getSymbolAt(call.expression, context) === tracked.releaseFunction) return true;
    const first = call.arguments[0];
    if (first && resource.releasedByPassingTo?.includes(call.expression.text) && isTrackedReference(skipOuterExpressions(first, ts), tracked, context)) {
      return true;
    }
  }
  const index = call.arguments.findIndex((argument) => isTrackedReference(skipOuterExpressions(argument, ts), tracked, context));
  if (index === -1) return false;
  const fn = getFunctionDeclaration(call.expression, context);
  return fn !== undefined && getParameterEffect(fn, index, resource, context) === 'releases';
}

/** Is `expression` the object the resource was taken from (`dataSource` in `dataSource.createQueryRunner()`)? */
function isAcquiringOwner(expression: ts.Expression, tracked: TrackedResource, context: AnalysisContext): boolean {
  const { ts } = context;
  const acquiring = getMemberName(tracked.acquisition.call.expression, ts);
  return acquiring !== undefined && isSameReference(skipOuterExpressions(expression, ts), skipOuterExpressions(acquiring.object, ts), context);
}

/**
 * How a mention of the resource (or a function literal that mentions it) is used. Anything that lets the
 * resource outlive this function's view counts as an escape: returned, stored, put in an object that is
 * not a database call's options, passed to unknown code, captured by a closure given to unknown code.
 */
export function classifyReference(node: ts.Expression, tracked: TrackedResource, context: AnalysisContext): ReferenceUse {
  const { ts } = context;
  const outer = climbOuterExpressions(node, ts, true);
  const parent = outer.parent;
  if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === outer) return use;
  if ((ts.isCallExpression(parent) && parent.expression === outer) || (ts.isTaggedTemplateExpression(parent) && parent.tag === outer)) return use;
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) return classifyArgument(parent, outer, tracked, context);
  if (ts.isReturnStatement(parent) || ts.isYieldExpression(parent) || (ts.isArrowFunction(parent) && parent.body === outer)) return escape;
  if (ts.isVariableDeclaration(parent) && parent.initializer === outer) return toAlias(parent.name, node, context);
  if (ts.isBinaryExpression(parent)) {
    const operator = parent.operatorToken.kind;
    if (operator === ts.SyntaxKind.EqualsToken) return parent.left === outer ? use : toAlias(parent.left, node, context);
    if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken
      || operator === ts.SyntaxKind.AmpersandAmpersandToken) {
      return isCondition(parent, ts) ? use : classifyReference(parent, tracked, context);
    }
    return use;
  }
  if (ts.isConditionalExpression(parent)) return parent.condition === outer ? use : classifyReference(parent, tracked, context);
  if (ts.isShorthandPropertyAssignment(parent) || ts.isPropertyAssignment(parent) || ts.isSpreadAssignment(parent)
    || ts.isArrayLiteralExpression(parent) || ts.isSpreadElement(parent)) {
    return classifyContainer(outer, tracked, context);
  }
  if (ts.isPrefixUnaryExpression(parent) || ts.isTypeOfExpression(parent) || ts.isVoidExpression(parent) || ts.isIfStatement(parent)
    || ts.isWhileStatement(parent) || ts.isExpressionStatement(parent) || ts.isTemplateSpan(parent) || ts.isSwitchStatement(parent)
    || ts.isCaseClause(parent) || ts.isPostfixUnaryExpression(parent) || ts.isDeleteExpression(parent)) {
    return use;
  }
  return escape;
}

/** An object or array literal holding the resource: fine as a database call's options (`{ transaction }`). */
function classifyContainer(node: ts.Node, tracked: TrackedResource, context: AnalysisContext): ReferenceUse {
  const { ts } = context;
  let literal: ts.Node = node;
  while (!ts.isObjectLiteralExpression(literal) && !ts.isArrayLiteralExpression(literal) && literal.parent) literal = literal.parent;
  while (literal.parent && (ts.isObjectLiteralExpression(literal.parent) || ts.isArrayLiteralExpression(literal.parent)
    || ts.isPropertyAssignment(literal.parent) || ts.isParenthesizedExpression(literal.parent))) {
    literal = literal.parent;
  }
  const parent = literal.parent;
  if (parent && (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression !== literal) {
    const outcome = classifyArgument(parent, literal, tracked, context);
    return outcome.type === 'use' ? use : escape;
  }
  return escape;
}

function classifyArgument(call: ts.CallExpression | ts.NewExpression, argument: ts.Node, tracked: TrackedResource, context: AnalysisContext): ReferenceUse {
  const { ts } = context;
  if (ts.isCallExpression(call) && isReleaseCall(call, tracked, context)) return use;
  const callee = ts.isCallExpression(call) ? getMemberName(call.expression, ts) : undefined;
  // A method of the resource itself (`client.query(sql, cb)`, `session.withTransaction(fn)`).
  if (callee && isTrackedReference(skipOuterExpressions(callee.object, ts), tracked, context)) return use;
  if (callee && isConsole(callee.object, ts)) return use;
  const target = safeCallTarget(call, context);
  // `drizzle(conn)`, `new Kysely({ dialect: … conn … })`: a client built around the resource keeps it.
  if (target?.definition.returns && context.knowledge.getKind(target.library, target.definition.returns)?.object.pool) return escape;
  if (target) return use;
  const fn = getFunctionDeclaration(call.expression, context);
  const args: readonly ts.Node[] = call.arguments ?? [];
  const index = args.indexOf(argument);
  if (fn && index >= 0 && !ts.isFunctionLike(argument)) {
    return getParameterEffect(fn, index, tracked.acquisition.resource, context) === 'uses' ? use : escape;
  }
  return escape;
}

/**
 * `client.on('notification', …)` anywhere in the function: the code listens on the resource for events that
 * need it open (a pg LISTEN connection), so it is kept for the process on purpose and nothing releases it.
 */
export function listensForKeptOpenEvents(scope: ts.Node, tracked: TrackedResource, context: AnalysisContext): boolean {
  const { ts } = context;
  const events = tracked.acquisition.resource.keptOpenByEvents;
  if (!events) return false;
  return containsNode(scope, (node) => {
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || !listenerMethods.has(node.expression.name.text)) return false;
    const [event] = node.arguments;
    return event !== undefined && ts.isStringLiteralLike(event) && events.includes(event.text)
      && isTrackedReference(skipOuterExpressions(node.expression.expression, ts), tracked, context);
  }, ts);
}

/** Event-emitter methods that register a listener for as long as the emitter lives. */
const listenerMethods = new Set(['on', 'addListener']);

/** `const c = client` keeps tracking under a second name; storing it elsewhere is an escape. */
function toAlias(target: ts.Node, node: ts.Node, context: AnalysisContext): ReferenceUse {
  const { ts } = context;
  if (!ts.isIdentifier(target) || !ts.isIdentifier(node)) return escape;
  const symbol = getSymbolAt(target, context);
  const declaration = symbol?.valueDeclaration;
  if (!symbol || !declaration || getEnclosingFunction(declaration, ts) !== getEnclosingFunction(node, ts)) return escape;
  return { type: 'alias', symbol };
}

function isCondition(node: ts.Node, typescript: typeof ts): boolean {
  let current = node;
  while (typescript.isBinaryExpression(current.parent) || typescript.isParenthesizedExpression(current.parent)
    || typescript.isPrefixUnaryExpression(current.parent)) {
    current = current.parent;
  }
  const parent = current.parent;
  return typescript.isIfStatement(parent) || typescript.isWhileStatement(parent) || typescript.isDoStatement(parent)
    || (typescript.isConditionalExpression(parent) && parent.condition === current)
    || (typescript.isForStatement(parent) && parent.condition === current);
}

function isConsole(node: ts.Expression, typescript: typeof ts): boolean {
  return typescript.isIdentifier(node) && node.text === 'console';
}

function safeCallTarget(call: ts.CallExpression | ts.NewExpression, context: AnalysisContext): CallTarget | undefined {
  try {
    return getCallTarget(call, context);
  } catch {
    return undefined;
  }
}

