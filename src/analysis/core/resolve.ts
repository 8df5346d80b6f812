/** Resolution: what database thing an expression is, by following imports and local data flow, then types. */
import path from 'node:path';
import type * as ts from 'typescript';

import type { CallDefinition, LibraryDefinition, ValueDefinition } from '../../knowledge/library-definition.js';
import type { AnalysisContext, TypeScript } from './analysis-context.js';
import type { ObjectKind } from './knowledge-index.js';
import type { PropertySource } from './property-sources.js';

import { getAwaitedTypeOf } from './awaited-types.js';
import { cannotHoldKind, getMemberDeclarations } from './call-return-types.js';
import { getRequiredBinding, getRequiredModuleExports, isRequireCall } from './commonjs-exports.js';
import { getConstructorArguments } from './constructor-arguments.js';
import { getTypeOf } from './constructed-types.js';
import { createContextMemo } from './context-memo.js';
import { createKnowledgeDiskMemo } from './disk-memo.js';
import { refreshText } from './module-files.js';
import { mayNameBodilessMethod, mayNameProjectFunction, mayNameValue } from './declared-names.js';
import { mayDeclareDatabaseTypes } from './declared-types.js';
import { getDatabaseModule } from './generated-clients.js';
import { getFileAssignments, sliceWithin } from './file-nodes.js';
import { getFullNamespace } from './hidden-statements.js';
import { getMemberAssignments } from './member-assignments.js';
import { getFactoryArgument } from './memoised-factories.js';
import { findComposedMember } from './mixins.js';
import { findLoadedRegistry } from './model-loaders.js';
import { mayBeNarrowedInFile } from './narrowing.js';
import { findProcedureBindingSource, findProcedureMemberSource } from './procedure-context.js';
import { findPropertySource, getShorthandValueSymbol } from './property-sources.js';
import { followAlias, getSymbol, getSymbolAt } from './symbols.js';
import { getObjectLiteralMember, hasObjectLiteralType, holdsPlainValue, isBuiltInMember } from './plain-values.js';
import { findThisAssignments, getDeclaredFunction, getMemberName, getReturnedExpressions, isJavaScriptFile, skipOuterExpressions } from './syntax.js';
import { answerForImportedFunction, findImportedValue, findReexportedModule, requiredModule, resolveImportedFile } from './untyped-imports.js';
import { moduleReachesDatabase } from './untyped-reach.js';

/** A database value: a module-level value (namespace, class, factory) or an object of a known kind. */
export type Resolved =
  | { readonly type: 'value'; readonly library: LibraryDefinition; readonly value: ValueDefinition; readonly name: string }
  | ({ readonly type: 'object' } & ObjectKind);

/** What a call, `new` or tagged template does, according to the knowledge base. */
export interface CallTarget {
  readonly library: LibraryDefinition;
  readonly definition: CallDefinition;
  /** Method or export name (`connect`, `createPool`), for messages. */
  readonly name: string;
  /** The receiver of a method call (`pool` in `pool.connect()`), when the call is a method call. */
  readonly receiver?: ts.Expression;
  readonly receiverKind?: ObjectKind;
}

const maxDepth = 12;

/** Each expression's resolution (null: none), and the expressions being resolved (a cycle stops there). */
const resolvedExpressions = createContextMemo<ts.Node, Resolved | null>();
const inProgress = createContextMemo<ts.Node, true>();
/**
 * A lookup below the current one was cut short (depth or a cycle): "not found" then depends on where the resolution
 * started, so it must not be remembered. One flag for every context, not one per context: untyped, a lookup goes on in
 * an imported module's context (a base class in `./base`), whose answers that module's own lint reuses, and a cut there
 * leaves the importer's "not found" as incomplete as the module's.
 */
let truncated = false;

/** Resolves an expression to the database value it holds, or undefined when it is not one (or unknown). */
export function resolveExpression(expression: ts.Expression, context: AnalysisContext, depth = 0): Resolved | undefined {
  const resolutions = resolvedExpressions.cacheOf(context);
  const cached = resolutions.get(expression);
  if (cached !== undefined) return cached ?? undefined;
  const active = inProgress.cacheOf(context);
  if (depth > maxDepth || active.has(expression)) {
    truncated = true;
    return undefined;
  }
  active.set(expression, true);
  const outerTruncated = truncated;
  truncated = false;
  try {
    const resolved = holdsPlainValue(expression, context) ? undefined : resolveSyntactically(expression, context, depth + 1) ?? resolveByType(expression, context);
    if (resolved || !truncated) resolutions.set(expression, resolved ?? null);
    return resolved;
  } finally {
    active.delete(expression);
    // Also when an exception passes through: a caller that catches it must still know that its lookup was cut short.
    truncated ||= outerTruncated;
  }
}

