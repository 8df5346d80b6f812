/**
 * A helper that spreads its caller's options into a query (`findByPk(id, options) { … findOne({ ...rest, where }) }`):
 * the query joins the caller's transaction only when the caller's options carry one, so whether it takes a second
 * connection is decided at each call, not in the helper.
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';

import { getSymbol } from '../core/symbols.js';
import { isNullishLiteral, skipOuterExpressions } from '../core/syntax.js';

export interface ForwardedOptions {
  /** The query's options object. */
  readonly argument: ts.ObjectLiteralExpression;
  /** The helper's parameter it spreads. */
  readonly index: number;
}

/** The query's options object (its last argument), when the join option can reach it only through one spread of a
 * parameter of `fn`. */
export function getForwardedOptions(call: ts.CallExpression, joinOption: string, fn: ts.FunctionLikeDeclaration, context: AnalysisContext): ForwardedOptions | undefined {
  const { ts } = context;
  const last = call.arguments.at(-1);
  const argument = last ? skipOuterExpressions(last, ts) : undefined;
  if (!argument || !ts.isObjectLiteralExpression(argument)) return undefined;
  let index: number | undefined;
  for (const property of argument.properties) {
    if (ts.isSpreadAssignment(property)) {
      if (index !== undefined) return undefined;
      index = getSpreadParameter(property.expression, fn, context);
      if (index === undefined) return undefined;
    } else if (property.name === undefined || !(ts.isIdentifier(property.name) || ts.isStringLiteralLike(property.name)) || property.name.text === joinOption) {
      return undefined;
    }
  }
  return index === undefined ? undefined : { argument, index };
}

/** Whether the options a call passes may carry the join option: an object literal that sets it or spreads something,
 * or any other value (it may be the caller's own options); not when it passes nothing. */
export function mayPassOption(argument: ts.Expression | undefined, option: string, context: AnalysisContext): boolean {
  const { ts } = context;
  if (!argument) return false;
  const node = skipOuterExpressions(argument, ts);
  if (isNullishLiteral(node, ts)) return false;
  if (!ts.isObjectLiteralExpression(node)) return true;
  return node.properties.some((property) => ts.isSpreadAssignment(property) || ts.isShorthandPropertyAssignment(property) && property.name.text === option
    || ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteralLike(property.name)) && property.name.text === option);
}

/** `...options` for a parameter `options`, or `...rest` for `{ a, ...rest }` taken from one (in the parameter list or
 * a `const` in the body): the parameter's index. */
function getSpreadParameter(expression: ts.Expression, fn: ts.FunctionLikeDeclaration, context: AnalysisContext): number | undefined {
  const { ts } = context;
  const node = skipOuterExpressions(expression, ts);
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = getSymbol(node, context)?.valueDeclaration;
  if (!declaration) return undefined;
  if (ts.isParameter(declaration)) return declaration.parent === fn && ts.isIdentifier(declaration.name) ? fn.parameters.indexOf(declaration) : undefined;
  if (!ts.isBindingElement(declaration) || !declaration.dotDotDotToken || !ts.isObjectBindingPattern(declaration.parent)) return undefined;
  const owner = declaration.parent.parent;
  if (ts.isParameter(owner)) return owner.parent === fn ? fn.parameters.indexOf(owner) : undefined;
  if (!ts.isVariableDeclaration(owner) || !owner.initializer || !(owner.parent.flags & ts.NodeFlags.Const)) return undefined;
  const source = skipOuterExpressions(owner.initializer, ts);
  if (!ts.isIdentifier(source)) return undefined;
  const parameter = getSymbol(source, context)?.valueDeclaration;
  return parameter && ts.isParameter(parameter) && parameter.parent === fn && ts.isIdentifier(parameter.name) ? fn.parameters.indexOf(parameter) : undefined;
}
