/**
 * What a tRPC middleware puts into the context: `t.middleware(({ ctx, next }) => next({ ctx: { ...ctx, db: tx } }))`
 * makes `ctx.db` of every later step `tx`. tRPC merges the object given to `next` into the context, so a property
 * the middleware does not name passes through from the steps before it.
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';
import type { PropertySource } from './property-sources.js';

import { getShorthandValueSymbol } from './property-sources.js';
import { trpcContext } from '../../knowledge/frameworks.js';
import { getSymbol, getSymbolAt } from './symbols.js';
import { getReturnedExpressions, skipOuterExpressions } from './syntax.js';

/** `pass`: the middleware leaves the property as it was; `unknown`: it may change it in a way the source does not say. */
export type MiddlewareContribution = PropertySource | 'pass' | 'unknown';

const factories = new Set<string>(trpcContext.middlewareFactories);
const maxHops = 4;

/** What the middleware `.use(argument)` is given does to property `name` of the context. */
export function getMiddlewareContribution(argument: ts.Expression, name: string, context: AnalysisContext): MiddlewareContribution {
  const fn = getMiddlewareFunction(argument, context, 0);
  if (!fn) return 'unknown';
  const parameter = fn.parameters[0];
  if (!parameter || !fn.body) return 'pass';
  const contributions = findNextCalls(fn, parameter, context).map((call) => getCallContribution(call, parameter, name, context));
  if (contributions.includes('unknown')) return 'unknown';
  const sources = contributions.filter((contribution): contribution is PropertySource => contribution !== 'pass');
  if (sources.length === 0) return 'pass';
  // Set on one path and left on another: the later steps may see either.
  return sources.length === contributions.length ? sources[0] ?? 'unknown' : 'unknown';
}

/** The function a `.use(…)` argument is: inline, `t.middleware(fn)`, or a variable holding either. */
function getMiddlewareFunction(argument: ts.Expression, context: AnalysisContext, hops: number): ts.FunctionLikeDeclaration | undefined {
  const { ts } = context;
  const node = skipOuterExpressions(argument, ts);
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return node;
  if (hops >= maxHops) return undefined;
  if (ts.isCallExpression(node)) {
    const callee = skipOuterExpressions(node.expression, ts);
    const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
    const last = node.arguments[node.arguments.length - 1];
    if (method && factories.has(method)) return last ? getMiddlewareFunction(last, context, hops + 1) : undefined;
    // `.use(rateLimit('search'))`: a project function that returns the middleware.
    const factory = ts.isIdentifier(callee) ? getSymbol(callee, context)?.valueDeclaration : undefined;
    const fn = factory && (ts.isFunctionDeclaration(factory) ? factory
      : ts.isVariableDeclaration(factory) && factory.initializer && ts.isArrowFunction(skipOuterExpressions(factory.initializer, ts)) ? skipOuterExpressions(factory.initializer, ts) as ts.ArrowFunction : undefined);
    const returned = fn ? getReturnedExpressions(fn, ts) : [];
    return returned.length === 1 && returned[0] ? getMiddlewareFunction(returned[0], context, hops + 1) : undefined;
  }
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = getSymbol(node, context)?.valueDeclaration;
  if (declaration && ts.isFunctionDeclaration(declaration)) return declaration;
  return declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? getMiddlewareFunction(declaration.initializer, context, hops + 1) : undefined;
}

/** `next(…)` with `next` destructured from the options, or `opts.next(…)`. */
function findNextCalls(fn: ts.FunctionLikeDeclaration, parameter: ts.ParameterDeclaration, context: AnalysisContext): ts.CallExpression[] {
  const { ts } = context;
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && isOptionsMember(node.expression, parameter, trpcContext.nextProperty, context)) calls.push(node);
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return calls;
}

function getCallContribution(call: ts.CallExpression, parameter: ts.ParameterDeclaration, name: string, context: AnalysisContext): MiddlewareContribution {
  const { ts } = context;
  const options = call.arguments[0];
  if (!options) return 'pass';
  const literal = skipOuterExpressions(options, ts);
  if (!ts.isObjectLiteralExpression(literal)) return 'unknown';
  let value: ts.Expression | undefined;
  for (const property of literal.properties) {
    if (ts.isSpreadAssignment(property)) return 'unknown';
    if (!property.name || !ts.isIdentifier(property.name) || property.name.text !== trpcContext.contextProperty) continue;
    if (ts.isPropertyAssignment(property)) value = property.initializer;
    else if (ts.isShorthandPropertyAssignment(property)) {
      // `next({ ctx })`: the middleware's own context passed on unchanged.
      if (getShorthandValueSymbol(property, context)?.valueDeclaration === getContextBinding(parameter, ts)) return 'pass';
      return 'unknown';
    } else return 'unknown';
  }
  if (!value) return 'pass';
  const ctx = skipOuterExpressions(value, ts);
  if (isOptionsMember(ctx, parameter, trpcContext.contextProperty, context)) return 'pass';
  if (!ts.isObjectLiteralExpression(ctx)) return 'unknown';
  for (const property of [...ctx.properties].reverse()) {
    if (ts.isSpreadAssignment(property)) {
      // `...ctx` keeps what the earlier steps gave; any other spread may hold the name.
      if (isOptionsMember(skipOuterExpressions(property.expression, ts), parameter, trpcContext.contextProperty, context)) continue;
      return 'unknown';
    }
    if (!property.name || !(ts.isIdentifier(property.name) || ts.isStringLiteralLike(property.name)) || property.name.text !== name) {
      if (property.name && ts.isComputedPropertyName(property.name)) return 'unknown';
      continue;
    }
    if (ts.isPropertyAssignment(property)) return { expression: property.initializer };
    if (ts.isShorthandPropertyAssignment(property)) return { shorthand: property };
    return 'unknown';
  }
  return 'pass';
}

/** The `ctx` destructured from the middleware's options (`({ ctx, next }) => …`). */
function getContextBinding(parameter: ts.ParameterDeclaration, typescript: typeof ts): ts.BindingElement | undefined {
  if (!typescript.isObjectBindingPattern(parameter.name)) return undefined;
  return parameter.name.elements.find((element) => !element.dotDotDotToken && (element.propertyName ?? element.name).getText() === trpcContext.contextProperty);
}

/** `ctx`/`next` destructured from the middleware's options, or `opts.ctx`/`opts.next`. */
function isOptionsMember(expression: ts.Expression, parameter: ts.ParameterDeclaration, member: string, context: AnalysisContext): boolean {
  const { ts } = context;
  const node = skipOuterExpressions(expression, ts);
  if (ts.isPropertyAccessExpression(node)) {
    return node.name.text === member && ts.isIdentifier(parameter.name) && ts.isIdentifier(node.expression)
      && getSymbolAt(node.expression, context)?.valueDeclaration === parameter;
  }
  if (!ts.isIdentifier(node) || !ts.isObjectBindingPattern(parameter.name)) return false;
  const declaration = getSymbolAt(node, context)?.valueDeclaration;
  return declaration !== undefined && ts.isBindingElement(declaration) && declaration.parent === parameter.name && !declaration.dotDotDotToken
    && ((declaration.propertyName ?? declaration.name).getText() === member);
}