/** What a call does, from the knowledge base; undefined for calls that are not database calls. */
export function getCallTarget(
  call: ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression,
  context: AnalysisContext,
  depth = 0,
): CallTarget | undefined {
  const { ts } = context;
  if (ts.isTaggedTemplateExpression(call)) {
    const tag = resolveExpression(call.tag, context, depth);
    // An exported value that is an object of a kind with a tag (execa's `$`).
    const kind = tag?.type === 'object' ? tag : tag?.value.is ? context.knowledge.getKind(tag.library, tag.value.is) : undefined;
    if (tag && kind?.object.tag) return { library: tag.library, definition: kind.object.tag, name: 'tag' };
    return undefined;
  }
  const callee = skipOuterExpressions(call.expression, ts);
  if (ts.isNewExpression(call)) {
    const constructed = resolveExpression(callee, context, depth);
    if (constructed?.type === 'value' && constructed.value.constructs) {
      return { library: constructed.library, definition: { returns: constructed.value.constructs }, name: constructed.name };
    }
    return undefined;
  }
  const member = getMemberName(callee, ts);
  const receiver = member ? resolveExpression(member.object, context, depth) : undefined;
  if (member && receiver) {
    if (receiver.type === 'object') {
      const definition = receiver.object.methods?.[member.name] ?? receiver.object.otherMethods;
      if (!definition || !Object.hasOwn(receiver.object.methods ?? {}, member.name) && isObjectPrototypeMethod(member.name)) return undefined;
      return { library: receiver.library, definition, name: member.name, receiver: member.object, receiverKind: receiver };
    }
    const value = receiver.value.members?.[member.name];
    if (value) return { library: receiver.library, definition: value, name: member.name };
    const kind = receiver.value.is ? context.knowledge.getKind(receiver.library, receiver.value.is) : undefined;
    const definition = kind?.object.methods?.[member.name] ?? kind?.object.otherMethods;
    if (kind && definition) return { library: receiver.library, definition, name: member.name, receiver: member.object, receiverKind: kind };
    return undefined;
  }
  // An unknown receiver can still hold a callable database object (`this.db('users')`).
  if (member && !context.typed && member.object.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const resolved = resolveExpression(callee, context, depth);
  if (resolved?.type === 'value') return { library: resolved.library, definition: resolved.value, name: resolved.name };
  if (resolved?.type === 'object' && resolved.object.call) return { library: resolved.library, definition: resolved.object.call, name: resolved.name };
  return undefined;
}

/** `client.on(…).once(…)` → `client`: strips calls that return their receiver, so the chain acts on that value. */
export function skipReceiverReturningCalls(expression: ts.Expression, context: AnalysisContext): ts.Expression {
  const { ts } = context;
  let node = skipOuterExpressions(expression, ts);
  for (let target = ts.isCallExpression(node) ? getCallTarget(node, context) : undefined;
    target?.definition.returnsReceiver && target.receiver;
    target = ts.isCallExpression(node) ? getCallTarget(node, context) : undefined) {
    node = skipOuterExpressions(target.receiver, ts);
  }
  return node;
}

/** The declaration of the function an expression names, when it is one with a body (for summaries). */
export function getFunctionDeclaration(expression: ts.Expression, context: AnalysisContext): ts.FunctionLikeDeclaration | undefined {
  const { ts } = context;
  const node = skipOuterExpressions(expression, ts);
  if (ts.isFunctionExpression(node) || ts.isArrowFunction(node)) return node;
  // `docs.push`: a built-in, declared without a body.
  if (isBuiltInMember(node, context)) return undefined;
  if (ts.isPropertyAccessExpression(node) && !mayNameProjectFunction(node.name.text, context)) return undefined;
  const literalMember = ts.isPropertyAccessExpression(node) ? getObjectLiteralMember(node, context) : undefined;
  if (literalMember) return getDeclaredFunction(literalMember, ts);
  const symbol = getSymbol(node, context);
  for (const declaration of symbol?.declarations ?? []) {
    const fn = getDeclaredFunction(declaration, ts);
    if (fn) return fn;
  }
  // `this.helper()` in a JavaScript mixin: the composed class's method.
  const member = !symbol && ts.isPropertyAccessExpression(node) ? findComposedMember(node, context) : undefined;
  return member ? getDeclaredFunction(member, ts) : undefined;
}

function resolveSyntactically(expression: ts.Expression, context: AnalysisContext, depth: number): Resolved | undefined {
  const { ts } = context;
  const node = skipOuterExpressions(expression, ts);
  if (ts.isAwaitExpression(node)) return resolveExpression(node.expression, context, depth);
  if (ts.isIdentifier(node) || (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword)) {
    return resolveName(node, context, depth);
  }
  if (node.kind === ts.SyntaxKind.ThisKeyword) return resolveThis(node, context, depth);
  if (ts.isConditionalExpression(node)) {
    return resolveExpression(node.whenTrue, context, depth) ?? resolveExpression(node.whenFalse, context, depth);
  }
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken) {
      return resolveExpression(node.left, context, depth) ?? resolveExpression(node.right, context, depth);
    }
    if (operator === ts.SyntaxKind.EqualsToken || operator === ts.SyntaxKind.QuestionQuestionEqualsToken) {
      return resolveExpression(node.right, context, depth);
    }
    return undefined;
  }
  const member = getMemberName(node, ts);
  if (member) {
    const owner = resolveExpression(member.object, context, depth);
    // `db.sequelize = sequelize` beside the models a loader collects in `db`.
    if (owner) return (isModelRegistry(owner) ? resolveName(node, context, depth) : undefined) ?? getMember(owner, member.name, context);
    // `rows.map`: no declaration by that name to follow, so the checker need not type `rows` to find its symbol.
    const named = ts.isPropertyAccessExpression(node) && (!mayNameValue(member.name, context) || !mayFollowMember(node, context, depth))
      ? undefined : resolveName(node, context, depth);
    return named ?? resolveRequiredMember(member.object, member.name, context, depth) ?? resolvePropertySource(findProcedureMemberSource(member.object, member.name, context), context, depth);
  }
  if (isRequireCall(node, ts)) {
    const specifier = node.arguments[0];
    if (!specifier || !ts.isStringLiteralLike(specifier)) return undefined;
    return resolveModule(specifier.text, 'require', node.getSourceFile().fileName, context) ?? resolveRequiredModule(node, context, depth);
  }
  if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node)) {
    const target = getCallTarget(node, context, depth);
    if (target?.definition.returns) return toObject(target.library, target.definition.returns, context);
    const wrapped = target?.definition.returnsArgument;
    if (wrapped !== undefined && ts.isCallExpression(node)) {
      const argument = node.arguments[wrapped];
      return argument && !ts.isSpreadElement(argument) ? resolveExpression(argument, context, depth) : undefined;
    }
    if (ts.isCallExpression(node) && !target) return resolveLocalCallResult(node, context, depth);
  }
  return undefined;
}

/**
 * `customersById.get` on a `const` whose possible types are known without inferring its initializer (`new Map(…)`), or
 * `res.json` on a callback's parameter: false when none of the member's declarations there is one resolveDeclaration
 * resolves (a method, a library's property of a type that names nothing known), so the symbol, which costs the
 * inferred type, would lead nowhere.
 */
function mayFollowMember(node: ts.PropertyAccessExpression, context: AnalysisContext, depth: number): boolean {
  const { ts } = context;
  const declarations = getMemberDeclarations(node, context);
  return declarations === undefined || declarations.some((declaration) => {
    // `res.json`: a property a declaration file types resolves by that type alone (no statement there assigns it).
    if (ts.isPropertySignature(declaration) && declaration.getSourceFile().isDeclarationFile) {
      return declaration.type !== undefined && resolveTypeNode(declaration.type, context, depth) !== undefined;
    }
    return isFollowedDeclaration(declaration, ts);
  });
}

/** The declarations resolveDeclaration can resolve: it resolves no other kind (it starts by asking this). */
function isFollowedDeclaration(declaration: ts.Declaration, ts: TypeScript): boolean {
  return ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration) || ts.isImportEqualsDeclaration(declaration)
    || ts.isBindingElement(declaration) || ts.isPropertySignature(declaration) || ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration)
    || ts.isParameter(declaration) || ts.isGetAccessorDeclaration(declaration) || ts.isPropertyAccessExpression(declaration)
    || ts.isPropertyAssignment(declaration) || ts.isShorthandPropertyAssignment(declaration) || ts.isClassDeclaration(declaration)
    || ts.isClassExpression(declaration);
}

/** `require('./models')`: what the project module assigns to `module.exports`. */
function resolveRequiredModule(call: ts.CallExpression, context: AnalysisContext, depth: number): Resolved | undefined {
  if (!context.typed) return resolveRequiredValue(call, undefined, context, depth);
  const exported = getRequiredModuleExports(call, context);
  if (!exported) return undefined;
  // `module.exports = db` names the collection itself, which the plain-value shortcut would skip as `{}`.
  const node = skipOuterExpressions(exported, context.ts);
  return context.ts.isIdentifier(node) ? resolveName(node, context, depth) : resolveExpression(exported, context, depth);
}

