/** Is a node run once per element of a collection: inside a loop body or a per-item array callback? */
import type * as ts from 'typescript';

import type { AnalysisContext, TypeScript } from '../core/analysis-context.js';

import { graphqlResolvers } from '../../knowledge/frameworks.js';
import { getCallee } from '../core/called-functions.js';
import { getDatabaseCallSites } from '../core/database-call-sites.js';
import { perElementArrayMethods, promiseChainMethods, promiseCombinators } from '../core/method-names.js';
import { isSelfContainedFunction, returnsFixedLengthArray } from '../core/self-contained.js';
import { getSymbolAt } from '../core/symbols.js';
import { climbOuterExpressions, containsNode, getEnclosingFunction, getOuterParent, skipOuterExpressions } from '../core/syntax.js';
import { getRecordChainVariable } from './record-chains.js';

/** The innermost per-element repetition around a node. */
export interface LoopContext {
  /** `loop`: a statement; `callback`: a function passed to `forEach`, `map`, …; `resolver`: a GraphQL field
   * resolver, called once per parent object of a list. */
  readonly kind: 'loop' | 'callback' | 'resolver';
  /** The loop statement or the callback function. */
  readonly node: ts.Node;
  /** What one repetition is about, for messages: the element's name in backticks, or `iteration`. */
  readonly item: string;
  /** The array method of a callback (`map`), or `Type.field` of a resolver. */
  readonly method?: string;
  /** `Promise.all` (or allSettled/any/race) when the callback's results all run at once. */
  readonly fanOut?: string;
  /** `forEach(async …)`: nobody awaits the callbacks. */
  readonly unawaited?: boolean;
  /** The loop walks a chain of records, one lookup per link (`item` names the walked variable). */
  readonly recordChain?: boolean;
}

/** Names that say a loop walks chunks or pages, not elements (each iteration is already a batch). */
const batchWalkName = /chunk|batch|page|paginat/i;

/** The innermost per-element loop or callback around `node` within its function, if any. */
export function getLoopContext(node: ts.Node, context: AnalysisContext): LoopContext | undefined {
  const { ts } = context;
  let child: ts.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isClassLike(parent) || ts.isSourceFile(parent)) return undefined;
    if (ts.isFunctionLike(parent)) {
      const callback = getPerItemCallback(parent, context);
      if (callback) return callback;
      if (!isRunInPlace(parent, context)) return getFieldResolver(parent, context);
      continue;
    }
    if (isIterationStatement(parent, ts) && parent.statement === child) {
      const loop = getPerElementLoop(parent, context);
      if (loop) return loop;
    } else if (isIterationStatement(parent, ts) && isRepeatedHeader(parent, child, ts)) {
      // `for (…; n; n = await repo.findOne(…))`, `while ((job = await …))`: the step and the test run once per link too.
      const chain = getRecordChainLoop(parent, context);
      if (chain) return chain;
    }
  }
  return undefined;
}

/**
 * A function whose body runs where it is written, as part of the enclosing code: an IIFE, a promise
 * `then`/`catch` handler, a `new Promise` executor, or a callback a database call runs once
 * (`knex.transaction(async (trx) => …)`).
 */
export function isRunInPlace(fn: ts.SignatureDeclaration, context: AnalysisContext): boolean {
  const { ts } = context;
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  const outer = climbOuterExpressions(fn, ts);
  const call = outer.parent;
  if (!call) return false;
  if (ts.isCallExpression(call) && call.expression === outer) return true;
  if (ts.isNewExpression(call) && ts.isIdentifier(call.expression) && call.expression.text === 'Promise') return true;
  if (!ts.isCallExpression(call) || !call.arguments.includes(outer as ts.Expression)) return false;
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee) && promiseChainMethods.has(callee.name.text)) return true;
  // `await retry(() => …)`, `return limit(() => …)`: a wrapper whose result is awaited runs its callback now;
  // handlers registered with `on(…)` or `setTimeout(…)` are not awaited.
  const parent = getOuterParent(call, ts);
  if (ts.isAwaitExpression(parent) || ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === climbOuterExpressions(call, ts))) return true;
  // Asked last: telling a library call can cost the type of its receiver.
  return getDatabaseCallSites(fn.getSourceFile(), context).byNode.has(call);
}

/** Root types whose resolvers run once per request, not once per parent object. */
const rootTypes = new Set<string>(graphqlResolvers.rootTypes);

