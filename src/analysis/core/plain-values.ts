/** Values the syntax alone shows hold no database object, so that no analysis asks the checker for their type. */
import type * as ts from 'typescript';

import type { AnalysisContext, TypeScript } from './analysis-context.js';

import { mayBeNarrowedInFile } from './narrowing.js';
import { followAlias, getSymbolAt } from './symbols.js';
import { plainLanguageClasses } from './method-names.js';
import { getFunctionValue, getMemberName, isJavaScriptFile, isOuterExpression, skipOuterExpressions } from './syntax.js';

/**
 * A literal or a function (or a `const` initialised with one, here or, but for an object, in a module it is imported
 * from), a built-in member of an array or string literal (`docs.push`) or of a global of the language (`JSON.stringify`),
 * and a method of an object literal (`ordersRepository.findById`) hold no database object whatever the checker says of
 * their type, so the checker is not asked: the type of `const docs = []` is inferred from every element later pushed
 * into it, which can cost seconds per file with a library's deep generic types (a Mongoose model's constructor).
 * Typed, a collection, date or error the language's library builds (`new Map(…)`) counts as a literal.
 */
export function holdsPlainValue(expression: ts.Expression, context: AnalysisContext): boolean {
  return isLiteralOrConst(expression, isLiteral, context) || isBuiltInMember(expression, context) || isObjectLiteralMethod(expression, context);
}

/**
 * `repository.find` where `const repository = { async find() {…} }` (here or imported): a function the project wrote.
 * Not when a spread in the literal may replace it, nor a getter (its value is what it returns), nor a name a database
 * kind's type goes by (a method's type is named after it).
 */
function isObjectLiteralMethod(expression: ts.Expression, context: AnalysisContext): boolean {
  const { ts } = context;
  const access = withoutCasts(expression, ts);
  if (!access || !ts.isPropertyAccessExpression(access)) return false;
  const literal = getConstInitializer(access.expression, context);
  if (!literal || !ts.isObjectLiteralExpression(literal) || literal.properties.some(ts.isSpreadAssignment)) return false;
  const name = access.name.text;
  const members = literal.properties.filter((property) => property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) && property.name.text === name);
  const member = members.length === 1 ? members[0] : undefined;
  const isFunction = member !== undefined && (ts.isMethodDeclaration(member)
    || (ts.isPropertyAssignment(member) && getFunctionValue(withoutCasts(member.initializer, ts), ts) !== undefined));
  return isFunction && context.knowledge.getKindsByTypeName(name).length === 0;
}

/** `docs.push`, `name.length`, `byId.get`: a member of an array, string or number literal, of a collection the language
 * builds (typed), or of a `const` holding one; typed, also a member the language's library declares on one of its
 * globals (`JSON.stringify`, `Promise.all`). */
export function isBuiltInMember(expression: ts.Expression, context: AnalysisContext): boolean {
  const { ts } = context;
  const member = getMemberName(skipOuterExpressions(expression, ts), ts);
  return member !== undefined
    && (isLiteralOrConst(member.object, hasBuiltInMembersOnly, context) || isLanguageGlobalMember(member.object, member.name, context));
}

/**
 * `JSON.stringify`: a member of a global of the language's library that the library itself declares. A program can add
 * members to a global's interface (`interface Window { db: Pool }` in a `declare global`), and those it declares itself.
 */
function isLanguageGlobalMember(owner: ts.Expression, name: string, context: AnalysisContext): boolean {
  const { ts, checker } = context;
  const value = withoutCasts(owner, ts);
  if (!context.typed || !value || !ts.isIdentifier(value)) return false;
  const symbol = getSymbolAt(value, context);
  if (!symbol || !isLanguageGlobal(symbol, context)) return false;
  const declarations = checker.getPropertyOfType(checker.getTypeOfSymbol(symbol), name)?.declarations;
  return declarations !== undefined && declarations.length > 0 && declarations.every((declaration) => isDefaultLibraryFile(declaration, context));
}