/**
 * Untyped: what a project module `require()` names hands out (`name`: its property), read from disk as an import is
 * (`module.exports = { pool }`, `exports.pool = new Pool()`) and resolved in that module's own one-file program. A
 * module whose imports never lead to a database module exports no database object, and is not parsed.
 */
function resolveRequiredValue(call: ts.CallExpression, name: string | undefined, context: AnalysisContext, depth: number): Resolved | undefined {
  const specifier = call.arguments[0];
  if (!specifier || !context.ts.isStringLiteralLike(specifier)) return undefined;
  return resolveProjectExport(specifier.text, name ?? requiredModule, call.getSourceFile().fileName, context, depth);
}

/** Untyped: a value a project module exports (an import's, a `require()`'s), read from disk if its imports lead to a
 * database module at all. */
function resolveProjectExport(specifier: string, name: string, containingFile: string, context: AnalysisContext, depth: number): Resolved | undefined {
  return resolveModuleExport(specifier, name, containingFile, context, () => {
    const exported = findImportedValue(specifier, name, containingFile, context, (fileName) => moduleReachesDatabase(fileName, context));
    return exported ? resolveExportedValue(exported.expression, exported.context, depth) : undefined;
  });
}

/** Untyped answers for what a project module exports, per knowledge base (settings change them). */
const getModuleExports = createKnowledgeDiskMemo<Resolved | null>();

/**
 * Untyped: what a project module exports under a name, resolved in the module's own one-file program. The answer depends
 * on the module and the name alone, and every file that imports it asks again, each in a new program while the module's
 * program may have left the cache (a barrel of models, each parsed and resolved through its base classes): it is kept
 * across linted files (createDiskMemo), unless a lookup below was cut short.
 */
function resolveModuleExport(specifier: string, name: string, containingFile: string, context: AnalysisContext, compute: () => Resolved | undefined): Resolved | undefined {
  let fileName: string | undefined;
  try {
    fileName = resolveImportedFile(specifier, containingFile, context.ts);
  } catch {
    return undefined;
  }
  if (fileName === undefined) return undefined;
  // The module itself changed on disk since its answer was kept: the answer goes (a module it imports in turn is seen
  // when some lint reads it, as by untyped-reach).
  refreshText(fileName);
  const memo = getModuleExports(context.knowledge);
  const key = `${fileName}\0${name}`;
  const known = memo.get(key);
  if (known !== undefined) return known ?? undefined;
  const outerTruncated = truncated;
  truncated = false;
  try {
    const resolved = compute();
    if (!truncated) memo.set(key, resolved ?? null);
    return resolved;
  } finally {
    truncated ||= outerTruncated;
  }
}

/** A value another module exports, in that module's context: a variable by its name (`module.exports = db` names the
 * collection itself, which the plain-value shortcut would skip as `{}`), anything else as an expression. */
function resolveExportedValue(expression: ts.Expression, context: AnalysisContext, depth: number): Resolved | undefined {
  const node = skipOuterExpressions(expression, context.ts);
  return context.ts.isIdentifier(node) ? resolveName(node, context, depth + 1) : resolveExpression(expression, context, depth + 1);
}

/** Untyped: `db.pool` where `db` holds `require('./db')` (or is that call), for the property a project module exports. */
function resolveRequiredMember(object: ts.Expression, name: string, context: AnalysisContext, depth: number): Resolved | undefined {
  const { ts } = context;
  if (context.typed) return undefined;
  const node = skipOuterExpressions(object, ts);
  if (isRequireCall(node, ts)) return resolveRequiredValue(node, name, context, depth);
  const declaration = ts.isIdentifier(node) ? getSymbolAt(node, context)?.declarations?.[0] : undefined;
  const required = declaration ? getRequiredBinding(declaration, ts) : undefined;
  return required && required.name === undefined ? resolveRequiredValue(required.call, name, context, depth) : undefined;
}

/**
 * `this` in a class that extends a library class: the class itself in a static method (`this.findByPk(id)` in
 * a Sequelize model), an instance of it in an instance method (`this.save()`).
 */
function resolveThis(node: ts.Node, context: AnalysisContext, depth: number): Resolved | undefined {
  const { ts } = context;
  let member: ts.Node | undefined;
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isClassLike(current.parent) && (ts.isMethodDeclaration(current) || ts.isPropertyDeclaration(current))) {
      member = current;
      break;
    }
    // Arrow functions keep the enclosing `this`; other functions have their own.
    if ((ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current)) || ts.isSourceFile(current)) return undefined;
  }
  if (!member || !ts.isClassDeclaration(member.parent)) return undefined;
  const symbol = member.parent.name ? getSymbolAt(member.parent.name, context) : undefined;
  const resolved = symbol ? resolveDeclaration(member.parent, symbol, context, depth) : undefined;
  if (resolved?.type !== 'value') return undefined;
  const isStatic = ts.canHaveModifiers(member) && (ts.getModifiers(member)?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword) ?? false);
  if (isStatic) return resolved;
  return resolved.value.constructs ? toObject(resolved.library, resolved.value.constructs, context) : undefined;
}

/** Identifiers and `this.x`: follow the symbol to its declarations. */
function resolveName(node: ts.Expression, context: AnalysisContext, depth: number): Resolved | undefined {
  const { ts } = context;
  if (depth > maxDepth) {
    truncated = true;
    return undefined;
  }
  const symbol = getSymbolAt(ts.isPropertyAccessExpression(node) ? node.name : node, context);
  if (!symbol) return ts.isPropertyAccessExpression(node) ? resolveComposedMember(node, context, depth) : undefined;
  for (const declaration of symbol.declarations ?? []) {
    const resolved = resolveDeclaration(declaration, symbol, context, depth);
    if (resolved) return resolved;
  }
  return ts.isIdentifier(node) ? resolveAssignments(node, symbol, context, depth) : undefined;
}