/**
 * `const resolvers = { Post: { author: (post) => … } }`: a field resolver of an object type runs once per
 * parent object, so a list of 50 posts runs it 50 times (the N+1 one level up).
 */
function getFieldResolver(fn: ts.SignatureDeclaration, context: AnalysisContext): LoopContext | undefined {
  const { ts } = context;
  const field = ts.isMethodDeclaration(fn) ? fn : getOuterParent(fn, ts);
  if (!field || !(ts.isPropertyAssignment(field) || ts.isMethodDeclaration(field)) || !ts.isIdentifier(field.name)) return undefined;
  const typeObject = field.parent;
  const typeProperty = typeObject?.parent;
  if (!ts.isObjectLiteralExpression(typeObject) || !typeProperty || !ts.isPropertyAssignment(typeProperty) || !ts.isIdentifier(typeProperty.name)) return undefined;
  const typeName = typeProperty.name.text;
  if (rootTypes.has(typeName) || !/^[A-Z]/.test(typeName)) return undefined;
  const resolverMap = typeProperty.parent;
  const owner = resolverMap.parent;
  const ownerName = owner && (ts.isVariableDeclaration(owner) || ts.isPropertyAssignment(owner)) && ts.isIdentifier(owner.name) ? owner.name.text : undefined;
  if (!ownerName || !/resolvers$/i.test(ownerName)) return undefined;
  const parameter = fn.parameters[0];
  return {
    kind: 'resolver',
    node: fn,
    item: parameter && ts.isIdentifier(parameter.name) ? `\`${parameter.name.text}\`` : `\`${typeName}\``,
    method: `${typeName}.${field.name.text}`,
  };
}

/** `Promise.all` and friends: the combinator's name when `call` is one. */
export function getPromiseCombinator(call: ts.Node, typescript: TypeScript): string | undefined {
  if (!typescript.isCallExpression(call)) return undefined;
  const callee = call.expression;
  if (!typescript.isPropertyAccessExpression(callee) || !typescript.isIdentifier(callee.expression)) return undefined;
  if (callee.expression.text !== 'Promise' || !promiseCombinators.has(callee.name.text)) return undefined;
  return `Promise.${callee.name.text}`;
}

/** When `fn` is the callback of `xs.map(…)` and friends: the per-item context it gives. */
export function getPerItemCallback(fn: ts.Node, context: AnalysisContext): LoopContext | undefined {
  const { ts } = context;
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  const outer = climbOuterExpressions(fn, ts);
  const call = outer.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== outer) return undefined;
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !perElementArrayMethods.has(callee.name.text)) return undefined;
  if (isConstantCollection(callee.expression, context) || isBatchedCollection(callee.expression, context)) return undefined;
  const method = callee.name.text;
  const parameter = fn.parameters[method === 'reduce' || method === 'reduceRight' ? 1 : 0];
  const isAsync = fn.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword) ?? false;
  const fanOut = method === 'map' || method === 'flatMap' ? getFanOut(call, context) : undefined;
  return {
    kind: 'callback',
    node: fn,
    item: parameter && ts.isIdentifier(parameter.name) ? `\`${parameter.name.text}\`` : 'element',
    method,
    ...(fanOut ? { fanOut } : {}),
    ...(method === 'forEach' && isAsync ? { unawaited: true } : {}),
  };
}

/** `Promise.all(xs.map(…))`, directly or through a variable: the combinator that runs the mapped promises at once. */
export function getFanOut(mapCall: ts.Expression, context: AnalysisContext): string | undefined {
  const { ts } = context;
  const outer = climbOuterExpressions(mapCall, ts);
  const direct = getPromiseCombinator(outer.parent, ts);
  if (direct) return direct;
  const declaration = outer.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== outer || !ts.isIdentifier(declaration.name)) return undefined;
  const name = declaration.name.text;
  const scope = getEnclosingFunction(declaration, ts) ?? declaration.getSourceFile();
  let found: string | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && node.text === name && node !== declaration.name) {
      const combinator = getPromiseCombinator(getOuterParent(node, ts), ts);
      if (combinator) found = combinator;
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return found;
}

