/**
 * Where a query takes its connection: through a held connection (a transaction handle, a checked-out client), or
 * from a root object (a pool, a client, an ORM) that must take one from its pool. Roots are compared by the
 * declaration they come from, so `db` here and `db` imported in a helper's file are the same pool.
 */
import path from 'node:path';

import type * as ts from 'typescript';

import type { LibraryDefinition } from '../../knowledge/library-definition.js';
import type { AnalysisContext, TypeScript } from '../core/analysis-context.js';
import type { ForwardedOptions } from './forwarded-options.js';

import { createContextMemo } from '../core/context-memo.js';
import { mayNameValue } from '../core/declared-names.js';
import { getDatabaseCallSites } from '../core/database-call-sites.js';
import { getCallTarget, getFunctionDeclaration, resolveExpression } from '../core/resolve.js';
import { getConstructorArguments } from '../core/constructor-arguments.js';
import { getTypeOf } from '../core/constructed-types.js';
import { getFactoryArgument } from '../core/memoised-factories.js';
import { findComposedMember } from '../core/mixins.js';
import { getShorthandValueSymbol } from '../core/property-sources.js';
import { followAlias, getSymbol } from '../core/symbols.js';
import { findThisAssignments, getMemberName, getReturnedExpressions, isAssignmentOperator, isNullishLiteral, skipOuterExpressions } from '../core/syntax.js';
import { getCallee } from '../core/called-functions.js';
import { mayAssignMember } from './assigned-member-names.js';
import { isToolingTransactionHandle } from './tooling-transactions.js';
import { getForwardedOptions, mayPassOption } from './forwarded-options.js';
import { getForwardedCallback } from './transaction-wrappers.js';

export type ConnectionRoot =
  /** A held connection or open transaction: no second connection. */
  | { readonly type: 'handle'; readonly symbol?: ts.Symbol }
  /** The query says which transaction to join (`.transacting(trx)`, `{ transaction: t }`). */
  | { readonly type: 'joined' }
  /** A root object. `constructed`: its declaration builds the pool (`new Pool()`, `knex(…)`), so two different
   * constructed roots are two pools; an injected or imported one may be any pool of its library. */
  | { readonly type: 'object'; readonly key: string; readonly constructed: boolean; readonly expression: ts.Expression; readonly via?: string }
  /** In a summarized helper: whatever its caller passes as parameter `index` (or the default when it passes nothing).
   * With `option`, the parameter is options the helper spreads into its query (forwarded-options): the caller's
   * transaction when they may carry that option, else `fallback`, the query's own root. */
  | { readonly type: 'parameter'; readonly index: number; readonly fallback?: ConnectionRoot; readonly option?: string };

type ObjectRoot = Extract<ConnectionRoot, { readonly type: 'object' }>;

export interface RootOptions {
  /** The helper being summarized: its parameters are resolved at each call. */
  readonly summarized?: ts.FunctionLikeDeclaration;
  /** The library of the query, for its join methods and options. */
  readonly library: LibraryDefinition;
  /** An options object that spreads the summarized helper's own options (forwarded-options): the caller decides. */
  readonly forwardedOptions?: ts.Expression;
}

const maxDepth = 10;
const constructedFields = createContextMemo<ts.PropertyDeclaration, boolean>();
const constructedSignatures = createContextMemo<ts.PropertySignature, boolean>();