function resolveDeclaration(declaration: ts.Declaration, symbol: ts.Symbol, context: AnalysisContext, depth: number): Resolved | undefined {
  const { ts } = context;
  // The one gate for every kind below, so a kind added here without isFollowedDeclaration resolves nothing anywhere
  // (and its tests fail) rather than only where mayFollowMember skips it.
  if (!isFollowedDeclaration(declaration, ts)) return undefined;
  if (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration)) {
    return resolveImport(declaration, symbol, context, depth);
  }
  if (ts.isImportEqualsDeclaration(declaration)) {
    const reference = declaration.moduleReference;
    if (ts.isExternalModuleReference(reference) && ts.isStringLiteralLike(reference.expression)) {
      return resolveModule(reference.expression.text, 'require', declaration.getSourceFile().fileName, context);
    }
    return undefined;
  }
  if (ts.isBindingElement(declaration)) return resolveBindingElement(declaration, context, depth);
  if (ts.isPropertySignature(declaration)) {
    return (declaration.type ? resolveTypeNode(declaration.type, context, depth) : undefined) ?? resolvePropertyAssignments(declaration, symbol, context, depth);
  }
  if (ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isParameter(declaration)) {
    const initializer = declaration.initializer;
    const fromInitializer = initializer ? resolveExpression(initializer, context, depth) : undefined;
    if (fromInitializer) return fromInitializer;
    const typeNode = getWrittenType(declaration, ts);
    const fromType = typeNode ? resolveTypeNode(typeNode, context, depth) : undefined;
    if (fromType) return fromType;
    if (ts.isParameter(declaration)) return resolveCallbackParameter(declaration, context, depth) ?? resolveConstructorParameter(declaration, context, depth);
    if (ts.isPropertyDeclaration(declaration)) return resolveFieldAssignments(declaration, symbol, context, depth);
    const registry = findLoadedRegistry(declaration, symbol, context, (argument) => {
      const resolved = resolveExpression(argument, context, depth);
      return resolved?.type === 'object' ? resolved : undefined;
    });
    return registry ? { type: 'object', ...registry } : undefined;
  }
  // `get db(): typeof Oracle { … }`: the written type, else what the getter returns.
  if (ts.isGetAccessorDeclaration(declaration)) {
    const typeNode = getWrittenType(declaration, ts);
    const fromType = typeNode ? resolveTypeNode(typeNode, context, depth) : undefined;
    if (fromType) return fromType;
    for (const returned of getReturnedExpressions(declaration, ts)) {
      const resolved = resolveExpression(returned, context, depth);
      if (resolved) return resolved;
    }
    return undefined;
  }
  // JavaScript's `this.pool = pool` in a constructor declares the field.
  if (ts.isPropertyAccessExpression(declaration) && ts.isBinaryExpression(declaration.parent) && declaration.parent.left === declaration
    && declaration.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return resolveExpression(declaration.parent.right, context, depth);
  }
  if (ts.isPropertyAssignment(declaration)) return resolveExpression(declaration.initializer, context, depth);
  if (ts.isShorthandPropertyAssignment(declaration)) return resolveShorthand(declaration, context, depth);
  if (ts.isClassDeclaration(declaration) || ts.isClassExpression(declaration)) {
    const base = declaration.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    if (!base) return undefined;
    const resolved = resolveExpression(base.expression, context, depth);
    return resolved?.type === 'value' ? { ...resolved, name: declaration.name?.text ?? resolved.name } : undefined;
  }
  return undefined;
}

