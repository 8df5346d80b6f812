/**
 * Untyped analysis's name lookups, answered from the binder's symbol tables as the checker's name resolution reads them.
 * In a module file that shares an untyped checker (`single-file-programs.ts`) the checker knows no other file and no
 * global but `undefined` and `globalThis`, and every import names a module it cannot resolve; what it answers for a
 * name read as a value is then the binder's symbol of the nearest scope that declares it. The checker would also resolve
 * each import it passes (a failed module resolution and its diagnostic), which untyped analysis never needs. Anything
 * this reading does not cover for certain (types, decorators, namespaces, enums, `arguments`, parameter defaults that
 * name the function's own locals; in JavaScript, members and names no scope declares) is left to the checker.
 * Typed, the same reading answers for the names a function or a block declares (parameters, local variables) and a
 * module's imports and unexported names, which no other file can merge with, and for `this.x` as untyped (the class's
 * own member, when the checker merged the class with nothing); it asks the checker once per program for a global name,
 * and the checker answers for the rest.
 */
import type * as ts from 'typescript';

import type { AnalysisContext, TypeScript } from './analysis-context.js';

import { getRequiredBinding, isRequireCall } from './commonjs-exports.js';
import { createContextMemo } from './context-memo.js';
import { mayBeNarrowedInFile } from './narrowing.js';
import { sharesUntypedChecker } from './single-file-programs.js';
import { skipOuterExpressions } from './syntax.js';

/** The binder's tables cannot say for certain what the checker would answer. */
export const askChecker: unique symbol = Symbol('ask the checker');

/** Names the checker answers itself: its own globals, the `arguments` object, `as const`. */
const checkerNames = new Set(['undefined', 'globalThis', 'arguments', 'const']);
/** JavaScript's names the checker answers itself where no scope declares them. */
const javaScriptCheckerNames = new Set(['require', 'exports', 'module']);

/** Binder fields the API does not declare. */
interface BoundNode {
  readonly locals?: ts.SymbolTable;
  readonly symbol?: ts.Symbol;
  readonly localSymbol?: ts.Symbol;
}

/** The symbol `checker.getSymbolAtLocation(node)` returns, read from the binder's tables, or `askChecker`. */
export function getBoundSymbol(node: ts.Node, context: AnalysisContext): ts.Symbol | undefined | typeof askChecker {
  const { ts, typed } = context;
  // A typed program's files get their parents and symbol tables when its checker is created, which asking it does.
  if (!ts.isIdentifier(node) || !node.parent || (!typed && !sharesUntypedChecker(context.program))) return askChecker;
  const name = node.escapedText;
  if (checkerNames.has(name as string) || (node.flags & ts.NodeFlags.JSDoc) !== 0) return askChecker;
  const javaScript = (node.flags & ts.NodeFlags.JavaScriptFile) !== 0;
  if (ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) {
    if (javaScript) return askChecker;
    if (node.parent.expression.kind !== ts.SyntaxKind.ThisKeyword) return typed ? askChecker : getMemberOfImport(node.parent, context);
    // Typed, the checker merges a class with another file's declarations (an augmentation) when it is created; only then
    // does the class's symbol say so.
    if (typed) void context.checker;
    return getMemberOfThis(node.parent, ts);
  }
  if (!isReadAsValue(node, ts) || (javaScript && isAssignedMemberReceiver(node, ts))) return askChecker;
  const value = ts.SymbolFlags.Value;
  let last: ts.Node = node;
  for (let location: ts.Node | undefined = node.parent; location; last = location, location = location.parent) {
    if (ts.isTypeNode(location)) return askChecker;
    // Typed, only a function's or a block's own names, and a module's imports and unexported names: a module's exports
    // and a namespace's names can merge with declarations in other files (an augmentation, a script's globals), and the
    // checker answers with the merged symbol.
    if (typed && ts.isSourceFile(location)) return lookupTypedModuleScope(node, location, context);
    if (typed && ts.isModuleDeclaration(location)) return askChecker;
    const locals = (location as BoundNode).locals;
    if (locals) {
      const found = lookup(locals, name, value, ts);
      if (found === askChecker) return askChecker;
      // Found in a function's own scope from its parameters or signature: which scope applies depends on the target.
      if (found && ts.isFunctionLike(location) && last !== (location as ts.FunctionLikeDeclaration).body) return askChecker;
      if (found) return found;
    }
    switch (location.kind) {
      case ts.SyntaxKind.SourceFile:
        return javaScript ? lookupJavaScriptModuleScope(location as ts.SourceFile, name, ts) : lookupModuleExport(location as ts.SourceFile, name, ts);
      case ts.SyntaxKind.ClassDeclaration:
      case ts.SyntaxKind.ClassExpression: {
        const declaration = location as ts.ClassLikeDeclaration;
        // Type parameters and the like, which the checker looks up among the members first.
        const member = (declaration as BoundNode).symbol?.members?.get(name);
        if (!(declaration as BoundNode).symbol || (member && member.flags & value & ts.SymbolFlags.Type)) return askChecker;
        if (ts.isClassExpression(declaration) && declaration.name?.escapedText === name) return (declaration as BoundNode).symbol;
        break;
      }
      case ts.SyntaxKind.FunctionExpression: {
        const expression = location as ts.FunctionExpression;
        if (expression.name?.escapedText === name) return (expression as BoundNode).symbol ?? askChecker;
        break;
      }
      case ts.SyntaxKind.ModuleDeclaration:
      case ts.SyntaxKind.EnumDeclaration:
      case ts.SyntaxKind.Decorator:
      case ts.SyntaxKind.ComputedPropertyName:
      case ts.SyntaxKind.ExpressionWithTypeArguments:
      case ts.SyntaxKind.ExportSpecifier:
      case ts.SyntaxKind.WithStatement:
        return askChecker;
      default:
        break;
    }
  }
  return askChecker;
}

