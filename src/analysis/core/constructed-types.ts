/**
 * Types known without checking a `new` expression's arguments: a plain class's instance. The checker types
 * `const repository = new CustomersRepository(knex)` by resolving the constructor call, which checks `knex` against the
 * parameter's type; for a library's generic interface (knex's `Knex`) that can mean measuring the variance of the whole
 * interface, the costliest question of a run. The instance type is the constructor's declared return type.
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';

import { createContextMemo } from './context-memo.js';
import { mayBeNarrowed, mayBeNarrowedInFile } from './narrowing.js';
import { followAlias, getSymbolAt } from './symbols.js';
import { isInside, isJavaScriptFile } from './syntax.js';

const constructedTypes = createContextMemo<ts.VariableDeclaration, ts.Type | undefined>();

/**
 * The type of a name that holds `new C(…)` (a `const` declared here or imported, without a written type), when the
 * constructor is one plain signature (see getQuickTypeOfNew) and neither the file that mentions the name nor the one
 * that declares it narrows it: exactly the type the checker gives the name, but without resolving the call.
 */
export function getConstructedType(identifier: ts.Identifier, context: AnalysisContext): ts.Type | undefined {
  const { ts } = context;
  if (!context.typed) return undefined;
  const symbol = followAlias(getSymbolAt(identifier, context), context);
  const declaration = symbol?.declarations?.length === 1 ? symbol.declarations[0] : undefined;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || declaration.type) return undefined;
  const initializer = declaration.initializer;
  const list = declaration.parent;
  if (!initializer || !ts.isNewExpression(initializer) || !ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return undefined;
  if (mayBeNarrowedInFile(identifier.text, identifier.getSourceFile(), ts) || mayBeNarrowedInFile(declaration.name.text, declaration.getSourceFile(), ts)) {
    return undefined;
  }
  return constructedTypes.get(context, declaration, () => {
    try {
      return getQuickTypeOfNew(initializer, context);
    } catch {
      return undefined;
    }
  });
}

/**
 * The checker's type of an expression, taking the shortcuts above where they give exactly that type: every analysis
 * that asks a type asks here, so that no later question pays for the inference an earlier one skipped.
 */
export function getTypeOf(expression: ts.Expression, context: AnalysisContext): ts.Type {
  const { ts } = context;
  const known = ts.isIdentifier(expression) ? getUnnarrowedNameType(expression, context)
    : ts.isPropertyAccessExpression(expression) ? getMethodTypeOfKnownOwner(expression, context) : getQuickTypeOfNew(expression, context);
  return known ?? context.checker.getTypeAtLocation(expression);
}

/**
 * The type of a name that the checker gives this mention without flow analysis (see getConstructedType and
 * getDeclaredNameType), or undefined. Typing a mention walks the flow graph back from it to the start of its function,
 * resolving the callee of every call statement on the way (any may be an assertion), while the symbol's type is
 * computed once.
 */
export function getUnnarrowedNameType(identifier: ts.Identifier, context: AnalysisContext): ts.Type | undefined {
  return getConstructedType(identifier, context) ?? getDeclaredNameType(identifier, context);
}

/**
 * The name of a function or class (`placeOrder(…)`, `new Pool(…)`), or of a variable whose declared type is one object
 * type (`const repository = getRepository(User)`, `db: Knex`, `declare var JSON: JSON`), or an import of either: its
 * symbol's type, which is the checker's type of the name. The checker narrows a function's or class's own name nowhere,
 * and an import or a variable only where flow analysis could: a file that mentions the name in no narrowing position
 * (see mayBeNarrowedInFile; an assignment narrows only a declared union, which is left to the checker).
 */
function getDeclaredNameType(identifier: ts.Identifier, context: AnalysisContext): ts.Type | undefined {
  const { ts, checker } = context;
  const sourceFile = identifier.getSourceFile();
  if (!context.typed || isJavaScriptFile(sourceFile.fileName)) return undefined;
  const found = getSymbolAt(identifier, context);
  if (!found) return undefined;
  const symbol = checker.getExportSymbolOfSymbol(found);
  const isImport = (symbol.flags & ts.SymbolFlags.Alias) !== 0;
  const target = isImport ? followAlias(symbol, context) : symbol;
  if (!target || target === symbol && isImport) return undefined;
  if (target.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class) && !(target.flags & ts.SymbolFlags.Variable)) {
    return isImport && mayBeNarrowedInFile(identifier.text, sourceFile, ts) ? undefined : checker.getTypeOfSymbol(symbol);
  }
  if (!hasDeclaredType(target, identifier, context) || mayBeNarrowedAt(identifier, target, ts)) return undefined;
  const type = checker.getTypeOfSymbol(symbol);
  return type.flags & ts.TypeFlags.Object ? type : undefined;
}

/**
 * A variable or parameter whose type the checker takes from its declaration alone: written (`db: Knex`, `declare var
 * JSON: JSON`), or a `const`'s initializer. Not a `let` or `var` typed by its initializer (`let rows = []` evolves with
 * what is pushed into it; `let x;` with what is assigned), nor a JavaScript declaration (typed by JSDoc or by
 * assignments). Its other declarations may only declare types (`interface JSON` beside `declare var JSON`).
 */