function resolveImport(
  declaration: ts.ImportSpecifier | ts.ImportClause | ts.NamespaceImport,
  symbol: ts.Symbol,
  context: AnalysisContext,
  depth: number,
): Resolved | undefined {
  const { ts } = context;
  const importDeclaration = ts.isImportSpecifier(declaration)
    ? declaration.parent.parent.parent
    : ts.isImportClause(declaration) ? declaration.parent : declaration.parent.parent;
  const specifier = importDeclaration.moduleSpecifier;
  if (!ts.isStringLiteralLike(specifier)) return undefined;
  const exportName = ts.isImportSpecifier(declaration)
    ? (declaration.propertyName ?? declaration.name).text
    : ts.isImportClause(declaration) ? 'default' : 'namespace';
  const fromModule = resolveImportedModule(specifier.text, exportName, declaration.getSourceFile().fileName, context);
  if (fromModule) return fromModule;
  if (!context.typed) {
    // Untyped: read the project module from disk and resolve the value there (`export const db = knex(…)`).
    return resolveProjectExport(specifier.text, exportName, declaration.getSourceFile().fileName, context, depth);
  }
  // A project module: follow the import to the declaration in the other file.
  try {
    const aliased = context.checker.getAliasedSymbol(symbol);
    for (const target of aliased.declarations ?? []) {
      if (target === declaration) continue;
      const resolved = resolveDeclaration(target, aliased, context, depth);
      if (resolved) return resolved;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * What an import names when a database module exports it, directly or through a project module's re-export. Finding a
 * re-export reads modules from disk, and the answer is the same for every mention of the import and every file of the
 * folder (a specifier resolves from the importing file's folder), so it is looked up once per folder, module and name.
 */
const importedModules = createContextMemo<string, Resolved | undefined>();

function resolveImportedModule(specifier: string, exportName: string, containingFile: string, context: AnalysisContext): Resolved | undefined {
  return importedModules.get(context, `${path.dirname(containingFile)}\0${specifier}\0${exportName}`, () =>
    resolveModule(specifier, exportName, containingFile, context) ?? resolveReexport(specifier, exportName, containingFile, context));
}

/** A name a project module passes on from a database module (`export * from '@prisma/client'` in a workspace package). */
function resolveReexport(specifier: string, exportName: string, containingFile: string, context: AnalysisContext): Resolved | undefined {
  if (exportName === 'namespace') return undefined;
  const found = findReexportedModule(specifier, exportName, containingFile, context, (candidate, from) => getDatabaseModule(candidate, from, context.knowledge, context.program.getCompilerOptions()) !== undefined);
  return found ? resolveModule(found.specifier, found.name, found.containingFile, context) : undefined;
}

/** An export of a database module: `namespace` for `import * as x`, `require` for `require()`. */
function resolveModule(specifier: string, exportName: string, containingFile: string, context: AnalysisContext): Resolved | undefined {
  const module = getDatabaseModule(specifier, containingFile, context.knowledge, context.program.getCompilerOptions());
  if (!module) return undefined;
  // CommonJS hands out the default export itself, its named exports as its properties: `require('knex')(config)`,
  // `new (require('sequelize'))(url)`.
  const defaultExport = module.exports.default;
  if (exportName === 'require' && defaultExport) {
    return { type: 'value', library: module.library, value: { ...defaultExport, members: { ...module.exports, ...defaultExport.members } }, name: specifier };
  }
  if (exportName === 'namespace' || exportName === 'require' || (exportName === 'default' && !defaultExport)) {
    return { type: 'value', library: module.library, value: { members: module.exports }, name: specifier };
  }
  const value = module.exports[exportName];
  return value ? { type: 'value', library: module.library, value, name: exportName } : undefined;
}

function resolveBindingElement(element: ts.BindingElement, context: AnalysisContext, depth: number): Resolved | undefined {
  const { ts } = context;
  const pattern = element.parent;
  if (!ts.isObjectBindingPattern(pattern)) return undefined;
  const name = element.propertyName ?? element.name;
  if (!ts.isIdentifier(name) && !ts.isStringLiteralLike(name)) return undefined;
  const owner = pattern.parent;
  let source: Resolved | undefined;
  if (ts.isVariableDeclaration(owner) && owner.initializer) source = resolveExpression(owner.initializer, context, depth);
  if (ts.isParameter(owner)) source = resolveCallbackParameter(owner, context, depth);
  if (source) return getMember(source, name.text, context);
  const required = context.typed ? undefined : getRequiredBinding(element, ts);
  if (required) return resolveRequiredValue(required.call, required.name, context, depth);
  const fromObject = ts.isVariableDeclaration(owner) && owner.initializer ? findPropertySource({ expression: owner.initializer }, name.text, context) : undefined;
  return resolvePropertySource(fromObject ?? findProcedureBindingSource(element, context), context, depth);
}

/** A property the source describes (a written type, a value, a shorthand's variable). */
function resolvePropertySource(source: PropertySource | undefined, context: AnalysisContext, depth: number): Resolved | undefined {
  if (!source) return undefined;
  if ('type' in source) return resolveTypeNode(source.type, context, depth);
  if ('expression' in source) return resolveExpression(source.expression, context, depth);
  return resolveShorthand(source.shorthand, context, depth);
}

/** `{ db }`: the variable's value; the name's own symbol is the property's, which would lead back here. */
function resolveShorthand(shorthand: ts.ShorthandPropertyAssignment, context: AnalysisContext, depth: number): Resolved | undefined {
  const symbol = getShorthandValueSymbol(shorthand, context);
  if (!symbol) return undefined;
  for (const declaration of symbol.declarations ?? []) {
    const resolved = resolveDeclaration(declaration, symbol, context, depth);
    if (resolved) return resolved;
  }
  return undefined;
}

/** A parameter of a callback given to a database call (`knex.transaction(async (trx) => …)`). */
function resolveCallbackParameter(parameter: ts.ParameterDeclaration, context: AnalysisContext, depth: number): Resolved | undefined {
  const { ts } = context;
  const fn = parameter.parent;
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  const call = fn.parent;
  if (!ts.isCallExpression(call) || call.arguments.at(-1) !== fn) return undefined;
  const target = getCallTarget(call, context, depth);
  const kind = target?.definition.callbackParameters?.[fn.parameters.indexOf(parameter)];
  return target && kind ? toObject(target.library, kind, context) : undefined;
}

/** The property an assignment pattern (`{ stripe, id: accountId } = …`) takes for the variable, when it names it. */
function getDestructuredProperty(pattern: ts.ObjectLiteralExpression, symbol: ts.Symbol, context: AnalysisContext): string | undefined {
  const { ts } = context;
  for (const property of pattern.properties) {
    if (ts.isShorthandPropertyAssignment(property) && getShorthandValueSymbol(property, context) === symbol) return property.name.text;
    if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.initializer) && getSymbolAt(property.initializer, context) === symbol
      && (ts.isIdentifier(property.name) || ts.isStringLiteralLike(property.name))) {
      return property.name.text;
    }
  }
  return undefined;
}

/** `constructor(database) { this.database = database }`: what every `new` of the class passes, when all agree. */
function resolveConstructorParameter(parameter: ts.ParameterDeclaration, context: AnalysisContext, depth: number): Resolved | undefined {
  if (!context.ts.isConstructorDeclaration(parameter.parent)) return undefined;
  const passed = getConstructorArguments(parameter, context);
  let found: Resolved | undefined;
  for (const argument of passed ?? []) {
    const resolved = resolveExpression(argument, context, depth);
    if (!resolved || (found && !isSameResolved(found, resolved))) return undefined;
    found = resolved;
  }
  return found;
}

function isSameResolved(left: Resolved, right: Resolved): boolean {
  if (left.type === 'value') return right.type === 'value' && left.library === right.library && left.value === right.value;
  return right.type === 'object' && left.library === right.library && left.name === right.name;
}

/** `this.database` in a JavaScript mixin's method: the composed class's member (see mixins.ts). */
function resolveComposedMember(node: ts.PropertyAccessExpression, context: AnalysisContext, depth: number): Resolved | undefined {
  const member = findComposedMember(node, context);
  const name = member ? getNameNode(member, context.ts) : undefined;
  const symbol = name ? getSymbolAt(name, context) : undefined;
  return member && symbol ? resolveDeclaration(member, symbol, context, depth) : undefined;
}

function getNameNode(declaration: ts.Declaration, typescript: typeof ts): ts.Node | undefined {
  if (typescript.isPropertyAccessExpression(declaration)) return declaration.name;
  const name = (declaration as ts.NamedDeclaration).name;
  return name && typescript.isIdentifier(name) ? name : undefined;
}

/**
 * What a walk over assignments found for a symbol (`let x; … x = …`, a field assigned in its class): the same
 * for every mention, so one walk per symbol, not per mention. Only walks that no depth limit or cycle cut
 * short are remembered, as in resolveExpression.
 */
const assignedValues = createContextMemo<ts.Symbol, Resolved | undefined>();
/**
 * Symbols whose walk is under way. `rows = rows.filter(…)` mentions the variable in its own right-hand side;
 * walking again from there would restart at the first assignment, once per assignment and nesting level.
 */
const walking = createContextMemo<ts.Symbol, true>();

function rememberAssigned(symbol: ts.Symbol, context: AnalysisContext, find: () => Resolved | undefined): Resolved | undefined {
  const remembered = assignedValues.cacheOf(context);
  if (remembered.has(symbol)) return remembered.get(symbol);
  const active = walking.cacheOf(context);
  if (active.has(symbol)) {
    truncated = true;
    return undefined;
  }
  const outerTruncated = truncated;
  truncated = false;
  active.set(symbol, true);
  try {
    const found = find();
    if (!truncated) remembered.set(symbol, found);
    return found;
  } finally {
    active.delete(symbol);
    truncated ||= outerTruncated;
  }
}

/** `let x; … x = new Pool()`: the values assigned to a variable declared without a known initializer. */
function resolveAssignments(identifier: ts.Identifier, symbol: ts.Symbol, context: AnalysisContext, depth: number): Resolved | undefined {
  const { ts } = context;
  const declaration = symbol.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration)) return undefined;
  return rememberAssigned(symbol, context, () => findAssignedValue(declaration, identifier.text, symbol, context, depth));
}

function findAssignedValue(declaration: ts.VariableDeclaration, name: string, symbol: ts.Symbol, context: AnalysisContext, depth: number): Resolved | undefined {
  for (const assigned of getAssignedExpressions(declaration, name, symbol, context)) {
    const found = 'property' in assigned ? resolveAssignedProperty(assigned, context, depth) : resolveExpression(assigned, context, depth);
    if (found) return found;
  }
  return undefined;
}

/** `({ stripe } = await getClient())`: the property of the assigned value, as a destructuring declaration reads it. */
function resolveAssignedProperty(assigned: DestructuredAssignment, context: AnalysisContext, depth: number): Resolved | undefined {
  const source = resolveExpression(assigned.from, context, depth);
  if (source) return getMember(source, assigned.property, context);
  return resolvePropertySource(findPropertySource({ expression: assigned.from }, assigned.property, context), context, depth);
}