function getPerElementLoop(loop: ts.IterationStatement, context: AnalysisContext): LoopContext | undefined {
  const { ts } = context;
  const chain = getRecordChainLoop(loop, context);
  if (chain) return chain;
  if (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) {
    if (isConstantCollection(loop.expression, context) || walksBatches(loop.expression, context)) return undefined;
    return { kind: 'loop', node: loop, item: getLoopVariableName(loop.initializer, ts) };
  }
  if (ts.isForStatement(loop)) {
    return countsElements(loop, context) ? { kind: 'loop', node: loop, item: 'iteration' } : undefined;
  }
  if (ts.isWhileStatement(loop) || ts.isDoStatement(loop)) {
    return walksCollection(loop, context) ? { kind: 'loop', node: loop, item: 'iteration' } : undefined;
  }
  return undefined;
}

function getRecordChainLoop(loop: ts.IterationStatement, context: AnalysisContext): LoopContext | undefined {
  const variable = getRecordChainVariable(loop, context);
  return variable ? { kind: 'loop', node: loop, item: `\`${variable.text}\``, recordChain: true } : undefined;
}

/** The parts of a loop's header that run on every iteration: a `while`/`do` test, a `for` test and step. */
function isRepeatedHeader(loop: ts.IterationStatement, child: ts.Node, ts: TypeScript): boolean {
  if (ts.isWhileStatement(loop) || ts.isDoStatement(loop)) return loop.expression === child;
  return ts.isForStatement(loop) && (loop.condition === child || loop.incrementor === child);
}

/** `for (let i = 0; i < xs.length; i++)`: an index over elements, not a constant retry count, a page step or polling. */
function countsElements(loop: ts.ForStatement, context: AnalysisContext): boolean {
  const { ts } = context;
  const condition = loop.condition;
  if (!condition) return false;
  const step = loop.incrementor;
  if (step && isLargeStep(step, ts)) return false;
  if (hasConstantBound(loop, context)) return false;
  const bound = getUpperBound(condition, ts);
  if (bound && walksBatches(bound, context)) return false;
  return !dependsOnLoopResults(condition, loop.statement, context);
}

/**
 * `for (let attempt = 1; attempt <= 10; attempt++)`, `i < tables.length` with `const tables = ['a', 'b']`: the loop
 * runs a constant number of times (retries, a fixed list), whatever the data.
 */
export function hasConstantBound(loop: ts.ForStatement, context: AnalysisContext): boolean {
  const { ts } = context;
  const bound = loop.condition && getUpperBound(loop.condition, ts);
  if (!bound) return false;
  if (isConstantNumber(bound, context)) return true;
  const measured = skipOuterExpressions(bound, ts);
  return ts.isPropertyAccessExpression(measured) && measured.name.text === 'length' && isConstantCollection(measured.expression, context);
}

/** `i < n`, `i <= n`, `n > i`: the side of the comparison that bounds the counter. */
function getUpperBound(condition: ts.Expression, ts: TypeScript): ts.Expression | undefined {
  if (!ts.isBinaryExpression(condition)) return undefined;
  const operator = condition.operatorToken.kind;
  if (operator === ts.SyntaxKind.LessThanToken || operator === ts.SyntaxKind.LessThanEqualsToken) return condition.right;
  if (operator === ts.SyntaxKind.GreaterThanToken || operator === ts.SyntaxKind.GreaterThanEqualsToken) return condition.left;
  return undefined;
}

/** `while (queue.length)` with `queue.shift()`, `while (i < xs.length)`: a walk over a collection, not polling or paging. */
function walksCollection(loop: ts.WhileStatement | ts.DoStatement, context: AnalysisContext): boolean {
  const { ts } = context;
  const walks = containsNode(loop.expression, (node) => ts.isPropertyAccessExpression(node) && (node.name.text === 'length' || node.name.text === 'size'), ts);
  let takesOneElement = false;
  let takesChunk = false;
  const visitBody = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)
      && (node.expression.name.text === 'shift' || node.expression.name.text === 'pop') && node.arguments.length === 0) {
      takesOneElement = true;
    }
    // `const part = queue.splice(0, 500)`: each iteration takes a chunk, not an element.
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'splice'
      && node.arguments.length === 2 && node.arguments[1] && !isLiteralOne(node.arguments[1], context)) {
      takesChunk = true;
    }
    ts.forEachChild(node, visitBody);
  };
  visitBody(loop.statement);
  if (takesChunk && !takesOneElement) return false;
  if (!walks && !takesOneElement) return false;
  return !dependsOnLoopResults(loop.expression, loop.statement, context);
}