function hasDeclaredType(symbol: ts.Symbol, mention: ts.Identifier, context: AnalysisContext): boolean {
  const { ts } = context;
  if (!(symbol.flags & ts.SymbolFlags.Variable) || symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class | ts.SymbolFlags.Enum | ts.SymbolFlags.ValueModule)) return false;
  const declarations = symbol.declarations ?? [];
  let values = 0;
  for (const declaration of declarations) {
    if (ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration)) continue;
    if (!(ts.isVariableDeclaration(declaration) || ts.isParameter(declaration)) || !ts.isIdentifier(declaration.name) || declaration.name === mention) return false;
    if (isJavaScriptFile(declaration.getSourceFile().fileName)) return false;
    if (!declaration.type && !(ts.isVariableDeclaration(declaration) && isConstWithInitializer(declaration, ts))) return false;
    values += 1;
  }
  return values > 0;
}

/**
 * Can flow analysis narrow the variable at this mention? A variable a function or block declares can be narrowed only by
 * its mentions there (any other mention is another variable); one a module declares, or an import, by any mention in
 * the file (as mayBeNarrowedInFile).
 */
function mayBeNarrowedAt(mention: ts.Identifier, symbol: ts.Symbol, ts: AnalysisContext['ts']): boolean {
  const declaration = symbol.valueDeclaration;
  const scope = declaration && getLocalScope(declaration, ts);
  if (scope && isInside(mention, scope)) return mayBeNarrowed(mention, scope, ts, { notUnion: true });
  return mayBeNarrowedInFile(mention.text, mention.getSourceFile(), ts);
}

/** The function (a parameter's, a `var`'s) or block (a `const`'s or `let`'s) that declares a local variable. */
function getLocalScope(declaration: ts.Declaration, ts: AnalysisContext['ts']): ts.Node | undefined {
  if (ts.isParameter(declaration)) return declaration.parent;
  const list = declaration.parent;
  if (!ts.isVariableDeclaration(declaration) || !ts.isVariableDeclarationList(list)) return undefined;
  const scope = !(list.flags & ts.NodeFlags.BlockScoped) ? ts.findAncestor(list, ts.isFunctionLike)
    : ts.isVariableStatement(list.parent) ? list.parent.parent : list.parent;
  return scope && !ts.isSourceFile(scope) && !ts.isModuleBlock(scope) ? scope : undefined;
}

/** `const x = …`, but not `const rows = []`, which the checker types by what the code pushes into it. */
function isConstWithInitializer(declaration: ts.VariableDeclaration, ts: AnalysisContext['ts']): boolean {
  const list = declaration.parent;
  const initializer = declaration.initializer;
  if (!initializer || !ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return false;
  return !(ts.isArrayLiteralExpression(initializer) && initializer.elements.length === 0);
}

/**
 * `repository.find`, `JSON.stringify` on a name whose type getUnnarrowedNameType knows: the method's declared type (see
 * getUnnarrowedMember for the method itself). The checker gives a method no flow type, unless it is optional or its
 * type a union.
 */
function getMethodTypeOfKnownOwner(access: ts.PropertyAccessExpression, context: AnalysisContext): ts.Type | undefined {
  const { ts, checker } = context;
  if (access.questionDotToken || !ts.isIdentifier(access.expression) || !getUnnarrowedNameType(access.expression, context)) return undefined;
  const member = getSymbolAt(access.name, context);
  if (!member || !(member.flags & ts.SymbolFlags.Method) || member.flags & ts.SymbolFlags.Optional) return undefined;
  const type = checker.getTypeOfSymbol(member);
  return type.flags & ts.TypeFlags.Union ? undefined : type;
}

/**
 * `find` in `repository.find` where getUnnarrowedNameType knows the type of `repository`: the property of that type, the
 * very symbol the checker finds, without the checker typing `repository` again; undefined when unsure or not found.
 */
export function getUnnarrowedMember(name: ts.Node, context: AnalysisContext): ts.Symbol | undefined {
  const { ts, checker } = context;
  const access = name.parent;
  if (!ts.isIdentifier(name) || !access || !ts.isPropertyAccessExpression(access) || access.name !== name || !ts.isIdentifier(access.expression)) return undefined;
  const type = getUnnarrowedNameType(access.expression, context);
  return type && type.flags & ts.TypeFlags.Object ? checker.getPropertyOfType(checker.getApparentType(type), name.text) : undefined;
}

/**
 * `new Service(deps)` with one plain constructor: the instance type, without checking the arguments. The
 * checker takes this shortcut itself for calls (a single non-generic signature) but not for `new`, whose
 * overload resolution checks every argument against its parameter and can cost more than the rest of the
 * file. Anything the checker would resolve differently (generic, overloaded, abstract or inaccessible
 * constructors, JavaScript constructor functions) takes the full path.
 */
export function getQuickTypeOfNew(expression: ts.Expression, context: AnalysisContext): ts.Type | undefined {
  const { ts, checker } = context;
  if (!ts.isNewExpression(expression) || expression.typeArguments || isJavaScriptFile(expression.getSourceFile().fileName)) return undefined;
  const calleeType = getTypeOf(expression.expression, context);
  if (!(calleeType.flags & ts.TypeFlags.Object)) return undefined;
  const signatures = checker.getSignaturesOfType(calleeType, ts.SignatureKind.Construct);
  const signature = signatures[0];
  if (signatures.length !== 1 || !signature || signature.typeParameters) return undefined;
  const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
  if (declaration) {
    if (!ts.isConstructorDeclaration(declaration) && !ts.isConstructSignatureDeclaration(declaration) && !ts.isConstructorTypeNode(declaration)) return undefined;
    if (ts.getCombinedModifierFlags(declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected | ts.ModifierFlags.Abstract)) return undefined;
  }
  for (const classDeclaration of calleeType.getSymbol()?.declarations ?? []) {
    if (ts.isClassLike(classDeclaration) && ts.getCombinedModifierFlags(classDeclaration) & ts.ModifierFlags.Abstract) return undefined;
  }
  return checker.getReturnTypeOfSignature(signature);
}