/**
 * The expression, or the `const` it names (declared without a type), is a literal of that sort. A literal
 * (isLiteral) also names a global of the language's own library (`JSON`, `Map`): not a database object.
 */
function isLiteralOrConst(expression: ts.Expression, isSort: (node: ts.Expression, context: AnalysisContext) => boolean, context: AnalysisContext): boolean {
  const { ts } = context;
  const value = withoutCasts(expression, ts);
  if (!value) return false;
  if (isSort(value, context)) return true;
  if (!ts.isIdentifier(value)) return false;
  const symbol = getSymbolAt(value, context);
  if (isSort === isLiteral && symbol && isLanguageGlobal(symbol, context)) return true;
  const initializer = getConstInitializer(value, context, symbol);
  // An imported object may be a registry another module fills (`models[model.name] = model`), which resolves otherwise.
  if (initializer && ts.isObjectLiteralExpression(initializer) && initializer.getSourceFile() !== value.getSourceFile()) return false;
  return initializer !== undefined && isSort(initializer, context);
}

/**
 * `ordersRepository` where `const ordersRepository = { … }` in TypeScript, here or imported, and the file cannot narrow
 * the name (a type guard can narrow `{}` to any object type): its type is the literal's, anonymous, so it names no
 * database kind or record, whatever another module adds to the object; and awaiting it gives the same type unless it has
 * a `then`, which a spread or a computed name could also bring. (JavaScript can give it a type in JSDoc.)
 */
export function hasObjectLiteralType(expression: ts.Expression, context: AnalysisContext): boolean {
  const held = getHeldObjectLiteral(expression, context);
  if (!held) return false;
  const names = getWrittenNames(held.literal, context.ts);
  return !names.includes(undefined) && !names.includes('then') && !mayBeNarrowedInFile(held.name.text, expression.getSourceFile(), context.ts);
}

/**
 * `ordersRepository.findById` where `const ordersRepository = { async findById(…) {…} }` in TypeScript, here or
 * imported: the literal's one member of that name, the declaration the checker would find on the literal's type, without
 * that type (which infers every method's return type). Undefined when the literal could have another member of the name
 * (a spread, a computed name) or the file may narrow the name.
 */
export function getObjectLiteralMember(access: ts.PropertyAccessExpression, context: AnalysisContext): ts.ObjectLiteralElementLike | undefined {
  const { ts } = context;
  const held = ts.isPrivateIdentifier(access.name) ? undefined : getHeldObjectLiteral(access.expression, context);
  if (!held) return undefined;
  const names = getWrittenNames(held.literal, ts);
  if (names.includes(undefined)) return undefined;
  const index = names.indexOf(access.name.text);
  if (index < 0 || names.indexOf(access.name.text, index + 1) >= 0) return undefined;
  return mayBeNarrowedInFile(held.name.text, access.getSourceFile(), ts) ? undefined : held.literal.properties[index];
}

/** The name (without casts) and the object literal its TypeScript `const` holds, here or imported (see getConstInitializer). */
function getHeldObjectLiteral(expression: ts.Expression, context: AnalysisContext): { name: ts.Identifier; literal: ts.ObjectLiteralExpression } | undefined {
  const { ts } = context;
  const name = withoutCasts(expression, ts);
  if (!name || !ts.isIdentifier(name)) return undefined;
  const literal = getConstInitializer(name, context);
  return literal && ts.isObjectLiteralExpression(literal) && !isJavaScriptFile(literal.getSourceFile().fileName) ? { name, literal } : undefined;
}

/** Each member's name when the text gives it (an identifier, a literal, a computed string); undefined for a spread or
 * another computed name. */
function getWrittenNames(literal: ts.ObjectLiteralExpression, ts: TypeScript): (string | undefined)[] {
  return literal.properties.map((property) => {
    const name = ts.isSpreadAssignment(property) ? undefined : property.name;
    if (!name) return undefined;
    if (ts.isComputedPropertyName(name)) return ts.isStringLiteralLike(name.expression) ? name.expression.text : undefined;
    return ts.isPrivateIdentifier(name) ? undefined : name.text;
  });
}