/** A destructuring assignment's source and the property it takes for the variable. */
interface DestructuredAssignment {
  readonly from: ts.Expression;
  readonly property: string;
}

/**
 * The right-hand sides of `x = …` and `x ??= …` for a variable, in source order. Which expressions they are
 * depends on syntax and symbols only, so a resolution that a cycle cut short (and does not remember its
 * answer) still walks the scope once. A `const` has none.
 */
const assignedExpressions = createContextMemo<ts.Symbol, readonly (ts.Expression | DestructuredAssignment)[]>();

function getAssignedExpressions(declaration: ts.VariableDeclaration, name: string, symbol: ts.Symbol, context: AnalysisContext): readonly (ts.Expression | DestructuredAssignment)[] {
  const { ts } = context;
  if (ts.isVariableDeclarationList(declaration.parent) && declaration.parent.flags & ts.NodeFlags.Const) return [];
  return assignedExpressions.get(context, symbol, () => {
    const scope = declaration.parent.parent.parent;
    // The file's assignments under the scope, as a walk of it through the context's namespace meets them: one that
    // hides statements hides them from a walk of the file only, not of a node inside one.
    const inFile = ts.isSourceFile(scope);
    const { byName, destructuring } = getFileAssignments(scope.getSourceFile(), inFile ? ts : getFullNamespace(ts));
    const within = <T extends ts.Node>(nodes: readonly T[]): readonly T[] => (inFile ? nodes : sliceWithin(nodes, scope));
    const found: { readonly node: ts.BinaryExpression; readonly value: ts.Expression | DestructuredAssignment }[] = [];
    for (const node of within(byName.get(name) ?? [])) {
      if (getSymbolAt(node.left, context) === symbol) found.push({ node, value: node.right });
    }
    for (const node of within(destructuring)) {
      const property = getDestructuredProperty(node.left as ts.ObjectLiteralExpression, symbol, context);
      if (property !== undefined) found.push({ node, value: { from: node.right, property } });
    }
    // In source order, as a walk meets them (the first that resolves is the answer).
    if (found.length > 1) found.sort((a, b) => a.node.pos - b.node.pos);
    return found.map((entry) => entry.value);
  });
}

/** A call to a function of the project: what its return statements resolve to; for a method declared without a
 * body (an interface's, an abstract one), the return type written there (`getRepository(…): Repository<E>`). */
function resolveLocalCallResult(call: ts.CallExpression, context: AnalysisContext, depth: number): Resolved | undefined {
  const fn = getFunctionDeclaration(call.expression, context);
  if (depth > maxDepth) {
    truncated = true;
    return undefined;
  }
  // `remember('prisma', () => new PrismaClient())`: the value is what the factory returns.
  const factory = getFactoryArgument(call, fn, context);
  const factoryFn = factory ? getFunctionDeclaration(factory, context) : undefined;
  if (factoryFn?.body) {
    for (const returned of getReturnedExpressions(factoryFn, context.ts)) {
      const resolved = resolveExpression(returned, context, depth);
      if (resolved) return resolved;
    }
  }
  if (!fn?.body) return resolveImportedCallResult(call, context, depth) ?? resolveDeclaredReturnType(call, context, depth);
  for (const returned of getReturnedExpressions(fn, context.ts)) {
    const resolved = resolveExpression(returned, context, depth);
    if (resolved) return resolved;
  }
  return undefined;
}

/** Untyped answers for what a function a project module exports returns, per knowledge base. */
const getImportedCallResults = createKnowledgeDiskMemo<Resolved | null>();

/** Untyped: what a function imported (or required) from a project module returns (`db.getClient()` → `pool.connect()`),
 * remembered across linted files unless a lookup below was cut short. */
function resolveImportedCallResult(call: ts.CallExpression, context: AnalysisContext, depth: number): Resolved | undefined {
  if (context.typed) return undefined;
  const outerTruncated = truncated;
  truncated = false;
  try {
    return answerForImportedFunction(call.expression, context, {
      memo: getImportedCallResults(context.knowledge),
      mayHold: (fileName) => moduleReachesDatabase(fileName, context),
      answer: (imported) => resolveReturned(imported.fn, imported.context, depth + 1),
      mayRemember: () => !truncated,
    });
  } finally {
    truncated ||= outerTruncated;
  }
}

function resolveReturned(fn: ts.FunctionLikeDeclaration, context: AnalysisContext, depth: number): Resolved | undefined {
  for (const returned of getReturnedExpressions(fn, context.ts)) {
    const resolved = resolveExpression(returned, context, depth);
    if (resolved) return resolved;
  }
  return undefined;
}

function resolveDeclaredReturnType(call: ts.CallExpression, context: AnalysisContext, depth: number): Resolved | undefined {
  const { ts } = context;
  const callee = skipOuterExpressions(call.expression, ts);
  // The type of `x` in `x.m()` costs the checker more than the syntax that says no such method is declared.
  if (ts.isPropertyAccessExpression(callee) && !mayNameBodilessMethod(callee.name.text, context)) return undefined;
  // `String(id).split(',')`: the methods it can call are known without the receiver's inferred type (which costs the
  // resolution of `String(…)` and its argument); when none resolves, neither does the one the checker would pick.
  const known = ts.isPropertyAccessExpression(callee) ? getMemberDeclarations(callee, context) : undefined;
  if (known?.every((declaration) => !resolveBodilessMethod(declaration, context, depth))) return undefined;
  const symbol = getSymbolAt(ts.isPropertyAccessExpression(callee) ? callee.name : callee, context);
  for (const declaration of symbol?.declarations ?? []) {
    const resolved = resolveBodilessMethod(declaration, context, depth);
    if (resolved) return resolved;
  }
  return undefined;
}

/** A method declared without a body (`getRepository(…): Repository<E>`): its written return type. */
function resolveBodilessMethod(declaration: ts.Declaration, context: AnalysisContext, depth: number): Resolved | undefined {
  const { ts } = context;
  if (!(ts.isMethodSignature(declaration) || (ts.isMethodDeclaration(declaration) && !declaration.body)) || !declaration.type) return undefined;
  return resolveTypeNode(declaration.type, context, depth);
}

/** The type written for a declaration: its annotation, or in JavaScript its JSDoc `@type`/`@param`. */
function getWrittenType(declaration: ts.Declaration, typescript: typeof ts): ts.TypeNode | undefined {
  const written = (declaration as { type?: ts.TypeNode }).type;
  if (written) return written;
  // TypeScript files say their types in annotations; JSDoc there is documentation.
  if (!isJavaScriptFile(declaration.getSourceFile().fileName)) return undefined;
  try {
    return typescript.getJSDocType(declaration);
  } catch {
    return undefined;
  }
}

/**
 * A property of an object type whose written type says nothing known (`globalThis as unknown as { db?: Database }`):
 * what the file that declares it assigns to it, as in `if (!cache.db) cache.db = drizzle(url)`.
 */