/** The root an expression's connection comes from, or undefined when it cannot be told. */
export function getConnectionRoot(expression: ts.Expression, options: RootOptions, context: AnalysisContext, depth = 0): ConnectionRoot | undefined {
  if (depth > maxDepth) return undefined;
  const { ts } = context;
  const node = skipOuterExpressions(expression, ts);
  const next = (inner: ts.Expression): ConnectionRoot | undefined => getConnectionRoot(inner, options, context, depth + 1);
  if (ts.isAwaitExpression(node)) return next(node.expression);
  if (ts.isTaggedTemplateExpression(node)) return next(node.tag);
  if (ts.isCallExpression(node)) {
    const forwarded = getOptionsForwardedFrom(node, options, context);
    if (forwarded) {
      const own = getConnectionRoot(node, { ...options, forwardedOptions: forwarded.argument }, context, depth + 1);
      return own && { type: 'parameter', index: forwarded.index, option: forwarded.option, fallback: own };
    }
    if (joinsByOption(node, options, context)) return { type: 'joined' };
    const helper = getCallee(node, context);
    const factory = getFactoryFunction(node, helper, context);
    if (factory) return getFactoryRoot(factory, options, context, depth);
    if (helper) return getReturnedRoot(helper, node, options, context, depth);
    // `this.db('jobs')`: the field's pool is called, not a method of `this`.
    const callee = skipOuterExpressions(node.expression, ts);
    const calledField = getConstructedFieldRoot(callee, context) ?? (isCalledField(callee, context) ? next(callee) : undefined);
    if (calledField) return calledField;
    const member = getMemberName(skipOuterExpressions(node.expression, ts), ts);
    if (member) {
      if (options.library.transactions?.joinMethods?.includes(member.name)) return { type: 'joined' };
      const inner = next(member.object);
      const via = options.library.transactions?.implicitJoinExceptVia?.includes(member.name) ? member.name : undefined;
      return via && inner?.type === 'object' ? { ...inner, via } : inner;
    }
    return next(node.expression);
  }
  if (ts.isElementAccessExpression(node) && !ts.isStringLiteralLike(node.argumentExpression)) return next(node.expression);
  if (node.kind === ts.SyntaxKind.ThisKeyword) {
    const owner = getEnclosingClass(node, ts);
    // In a static member `this` is the class: named so in messages (`the pool of \`Collection\``).
    const shown = owner?.name && isInStaticMember(node, owner, ts) ? owner.name : node;
    return owner ? { type: 'object', key: toKey(owner), constructed: false, expression: shown } : undefined;
  }
  if (ts.isIdentifier(node) || (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword)) {
    return getNamedRoot(node, options, context, depth);
  }
  const field = getConstructedFieldRoot(node, context);
  if (field) return field;
  const member = getMemberName(node, ts);
  if (member) {
    const passed = getPassedMemberRoot(member.object, member.name, options, context, depth);
    return passed ? { ...passed, expression: node } : next(member.object);
  }
  if (ts.isConditionalExpression(node)) return combine(next(node.whenTrue), next(node.whenFalse));
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken) {
      const left = next(node.left);
      if (left?.type === 'parameter' && !left.fallback) return { ...left, fallback: next(node.right) };
      return combine(left, next(node.right));
    }
  }
  return undefined;
}

/** A project function's result (`this.applyFilters(query)`, `getDb()`): the root of what it returns, with its
 * parameters read as what the call passes; unknown when its returns disagree. */
function getReturnedRoot(fn: ts.FunctionLikeDeclaration, call: ts.CallExpression, options: RootOptions, context: AnalysisContext, depth: number): ConnectionRoot | undefined {
  const { ts } = context;
  // `return null` (nothing found) takes no connection: the other returns decide.
  const returned = getReturnedExpressions(fn, ts).filter((expression) => !isNullishLiteral(expression, ts));
  let root: ConnectionRoot | undefined;
  for (const expression of returned) {
    let inner = getConnectionRoot(expression, { library: options.library, summarized: fn }, context, depth + 1);
    if (inner?.type === 'parameter') inner = getPassedParameterRoot(inner, call, options, context, depth);
    if (!inner) return undefined;
    root = root ? combine(root, inner) : inner;
    if (!root) return undefined;
  }
  return root;
}

/** The function whose result a memoising call returns (`remember('db', () => …)`), when it has a body. */
function getFactoryFunction(call: ts.CallExpression, helper: ts.FunctionLikeDeclaration | undefined, context: AnalysisContext): ts.FunctionLikeDeclaration | undefined {
  const factory = getFactoryArgument(call, helper, context);
  const fn = factory ? getFunctionDeclaration(factory, context) : undefined;
  return fn?.body ? fn : undefined;
}

/** What a factory returns, when every return agrees on one root (its parameters are the wrapper's, not ours). */
function getFactoryRoot(factory: ts.FunctionLikeDeclaration, options: RootOptions, context: AnalysisContext, depth: number): ConnectionRoot | undefined {
  let root: ConnectionRoot | undefined;
  for (const expression of getReturnedExpressions(factory, context.ts)) {
    const inner = getConnectionRoot(expression, options, context, depth + 1);
    if (!inner || inner.type === 'parameter') return undefined;
    root = root ? combine(root, inner) : inner;
    if (!root) return undefined;
  }
  return root;
}

/** `trx ?? db` in a transaction is the transaction; `transaction ? transaction : this.knex` in a helper is what the
 * caller passes, else the root; two sides with one root are that root. */
