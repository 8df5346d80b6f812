/**
 * Calls that hand back what a function they are given returns, now or from a cache that holds it:
 * `remember('prisma', () => new PrismaClient())`, `getOrCreate(key, () => new Pool())`. The call's value is then the
 * factory's value, so every analysis sees the client through the wrapper.
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';

import { memoisingHelpers } from '../../knowledge/memoisation.js';
import { getSymbolAt } from './symbols.js';
import { getReturnedExpressions, isAssignmentOperator, isNullishLiteral, isOuterExpression, skipOuterExpressions } from './syntax.js';

/**
 * The argument whose function's result `call` returns: for a known caching helper of a package, its factory
 * argument; for a project function (`fn`, the callee's declaration), a parameter it calls and whose result (or a
 * cache it stored that result in) every `return` hands back.
 */
export function getFactoryArgument(call: ts.CallExpression, fn: ts.FunctionLikeDeclaration | undefined, context: AnalysisContext): ts.Expression | undefined {
  const known = getKnownHelperArgument(call, context);
  if (known !== undefined) return call.arguments[known];
  if (!fn?.body) return undefined;
  const { ts } = context;
  for (const [index, argument] of call.arguments.entries()) {
    const node = skipOuterExpressions(argument, ts);
    if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node) && !ts.isIdentifier(node)) continue;
    const parameter = fn.parameters[index];
    if (!parameter || !ts.isIdentifier(parameter.name) || parameter.dotDotDotToken) continue;
    if (returnsResultOf(fn, parameter.name, context)) return argument;
  }
  return undefined;
}

function getKnownHelperArgument(call: ts.CallExpression, context: AnalysisContext): number | undefined {
  const { ts } = context;
  const callee = skipOuterExpressions(call.expression, ts);
  if (!ts.isIdentifier(callee)) return undefined;
  const declaration = getSymbolAt(callee, context)?.declarations?.[0];
  if (!declaration || !ts.isImportSpecifier(declaration)) return undefined;
  const specifier = declaration.parent.parent.parent.moduleSpecifier;
  if (!ts.isStringLiteralLike(specifier)) return undefined;
  const name = (declaration.propertyName ?? declaration.name).text;
  return memoisingHelpers.find((helper) => helper.module === specifier.text && helper.name === name)?.factoryArgument;
}

/**
 * Does every `return` of `fn` hand back what calling `parameter` returned: the call itself, or what holds its
 * result (`cache = make()`, `globalThis.x ??= make()`, `map.set(key, make())` then `map.get(key)`)? A return of
 * `null` or `undefined` is allowed (nothing cached yet, disabled); any other value makes the answer no.
 */
function returnsResultOf(fn: ts.FunctionLikeDeclaration, parameter: ts.Identifier, context: AnalysisContext): boolean {
  const { ts } = context;
  const symbol = getSymbolAt(parameter, context);
  if (!symbol) return false;
  const holders = new Set<string>();
  const mapHolders = new Set<string>();
  let called = false;
  const isParameterCall = (node: ts.Node): boolean => ts.isCallExpression(node) && ts.isIdentifier(node.expression)
    && node.expression.text === parameter.text && getSymbolAt(node.expression, context) === symbol;
  const visit = (node: ts.Node): void => {
    if (isParameterCall(node)) {
      called = true;
      recordHolder(node as ts.CallExpression, holders, mapHolders, ts);
    }
    if (ts.isFunctionLike(node)) return;
    ts.forEachChild(node, visit);
  };
  if (fn.body) ts.forEachChild(fn.body, visit);
  if (!called) return false;
  const returned = getReturnedExpressions(fn, ts);
  return returned.length > 0 && returned.every((expression) => isHeldResult(expression, holders, mapHolders, isParameterCall, ts));
}

/** Where the result of `call` is kept: the names and member paths it is assigned to, the maps it is set in. */
function recordHolder(call: ts.CallExpression, holders: Set<string>, mapHolders: Set<string>, typescript: typeof ts): void {
  let node: ts.Node = call;
  for (;;) {
    const parent = node.parent;
    if (isOuterExpression(parent, typescript) || typescript.isAwaitExpression(parent)) {
      node = parent;
      continue;
    }
    if (typescript.isBinaryExpression(parent) && parent.right === node && isAssignmentOperator(parent.operatorToken.kind, typescript)) {
      holders.add(toPath(parent.left, typescript));
      node = parent;
      continue;
    }
    if (typescript.isVariableDeclaration(parent) && parent.initializer === node && typescript.isIdentifier(parent.name)) {
      holders.add(parent.name.text);
      return;
    }
    if (typescript.isCallExpression(parent) && parent.arguments[1] === node && typescript.isPropertyAccessExpression(parent.expression)
      && parent.expression.name.text === 'set') {
      mapHolders.add(toPath(parent.expression.expression, typescript));
    }
    return;
  }
}

function isHeldResult(
  expression: ts.Expression,
  holders: ReadonlySet<string>,
  mapHolders: ReadonlySet<string>,
  isParameterCall: (node: ts.Node) => boolean,
  typescript: typeof ts,
): boolean {
  const node = skipOuterExpressions(expression, typescript);
  if (typescript.isAwaitExpression(node)) return isHeldResult(node.expression, holders, mapHolders, isParameterCall, typescript);
  if (isParameterCall(node)) return true;
  if (isNullishLiteral(node, typescript)) return true;
  if (typescript.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if (isAssignmentOperator(operator, typescript)) return isHeldResult(node.right, holders, mapHolders, isParameterCall, typescript);
    if (operator === typescript.SyntaxKind.QuestionQuestionToken || operator === typescript.SyntaxKind.BarBarToken) {
      return isHeldResult(node.left, holders, mapHolders, isParameterCall, typescript) && isHeldResult(node.right, holders, mapHolders, isParameterCall, typescript);
    }
    return false;
  }
  if (typescript.isCallExpression(node) && typescript.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'get') {
    return mapHolders.has(toPath(node.expression.expression, typescript));
  }
  if (typescript.isIdentifier(node) || typescript.isPropertyAccessExpression(node) || typescript.isElementAccessExpression(node)) {
    return holders.has(toPath(node, typescript));
  }
  return false;
}


/** `thusly.__cache`, `cache[key]`: a holder compared by its text without whitespace, casts or parentheses. */
function toPath(node: ts.Expression, typescript: typeof ts): string {
  const inner = skipOuterExpressions(node, typescript);
  if (typescript.isIdentifier(inner)) return inner.text;
  if (inner.kind === typescript.SyntaxKind.ThisKeyword) return 'this';
  if (typescript.isPropertyAccessExpression(inner)) return `${toPath(inner.expression, typescript)}.${inner.name.text}`;
  if (typescript.isElementAccessExpression(inner)) return `${toPath(inner.expression, typescript)}[${inner.argumentExpression.getText().replace(/\s+/g, '')}]`;
  return `(${inner.getText().replace(/\s+/g, '')})`;
}
