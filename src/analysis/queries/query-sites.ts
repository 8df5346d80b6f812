/** Which expressions send a query to the database when they run: calls, executed builders, lazy loads. */
import type * as ts from 'typescript';

import type { CallDefinition, LibraryDefinition, QueryKind } from '../../knowledge/library-definition.js';
import type { AnalysisContext, TypeScript } from '../core/analysis-context.js';

import { getMemberDeclarations } from '../core/call-return-types.js';
import { getTypeOf } from '../core/constructed-types.js';
import { createContextMemo } from '../core/context-memo.js';
import { getDatabaseCallSites } from '../core/database-call-sites.js';
import { isBuiltInMember } from '../core/plain-values.js';
import { promiseChainMethods } from '../core/method-names.js';
import { getRecord } from '../core/records.js';
import { getSymbolAt } from '../core/symbols.js';
import { climbOuterExpressions, containsNode, getEnclosingFunction, getMemberName, getOuterParent, skipOuterExpressions } from '../core/syntax.js';
import { isDeclaredAssociationAccessor } from './association-accessors.js';
import { getFanOut, getPerItemCallback, getPromiseCombinator } from './loop-context.js';

/** An expression that sends one query each time it runs. */
export interface QuerySite {
  /** The span to report: the call, tagged template or awaited property. */
  readonly node: ts.Node;
  readonly library: LibraryDefinition;
  /** `pool.query()`, `knex('orders')…first()`, for messages. */
  readonly description: string;
  /** A lazy relation (`await post.author`) rather than an explicit call. */
  readonly lazyRelation: boolean;
  /** Same-tick calls are batched by the library (Prisma `findUnique` in `Promise.all`). */
  readonly batchedInSameTick: boolean;
  /** What the query does, when the knowledge says (`create`), to fit the advice. */
  readonly kind?: QueryKind;
  /** A lazy builder that runs when executed (awaited, returned, …), not when built. */
  readonly lazyBuilder?: boolean;
  /** The query reads one record by a key (`findOne`, `findByPk`, `knex(…).where(…).first()`). */
  readonly oneRecord?: boolean;
  /** The relation of `record` the call loads (`document.$get('import')`), when the knowledge names it. */
  readonly association?: { readonly record: ts.Expression; readonly name: string };
}

const querySites = createContextMemo<ts.Node, QuerySite | undefined>();

/** The query `node` sends when it runs, if it is a query site (memoized per context). */
export function getQuerySite(node: ts.Node, context: AnalysisContext): QuerySite | undefined {
  const { ts } = context;
  if (!ts.isCallExpression(node) && !ts.isTaggedTemplateExpression(node) && !ts.isPropertyAccessExpression(node)) return undefined;
  return querySites.get(context, node, () => {
    try {
      return ts.isPropertyAccessExpression(node) ? getLazyRelationSite(node, context) : getCallSite(node, context);
    } catch {
      return undefined;
    }
  });
}

function getCallSite(node: ts.CallExpression | ts.TaggedTemplateExpression, context: AnalysisContext): QuerySite | undefined {
  const target = getDatabaseCallSites(node.getSourceFile(), context).byNode.get(node);
  if (!target) {
    if (!context.ts.isCallExpression(node)) return undefined;
    return getRecordMethodSite(node, context) ?? getMethodDeclaredByLibrary(node, context);
  }
  const definition = target.definition;
  // A bulk call (`createMany`, `bulkWrite`) is the batching: one per chunk is what the N+1 advice asks for.
  if (definition.batched || definition.bulk || isPromiseHandler(node, context)) return undefined;
  const returned = definition.returns ? context.knowledge.getKind(target.library, definition.returns) : undefined;
  const lazy = returned?.object.awaitRunsQuery === true;
  if (lazy ? !isExecuted(node, context) : !definition.query) return undefined;
  return {
    node,
    library: target.library,
    description: describe(node, context.ts),
    lazyRelation: false,
    batchedInSameTick: definition.batchedInSameTick === true,
    ...(definition.kind ? { kind: definition.kind } : {}),
    ...(lazy ? { lazyBuilder: true } : {}),
    ...(definition.oneRecord || (lazy && buildsOneRecordLookup(node, context)) ? { oneRecord: true } : {}),
    ...getAssociation(node, definition, context.ts),
  };
}

/** `document.$get('import')`: the receiver and the relation the definition's argument names. */
function getAssociation(node: ts.Node, definition: CallDefinition | undefined, ts: TypeScript): Pick<QuerySite, 'association'> {
  const position = definition?.associationArgument;
  if (position === undefined || !ts.isCallExpression(node)) return {};
  const member = getMemberName(skipOuterExpressions(node.expression, ts), ts);
  const name = node.arguments[position];
  return member && name && ts.isStringLiteralLike(name) ? { association: { record: member.object, name: name.text } } : {};
}