function combine(left: ConnectionRoot | undefined, right: ConnectionRoot | undefined): ConnectionRoot | undefined {
  if (left?.type === 'handle' || left?.type === 'joined') return left;
  if (right?.type === 'handle' || right?.type === 'joined') return right;
  if (left?.type === 'parameter') return left.fallback ? left : { ...left, ...(right ? { fallback: right } : {}) };
  if (right?.type === 'parameter') return right.fallback ? right : { ...right, ...(left ? { fallback: left } : {}) };
  if (left?.type === 'object' && right?.type === 'object' && left.key === right.key) return left;
  return undefined;
}

function getNamedRoot(node: ts.Identifier | ts.PropertyAccessExpression, options: RootOptions, context: AnalysisContext, depth: number): ConnectionRoot | undefined {
  const { ts } = context;
  // `{ db }`: the name's own symbol is the property's; the root is the variable's.
  const shorthand = ts.isIdentifier(node) && ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node ? node.parent : undefined;
  const symbol = shorthand ? followAlias(getShorthandValueSymbol(shorthand, context), context) : getSymbol(node, context);
  if (!symbol && ts.isPropertyAccessExpression(node)) return getComposedMemberRoot(node, options, context, depth);
  const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  if (!symbol || !declaration) return undefined;
  if (isHeldConnection(node, declaration, context)) return { type: 'handle', symbol };
  const next = (inner: ts.Expression): ConnectionRoot | undefined => getConnectionRoot(inner, options, context, depth + 1);
  if (ts.isParameter(declaration)) {
    if (isToolingTransactionHandle(declaration, options.library, context)) return { type: 'handle', symbol };
    const fn = declaration.parent;
    if (options.summarized && fn === options.summarized) {
      const index = fn.parameters.indexOf(declaration);
      const fallback = declaration.initializer ? next(declaration.initializer) : undefined;
      return { type: 'parameter', index, ...(fallback ? { fallback } : {}) };
    }
    // A callback's parameter is whatever the function it is given to passes: the transaction's handle as often as a
    // root (`runLocked(trx, async (manager) => …)`).
    if (isCallbackArgument(fn, ts)) return undefined;
    // What every `new` of the class passes, when each is the same root (`new Service(knex(config))`).
    const passed = ts.isConstructorDeclaration(fn) ? getPassedRoot(declaration, options, context, depth) : undefined;
    if (passed) return { ...passed, expression: node };
    // A constructor's parameter property (`constructor(private db: Knex)`) is injected.
    return { type: 'object', key: toKey(declaration), constructed: false, expression: node };
  }
  if (ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration)) {
    const initializer = declaration.initializer;
    if (!initializer) {
      const constructed = ts.isPropertyDeclaration(declaration) && isConstructedByItsClass(declaration, context);
      // `this.db = db` from the constructor: the pools its `new`s hand in, when the code shows each one built.
      const assigned = !constructed && ts.isPropertyDeclaration(declaration) ? getFieldAssignmentsRoot(declaration, options, context, depth) : undefined;
      if (assigned) return { ...assigned, expression: node };
      return { type: 'object', key: toKey(declaration), constructed, expression: node };
    }
    if (isPoolConstruction(initializer, context)) return { type: 'object', key: toKey(declaration), constructed: true, expression: node };
    const inner = next(initializer);
    if (inner) return inner;
    // `const db = {}` that a model loader fills (`db[model.name] = model`): its models are the ORM's, of any of its pools.
    if (isFilledCollection(initializer, node, context)) return { type: 'object', key: toKey(declaration), constructed: false, expression: node };
    if (!isProjectInstance(initializer, options, context, depth)) return undefined;
    // `const db = new KnexDatabase()` whose field holds the pool: queries through `db.knex` share that one pool.
    return { type: 'object', key: toKey(declaration), constructed: false, expression: node };
  }
  if (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration)) {
    return { type: 'object', key: toImportKey(declaration, ts), constructed: false, expression: node };
  }
  if (ts.isBindingElement(declaration)) {
    const passed = getPassedPropertyRoot(declaration, options, context, depth);
    if (passed) return { ...passed, expression: node };
  }
  if (ts.isClassDeclaration(declaration) || ts.isBindingElement(declaration) || ts.isPropertySignature(declaration)) {
    return { type: 'object', key: toKey(declaration), constructed: false, expression: node };
  }
  if (isThisAssignment(declaration, ts) || (ts.isBinaryExpression(declaration) && isThisAssignment(declaration.left, ts))) {
    return getAssignedFieldRoot(node, symbol, options, context, depth);
  }
  return undefined;
}