/** JavaScript's `x` in `x.m = value`: the checker answers with the symbol of the member that assignment declares. */
function isAssignedMemberReceiver(node: ts.Identifier, ts: TypeScript): boolean {
  const access = node.parent;
  return ts.isPropertyAccessExpression(access) && ts.isBinaryExpression(access.parent) && access.parent.left === access;
}

/**
 * `x.m` where `x` names an import: the untyped checker gives `x` an error type (its module is unknown), which has no
 * members, and `m` no symbol, unless flow analysis narrows `x` to a type (`x instanceof Pool`).
 */
function getMemberOfImport(access: ts.PropertyAccessExpression, context: AnalysisContext): undefined | typeof askChecker {
  const { ts } = context;
  const receiver = access.expression;
  if (access.questionDotToken || !ts.isIdentifier(receiver)) return askChecker;
  let outer: ts.Node = access.parent;
  while (ts.isPropertyAccessExpression(outer)) outer = outer.parent;
  if (ts.isExpressionWithTypeArguments(outer) || ts.isDecorator(outer)) return askChecker;
  const symbol = getBoundSymbol(receiver, context);
  if (symbol === askChecker || !symbol || !(symbol.flags & ts.SymbolFlags.Alias) || !importsModule(symbol, ts)) return askChecker;
  return mayBeNarrowedInFile(receiver.text, access.getSourceFile(), ts) ? askChecker : undefined;
}

/**
 * `this.pool` in an instance member of a class declared once, which declares `pool` itself: the checker types `this` as
 * the class's instance type, whose property of that name is the class's own member symbol (an own member hides a base
 * class's of the same name, so what the class extends does not matter). Asking the checker types `this`
 * and the member's declared type (resolving its import, which untyped analysis never needs). Left to the checker: a
 * static member or a `this` parameter (another type), a member the class does not declare (inherited or an error),
 * computed member names (late-bound members), and a class that may narrow `this` (a `this` not read through a member,
 * `if (this instanceof Admin)`, or a `this is` predicate method), since a narrowed `this` has the narrowing type's members.
 */
function getMemberOfThis(access: ts.PropertyAccessExpression, ts: TypeScript): ts.Symbol | typeof askChecker {
  const member = getInstanceMember(access, ts);
  const classLike = member?.parent;
  if (!member || !classLike || !ts.isClassLike(classLike) || !isPlainClass(classLike, ts)) return askChecker;
  const classSymbol = (classLike as BoundNode).symbol;
  if (!classSymbol || isMerged(classSymbol) || classSymbol.declarations?.length !== 1) return askChecker;
  const found = classSymbol.members?.get(access.name.escapedText);
  const memberFlags = ts.SymbolFlags.Property | ts.SymbolFlags.Method | ts.SymbolFlags.Accessor;
  return found && !isMerged(found) && found.flags & memberFlags && !(found.flags & ~(memberFlags | ts.SymbolFlags.Optional)) ? found : askChecker;
}

/** The class member whose `this` the access reads (arrow functions keep the enclosing `this`), when it is an instance
 * method, constructor, accessor or field without a `this` parameter. */
