/**
 * Whether a query inside a function runs on every call: it may sit behind a parameter or option the caller
 * does not pass (`if (teamId) …`, `if (options?.signedUrls) …`), or behind a cache that persists between
 * calls (`if (!cache.has(id)) cache.set(id, await …)`, `cache.get(key, async () => …)`).
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';

import { cacheMissCallbackMethods } from '../../knowledge/memoisation.js';
import { getSymbolAt, isSameReference } from '../core/symbols.js';
import { climbOuterExpressions, getEnclosingFunction, isFunctionWithBody, skipOuterExpressions } from '../core/syntax.js';
import { getQuerySite } from './query-sites.js';

/** The query runs only when parameter `parameter` (or its property at `path`) is truthy. */
export interface ParameterGuard {
  readonly parameter: number;
  readonly path: readonly string[];
}

/** The guards on `fn`'s parameters that must hold for `node` to run. */
export function getParameterGuards(node: ts.Node, fn: ts.FunctionLikeDeclaration, context: AnalysisContext): ParameterGuard[] {
  const { ts } = context;
  const guards: ParameterGuard[] = [];
  const body = fn.body;
  if (!body) return guards;
  let child: ts.Node = node;
  for (let parent = node.parent; parent && child !== body; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && parent.thenStatement === child) guards.push(...toGuards(parent.expression, fn, context, true));
    else if (ts.isIfStatement(parent) && parent.elseStatement === child) guards.push(...toGuards(parent.expression, fn, context, false));
    else if (ts.isConditionalExpression(parent) && parent.whenTrue === child) guards.push(...toGuards(parent.condition, fn, context, true));
    else if (ts.isBinaryExpression(parent) && parent.right === child && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
      guards.push(...toGuards(parent.left, fn, context, true));
    } else if (ts.isBlock(parent) || ts.isSourceFile(parent)) {
      // `if (!options?.signedUrls) return data;` before the query.
      for (const statement of parent.statements) {
        if (statement === child) break;
        if (ts.isIfStatement(statement) && !statement.elseStatement && exits(statement.thenStatement, ts)) {
          guards.push(...toGuards(statement.expression, fn, context, false));
        }
      }
    }
    if (ts.isFunctionLike(parent) && parent !== fn) break;
  }
  return guards;
}

function exits(statement: ts.Statement, typescript: typeof ts): boolean {
  if (typescript.isReturnStatement(statement) || typescript.isThrowStatement(statement)) return true;
  return typescript.isBlock(statement) && statement.statements.length > 0 && exits(statement.statements.at(-1)!, typescript);
}

/** `a && b.c` true gives guards on both; `!a || !b` false gives the same. Anything else gives none. */
function toGuards(condition: ts.Expression, fn: ts.FunctionLikeDeclaration, context: AnalysisContext, truthy: boolean): ParameterGuard[] {
  const { ts } = context;
  const node = skip(condition, ts);
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if ((truthy && operator === ts.SyntaxKind.AmpersandAmpersandToken) || (!truthy && operator === ts.SyntaxKind.BarBarToken)) {
      return [...toGuards(node.left, fn, context, truthy), ...toGuards(node.right, fn, context, truthy)];
    }
    return [];
  }
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return toGuards(node.operand, fn, context, !truthy);
  if (!truthy) return [];
  const guard = toParameterPath(node, fn, context);
  return guard ? [guard] : [];
}

/** `options`, `options.signedUrls`, `options?.signedUrls` rooted at a parameter of `fn`. */
function toParameterPath(expression: ts.Expression, fn: ts.FunctionLikeDeclaration, context: AnalysisContext): ParameterGuard | undefined {
  const { ts } = context;
  const path: string[] = [];
  let node = skip(expression, ts);
  while (ts.isPropertyAccessExpression(node)) {
    path.unshift(node.name.text);
    node = skip(node.expression, ts);
  }
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = getSymbolAt(node, context)?.valueDeclaration;
  if (!declaration || !ts.isParameter(declaration) || declaration.parent !== fn || declaration.dotDotDotToken) return undefined;
  const parameter = fn.parameters.indexOf(declaration);
  return parameter >= 0 ? { parameter, path } : undefined;
}