function resolvePropertyAssignments(property: ts.PropertySignature, symbol: ts.Symbol, context: AnalysisContext, depth: number): Resolved | undefined {
  return rememberAssigned(symbol, context, () => {
    for (const { assignment, member } of getMemberAssignments(property.getSourceFile(), context.ts).get(symbol.name) ?? []) {
      // Only a member written bare on the left (`cache.db = …`), as this resolution has always read it.
      if (assignment.left !== member || getSymbolAt(member.name, context) !== symbol) continue;
      const found = resolveExpression(assignment.right, context, depth);
      if (found) return found;
    }
    return undefined;
  });
}

/** A field declared without a known type or initializer: what the class assigns to `this.field`. */
function resolveFieldAssignments(field: ts.PropertyDeclaration, symbol: ts.Symbol, context: AnalysisContext, depth: number): Resolved | undefined {
  return rememberAssigned(symbol, context, () => findAssignedFieldValue(field, symbol, context, depth));
}

function findAssignedFieldValue(field: ts.PropertyDeclaration, symbol: ts.Symbol, context: AnalysisContext, depth: number): Resolved | undefined {
  for (const { target, value } of findThisAssignments(field.parent, symbol.name, context.ts)) {
    if (getSymbolAt(target.name, context) !== symbol) continue;
    const found = resolveExpression(value, context, depth);
    if (found) return found;
  }
  return undefined;
}

/** A type annotation written in the code: `client: PoolClient`, `pool: sql.ConnectionPool`. */
function resolveTypeNode(typeNode: ts.TypeNode, context: AnalysisContext, depth: number): Resolved | undefined {
  const { ts } = context;
  // `typeof oracledb`: the value itself.
  if (ts.isTypeQueryNode(typeNode)) {
    const name = typeNode.exprName;
    // A step deeper, as every name a type leads to: `pool: typeof pool` names its own declaration.
    return ts.isIdentifier(name) ? resolveName(name, context, depth + 1) : undefined;
  }
  // JSDoc's `import('pg').Pool`.
  if (ts.isImportTypeNode(typeNode)) return resolveImportType(typeNode, context);
  if (ts.isUnionTypeNode(typeNode) || ts.isIntersectionTypeNode(typeNode)) {
    for (const member of typeNode.types) {
      const resolved = resolveTypeNode(member, context, depth);
      if (resolved) return resolved;
    }
    return undefined;
  }
  if (ts.isParenthesizedTypeNode(typeNode)) return resolveTypeNode(typeNode.type, context, depth);
  if (!ts.isTypeReferenceNode(typeNode)) return undefined;
  let typeName = typeNode.typeName;
  const names: string[] = [];
  while (ts.isQualifiedName(typeName)) {
    names.unshift(typeName.right.text);
    typeName = typeName.left;
  }
  const root = resolveName(typeName, context, depth + 1);
  // `type Database = typeof db`: what the alias stands for.
  if (names.length === 0 && !root) {
    const alias = getSymbol(typeName, context)?.declarations?.find((declaration) => ts.isTypeAliasDeclaration(declaration));
    if (alias) return resolveTypeNode(alias.type, context, depth + 1);
  }
  if (names.length === 0 && root?.type === 'object') return root;
  // A class of the library, or a project class that extends one (`class PrismaService extends PrismaClient`).
  if (names.length === 0 && root?.type === 'value' && root.value.constructs) return toObject(root.library, root.value.constructs, context);
  const library = root?.library ?? getImportedLibrary(typeName, context);
  if (!library) return undefined;
  const name = names.at(-1) ?? getImportedName(typeName, context) ?? typeName.text;
  const kind = context.knowledge.getKindsByTypeName(name).find((candidate) => candidate.library === library);
  return kind ? { type: 'object', ...kind } : undefined;
}

function resolveImportType(typeNode: ts.ImportTypeNode, context: AnalysisContext): Resolved | undefined {
  const { ts } = context;
  const argument = typeNode.argument;
  if (!ts.isLiteralTypeNode(argument) || !ts.isStringLiteral(argument.literal) || !typeNode.qualifier) return undefined;
  const library = context.knowledge.getModule(argument.literal.text)?.library;
  const qualifier = typeNode.qualifier;
  const name = ts.isIdentifier(qualifier) ? qualifier.text : qualifier.right.text;
  const kind = library ? context.knowledge.getKindsByTypeName(name).find((candidate) => candidate.library === library) : undefined;
  return kind ? { type: 'object', ...kind } : undefined;
}

/** The library of a type-only import (`import type { PoolClient } from 'pg'`). */
function getImportedLibrary(identifier: ts.Identifier, context: AnalysisContext): LibraryDefinition | undefined {
  const declaration = getImportDeclarationOf(identifier, context);
  const specifier = declaration?.moduleSpecifier;
  if (!specifier || !context.ts.isStringLiteralLike(specifier)) return undefined;
  const name = getImportedName(identifier, context) ?? 'default';
  const containingFile = identifier.getSourceFile().fileName;
  return importedLibraries.get(context, `${path.dirname(containingFile)}\0${specifier.text}\0${name}`, () => findImportedLibrary(specifier.text, name, containingFile, context));
}

/** The library of a type-only import, once per folder, module and name (as resolveImportedModule). */
const importedLibraries = createContextMemo<string, LibraryDefinition | undefined>();

function findImportedLibrary(specifier: string, name: string, containingFile: string, context: AnalysisContext): LibraryDefinition | undefined {
  const library = getDatabaseModule(specifier, containingFile, context.knowledge, context.program.getCompilerOptions())?.library;
  if (library) return library;
  const found = findReexportedModule(specifier, name, containingFile, context, (candidate, from) => getDatabaseModule(candidate, from, context.knowledge, context.program.getCompilerOptions()) !== undefined);
  return found ? getDatabaseModule(found.specifier, found.containingFile, context.knowledge, context.program.getCompilerOptions())?.library : undefined;
}

function getImportedName(identifier: ts.Identifier, context: AnalysisContext): string | undefined {
  const { ts } = context;
  const declaration = getSymbolAt(identifier, context)?.declarations?.[0];
  return declaration && ts.isImportSpecifier(declaration) ? (declaration.propertyName ?? declaration.name).text : undefined;
}

function getImportDeclarationOf(identifier: ts.Identifier, context: AnalysisContext): ts.ImportDeclaration | undefined {
  const { ts } = context;
  const declaration = getSymbolAt(identifier, context)?.declarations?.[0];
  if (!declaration) return undefined;
  let node: ts.Node | undefined;
  if (ts.isImportSpecifier(declaration)) node = declaration.parent.parent.parent;
  if (ts.isImportClause(declaration)) node = declaration.parent;
  if (ts.isNamespaceImport(declaration)) node = declaration.parent.parent;
  return node && ts.isImportDeclaration(node) ? node : undefined;
}

/**
 * A node's type does not depend on where a resolution started (unlike a syntactic answer that a cycle cut
 * short), so it is asked once per program: the checker redoes flow analysis on every ask.
 */