function getInstanceMember(access: ts.PropertyAccessExpression, ts: TypeScript): ts.ClassElement | undefined {
  for (let current: ts.Node = access.parent; ; current = current.parent) {
    if (!current || ts.isSourceFile(current) || ts.isComputedPropertyName(current) || ts.isDecorator(current)) return undefined;
    if (ts.isArrowFunction(current)) continue;
    if (ts.isMethodDeclaration(current) || ts.isConstructorDeclaration(current) || ts.isAccessor(current) || ts.isPropertyDeclaration(current)) {
      if (!ts.isClassLike(current.parent) || ts.getModifiers(current)?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword)) return undefined;
      const first = ts.isPropertyDeclaration(current) ? undefined : current.parameters[0];
      return first && ts.isIdentifier(first.name) && first.name.text === 'this' ? undefined : current;
    }
    if (ts.isFunctionLike(current) || ts.isClassStaticBlockDeclaration(current) || ts.isModuleDeclaration(current) || ts.isEnumDeclaration(current)
      || ts.isPropertySignature(current)) {
      return undefined;
    }
  }
}

/** Per class (syntax only): it names no member by a computed name, declares no `this is` predicate, and
 * reads `this` only through its members (`this.x`, `this['x']`), so nothing narrows `this` in it. */
const plainClasses = new WeakMap<ts.ClassLikeDeclaration, boolean>();

