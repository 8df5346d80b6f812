/**
 * Types known without checking a `new` expression's arguments: a plain class's instance. The checker types
 * `const repository = new CustomersRepository(knex)` by resolving the constructor call, which checks `knex` against the
 * parameter's type; for a library's generic interface (knex's `Knex`) that can mean measuring the variance of the whole
 * interface, the costliest question of a run. The instance type is the constructor's declared return type.
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';

import { createContextMemo } from './context-memo.js';
import { mayBeNarrowedInFile } from './narrowing.js';
import { getObjectLiteralMember } from './plain-values.js';
import { followAlias, getSymbolAt } from './symbols.js';
import { isJavaScriptFile } from './syntax.js';

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
  const known = ts.isIdentifier(expression) ? getConstructedType(expression, context) ?? getFunctionOrClassType(expression, context)
    : ts.isPropertyAccessExpression(expression) ? getConstructedMethodType(expression, context) ?? getObjectLiteralMethodType(expression, context)
      : getQuickTypeOfNew(expression, context);
  return known ?? context.checker.getTypeAtLocation(expression);
}

/**
 * The name of a function or class (`placeOrder(…)`, `new Pool(…)`), or an import of one: its symbol's type, which is
 * the checker's type of the name. The checker narrows no such name but an import, and an import only where flow
 * analysis could (a file that mentions it in no narrowing position: see mayBeNarrowedInFile); yet typing a mention of an
 * import walks the flow graph back from it, resolving the callee of every call statement on the way (any may assert).
 */
function getFunctionOrClassType(identifier: ts.Identifier, context: AnalysisContext): ts.Type | undefined {
  const { ts, checker } = context;
  const sourceFile = identifier.getSourceFile();
  if (!context.typed || isJavaScriptFile(sourceFile.fileName)) return undefined;
  const found = getSymbolAt(identifier, context);
  if (!found) return undefined;
  const symbol = checker.getExportSymbolOfSymbol(found);
  const isImport = (symbol.flags & ts.SymbolFlags.Alias) !== 0;
  const target = isImport ? followAlias(symbol, context) : symbol;
  if (!target || target === symbol && isImport) return undefined;
  if (!(target.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class)) || target.flags & ts.SymbolFlags.Variable) return undefined;
  if (isImport && mayBeNarrowedInFile(identifier.text, sourceFile, ts)) return undefined;
  return checker.getTypeOfSymbol(symbol);
}

/** `repository.find` on such a name: the method's declared type (the checker gives a method no flow type, unless optional). */
function getConstructedMethodType(access: ts.PropertyAccessExpression, context: AnalysisContext): ts.Type | undefined {
  const { ts } = context;
  if (access.questionDotToken || !ts.isIdentifier(access.expression) || !getConstructedType(access.expression, context)) return undefined;
  const member = getSymbolAt(access.name, context);
  if (!member || !(member.flags & ts.SymbolFlags.Method) || member.flags & ts.SymbolFlags.Optional) return undefined;
  // A location that is not the name itself: the symbol's type, without asking for the expression's.
  return context.checker.getTypeOfSymbolAtLocation(member, access);
}

/**
 * `ordersRepository.findById` where `const ordersRepository = { async findById(…) {…} }` (see getObjectLiteralMember):
 * the method's own type, which the literal's type gives the property, without typing the literal (every other method's
 * inferred return type).
 */
function getObjectLiteralMethodType(access: ts.PropertyAccessExpression, context: AnalysisContext): ts.Type | undefined {
  const { ts, checker } = context;
  if (access.questionDotToken) return undefined;
  const member = getObjectLiteralMember(access, context);
  const symbol = member && ts.isMethodDeclaration(member) ? checker.getSymbolAtLocation(member.name) : undefined;
  return symbol && checker.getTypeOfSymbolAtLocation(symbol, access);
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