/**
 * Does the loop condition read a variable the body assigns from its own work (`hasMore = rows.length === size`,
 * `cursor = page.next`)? Then the loop pages or polls: it runs as often as the data says, not once per element.
 * Counter updates (`i++`, `i += 1`) do not count.
 */
function dependsOnLoopResults(condition: ts.Expression, body: ts.Statement, context: AnalysisContext): boolean {
  const { ts } = context;
  const names = new Set<string>();
  const collect = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, collect);
  };
  collect(condition);
  let depends = false;
  const visit = (node: ts.Node): void => {
    if (depends || ts.isFunctionLike(node)) return;
    if (ts.isBinaryExpression(node) && isAssignment(node.operatorToken.kind, ts) && !isCounterUpdate(node, ts)) {
      const assigned: string[] = [];
      collectAssignedNames(node.left, ts, assigned);
      if (assigned.some((name) => names.has(name))) depends = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return depends;
}

function isAssignment(kind: ts.SyntaxKind, ts: TypeScript): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

function isCounterUpdate(node: ts.BinaryExpression, ts: TypeScript): boolean {
  const kind = node.operatorToken.kind;
  return (kind === ts.SyntaxKind.PlusEqualsToken || kind === ts.SyntaxKind.MinusEqualsToken) && ts.isNumericLiteral(node.right) && node.right.text === '1';
}

function collectAssignedNames(target: ts.Node, ts: TypeScript, names: string[]): void {
  if (ts.isIdentifier(target)) {
    names.push(target.text);
    return;
  }
  if (ts.isPropertyAccessExpression(target)) {
    collectAssignedNames(target.expression, ts, names);
    return;
  }
  ts.forEachChild(target, (child) => collectAssignedNames(child, ts, names));
}

/** `i += pageSize`: the loop steps over pages or chunks. */
function isLargeStep(step: ts.Expression, ts: TypeScript): boolean {
  if (!ts.isBinaryExpression(step)) return false;
  const kind = step.operatorToken.kind;
  if (kind !== ts.SyntaxKind.PlusEqualsToken && kind !== ts.SyntaxKind.MinusEqualsToken) return false;
  return !(ts.isNumericLiteral(step.right) && step.right.text === '1');
}

/** `[a, b]`, a `const` holding an array or object literal, `Object.keys(literal)`: a fixed, small set. */
export function isConstantCollection(expression: ts.Expression, context: AnalysisContext): boolean {
  const { ts } = context;
  const node = skipOuterExpressions(expression, ts);
  // `[...Array(5)]`: spreading a constant-length array is a constant count too.
  if (ts.isArrayLiteralExpression(node)) {
    return node.elements.every((element) => !ts.isSpreadElement(element) || isConstantLengthArray(element.expression, context)
      || isConstantCollection(element.expression, context));
  }
  if (isConstantLengthArray(node, context)) return true;
  // `await Promise.all(STAGES.map(create))`: as many settled results as the constant collection has elements.
  if (ts.isAwaitExpression(node)) return isConstantCollection(node.expression, context);
  const combinator = getPromiseCombinator(node, ts);
  if (combinator && lengthKeepingCombinators.has(combinator) && ts.isCallExpression(node) && node.arguments[0]) {
    return isConstantCollection(node.arguments[0], context);
  }
  if (ts.isObjectLiteralExpression(node)) return node.properties.every((property) => !ts.isSpreadAssignment(property));
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ts.isIdentifier(node.expression.expression)
    && node.expression.expression.text === 'Object' && node.arguments[0]) {
    return isConstantCollection(node.arguments[0], context);
  }
  // A subset or copy of a constant collection: `STATUSES.filter(…)`, `unique([a, b])`, `new Set([a, b])`.
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && subsetMethods.has(node.expression.name.text)) {
    return isConstantCollection(node.expression.expression, context);
  }
  if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments?.[0]) {
    const name = ts.isIdentifier(node.expression) ? node.expression.text
      : ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : undefined;
    if (name && copyFunctions.has(name) && node.arguments.length === 1) return isConstantCollection(node.arguments[0], context);
  }
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
    const fn = getCallee(node, context);
    // `legacyIds(orgId)` returning `[a + orgId, b + orgId]`: a fixed number of elements whatever the arguments.
    if (fn && returnsFixedLengthArray(fn, context)) return true;
    // `cartesianProduct([false, true], ['a', 'b'])`: a self-contained function of constant collections only.
    return fn !== undefined && node.arguments.length > 0 && isSelfContainedFunction(fn, context)
      && node.arguments.every((argument) => !ts.isSpreadElement(argument) && isConstantCollection(argument, context));
  }
  if (ts.isIdentifier(node)) {
    const symbol = getSymbolSafely(node, context);
    const declaration = symbol?.valueDeclaration;
    if (declaration && ts.isEnumDeclaration(declaration)) return true;
    const initializer = getConstInitializer(node, context);
    // `const items = []; … items.push(row)`: a const binding, but the array fills from data.
    if (initializer !== undefined) return isConstantCollection(initializer, context) && !isFilledLater(node, context);
    // A `let`, `var` or parameter the analysis sees may hold anything (`let ids = [1, 2]; ids = await load()`).
    if (declaration && (ts.isVariableDeclaration(declaration) || ts.isParameter(declaration))) return false;
    // `for (const table of TABLES)`: an imported constant the analysis cannot see (untyped) is named like one.
    return constantName.test(node.text);
  }
  return false;
}