/** What a guard becomes at a call: never true (the caller does not pass it), a guard on the caller's own parameter, or unknown. */
export type GuardAtCall = { readonly type: 'false' } | { readonly type: 'guard'; readonly guard: ParameterGuard } | { readonly type: 'unknown' };

export function evaluateGuardAtCall(
  guard: ParameterGuard,
  call: ts.CallExpression,
  callee: ts.FunctionLikeDeclaration,
  caller: ts.FunctionLikeDeclaration | undefined,
  context: AnalysisContext,
): GuardAtCall {
  const { ts } = context;
  const parameter = callee.parameters[guard.parameter];
  if (!parameter || call.arguments.some((argument) => ts.isSpreadElement(argument))) return { type: 'unknown' };
  let value: ts.Expression | undefined = call.arguments[guard.parameter] ?? parameter.initializer;
  if (value && isUndefined(value, ts) && parameter.initializer) value = parameter.initializer;
  if (!value) return { type: 'false' };
  for (const [index, key] of guard.path.entries()) {
    value = skip(value, ts);
    if (isFalsyLiteral(value, ts)) return { type: 'false' };
    // `if (ids?.length)` with `[]` passed.
    if (ts.isArrayLiteralExpression(value) && value.elements.length === 0 && key === 'length' && index === guard.path.length - 1) return { type: 'false' };
    if (!ts.isObjectLiteralExpression(value)) {
      const rest = guard.path.slice(index);
      return toCallerGuard(value, rest, caller, context);
    }
    if (value.properties.some((property) => ts.isSpreadAssignment(property))) return { type: 'unknown' };
    const property = value.properties.find((candidate) => candidate.name && (ts.isIdentifier(candidate.name) || ts.isStringLiteral(candidate.name))
      && candidate.name.text === key);
    if (!property) return { type: 'false' };
    if (ts.isPropertyAssignment(property)) value = property.initializer;
    else if (ts.isShorthandPropertyAssignment(property)) value = property.name;
    else return { type: 'unknown' };
  }
  value = skip(value, ts);
  if (isFalsyLiteral(value, ts)) return { type: 'false' };
  return toCallerGuard(value, [], caller, context);
}

function toCallerGuard(value: ts.Expression, rest: readonly string[], caller: ts.FunctionLikeDeclaration | undefined, context: AnalysisContext): GuardAtCall {
  const inner = caller ? toParameterPath(value, caller, context) : undefined;
  return inner ? { type: 'guard', guard: { parameter: inner.parameter, path: [...inner.path, ...rest] } } : { type: 'unknown' };
}

function isUndefined(node: ts.Expression, typescript: typeof ts): boolean {
  const inner = skip(node, typescript);
  return typescript.isIdentifier(inner) && inner.text === 'undefined';
}

function isFalsyLiteral(node: ts.Expression, typescript: typeof ts): boolean {
  return isUndefined(node, typescript) || node.kind === typescript.SyntaxKind.NullKeyword || node.kind === typescript.SyntaxKind.FalseKeyword
    || (typescript.isNumericLiteral(node) && Number(node.text) === 0) || (typescript.isStringLiteral(node) && node.text === '');
}

/**
 * Is `node` behind a cache that outlives one repetition of `boundary` (a loop, or a function called per
 * element)? A miss guard on a Map or object that the code fills with results (`set`, `cache[k] =`), declared
 * outside the boundary and not cleared inside it; or a cache-miss callback (`cache.get(key, async () => …)`); or the
 * record's own eager-loaded association (`document.import ?? await document.$get('import')`).
 */
export function isMemoised(node: ts.Node, boundary: ts.Node, context: AnalysisContext): boolean {
  const { ts } = context;
  if (isLoadedAssociationFallback(node, context)) return true;
  let child: ts.Node = node;
  for (let parent = node.parent; parent && child !== boundary; child = parent, parent = parent.parent) {
    if (ts.isFunctionLike(parent) && isCacheMissCallback(parent, context)) return true;
    if (ts.isIfStatement(parent)) {
      if (parent.thenStatement === child && isCacheCheck(parent.expression, false, boundary, context)) return true;
      if (parent.elseStatement === child && isCacheCheck(parent.expression, true, boundary, context)) return true;
    }
    if (ts.isBlock(parent)) {
      for (const statement of parent.statements) {
        if (statement === child) break;
        if (ts.isIfStatement(statement) && !statement.elseStatement && leaves(statement.thenStatement, ts)
          && isCacheCheck(statement.expression, true, boundary, context)) {
          return true;
        }
      }
    }
  }
  return false;
}