/** `Job.findOne(…).lean()`, `knex('t').first().where(…)`: a call down the builder chain reads one record. */
function buildsOneRecordLookup(node: ts.CallExpression | ts.TaggedTemplateExpression, context: AnalysisContext): boolean {
  const { ts } = context;
  const sites = getDatabaseCallSites(node.getSourceFile(), context).byNode;
  let current: ts.Expression = node;
  while (ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression)) {
    current = skipOuterExpressions(current.expression.expression, ts);
    if (sites.get(current)?.definition.oneRecord) return true;
  }
  return false;
}

/**
 * A lazy builder (knex, Mongoose, Drizzle, a postgres.js fragment) runs when something executes it:
 * `await`, `.then()`, `Promise.all`, being returned from an async function or a fanned-out callback,
 * or being pushed into a list of promises. A builder the chain goes on building is not run yet.
 */
export function isExecuted(node: ts.Expression, context: AnalysisContext): boolean {
  const { ts } = context;
  const outer = climbOuterExpressions(node, ts);
  const parent = outer.parent;
  if (!parent) return false;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === outer) {
    const call = parent.parent;
    return ts.isCallExpression(call) && call.expression === parent && promiseChainMethods.has(parent.name.text);
  }
  if (ts.isElementAccessExpression(parent) && parent.expression === outer) return false;
  return isConsumedAsPromise(outer as ts.Expression, context);
}

function isConsumedAsPromise(outer: ts.Expression, context: AnalysisContext): boolean {
  const { ts } = context;
  const parent = outer.parent;
  if (ts.isAwaitExpression(parent) || ts.isYieldExpression(parent)) return true;
  if (ts.isReturnStatement(parent)) {
    const fn = getEnclosingFunction(parent, ts);
    return fn !== undefined && isResultConsumed(fn, context);
  }
  if (ts.isArrowFunction(parent) && parent.body === outer) return isResultConsumed(parent, context);
  if (ts.isArrayLiteralExpression(parent)) return getPromiseCombinator(getOuterParent(parent, ts), ts) !== undefined;
  if (ts.isCallExpression(parent) && parent.arguments.includes(outer)) {
    if (getPromiseCombinator(parent, ts)) return true;
    // `pending.push(knex('t').insert(row))`, later `await Promise.all(pending)` (not `prisma.$transaction(pending)`)
    const callee = parent.expression;
    return ts.isPropertyAccessExpression(callee) && callee.name.text === 'push' && ts.isIdentifier(callee.expression)
      && isPassedToPromiseCombinator(callee.expression, context);
  }
  return false;
}

/** Is the array `name` given to `Promise.all` (or a sibling) somewhere in its scope? */
function isPassedToPromiseCombinator(name: ts.Identifier, context: AnalysisContext): boolean {
  const { ts } = context;
  const declaration = getSymbolAt(name, context)?.valueDeclaration;
  const scope = declaration?.parent?.parent?.parent;
  if (!scope) return false;
  return containsNode(scope, (node) => ts.isIdentifier(node) && node.text === name.text && getPromiseCombinator(getOuterParent(node, ts), ts) !== undefined, ts);
}

/** Is what a function returns run by its caller? Callbacks of `map` only when the results are awaited at once. */
function isResultConsumed(fn: ts.SignatureDeclaration, context: AnalysisContext): boolean {
  const { ts } = context;
  const isAsync = ts.canHaveModifiers(fn) && (ts.getModifiers(fn)?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword) ?? false);
  if (isAsync) return true;
  const callback = getPerItemCallback(fn, context);
  if (!callback) return true;
  const call = getOuterParent(fn, ts);
  return ts.isCallExpression(call) && getFanOut(call, context) !== undefined;
}

/** `query.then(…)`, `.catch(…)`: the receiver is the query, reported on its own. */
function isPromiseHandler(node: ts.CallExpression | ts.TaggedTemplateExpression, context: AnalysisContext): boolean {
  const { ts } = context;
  return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && promiseChainMethods.has(node.expression.name.text);
}