/** `Array(5)`, `new Array(5)`, `Array.from({ length: 5 })`, optionally `.fill(…)`: a constant number of slots. */
function isConstantLengthArray(expression: ts.Expression, context: AnalysisContext): boolean {
  const { ts } = context;
  let node = skipOuterExpressions(expression, ts);
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'fill') {
    node = skipOuterExpressions(node.expression.expression, ts);
  }
  if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'Array') {
    const [length] = node.arguments ?? [];
    return node.arguments?.length === 1 && length !== undefined && isConstantNumber(length, context);
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ts.isIdentifier(node.expression.expression)
    && node.expression.expression.text === 'Array' && node.expression.name.text === 'from') {
    const [source] = node.arguments;
    if (source && ts.isObjectLiteralExpression(source)) {
      const length = source.properties.find((property) => ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && property.name.text === 'length');
      return length !== undefined && ts.isPropertyAssignment(length) && isConstantNumber(length.initializer, context);
    }
  }
  return false;
}

/** Is the array a `const` names filled after its declaration (`push`, `unshift`, `splice`, `xs[i] = …`)? */
function isFilledLater(identifier: ts.Identifier, context: AnalysisContext): boolean {
  const { ts } = context;
  const symbol = getSymbolSafely(identifier, context);
  const declaration = symbol?.valueDeclaration;
  if (!symbol || !declaration) return false;
  let scope: ts.Node = declaration;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  let filled = false;
  const isSame = (node: ts.Expression): boolean => ts.isIdentifier(node) && node.text === identifier.text && getSymbolSafely(node, context) === symbol;
  const visit = (node: ts.Node): void => {
    if (filled) return;
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && fillingMethods.has(node.expression.name.text)
      && isSame(skipOuterExpressions(node.expression.expression, ts))) {
      filled = true;
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(node.left)
      && isSame(skipOuterExpressions(node.left.expression, ts))) {
      filled = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return filled;
}

const fillingMethods = new Set(['push', 'unshift', 'splice']);

/** Combinators whose result has one entry per promise given (not `race` or `any`). */
const lengthKeepingCombinators = new Set(['Promise.all', 'Promise.allSettled']);

/** Array methods that give a subset or a copy of their receiver. */
const subsetMethods = new Set(['filter', 'map', 'slice', 'concat', 'reverse', 'toReversed', 'toSorted', 'sort', 'values', 'keys', 'entries']);
/** Functions and constructors that copy or deduplicate a collection: `unique([a, b])`, `new Set([a, b])`. */
const copyFunctions = new Set(['unique', 'uniq', 'uniqBy', 'compact', 'Set', 'from']);

const constantName = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$|^[A-Z]{2,}[0-9]*$/;

function isConstantNumber(expression: ts.Expression, context: AnalysisContext): boolean {
  const { ts } = context;
  const node = skipOuterExpressions(expression, ts);
  if (ts.isNumericLiteral(node)) return true;
  // `attempt < (shouldRetry ? MAX_ATTEMPTS : 1)`: a retry bound either way.
  if (ts.isConditionalExpression(node)) return isConstantNumber(node.whenTrue, context) && isConstantNumber(node.whenFalse, context);
  if (ts.isIdentifier(node)) {
    const initializer = getConstInitializer(node, context) ?? getParameterDefault(node, context);
    return initializer !== undefined && ts.isNumericLiteral(initializer);
  }
  return false;
}

/** `retries = 3` in a parameter list: a bound the caller rarely changes. */
function getParameterDefault(identifier: ts.Identifier, context: AnalysisContext): ts.Expression | undefined {
  const { ts } = context;
  const declaration = getSymbolSafely(identifier, context)?.valueDeclaration;
  return declaration && ts.isParameter(declaration) && declaration.initializer ? skipOuterExpressions(declaration.initializer, ts) : undefined;
}

function getSymbolSafely(identifier: ts.Identifier, context: AnalysisContext): ts.Symbol | undefined {
  const { ts, checker } = context;
  try {
    const symbol = getSymbolAt(identifier, context);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias && context.typed) return checker.getAliasedSymbol(symbol);
    return symbol;
  } catch {
    return undefined;
  }
}