function isFilledCollection(initializer: ts.Expression, node: ts.Expression, context: AnalysisContext): boolean {
  return context.ts.isObjectLiteralExpression(skipOuterExpressions(initializer, context.ts)) && resolveExpression(node, context)?.type === 'object';
}

/** The root each `new` of the constructor's class passes for the parameter, when they agree on one root object, or
 * when each passes a pool the code builds (then the root is any of those pools). */
function getPassedRoot(parameter: ts.ParameterDeclaration, options: RootOptions, context: AnalysisContext, depth: number): ObjectRoot | undefined {
  const roots: ConnectionRoot[] = [];
  for (const argument of getConstructorArguments(parameter, context) ?? []) {
    const inner = getConnectionRoot(argument, { library: options.library }, context, depth + 1);
    if (inner?.type !== 'object') return undefined;
    roots.push(inner);
  }
  return mergePassed(roots);
}

/** `constructor({ db }: Options)`: the `db` property each `new` of the class passes in an object literal, when each is
 * a pool the code builds. */
function getPassedPropertyRoot(element: ts.BindingElement, options: RootOptions, context: AnalysisContext, depth: number): ObjectRoot | undefined {
  const { ts } = context;
  const parameter = element.parent.parent;
  const name = element.propertyName ?? element.name;
  if (!ts.isObjectBindingPattern(element.parent) || !ts.isParameter(parameter) || element.dotDotDotToken
    || !(ts.isIdentifier(name) || ts.isStringLiteralLike(name))) return undefined;
  return getPassedOptionRoot(parameter, name.text, options, context, depth);
}

/** `constructor(options) { this.db = options.db }`: the same, read through the parameter. */
function getPassedMemberRoot(object: ts.Expression, name: string, options: RootOptions, context: AnalysisContext, depth: number): ObjectRoot | undefined {
  const { ts } = context;
  const node = skipOuterExpressions(object, ts);
  const declaration = ts.isIdentifier(node) ? getSymbol(node, context)?.valueDeclaration : undefined;
  return declaration && ts.isParameter(declaration) && ts.isIdentifier(declaration.name) ? getPassedOptionRoot(declaration, name, options, context, depth) : undefined;
}

/** The `name` property of the object literal each `new` of the constructor's class passes for the parameter
 * (`new Scheduler({ db: queueDb })`, `new Scheduler({ db })`), when each is a pool the code builds. */
function getPassedOptionRoot(parameter: ts.ParameterDeclaration, name: string, options: RootOptions, context: AnalysisContext, depth: number): ObjectRoot | undefined {
  const { ts } = context;
  if (!ts.isConstructorDeclaration(parameter.parent)) return undefined;
  const roots: ConnectionRoot[] = [];
  for (const argument of getConstructorArguments(parameter, context) ?? []) {
    const value = getLiteralProperty(argument, name, ts);
    const inner = value ? getConnectionRoot(value, { library: options.library }, context, depth + 1) : undefined;
    if (inner?.type !== 'object' || !inner.constructed) return undefined;
    roots.push(inner);
  }
  return mergePassed(roots);
}

/** The value an object literal gives a property: the initializer, or a shorthand's name; undefined when the literal
 * spreads or lacks it. */
function getLiteralProperty(expression: ts.Expression, name: string, typescript: typeof ts): ts.Expression | undefined {
  const literal = skipOuterExpressions(expression, typescript);
  if (!typescript.isObjectLiteralExpression(literal) || literal.properties.some((property) => typescript.isSpreadAssignment(property))) return undefined;
  const property = literal.properties.find((candidate) => candidate.name !== undefined && (typescript.isIdentifier(candidate.name) || typescript.isStringLiteralLike(candidate.name)) && candidate.name.text === name);
  if (property && typescript.isPropertyAssignment(property)) return property.initializer;
  return property && typescript.isShorthandPropertyAssignment(property) ? property.name : undefined;
}

/** The values an object literal's properties are given (`{ db: trx }`, `{ trx }`), for a handle passed inside one. */
export function getLiteralPropertyValues(expression: ts.Expression, typescript: typeof ts): readonly ts.Expression[] {
  const literal = skipOuterExpressions(expression, typescript);
  if (!typescript.isObjectLiteralExpression(literal)) return [];
  return literal.properties.flatMap((property) => typescript.isPropertyAssignment(property) ? [property.initializer]
    : typescript.isShorthandPropertyAssignment(property) ? [property.name] : []);
}