function isPlainClass(declaration: ts.ClassLikeDeclaration, ts: TypeScript): boolean {
  let plain = plainClasses.get(declaration);
  if (plain === undefined) {
    plain = !declaration.members.some((member) => member.name !== undefined && ts.isComputedPropertyName(member.name));
    const visit = (node: ts.Node): void => {
      if (!plain) return;
      if (node.kind === ts.SyntaxKind.ThisKeyword) {
        const parent = node.parent;
        plain = (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === node;
        return;
      }
      if (ts.isTypePredicateNode(node) && node.parameterName.kind === ts.SyntaxKind.ThisType) {
        plain = false;
        return;
      }
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(declaration, visit);
    plainClasses.set(declaration, plain);
  }
  return plain;
}

/**
 * Typed, a name a module imports (`import { pool } from './db'`) or declares without exporting it: the checker looks in
 * the module's own scope first, where nothing merges with these (another file's augmentation merges with a module's
 * exports, a script's globals with the global scope), and answers with that symbol. A name the module neither declares
 * nor exports, nor anything merged with it, is a global (`console`, `describe`), whose symbol is the same in every
 * module of the program: the checker is asked once per name. Left to the checker: type-only imports (read as a value,
 * the name is looked up elsewhere), exported names, and JavaScript, where some globals depend on where they are read
 * (`require`).
 */
function lookupTypedModuleScope(node: ts.Identifier, sourceFile: ts.SourceFile, context: AnalysisContext): ts.Symbol | undefined | typeof askChecker {
  const { ts } = context;
  if (!ts.isExternalModule(sourceFile)) return askChecker;
  const name = node.escapedText;
  const symbol = (sourceFile as BoundNode).locals?.get(name);
  if (!symbol) return isGlobalRead(node, sourceFile, ts) ? getGlobalSymbol(node, context) : askChecker;
  if (isMerged(symbol)) return askChecker;
  if (symbol.flags === ts.SymbolFlags.Alias) {
    return importsModule(symbol, ts) && !symbol.declarations?.some((declaration) => ts.isTypeOnlyImportDeclaration(declaration)) ? symbol : askChecker;
  }
  const exported = (symbol as { exportSymbol?: ts.Symbol }).exportSymbol !== undefined || (symbol.flags & ts.SymbolFlags.ExportValue) !== 0;
  return !exported && (symbol.flags & ts.SymbolFlags.Value) !== 0 && !(symbol.flags & ts.SymbolFlags.Alias) ? symbol : askChecker;
}

/** A TypeScript module that declares no local by the name, exports none and has no augmentation merged into it. */
function isGlobalRead(node: ts.Identifier, sourceFile: ts.SourceFile, ts: TypeScript): boolean {
  const moduleSymbol = (sourceFile as BoundNode).symbol;
  if ((node.flags & ts.NodeFlags.JavaScriptFile) !== 0 || !moduleSymbol || isMerged(moduleSymbol)) return false;
  const exports = moduleSymbol.exports;
  const defaultExport = exports?.get(ts.InternalSymbolName.Default);
  return !exports?.has(node.escapedText) && (!defaultExport || getLocalSymbolForExportDefault(defaultExport, ts)?.escapedName !== node.escapedText);
}

/** Per program, the checker's symbol for each global name read (null: none). */
const globalSymbols = createContextMemo<ts.__String, ts.Symbol | null>();

function getGlobalSymbol(node: ts.Identifier, context: AnalysisContext): ts.Symbol | undefined | typeof askChecker {
  try {
    return globalSymbols.get(context, node.escapedText, () => context.checker.getSymbolAtLocation(node) ?? null) ?? undefined;
  } catch {
    return askChecker;
  }
}

/** At the module's top: `export default function name`, then its exports (an exported declaration's local symbol carries
 * no value meaning, so the checker answers with the export's symbol); nothing else is in scope. */
function lookupModuleExport(sourceFile: ts.SourceFile, name: ts.__String, ts: TypeScript): ts.Symbol | undefined | typeof askChecker {
  const moduleSymbol = (sourceFile as BoundNode).symbol;
  if (!ts.isExternalModule(sourceFile) || !moduleSymbol || isMerged(moduleSymbol)) return askChecker;
  const exports = moduleSymbol.exports;
  if (!exports) return undefined;
  const value = ts.SymbolFlags.Value;
  const defaultExport = exports.get(ts.InternalSymbolName.Default);
  if (defaultExport) {
    const local = getLocalSymbolForExportDefault(defaultExport, ts);
    if (local && defaultExport.flags & value && local.escapedName === name) return defaultExport;
  }
  const moduleExport = exports.get(name);
  if (moduleExport && moduleExport.flags === ts.SymbolFlags.Alias
    && moduleExport.declarations?.some((declaration) => ts.isExportSpecifier(declaration) || ts.isNamespaceExport(declaration))) {
    return undefined;
  }
  return name === ts.InternalSymbolName.Default ? undefined : lookup(exports, name, value & ts.SymbolFlags.ModuleMember, ts);
}

/** JavaScript at the module's top: `require` and CommonJS's `exports` are the checker's own symbols; a CommonJS module's
 * exports are not in scope (`exports.x = …` declares no `x`), an ES module's are as in TypeScript. */
function lookupJavaScriptModuleScope(sourceFile: ts.SourceFile, name: ts.__String, ts: TypeScript): ts.Symbol | undefined | typeof askChecker {
  if (javaScriptCheckerNames.has(name as string)) return askChecker;
  return (sourceFile as { commonJsModuleIndicator?: unknown }).commonJsModuleIndicator === undefined ? lookupModuleExport(sourceFile, name, ts) : undefined;
}

/** The checker's `getSymbol`: the table's symbol when it has the meaning, an import's always (its target is unknown). */
function lookup(table: ts.SymbolTable, name: ts.__String, meaning: ts.SymbolFlags, ts: TypeScript): ts.Symbol | undefined | typeof askChecker {
  const symbol = table.get(name);
  if (!symbol) return undefined;
  if (isMerged(symbol)) return askChecker;
  if (symbol.flags & meaning) return symbol;
  if (symbol.flags & ts.SymbolFlags.Alias) return importsModule(symbol, ts) ? symbol : askChecker;
  return undefined;
}

/** An alias whose every declaration imports from a module (which the untyped checker cannot resolve: it has all meanings):
 * an import, or JavaScript's `const x = require('m')`, `const { x } = require('m')`, `const x = require('m').y`. */
function importsModule(symbol: ts.Symbol, ts: TypeScript): boolean {
  const declarations = symbol.declarations;
  return !!declarations?.length && declarations.every((declaration) => ts.isImportClause(declaration) || ts.isImportSpecifier(declaration)
    || ts.isNamespaceImport(declaration) || (ts.isImportEqualsDeclaration(declaration) && ts.isExternalModuleReference(declaration.moduleReference))
    || isRequireDeclaration(declaration, ts));
}

/** `const x = require('m')`, `const { x } = require('m')` (getRequiredBinding), or `const x = require('m').y`, which the
 * binder also binds as an import. */
function isRequireDeclaration(declaration: ts.Declaration, ts: TypeScript): boolean {
  if (getRequiredBinding(declaration, ts)) return true;
  const initializer = ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuterExpressions(declaration.initializer, ts) : undefined;
  return initializer !== undefined && ts.isPropertyAccessExpression(initializer) && isRequireCall(skipOuterExpressions(initializer.expression, ts), ts);
}

/** A symbol the checker merged with another: its merged symbol is the checker's own. */
function isMerged(symbol: ts.Symbol): boolean {
  return (symbol as { mergeId?: number }).mergeId !== undefined && (symbol as { mergeId?: number }).mergeId !== 0;
}

function getLocalSymbolForExportDefault(symbol: ts.Symbol, ts: TypeScript): ts.Symbol | undefined {
  const first = symbol.declarations?.[0];
  if (!first || !ts.canHaveModifiers(first) || !ts.getModifiers(first)?.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword)) return undefined;
  for (const declaration of symbol.declarations ?? []) {
    const local = (declaration as BoundNode).localSymbol;
    if (local) return local;
  }
  return undefined;
}

/**
 * The identifier is read as a value where the checker resolves it by name alone: an expression, not a declaration's
 * name, a property name, a type, a JSX tag, a heritage clause or a shorthand property (whose symbol is the property's).
 */
function isReadAsValue(node: ts.Identifier, ts: TypeScript): boolean {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.kind) {
    case ts.SyntaxKind.VariableDeclaration:
    case ts.SyntaxKind.Parameter:
    case ts.SyntaxKind.PropertyDeclaration:
    case ts.SyntaxKind.PropertyAssignment:
    case ts.SyntaxKind.BindingElement:
      return (parent as ts.VariableDeclaration).initializer === node;
    case ts.SyntaxKind.ExpressionStatement:
    case ts.SyntaxKind.IfStatement:
    case ts.SyntaxKind.DoStatement:
    case ts.SyntaxKind.WhileStatement:
    case ts.SyntaxKind.ReturnStatement:
    case ts.SyntaxKind.SwitchStatement:
    case ts.SyntaxKind.CaseClause:
    case ts.SyntaxKind.ThrowStatement:
    case ts.SyntaxKind.TypeAssertionExpression:
    case ts.SyntaxKind.AsExpression:
    case ts.SyntaxKind.SatisfiesExpression:
    case ts.SyntaxKind.TemplateSpan:
    case ts.SyntaxKind.NonNullExpression:
    case ts.SyntaxKind.ParenthesizedExpression:
    case ts.SyntaxKind.AwaitExpression:
    case ts.SyntaxKind.SpreadElement:
    case ts.SyntaxKind.SpreadAssignment:
    case ts.SyntaxKind.VoidExpression:
    case ts.SyntaxKind.TypeOfExpression:
    case ts.SyntaxKind.DeleteExpression:
    case ts.SyntaxKind.YieldExpression:
    case ts.SyntaxKind.JsxExpression:
    case ts.SyntaxKind.JsxSpreadAttribute:
      return (parent as ts.ExpressionStatement).expression === node;
    case ts.SyntaxKind.PrefixUnaryExpression:
    case ts.SyntaxKind.PostfixUnaryExpression:
      return (parent as ts.PrefixUnaryExpression).operand === node;
    case ts.SyntaxKind.ForStatement: {
      const statement = parent as ts.ForStatement;
      return statement.initializer === node || statement.condition === node || statement.incrementor === node;
    }
    case ts.SyntaxKind.ForInStatement:
    case ts.SyntaxKind.ForOfStatement: {
      const statement = parent as ts.ForOfStatement;
      return statement.initializer === node || statement.expression === node;
    }
    case ts.SyntaxKind.PropertyAccessExpression:
      return (parent as ts.PropertyAccessExpression).expression === node;
    case ts.SyntaxKind.ElementAccessExpression: {
      const access = parent as ts.ElementAccessExpression;
      return access.expression === node || access.argumentExpression === node;
    }
    case ts.SyntaxKind.CallExpression:
    case ts.SyntaxKind.NewExpression: {
      const call = parent as ts.CallExpression;
      return call.expression === node || (call.arguments?.includes(node) ?? false);
    }
    case ts.SyntaxKind.TaggedTemplateExpression:
      return (parent as ts.TaggedTemplateExpression).tag === node;
    case ts.SyntaxKind.BinaryExpression: {
      const binary = parent as ts.BinaryExpression;
      return binary.left === node || binary.right === node;
    }
    case ts.SyntaxKind.ConditionalExpression: {
      const conditional = parent as ts.ConditionalExpression;
      return conditional.condition === node || conditional.whenTrue === node || conditional.whenFalse === node;
    }
    case ts.SyntaxKind.ArrayLiteralExpression:
      return (parent as ts.ArrayLiteralExpression).elements.includes(node);
    case ts.SyntaxKind.ArrowFunction:
      return (parent as ts.ArrowFunction).body === node;
    default:
      return false;
  }
}