const fallbackOperators = new Set(['??', '||', '??=', '||=']);

/**
 * `document.import ?? await document.$get('import')` (or `||`, `??=`, `||=`): the association's query runs only when
 * the caller did not eager-load it (`include`), which is what the code is written for, as a cache is.
 */
function isLoadedAssociationFallback(node: ts.Node, context: AnalysisContext): boolean {
  const { ts } = context;
  const association = getQuerySite(node, context)?.association;
  if (!association) return false;
  const fallback = climbOuterExpressions(node, ts, true);
  const parent = fallback.parent;
  if (!parent || !ts.isBinaryExpression(parent) || parent.right !== fallback || !fallbackOperators.has(ts.tokenToString(parent.operatorToken.kind) ?? '')) return false;
  const loaded = skipOuterExpressions(parent.left, ts);
  return ts.isPropertyAccessExpression(loaded) && loaded.name.text === association.name
    && isSameReference(skipOuterExpressions(loaded.expression, ts), skipOuterExpressions(association.record, ts), context);
}

/** `if (cache.has(k)) return cache.get(k);`, `if (seen.has(id)) continue;`. */
function leaves(statement: ts.Statement, typescript: typeof ts): boolean {
  if (typescript.isReturnStatement(statement) || typescript.isContinueStatement(statement) || typescript.isThrowStatement(statement)
    || typescript.isBreakStatement(statement)) {
    return true;
  }
  return typescript.isBlock(statement) && statement.statements.length > 0 && leaves(statement.statements.at(-1)!, typescript);
}

/** `fn` is the last argument of `x.get(key, fn)` (or `getOrSet`, `wrap`, …): it runs only on a miss. */
function isCacheMissCallback(fn: ts.SignatureDeclaration, context: AnalysisContext): boolean {
  const { ts } = context;
  let outer: ts.Node = fn;
  while (outer.parent && ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  const call = outer.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments.length < 2 || call.arguments.at(-1) !== outer) return false;
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && cacheMissCallbackMethods.includes(callee.name.text);
}

/**
 * A test of a cache: `cache.has(k)`, `cache.get(k)`, `cache[k]`, `k in cache`, or a variable read from one
 * (`const hit = cache.get(k)`). `hit` says which outcome is the hit: `if (cache.has(k))` tests for a hit,
 * `if (!cache.has(k))` for a miss.
 */
function isCacheCheck(condition: ts.Expression, hit: boolean, boundary: ts.Node, context: AnalysisContext): boolean {
  const { ts } = context;
  const node = skip(condition, ts);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return isCacheCheck(node.operand, !hit, boundary, context);
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    const comparesNullish = (side: ts.Expression) => side.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(side) && side.text === 'undefined');
    if (operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken) {
      if (comparesNullish(node.right)) return isCacheCheck(node.left, !hit, boundary, context);
    }
    if (operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken) {
      if (comparesNullish(node.right)) return isCacheCheck(node.left, hit, boundary, context);
    }
    if (operator === ts.SyntaxKind.InKeyword) return hit && isPersistentCache(node.right, boundary, context);
    // `if (!cache.has(a) && other)`: the query still runs only on a miss.
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken && !hit) {
      return isCacheCheck(node.left, hit, boundary, context) || isCacheCheck(node.right, hit, boundary, context);
    }
    return false;
  }
  // A lookup is truthy on a hit: `if (cache.has(k)) { query }` runs the query on a hit, which is no miss guard.
  const lookup = hit ? getLookupReceiver(node, context) : undefined;
  if (lookup !== undefined && isPersistentCache(lookup, boundary, context)) return true;
  return hit && isMemoisedValue(node, boundary, context);
}

/**
 * `if (roles) return roles; … roles = rows;` in a function: one value kept in a module variable or a field, which
 * the function fills, so its query runs on the first call only (until something else resets it). In a loop:
 * `let collections; for (…) { if (!collections) collections = await load(); }` loads once, on the first pass.
 */