/** The initializer of the `const` an identifier names (parentheses and `as const` stripped). */
function getConstInitializer(identifier: ts.Identifier, context: AnalysisContext): ts.Expression | undefined {
  const { ts } = context;
  const declaration = getSymbolSafely(identifier, context)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  if (!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return undefined;
  return skipOuterExpressions(declaration.initializer, ts);
}

/**
 * `for (const chunk of chunks)`, `for (const page of pages(…))`, `chunk(ids, 100).map(…)`, `i < batches.length`:
 * each iteration is already a batch. A chunk size of 1 is one element per iteration again.
 */
function walksBatches(expression: ts.Expression, context: AnalysisContext): boolean {
  const { ts } = context;
  let node = skipOuterExpressions(expression, ts);
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'length') node = skipOuterExpressions(node.expression, ts);
  // `batches.entries()`: the same batches, numbered.
  if (ts.isCallExpression(node) && node.arguments.length === 0 && ts.isPropertyAccessExpression(node.expression)
    && ['entries', 'values'].includes(node.expression.name.text)) {
    node = skipOuterExpressions(node.expression.expression, ts);
  }
  if (ts.isCallExpression(node) && node.arguments.some((argument) => isLiteralOne(argument, context))) return false;
  if (ts.isIdentifier(node)) {
    const initializer = getConstInitializer(node, context);
    if (initializer && ts.isCallExpression(initializer)) return walksBatches(initializer, context) || batchWalkName.test(node.text) && !hasLiteralOne(initializer, context);
  }
  const name = ts.isIdentifier(node) ? node.text
    : ts.isPropertyAccessExpression(node) ? node.name.text
      : ts.isCallExpression(node) ? getCalleeName(node.expression, ts) : undefined;
  return name !== undefined && batchWalkName.test(name);
}

/**
 * For callbacks, only a collection built by a batching call counts (`chunk(rows, 1000).map(…)`, a `const`
 * holding one): a property named `chunks` (`response.chunks.map(…)`) is as likely the data itself.
 */
function isBatchedCollection(expression: ts.Expression, context: AnalysisContext): boolean {
  const { ts } = context;
  const node = skipOuterExpressions(expression, ts);
  if (ts.isCallExpression(node)) return walksBatches(node, context);
  const initializer = ts.isIdentifier(node) ? getConstInitializer(node, context) : undefined;
  return initializer !== undefined && ts.isCallExpression(initializer) && walksBatches(initializer, context);
}

function hasLiteralOne(call: ts.CallExpression, context: AnalysisContext): boolean {
  return call.arguments.some((argument) => isLiteralOne(argument, context));
}

/** `1`, or a `const` holding it: a chunk size that batches nothing. */
function isLiteralOne(expression: ts.Expression, context: AnalysisContext): boolean {
  const { ts } = context;
  const node = skipOuterExpressions(expression, ts);
  if (ts.isNumericLiteral(node)) return Number(node.text) === 1;
  const initializer = ts.isIdentifier(node) ? getConstInitializer(node, context) : undefined;
  return initializer !== undefined && ts.isNumericLiteral(initializer) && Number(initializer.text) === 1;
}

function getCalleeName(callee: ts.Expression, ts: TypeScript): string | undefined {
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

function getLoopVariableName(initializer: ts.ForInitializer, ts: TypeScript): string {
  if (ts.isVariableDeclarationList(initializer)) {
    const name = initializer.declarations[0]?.name;
    if (name && ts.isIdentifier(name)) return `\`${name.text}\``;
    return 'element';
  }
  return ts.isIdentifier(initializer) ? `\`${initializer.text}\`` : 'element';
}

function isIterationStatement(node: ts.Node, ts: TypeScript): node is ts.IterationStatement {
  return ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node);
}

