/** Per-function facts for leaks, memoized per context: returns an acquired resource? releases a parameter? */
import type * as ts from 'typescript';

import type { ResourceDefinition } from '../../knowledge/library-definition.js';
import type { AnalysisContext } from '../core/analysis-context.js';

import { getAcquiringCallNames } from '../core/call-member-names.js';
import { createContextMemo } from '../core/context-memo.js';
import { mayNameProjectGetter } from '../core/declared-names.js';
import { promiseChainMethods } from '../core/method-names.js';
import { getMentions } from '../core/name-mentions.js';
import { getCallTarget, getFunctionDeclaration } from '../core/resolve.js';
import { getSymbolAt } from '../core/symbols.js';
import { climbOuterExpressions, containsNode, getMemberName, getReturnedExpressions, skipOuterExpressions } from '../core/syntax.js';
import { getAcquiredResource } from './acquired-resource.js';

export interface ReturnedAcquisition {
  readonly resource: ResourceDefinition;
}

/** What a callee does with a resource passed to it. */
export type ParameterEffect = 'releases' | 'escapes' | 'uses';

const maxDepth = 4;
/**
 * Keyed by function and depth: a summary depends on how many calls further it may follow, so one taken at another depth
 * (deeper inside another summary, or cut short by a recursion there) must not answer for this one; which function was
 * summarized first would then decide the findings. Each call goes one deeper, so a recursion ends at the depth bound.
 */
const returnedAcquisitions = createContextMemo<string, ReturnedAcquisition | null>();
const parameterEffects = createContextMemo<string, ParameterEffect>();
const nodeIds = new WeakMap<ts.Node, number>();
let nextNodeId = 0;

/** Does the function return a resource it acquired (so each caller must release it)? */
export function getReturnedAcquisition(fn: ts.FunctionLikeDeclaration, context: AnalysisContext, depth = 0): ReturnedAcquisition | undefined {
  if (depth > maxDepth) return undefined;
  const cache = returnedAcquisitions.cacheOf(context);
  const key = `${getNodeId(fn)}:${depth}`;
  if (cache.has(key)) return cache.get(key) ?? undefined;
  cache.set(key, null); // a re-entry at the same depth (not through a call) finds nothing
  let result: ReturnedAcquisition | undefined;
  for (const returned of getReturnedExpressions(fn, context.ts)) {
    result = getAcquisitionOf(returned, fn, context, depth);
    if (result) break;
  }
  cache.set(key, result ?? null);
  return result;
}

function getAcquisitionOf(expression: ts.Expression, fn: ts.FunctionLikeDeclaration, context: AnalysisContext, depth: number): ReturnedAcquisition | undefined {
  const { ts } = context;
  const node = skipAwait(skipOuterExpressions(expression, ts), ts);
  if (ts.isCallExpression(node)) {
    const target = getCallTarget(node, context);
    if (target) {
      const acquired = getAcquiredResource(node, target, context);
      return acquired && !acquired.callback && target.definition.acquires?.resource === 'result' ? { resource: acquired.resource } : undefined;
    }
    const callee = getFunctionDeclaration(node.expression, context);
    return callee && callee !== fn ? getReturnedAcquisition(callee, context, depth + 1) : undefined;
  }
  // `return this.connection`, a getter that takes a connection each time it is read.
  if (ts.isPropertyAccessExpression(node) && isThisGetterRead(node, context)) {
    const getter = getSymbolAt(node.name, context)?.declarations?.find((declaration) => ts.isGetAccessorDeclaration(declaration));
    return getter && ts.isGetAccessorDeclaration(getter) && getter !== fn ? getReturnedAcquisition(getter, context, depth + 1) : undefined;
  }
  if (ts.isIdentifier(node)) {
    const declaration = getSymbolAt(node, context)?.valueDeclaration;
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && isInside(declaration, fn)) {
      return getAcquisitionOf(declaration.initializer, fn, context, depth);
    }
  }
  return undefined;
}

/**
 * Can the function return an acquired resource, read from syntax? getReturnedAcquisition needs a returned call, `this.x`
 * (a getter) or a variable of the function holding one of those; a returned `x.m(…)` acquires only under a name a
 * library acquires under, or calls a helper declared as `m` (`mayNameHelper`). Only a no is certain.
 */
export function mayReturnAcquisition(fn: ts.FunctionLikeDeclaration, context: AnalysisContext, mayNameHelper: (name: string) => boolean): boolean {
  const { ts } = context;
  const acquiring = getAcquiringCallNames(context.knowledge.libraries);
  const mayAcquire = (expression: ts.Expression, depth: number): boolean => {
    const node = skipAwait(skipOuterExpressions(expression, ts), ts);
    if (ts.isIdentifier(node)) {
      // A variable declared in the function under that name, holding one (getAcquisitionOf follows nothing else).
      if (depth > maxDepth) return true;
      if (!fn.body) return false;
      return getMentions(fn.body, node.text, ts).some((mention) => ts.isVariableDeclaration(mention.parent) && mention.parent.name === mention
        && mention.parent.initializer !== undefined && mayAcquire(mention.parent.initializer, depth + 1));
    }
    if (!ts.isCallExpression(node)) return ts.isPropertyAccessExpression(node) && isThisGetterRead(node, context);
    const callee = skipOuterExpressions(node.expression, ts);
    if (!ts.isPropertyAccessExpression(callee)) return true;
    const name = callee.name.text;
    return !acquiring || acquiring.has(name) || promiseChainMethods.has(name) || mayNameHelper(name);
  };
  return getReturnedExpressions(fn, ts).some((returned) => mayAcquire(returned, 0));
}