/** A field with no initializer that the class assigns (`this.db = db`): the pools the assignments hand it, when each
 * is one the code builds; undefined otherwise (it may hold any pool of its library). */
function getFieldAssignmentsRoot(field: ts.PropertyDeclaration, options: RootOptions, context: AnalysisContext, depth: number): ObjectRoot | undefined {
  const assigned = getThisAssignments(field, context.ts);
  if (!assigned) return undefined;
  const roots: ConnectionRoot[] = [];
  for (const value of assigned) {
    const inner = getConnectionRoot(value, { library: options.library }, context, depth + 1);
    if (inner?.type !== 'object' || !inner.constructed) return undefined;
    roots.push(inner);
  }
  return mergePassed(roots);
}

/** One root when all are the same; any of several pools the code builds when each is constructed (keys joined by
 * `|`, which isSamePool reads as a set); else undefined. */
function mergePassed(roots: readonly ConnectionRoot[]): ObjectRoot | undefined {
  const [first] = roots;
  if (!first || first.type !== 'object') return undefined;
  const objects = roots.filter((root): root is ObjectRoot => root.type === 'object');
  if (objects.length !== roots.length) return undefined;
  if (objects.every((root) => root.key === first.key)) return first;
  if (!objects.every((root) => root.constructed)) return undefined;
  const keys = [...new Set(objects.flatMap((root) => root.key.split('|')))].sort();
  return { type: 'object', key: keys.join('|'), constructed: true, expression: first.expression };
}

/** `this.db` holds a value (a field, JavaScript's `this.db = db`, a parameter property), not a method of `this`. */
function isCalledField(callee: ts.Expression, context: AnalysisContext): boolean {
  const { ts } = context;
  if (!ts.isPropertyAccessExpression(callee) || callee.expression.kind !== ts.SyntaxKind.ThisKeyword) return false;
  const symbol = getSymbol(callee, context);
  const declarations = symbol ? symbol.declarations ?? [] : [findComposedMember(callee, context)];
  return declarations.length > 0 && declarations.every((declaration) => declaration !== undefined
    && (ts.isPropertyDeclaration(declaration) ? !declaration.initializer || !isFunctionValue(declaration.initializer, ts)
      : isThisAssignment(ts.isBinaryExpression(declaration) ? declaration.left : declaration, ts) || ts.isParameter(declaration)));
}

function isFunctionValue(node: ts.Expression, typescript: typeof ts): boolean {
  const inner = skipOuterExpressions(node, typescript);
  return typescript.isArrowFunction(inner) || typescript.isFunctionExpression(inner);
}

/** JavaScript's field, declared by `this.database = database` (in the constructor or elsewhere): the root every
 * assignment agrees on. */
function getAssignedFieldRoot(node: ts.Expression, symbol: ts.Symbol, options: RootOptions, context: AnalysisContext, depth: number): ConnectionRoot | undefined {
  const root = getAgreedAssignedRoot(symbol, options, context, depth);
  return root?.type === 'object' ? { ...root, expression: node } : root;
}

function getAgreedAssignedRoot(symbol: ts.Symbol, options: RootOptions, context: AnalysisContext, depth: number): ConnectionRoot | undefined {
  const { ts } = context;
  let root: ConnectionRoot | undefined;
  for (const declaration of symbol.declarations ?? []) {
    // The binder names the assignment itself, or its left side.
    const left = ts.isBinaryExpression(declaration) ? declaration.left : declaration;
    if (!isThisAssignment(left, ts)) return undefined;
    const inner = getConnectionRoot(left.parent.right, options, context, depth + 1);
    if (!inner) return undefined;
    root = root ? combine(root, inner) : inner;
    if (!root) return undefined;
  }
  return root;
}

function isThisAssignment(declaration: ts.Node, typescript: typeof ts): declaration is ts.PropertyAccessExpression & { readonly parent: ts.BinaryExpression } {
  return typescript.isPropertyAccessExpression(declaration) && declaration.expression.kind === typescript.SyntaxKind.ThisKeyword
    && typescript.isBinaryExpression(declaration.parent) && declaration.parent.left === declaration
    && declaration.parent.operatorToken.kind === typescript.SyntaxKind.EqualsToken;
}