const typeResolutions = createContextMemo<ts.Expression, Resolved | undefined>();

/** Typed fallback: the declared type of the expression, matched by name and declaring package. */
function resolveByType(expression: ts.Expression, context: AnalysisContext): Resolved | undefined {
  if (!context.typed || !mayDeclareDatabaseTypes(context)) return undefined;
  return typeResolutions.get(context, expression, () => resolveDeclaredType(expression, context));
}

function resolveDeclaredType(expression: ts.Expression, context: AnalysisContext): Resolved | undefined {
  const { ts } = context;
  if (isPlainClassThis(expression, context) || isFunctionOrClassName(expression, context) || hasObjectLiteralType(expression, context)) return undefined;
  if (cannotHoldKind(expression, context, (type) => getKindOfDeclaredType(type, context) !== undefined)) return undefined;
  let type: ts.Type;
  try {
    type = getTypeOf(expression, context);
    type = getAwaitedTypeOf(type, context);
  } catch {
    return undefined;
  }
  const candidates = type.isUnion() ? type.types : [type];
  for (const candidate of candidates) {
    if (candidate.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)) continue;
    const kind = getKindOfDeclaredType(candidate, context);
    if (kind) return { type: 'object', ...kind };
  }
  return undefined;
}

/**
 * `this` in a member of a project class that extends nothing (`this.db(…)`, `this.helper()`): an instance of that class,
 * which names a database kind only by a name matched wherever it is declared (a generated client's), so its type, which
 * the checker works out at every mention, cannot name one.
 */
function isPlainClassThis(expression: ts.Expression, context: AnalysisContext): boolean {
  const { ts } = context;
  if (expression.kind !== ts.SyntaxKind.ThisKeyword) return false;
  let current: ts.Node = expression.parent;
  while (!ts.isClassLike(current)) {
    // A function's own `this` (not an arrow's) is whatever it is called on; a static block's or a file's is no instance.
    if (ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current) || ts.isSourceFile(current) || ts.isObjectLiteralExpression(current)) return false;
    current = current.parent;
  }
  const heritage = current.heritageClauses?.some((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword) ?? false;
  const name = current.name?.text;
  return !heritage && name !== undefined && !context.knowledge.getKindsByTypeName(name).some((kind) => kind.object.typeNamesAnywhere);
}

/**
 * `getBalance` in `getBalance(id)`, `OrdersRepository` in `new OrdersRepository(db)`, `Router` in `Router()` (express
 * declares it): a function or class declared here, in a module it imports or in a library's declarations. Its type is its
 * own (`typeof OrdersRepository`), which names a kind by its name alone, without bases. An import is typed by flow
 * analysis where the file may narrow it (see getFunctionOrClassType), so such a file still asks.
 */
function isFunctionOrClassName(expression: ts.Expression, context: AnalysisContext): boolean {
  const { ts } = context;
  if (!ts.isIdentifier(expression)) return false;
  const symbol = getSymbolAt(expression, context);
  const target = followAlias(symbol, context);
  const isImport = target !== symbol;
  const declaration = target?.valueDeclaration;
  if (!target || !declaration || !(ts.isFunctionDeclaration(declaration) || ts.isClassDeclaration(declaration))) return false;
  if (isImport && mayBeNarrowedInFile(expression.text, expression.getSourceFile(), ts)) return false;
  // An import may rename it (`import { load as fetchUsers }`): its type goes by the declared name.
  return context.knowledge.getKindsByTypeName(expression.text).length === 0 && context.knowledge.getKindsByTypeName(target.name).length === 0;
}

/** A type's kind depends on the type and the knowledge alone, and every mention of a name asks it again (with its bases). */
const declaredTypeKinds = createContextMemo<ts.Type, ObjectKind | undefined>();

function getKindOfDeclaredType(type: ts.Type, context: AnalysisContext): ObjectKind | undefined {
  return declaredTypeKinds.get(context, type, () => getKindOfType(type, context, 0));
}

/** The kind a declared type names, or the kind of a base class it extends (`class User extends Model`). */
function getKindOfType(type: ts.Type, context: AnalysisContext, depth: number): ObjectKind | undefined {
  for (const symbol of [type.aliasSymbol, type.getSymbol()]) {
    if (!symbol) continue;
    for (const kind of context.knowledge.getKindsByTypeName(symbol.name)) {
      if (kind.object.typeNamesAnywhere || isDeclaredBy(symbol, kind.library, context)) return kind;
    }
  }
  const { ts } = context;
  if (depth >= 6 || !(type.flags & ts.TypeFlags.Object)) return undefined;
  const objectFlags = (type as ts.ObjectType).objectFlags;
  const declared = objectFlags & ts.ObjectFlags.Reference ? (type as ts.TypeReference).target : type;
  if (!((declared as ts.ObjectType).objectFlags & ts.ObjectFlags.ClassOrInterface)) return undefined;
  let bases: readonly ts.BaseType[];
  try {
    bases = context.checker.getBaseTypes(declared as ts.InterfaceType);
  } catch {
    return undefined;
  }
  for (const base of bases) {
    const kind = getKindOfType(base, context, depth + 1);
    if (kind) return kind;
  }
  return undefined;
}

function isDeclaredBy(symbol: ts.Symbol, library: LibraryDefinition, context: AnalysisContext): boolean {
  for (const declaration of symbol.declarations ?? []) {
    if (context.knowledge.isLibraryFile(library, declaration.getSourceFile().fileName)) return true;
  }
  return false;
}

function getMember(owner: Resolved, name: string, context: AnalysisContext): Resolved | undefined {
  if (owner.type === 'value') {
    const member = owner.value.members?.[name];
    if (member) return { type: 'value', library: owner.library, value: member, name };
    return owner.value.is ? getMember(toObject(owner.library, owner.value.is, context) ?? owner, name, context) : undefined;
  }
  const kind = owner.object.properties?.[name] ?? (Object.hasOwn(owner.object.methods ?? {}, name) ? undefined : owner.object.otherProperties);
  return kind ? toObject(owner.library, kind, context) : undefined;
}

/** The collection a model loader fills (`db.User`), whose own assigned properties (`db.sequelize`) come first. */
function isModelRegistry(owner: Resolved): boolean {
  if (owner.type !== 'object') return false;
  return Object.values(owner.library.objects).some((kind) => kind.modelLoaders?.registry === owner.name);
}

function toObject(library: LibraryDefinition, name: string, context: AnalysisContext): Resolved | undefined {
  const kind = context.knowledge.getKind(library, name);
  return kind ? { type: 'object', ...kind } : undefined;
}

const objectPrototypeMethods = new Set(['toString', 'valueOf', 'hasOwnProperty', 'constructor', 'toJSON', 'catch', 'finally']);
function isObjectPrototypeMethod(name: string): boolean {
  return objectPrototypeMethods.has(name);
}