/** The value (without casts) that a name's `const` declared without a type holds; typed, also an imported one's. */
function getConstInitializer(expression: ts.Expression, context: AnalysisContext, known?: ts.Symbol): ts.Expression | undefined {
  const { ts } = context;
  const value = withoutCasts(expression, ts);
  if (!value || !ts.isIdentifier(value)) return undefined;
  const declarations = followAlias(known ?? getSymbolAt(value, context), context)?.declarations;
  const declaration = declarations?.length === 1 ? declarations[0] : undefined;
  if (!declaration || !ts.isVariableDeclaration(declaration) || declaration.type || !declaration.initializer) return undefined;
  if (!ts.isVariableDeclarationList(declaration.parent) || !(declaration.parent.flags & ts.NodeFlags.Const)) return undefined;
  return withoutCasts(declaration.initializer, ts);
}

/**
 * A global of the language's own library (`JSON`, `String`, `Promise`): the library declares it, or at least its value
 * (a package may add to the interface of the same name, as @types/node adds to `String`'s). Typed only: an untyped
 * one-file program holds no library file, and asking for it would build the program.
 */
function isLanguageGlobal(symbol: ts.Symbol, context: AnalysisContext): boolean {
  if (!context.typed) return false;
  const declarations = symbol.declarations;
  if (declarations?.length && declarations.every((declaration) => isDefaultLibraryFile(declaration, context))) return true;
  return !(symbol.flags & context.ts.SymbolFlags.Alias) && symbol.valueDeclaration !== undefined && isDefaultLibraryFile(symbol.valueDeclaration, context);
}

function isDefaultLibraryFile(declaration: ts.Declaration, context: AnalysisContext): boolean {
  return context.program.isSourceFileDefaultLibrary(declaration.getSourceFile());
}

/** The value under parentheses, `!` and `satisfies`; undefined under `as` or `<T>`, which can say it is anything. */
function withoutCasts(expression: ts.Expression, ts: TypeScript): ts.Expression | undefined {
  let node = expression;
  while (isOuterExpression(node, ts)) {
    if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) return undefined;
    node = node.expression;
  }
  return node;
}

function isLiteral(node: ts.Expression, context: AnalysisContext): boolean {
  const { ts } = context;
  return hasBuiltInMembersOnly(node, context) || ts.isObjectLiteralExpression(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}

/** Arrays, strings, numbers, regular expressions and booleans, and (typed) the language's collections, dates and errors
 * built with `new`: their members are the language's own. */
function hasBuiltInMembersOnly(node: ts.Expression, context: AnalysisContext): boolean {
  const { ts } = context;
  return ts.isArrayLiteralExpression(node) || ts.isStringLiteralLike(node) || ts.isTemplateExpression(node) || ts.isNumericLiteral(node)
    || ts.isBigIntLiteral(node) || ts.isRegularExpressionLiteral(node)
    || node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword || node.kind === ts.SyntaxKind.NullKeyword
    || isLanguageInstance(node, context);
}

/**
 * `new Map(…)`, `new Date()`: an instance of a class of the language's library that holds no database object and awaits to
 * itself, whatever its type arguments (`new Map<string, Pool>()` holds pools, but `.get` returns them, not the map).
 * Not `new Promise(…)` or `new Proxy(pool, …)`, whose instance stands for another value.
 */
function isLanguageInstance(node: ts.Expression, context: AnalysisContext): boolean {
  const { ts } = context;
  if (!context.typed || !ts.isNewExpression(node) || !ts.isIdentifier(node.expression) || !plainLanguageClasses.has(node.expression.text)) return false;
  const symbol = getSymbolAt(node.expression, context);
  return symbol !== undefined && isLanguageGlobal(symbol, context);
}