/** `this.database` in a JavaScript mixin's method: the member of the class it is composed into (core/mixins.ts). */
function getComposedMemberRoot(node: ts.PropertyAccessExpression, options: RootOptions, context: AnalysisContext, depth: number): ConnectionRoot | undefined {
  const { ts } = context;
  const member = findComposedMember(node, context);
  if (!member) return undefined;
  if (isThisAssignment(member, ts)) {
    const symbol = getSymbol(member, context);
    return symbol ? getAssignedFieldRoot(node, symbol, options, context, depth) : undefined;
  }
  if (ts.isPropertyDeclaration(member)) return { type: 'object', key: toKey(member), constructed: false, expression: node };
  return undefined;
}

/** `app.knex` or `this.db`, where the class builds its own pool in that field: that pool, not any of the object's.
 * Also `cache.db` of `globalThis as unknown as { db?: Database }`, where the declaring file builds the pool in it. */
function getConstructedFieldRoot(node: ts.Expression, context: AnalysisContext): ConnectionRoot | undefined {
  const { ts } = context;
  if (!ts.isPropertyAccessExpression(node) || !mayNameValue(node.name.text, context) || !mayAssignMember(node.name.text, context)) return undefined;
  const field = getSymbol(node, context)?.valueDeclaration;
  if (field && ts.isPropertySignature(field) && isConstructedInItsFile(field, context)) return { type: 'object', key: toKey(field), constructed: true, expression: node };
  if (!field || !ts.isPropertyDeclaration(field) || field.initializer || !isConstructedByItsClass(field, context)) return undefined;
  return { type: 'object', key: toKey(field), constructed: true, expression: node };
}

/** A property of an object type that the declaring file fills only with pools it builds (`if (!cache.db) cache.db =
 * drizzle(url)`): a process-wide singleton kept on `globalThis` across reloads. */