/** `this.connection`, when some project file declares a getter by that name (`declared-names.ts`). */
function isThisGetterRead(node: ts.PropertyAccessExpression, context: AnalysisContext): boolean {
  return node.expression.kind === context.ts.SyntaxKind.ThisKeyword && mayNameProjectGetter(node.name.text, context);
}

/**
 * What `fn` does with its parameter `index` when given `resource`: releases it (on some path), lets it
 * escape (returns, stores or passes it on to unknown code), or only uses it.
 */
export function getParameterEffect(
  fn: ts.FunctionLikeDeclaration,
  index: number,
  resource: ResourceDefinition,
  context: AnalysisContext,
  depth = 0,
): ParameterEffect {
  const { ts } = context;
  const cache = parameterEffects.cacheOf(context);
  const key = `${getNodeId(fn)}:${index}:${depth}:${resource.releasedBy.join(',')}:${(resource.releasedByPassingTo ?? []).join(',')}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const parameter = fn.parameters[index];
  // An argument past the declared parameters is ignored, unless a rest parameter or `arguments` reads it.
  if (!parameter && fn.body && !fn.parameters.some((declared) => declared.dotDotDotToken) && !readsArguments(fn.body, ts)) return 'uses';
  if (!parameter || !ts.isIdentifier(parameter.name) || !fn.body || depth > maxDepth) return 'escapes';
  cache.set(key, 'escapes'); // a re-entry at the same depth (not through a call) lets it escape
  const symbol = getSymbolAt(parameter.name, context);
  if (!symbol) return 'escapes';
  let effect: ParameterEffect = 'uses';
  const name = parameter.name.text;
  const visit = (node: ts.Node): void => {
    if (effect === 'releases') return;
    // Only a name spelled as the parameter's can refer to it; asking the checker about every other name (`x.m`
    // costs the type of `x`) found nothing more.
    if (ts.isIdentifier(node) && node !== parameter.name && node.text === name && getSymbolAt(node, context) === symbol) {
      const use = classifyParameterUse(node, resource, context, depth);
      if (use === 'releases' || (use === 'escapes' && effect === 'uses')) effect = use;
    }
    ts.forEachChild(node, visit);
  };
  visit(fn.body);
  cache.set(key, effect);
  return effect;
}

function classifyParameterUse(reference: ts.Identifier, resource: ResourceDefinition, context: AnalysisContext, depth: number): ParameterEffect {
  const { ts } = context;
  const outer = climbOuterExpressions(reference, ts);
  const parent = outer.parent;
  const member = ts.isExpression(parent) ? getMemberName(parent, ts) : undefined;
  if (member && member.object === outer) {
    const call = parent.parent;
    if (ts.isCallExpression(call) && call.expression === parent && resource.releasedBy.includes(member.name)) return 'releases';
    return 'uses';
  }
  if (ts.isCallExpression(parent) && parent.arguments.includes(outer as ts.Expression)) {
    const callee = getMemberName(parent.expression, ts);
    if (callee && resource.releasedByPassingTo?.includes(callee.name) && parent.arguments[0] === outer) return 'releases';
    if (getCallTarget(parent, context)) return 'uses';
    const fn = getFunctionDeclaration(parent.expression, context);
    if (fn) return getParameterEffect(fn, parent.arguments.indexOf(outer as ts.Expression), resource, context, depth + 1);
    return 'escapes';
  }
  // `new Proxy(conn, handler)`, `new Tagged(conn)`: the object built around the resource keeps it.
  if (ts.isNewExpression(parent) && parent.arguments?.includes(outer as ts.Expression)) return 'escapes';
  if (ts.isReturnStatement(parent) || ts.isArrowFunction(parent) || ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent)
    || ts.isArrayLiteralExpression(parent) || (ts.isBinaryExpression(parent) && parent.right === outer)) {
    return 'escapes';
  }
  return 'uses';
}

function readsArguments(body: ts.Node, typescript: typeof ts): boolean {
  // An arrow function sees the enclosing `arguments`; other functions have their own.
  return containsNode(body, (node) => typescript.isIdentifier(node) && node.text === 'arguments', typescript,
    (node) => typescript.isFunctionLike(node) && !typescript.isArrowFunction(node));
}

function skipAwait(node: ts.Expression, typescript: typeof ts): ts.Expression {
  return typescript.isAwaitExpression(node) ? skipOuterExpressions(node.expression, typescript) : node;
}

function isInside(node: ts.Node, container: ts.Node): boolean {
  return node.pos >= container.pos && node.end <= container.end && node.getSourceFile() === container.getSourceFile();
}

function getNodeId(node: ts.Node): number {
  let id = nodeIds.get(node);
  if (id === undefined) {
    id = nextNodeId++;
    nodeIds.set(node, id);
  }
  return id;
}