function isMemoisedValue(node: ts.Expression, boundary: ts.Node, context: AnalysisContext): boolean {
  const { ts } = context;
  const scope = isFunctionWithBody(boundary, ts) ? boundary.body : ts.isIterationStatement(boundary, false) ? boundary : undefined;
  if (!scope) return false;
  const isField = ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword;
  if (!isField) {
    if (!ts.isIdentifier(node)) return false;
    const declaration = getSymbolAt(node, context)?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration)) return false;
    if (declaration.getSourceFile() === boundary.getSourceFile() && within(declaration, boundary)) return false;
  }
  const text = node.getText();
  let filled = false;
  let reset = false;
  const visit = (current: ts.Node): void => {
    if (ts.isBinaryExpression(current) && current.operatorToken.kind === ts.SyntaxKind.EqualsToken && skip(current.left, ts).getText() === text) {
      if (isFalsyLiteral(skip(current.right, ts), ts)) reset = true;
      else filled = true;
    }
    ts.forEachChild(current, visit);
  };
  visit(scope);
  // A function may reset its module variable (a refresh); a loop that resets it loads again on later passes.
  return filled && !(reset && scope === boundary);
}

/** The cache a lookup reads: `cache` in `cache.has(k)`, `cache.get(k)`, `cache[k]`, or behind `const hit = cache.get(k)`. */
function getLookupReceiver(node: ts.Expression, context: AnalysisContext): ts.Expression | undefined {
  const { ts } = context;
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && (node.expression.name.text === 'has' || node.expression.name.text === 'get')
    && node.arguments.length >= 1) {
    return node.expression.expression;
  }
  if (ts.isElementAccessExpression(node)) return node.expression;
  if (ts.isIdentifier(node)) {
    const declaration = getSymbolAt(node, context)?.valueDeclaration;
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
      const initializer = skip(declaration.initializer, ts);
      if (!ts.isIdentifier(initializer)) return getLookupReceiver(initializer, context);
    }
  }
  return undefined;
}

/** The cache lives outside the boundary (a field, a module variable, a parameter, a variable before the loop), is filled, and the boundary does not clear it. */
function isPersistentCache(receiver: ts.Expression, boundary: ts.Node, context: AnalysisContext): boolean {
  const { ts } = context;
  const node = skip(receiver, ts);
  const text = node.getText();
  let root: ts.Expression = node;
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = skip(root.expression, ts);
  if (ts.isIdentifier(root)) {
    const declaration = getSymbolAt(root, context)?.valueDeclaration;
    if (!declaration) return false;
    const insideBoundary = declaration.getSourceFile() === boundary.getSourceFile() && declaration.pos >= boundary.pos && declaration.end <= boundary.end
      && !(ts.isParameter(declaration) && declaration.parent === boundary);
    if (insideBoundary) return false;
  } else if (root.kind !== ts.SyntaxKind.ThisKeyword) {
    return false;
  }
  let filled = false;
  let cleared = false;
  const scope = (isFunctionWithBody(boundary, ts) ? boundary : getEnclosingFunction(boundary, ts))?.body ?? boundary.getSourceFile();
  const visit = (current: ts.Node): void => {
    if (ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression) && skip(current.expression.expression, ts).getText() === text) {
      const method = current.expression.name.text;
      // A Set that is only added to dedupes (one query per distinct element, still per element); a cache keeps results.
      if (method === 'set') filled = true;
      if (method === 'clear' && within(current, boundary)) cleared = true;
    }
    if (ts.isBinaryExpression(current) && current.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = skip(current.left, ts);
      if (ts.isElementAccessExpression(left) && skip(left.expression, ts).getText() === text) filled = true;
      if (left.getText() === text && within(current, boundary)) cleared = true;
    }
    ts.forEachChild(current, visit);
  };
  visit(scope);
  if (!filled) visit(boundary);
  return filled && !cleared;
}

function within(node: ts.Node, boundary: ts.Node): boolean {
  return node.pos >= boundary.pos && node.end <= boundary.end;
}

function skip(node: ts.Expression, typescript: typeof ts): ts.Expression {
  let current = node;
  while (typescript.isParenthesizedExpression(current) || typescript.isAsExpression(current) || typescript.isNonNullExpression(current)
    || typescript.isAwaitExpression(current)) {
    current = current.expression;
  }
  return current;
}