function isConstructedInItsFile(property: ts.PropertySignature, context: AnalysisContext): boolean {
  return constructedSignatures.get(context, property, () => {
    const { ts } = context;
    const symbol = getSymbol(property.name, context);
    const assigned: ts.Expression[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.EqualsToken || node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken)) {
        const left = skipOuterExpressions(node.left, ts);
        if (ts.isPropertyAccessExpression(left) && ts.isIdentifier(property.name) && left.name.text === property.name.text && getSymbol(left, context) === symbol) {
          assigned.push(node.right);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(property.getSourceFile());
    return symbol !== undefined && assigned.length > 0 && assigned.every((value) => isPoolConstruction(value, context));
  });
}

/** A field the class fills itself, and only with pools it builds (`this.knex = knex(config)` in its constructor): its
 * own pool, not one injected. */
function isConstructedByItsClass(field: ts.PropertyDeclaration, context: AnalysisContext): boolean {
  return constructedFields.get(context, field, () => findConstructedByItsClass(field, context));
}

function findConstructedByItsClass(field: ts.PropertyDeclaration, context: AnalysisContext): boolean {
  const assigned = getThisAssignments(field, context.ts);
  return assigned !== undefined && assigned.length > 0 && assigned.every((value) => isPoolConstruction(value, context));
}

/** What the field's class assigns to it (`this.db = …` anywhere in the class); undefined for a computed name. */
function getThisAssignments(field: ts.PropertyDeclaration, ts: TypeScript): ts.Expression[] | undefined {
  const name = field.name;
  if (!ts.isIdentifier(name) && !ts.isPrivateIdentifier(name)) return undefined;
  return findThisAssignments(field.parent, name.text, ts).map(({ value }) => value);
}

/** `new Service(config)`: an object the code builds, not given any held connection. */
function isProjectInstance(initializer: ts.Expression, options: RootOptions, context: AnalysisContext, depth: number): boolean {
  const { ts } = context;
  const node = skipOuterExpressions(initializer, ts);
  if (!ts.isNewExpression(node)) return false;
  return (node.arguments ?? []).every((argument) => getConnectionRoot(argument, options, context, depth + 1)?.type !== 'handle');
}

function isCallbackArgument(fn: ts.SignatureDeclaration, typescript: typeof ts): boolean {
  if (!typescript.isArrowFunction(fn) && !typescript.isFunctionExpression(fn)) return false;
  let outer: ts.Node = fn;
  while (typescript.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  return (typescript.isCallExpression(outer.parent) || typescript.isNewExpression(outer.parent)) && outer.parent.expression !== outer;
}

/** A held connection: a managed transaction's handle parameter, or an object of a kind that is held until
 * released (a checked-out client, a query runner, an unmanaged transaction). */
export function isHeldConnection(node: ts.Expression, declaration: ts.Declaration, context: AnalysisContext): boolean {
  const { ts } = context;
  if (ts.isParameter(declaration) && getManagedTransactionOfHandle(declaration, context)) return true;
  const resolved = resolveExpression(node, context);
  return resolved?.type === 'object' && resolved.object.resource !== undefined;
}

/** The managed transaction call whose callback declares this parameter as its handle. */
export function getManagedTransactionOfHandle(parameter: ts.ParameterDeclaration, context: AnalysisContext): ts.CallExpression | undefined {
  const { ts } = context;
  const fn = parameter.parent;
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  let outer: ts.Node = fn;
  while (ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  const call = outer.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(outer as ts.Expression)) return undefined;
  const target = getDatabaseCallSites(call.getSourceFile(), context).byNode.get(call) ?? safeCallTarget(call, context);
  const handleParameter = target ? target.definition.transaction?.handleParameter
    : getForwardedCallback(call, call.arguments.indexOf(outer as ts.Expression), context)?.handleParameter;
  return handleParameter !== undefined && fn.parameters.indexOf(parameter) === handleParameter ? call : undefined;
}

/** The options of a query in the summarized helper that spread the helper's own options (none already set aside). */
function getOptionsForwardedFrom(call: ts.CallExpression, options: RootOptions, context: AnalysisContext): (ForwardedOptions & { readonly option: string }) | undefined {
  const option = options.library.transactions?.joinOption;
  if (!option || !options.summarized || options.forwardedOptions) return undefined;
  const forwarded = getForwardedOptions(call, option, options.summarized, context);
  return forwarded && { ...forwarded, option };
}

/** A parameter root seen from a call: what the call passes for it (or the default when it passes nothing); for
 * forwarded options, the caller's transaction when the options it passes may carry one. */
export function getPassedParameterRoot(
  root: Extract<ConnectionRoot, { readonly type: 'parameter' }>,
  call: ts.CallExpression,
  options: RootOptions,
  context: AnalysisContext,
  depth = 0,
): ConnectionRoot | undefined {
  const argument = call.arguments[root.index];
  if (root.option) return mayPassOption(argument, root.option, context) ? { type: 'joined' } : root.fallback;
  return argument ? getConnectionRoot(argument, options, context, depth + 1) : root.fallback;
}

/** `{ transaction: t }` (or a spread, or an options object we cannot see into) among a query's arguments. */
function joinsByOption(call: ts.CallExpression, { library, forwardedOptions }: RootOptions, context: AnalysisContext): boolean {
  const option = library.transactions?.joinOption;
  if (!option) return false;
  const { ts } = context;
  const carried = call.arguments.filter((argument) => skipOuterExpressions(argument, ts) !== forwardedOptions);
  return carried.some((argument) => mayCarryOption(argument, option, context, 0)) || (carried.length === call.arguments.length && isOpaqueLastArgument(call, option, context, ts));
}

function mayCarryOption(argument: ts.Expression, option: string, context: AnalysisContext, depth: number): boolean {
  const { ts } = context;
  const node = skipOuterExpressions(argument, ts);
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.some((property) => ts.isSpreadAssignment(property)
      || (property.name !== undefined && (ts.isIdentifier(property.name) || ts.isStringLiteralLike(property.name)) && property.name.text === option));
  }
  if (ts.isIdentifier(node) && depth < 2) {
    const declaration = getSymbol(node, context)?.valueDeclaration;
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) return mayCarryOption(declaration.initializer, option, context, depth + 1);
  }
  return false;
}

/** The last argument is an options object built elsewhere (`Model.findAll(options)`): it may carry the transaction.
 * Typed, its type says whether it has the option; untyped, its name does (this only ever silences a finding). */
function isOpaqueLastArgument(call: ts.CallExpression, option: string, context: AnalysisContext, typescript: typeof ts): boolean {
  const last = call.arguments.at(-1);
  if (!last) return false;
  const node = skipOuterExpressions(last, typescript);
  if (typescript.isSpreadElement(node)) return true;
  if (!typescript.isIdentifier(node) && !typescript.isPropertyAccessExpression(node)) return false;
  if (context.typed) {
    try {
      const type = getTypeOf(node, context);
      if (type.flags & (typescript.TypeFlags.Any | typescript.TypeFlags.Unknown)) return true;
      if (type.getProperty(option) || type.getApparentProperties().some((property) => property.name === option)) return true;
    } catch {
      return true;
    }
  }
  return /options|opts|config|params|args$/i.test(node.getText());
}