/** `user.getPosts()` on a record a query returned (`for (const user of await User.findAll())`). */
function getRecordMethodSite(call: ts.CallExpression, context: AnalysisContext): QuerySite | undefined {
  const { ts } = context;
  const member = getMemberName(call.expression, ts);
  if (!member) return undefined;
  const record = getRecord(member.object, context);
  if (!record) return undefined;
  const definition = record.object.methods?.[member.name];
  const generated = !definition && record.object.queryMethodPatterns?.some((pattern) => new RegExp(pattern).test(member.name))
    && !isDeclaredWithBody(call, member.name, context)
    && isDeclaredAssociationAccessor(member.object, member.name, record.object, context) !== false;
  if (!(definition?.query && !definition.batched) && !generated) return undefined;
  return {
    node: call,
    library: record.library,
    description: describe(call, ts),
    lazyRelation: false,
    batchedInSameTick: false,
    // `run.update(…)` on each row of a `findAll`: the advice fits an update as it does on a resolved receiver.
    ...(definition?.kind ? { kind: definition.kind } : {}),
    ...getAssociation(call, definition, ts),
  };
}

/** A method the project writes itself (`getFullName() { … }` on a model class) is not a generated accessor. */
function isDeclaredWithBody(call: ts.CallExpression, name: string, context: AnalysisContext): boolean {
  const { ts } = context;
  const callee = call.expression;
  const symbol = ts.isPropertyAccessExpression(callee) ? getSymbolAt(callee.name, context) : undefined;
  const hasBody = (declaration: ts.Node): boolean =>
    (ts.isMethodDeclaration(declaration) && declaration.body !== undefined)
    || ((ts.isPropertyDeclaration(declaration) || ts.isPropertyAssignment(declaration)) && declaration.initializer !== undefined
      && (ts.isArrowFunction(declaration.initializer) || ts.isFunctionExpression(declaration.initializer)));
  if (symbol?.declarations?.some(hasBody)) return true;
  if (context.typed) return false;
  // Untyped the receiver's class is unknown: any class of this file writing a method of that name.
  return call.getSourceFile().statements.some((statement) => ts.isClassDeclaration(statement)
    && statement.members.some((member) => member.name !== undefined && ts.isIdentifier(member.name) && member.name.text === name && hasBody(member)));
}

/**
 * Typed fallback for methods of classes that extend a library's classes (`user.save()` on a Sequelize model,
 * `doc.populate()` on a Mongoose document, `ref.load()` on a MikroORM reference), and for Sequelize's
 * association mixins (`user.getPosts()` declared as `HasManyGetAssociationsMixin<Post>`).
 */
function getMethodDeclaredByLibrary(call: ts.CallExpression, context: AnalysisContext): QuerySite | undefined {
  if (!context.typed) return undefined;
  const { ts, knowledge } = context;
  const member = getMemberName(call.expression, ts);
  if (!member || !ts.isPropertyAccessExpression(call.expression) || isBuiltInMember(call.expression, context)) return undefined;
  // `customersById.get` on what `indexById(rows)` returns, a `Map`: the methods it can name are known without the inferred
  // type of the receiver, and a method's type carries no alias.
  const known = getMemberDeclarations(call.expression, context);
  if (known?.every((declaration) => (ts.isMethodSignature(declaration) || ts.isMethodDeclaration(declaration)) && !getLibraryQueryMethod(declaration, member.name, context))) {
    return undefined;
  }
  const symbol = getSymbolAt(call.expression.name, context);
  if (!symbol) return undefined;
  const site = (library: LibraryDefinition, oneRecord = false): QuerySite => ({
    node: call,
    library,
    description: describe(call, ts),
    lazyRelation: false,
    batchedInSameTick: false,
    ...(oneRecord ? { oneRecord } : {}),
  });
  for (const declaration of symbol.declarations ?? []) {
    const method = getLibraryQueryMethod(declaration, member.name, context);
    if (method) return site(method.library, method.oneRecord);
  }
  const libraries = knowledge.libraries.filter((library) => library.queryFunctionTypes?.length);
  if (libraries.length === 0) return undefined;
  const alias = getTypeOf(call.expression, context).aliasSymbol;
  if (!alias) return undefined;
  for (const library of libraries) {
    if (!library.queryFunctionTypes?.some((pattern) => new RegExp(pattern).test(alias.name))) continue;
    if (alias.declarations?.some((declaration) => knowledge.isLibraryFile(library, declaration.getSourceFile().fileName))) return site(library);
  }
  return undefined;
}

/** A declaration of a library's class or interface whose method of that name is a query (and not batched). */
function getLibraryQueryMethod(declaration: ts.Declaration, name: string, context: AnalysisContext): { library: LibraryDefinition; oneRecord: boolean } | undefined {
  const { ts, knowledge } = context;
  const fileName = declaration.getSourceFile().fileName;
  if (!fileName.includes('/node_modules/')) return undefined;
  const owner = declaration.parent;
  const ownerName = (ts.isClassDeclaration(owner) || ts.isInterfaceDeclaration(owner)) ? owner.name?.text : undefined;
  if (!ownerName) return undefined;
  for (const kind of knowledge.getKindsByTypeName(ownerName)) {
    if (!knowledge.isLibraryFile(kind.library, fileName)) continue;
    const definition = kind.object.methods?.[name];
    if (definition?.query && !definition.batched) return { library: kind.library, oneRecord: definition.oneRecord === true };
  }
  return undefined;
}