/** The initializer builds a pool or client itself (`new Pool()`, `knex(config)`, `drizzle(pool)`): not a method of
 * another database object (`pool.promise()`, `dataSource.getRepository(X)`). */
function isPoolConstruction(initializer: ts.Expression, context: AnalysisContext, depth = 0): boolean {
  const { ts } = context;
  let node = skipOuterExpressions(initializer, ts);
  if (ts.isAwaitExpression(node)) node = skipOuterExpressions(node.expression, ts);
  // The development singleton: `globalThis.prisma ?? new PrismaClient()`.
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.BarBarToken || node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
    return isPoolConstruction(node.right, context, depth);
  }
  if (ts.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind, ts)) return isPoolConstruction(node.right, context, depth);
  if (ts.isConditionalExpression(node)) return isPoolConstruction(node.whenTrue, context, depth) || isPoolConstruction(node.whenFalse, context, depth);
  if (!ts.isNewExpression(node) && !ts.isCallExpression(node)) return false;
  const target = safeCallTarget(node, context);
  // `prismaClientSingleton()`, `remember('prisma', () => new PrismaClient())`: a project factory, or a memoising
  // wrapper's, whose every return builds the client.
  if (!target && ts.isCallExpression(node) && depth < maxDepth) {
    const helper = getCallee(node, context);
    const fn = getFactoryFunction(node, helper, context) ?? helper;
    const returned = fn ? getReturnedExpressions(fn, ts) : [];
    return returned.length > 0 && returned.every((expression) => isPoolConstruction(expression, context, depth + 1));
  }
  if (!target || target.receiverKind) return false;
  const kindName = ts.isNewExpression(node) ? target.definition.returns : target.definition.returns;
  const kind = kindName ? context.knowledge.getKind(target.library, kindName) : undefined;
  return kind?.object.pool !== undefined;
}


function safeCallTarget(node: ts.CallExpression | ts.NewExpression, context: AnalysisContext): ReturnType<typeof getCallTarget> {
  try {
    return getCallTarget(node, context);
  } catch {
    return undefined;
  }
}

function getEnclosingClass(node: ts.Node, typescript: typeof ts): ts.ClassLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (typescript.isClassLike(current)) return current;
  }
  return undefined;
}

function isInStaticMember(node: ts.Node, owner: ts.ClassLikeDeclaration, typescript: typeof ts): boolean {
  let member: ts.Node = node;
  while (member.parent !== owner) member = member.parent;
  return typescript.isClassElement(member) && (typescript.getCombinedModifierFlags(member) & typescript.ModifierFlags.Static) !== 0;
}

function toKey(declaration: ts.Node): string {
  return `${declaration.getSourceFile().fileName}:${declaration.getStart()}`;
}

/** An import the checker cannot follow: the module (resolved against the importing file when relative) and name. */
function toImportKey(declaration: ts.ImportSpecifier | ts.ImportClause | ts.NamespaceImport, typescript: typeof ts): string {
  const importDeclaration = typescript.isImportSpecifier(declaration)
    ? declaration.parent.parent.parent
    : typescript.isImportClause(declaration) ? declaration.parent : declaration.parent.parent;
  const specifier = importDeclaration.moduleSpecifier;
  const text = typescript.isStringLiteralLike(specifier) ? specifier.text : '?';
  const module = text.startsWith('.')
    ? path.resolve(path.dirname(declaration.getSourceFile().fileName), text).replace(/(\/index)?\.[cm]?[jt]sx?$/, '')
    : text;
  const name = typescript.isImportSpecifier(declaration) ? (declaration.propertyName ?? declaration.name).text
    : typescript.isImportClause(declaration) ? 'default' : '*';
  return `import:${module}#${name}`;
}

/** Two roots of one library share a pool when they are the same declaration, or when either may be any pool of
 * that library (injected, imported from a module we cannot see); two different constructions are two pools. */
export function isSamePool(held: ConnectionRoot | undefined, used: ConnectionRoot): boolean {
  if (used.type !== 'object') return false;
  if (!held || held.type !== 'object') return held === undefined;
  if (held.key === used.key) return true;
  if (!(held.constructed && used.constructed)) return true;
  // Roots handed in by several `new`s may be any of the pools they pass.
  const heldKeys = new Set(held.key.split('|'));
  return used.key.split('|').some((key) => heldKeys.has(key));
}