/**
 * `await post.author` where `author` is a relation property (`@ManyToOne(…)`) typed `Promise<User>` or marked
 * `{ lazy: true }`: reading it runs a query (TypeORM lazy relations).
 */
function getLazyRelationSite(access: ts.PropertyAccessExpression, context: AnalysisContext): QuerySite | undefined {
  const { ts, knowledge } = context;
  const libraries = knowledge.libraries.filter((library) => library.lazyRelationDecorators?.length);
  if (libraries.length === 0 || !isExecuted(access, context)) return undefined;
  const declaration = getSymbolAt(access.name, context)?.declarations?.find((candidate) => ts.isPropertyDeclaration(candidate))
    ?? (context.typed ? undefined : findPropertyInFile(access.getSourceFile(), access.name.text, context));
  if (!declaration || !ts.isPropertyDeclaration(declaration)) return undefined;
  for (const decorator of ts.getDecorators(declaration) ?? []) {
    const expression = decorator.expression;
    if (!ts.isCallExpression(expression) || !ts.isIdentifier(expression.expression)) continue;
    const imported = getImportedName(expression.expression, context);
    const library = imported && libraries.find((candidate) => candidate.lazyRelationDecorators?.includes(imported.name)
      && knowledge.getModule(imported.module)?.library === candidate);
    if (!library) continue;
    if (isPromiseType(declaration.type, ts) || hasLazyOption(expression, ts)) {
      return { node: access, library, description: describe(access, ts), lazyRelation: true, batchedInSameTick: false };
    }
  }
  return undefined;
}

/** Untyped, the receiver's type is unknown: the one class property of that name declared in this file, if any. */
function findPropertyInFile(sourceFile: ts.SourceFile, name: string, context: AnalysisContext): ts.PropertyDeclaration | undefined {
  const { ts } = context;
  const found: ts.PropertyDeclaration[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isClassDeclaration(statement)) continue;
    for (const member of statement.members) {
      if (ts.isPropertyDeclaration(member) && ts.isIdentifier(member.name) && member.name.text === name) found.push(member);
    }
  }
  return found.length === 1 ? found[0] : undefined;
}

function getImportedName(identifier: ts.Identifier, context: AnalysisContext): { name: string; module: string } | undefined {
  const { ts } = context;
  const declaration = getSymbolAt(identifier, context)?.declarations?.[0];
  if (!declaration || !ts.isImportSpecifier(declaration)) return undefined;
  const specifier = declaration.parent.parent.parent.moduleSpecifier;
  if (!ts.isStringLiteralLike(specifier)) return undefined;
  return { name: (declaration.propertyName ?? declaration.name).text, module: specifier.text };
}

function isPromiseType(type: ts.TypeNode | undefined, ts: TypeScript): boolean {
  return type !== undefined && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === 'Promise';
}

function hasLazyOption(decorator: ts.CallExpression, ts: TypeScript): boolean {
  return decorator.arguments.some((argument) => ts.isObjectLiteralExpression(argument) && argument.properties.some((property) =>
    ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && property.name.text === 'lazy'
    && property.initializer.kind === ts.SyntaxKind.TrueKeyword));
}

/** A short form of a call for messages: arguments elided, long chains cut to their ends. */
export function describe(node: ts.Node, ts: TypeScript): string {
  const text = describeExpression(node, ts);
  if (text.length <= 60) return text;
  const parts = text.split(/(?=\.[\w$]+\()/);
  return parts.length > 2 ? `${parts[0]}…${parts.at(-1)}` : `${text.slice(0, 57)}…`;
}

function describeExpression(node: ts.Node, ts: TypeScript): string {
  if (ts.isCallExpression(node)) return `${describeExpression(node.expression, ts)}(${node.arguments.length ? '…' : ''})`;
  if (ts.isTaggedTemplateExpression(node)) return `${describeExpression(node.tag, ts)}\`…\``;
  if (ts.isPropertyAccessExpression(node)) return `${describeExpression(node.expression, ts)}.${node.name.text}`;
  if (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node)) return describeExpression(node.expression, ts);
  if (ts.isAwaitExpression(node)) return describeExpression(node.expression, ts);
  if (ts.isElementAccessExpression(node)) return `${describeExpression(node.expression, ts)}[…]`;
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) return node.text;
  if (node.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  return '…';
}
