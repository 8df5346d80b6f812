/**
 * Can a call's value hold a database object? Judged from the declared return types of the signatures the call can
 * end with, without resolving it: `pool.query(text, values)` returns a `QueryResult` whatever overload the arguments
 * pick, and checking the arguments against each of `pg`'s generic overloads is what the type of the call costs (the
 * first such question in a file costs the most, and an editor asks it again after every edit). A return type that
 * instantiation can change into something else (a type parameter, a conditional or indexed type, or a union or
 * intersection holding one) leaves the question to the full resolution.
 */
import type * as ts from 'typescript';

import type { AnalysisContext, TypeScript } from './analysis-context.js';

import { getSymbolAt } from './symbols.js';
import { containsNode } from './syntax.js';

/** Does a type (a member of a union) name a database object? The caller's matching, by name and declaring package. */
export type KindMatcher = (type: ts.Type) => boolean;

/**
 * True when the expression's type certainly names no database object: a call (awaited or not) none of whose candidate
 * signatures can return one, or a `const` declared from such a call (`const { rows } = await pool.query(…)`) that
 * nothing could narrow. False when unsure.
 */
export function cannotHoldKind(expression: ts.Expression, context: AnalysisContext, isKind: KindMatcher): boolean {
  const { ts } = context;
  if (/\.[cm]?jsx?$/.test(expression.getSourceFile().fileName)) return false;
  try {
    const call = skipToCall(expression, ts);
    if (call) return getReturnedTypes(call, context, true)?.every((type) => !mayHoldKind(type, context, isKind)) ?? false;
    if (ts.isIdentifier(expression)) return typesCannotHoldKind(getConstTypes(expression, context), context, isKind);
    // `rows.map`: the member of such a `const`.
    if (ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.expression)) {
      const owners = getConstTypes(expression.expression, context);
      const name = expression.name.text;
      return typesCannotHoldKind(owners && collect(owners, (owner) => getPropertyTypes(owner, name, expression, context)), context, isKind);
    }
    return false;
  } catch {
    return false;
  }
}

/** The call an expression is, or awaits: `await (pool.query(…))!` has the type `pool.query(…)` has, awaited (a cast does not). */
function skipToCall(expression: ts.Expression, ts: TypeScript): ts.CallExpression | undefined {
  let node = expression;
  while (ts.isParenthesizedExpression(node) || ts.isAwaitExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node)) node = node.expression;
  return ts.isCallExpression(node) ? node : undefined;
}

/** The declared return types (awaited, if asked) of the call's candidate signatures; undefined when the checker must decide. */
function getReturnedTypes(call: ts.CallExpression, context: AnalysisContext, awaited: boolean): ts.Type[] | undefined {
  const { ts, checker } = context;
  const callee = call.expression;
  if (callee.kind === ts.SyntaxKind.ImportKeyword || callee.kind === ts.SyntaxKind.SuperKeyword) return undefined;
  const calleeType = checker.getTypeAtLocation(callee);
  if (calleeType.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return undefined;
  const signatures = checker.getSignaturesOfType(calleeType, ts.SignatureKind.Call);
  if (signatures.length === 0) return undefined;
  const types: ts.Type[] = [];
  for (const signature of getCandidateSignatures(call, signatures, ts)) {
    const returned = checker.getReturnTypeOfSignature(signature);
    const type = awaited ? checker.getAwaitedType(returned) ?? returned : returned;
    if (mayChangeOnInstantiation(type, ts)) return undefined;
    types.push(type);
  }
  return types;
}

/**
 * The signatures the checker can end with. With a generic one among them: those that take at least as many arguments
 * as given (on a mismatch it picks the first of those), else every one; without, every one (a mismatch unites them).
 */
function getCandidateSignatures(call: ts.CallExpression, signatures: readonly ts.Signature[], ts: TypeScript): readonly ts.Signature[] {
  if (!signatures.some((signature) => signature.getTypeParameters()?.length) || call.arguments.some((argument) => ts.isSpreadElement(argument))) return signatures;
  const hasRest = (signature: ts.Signature): boolean => signature.getDeclaration()?.parameters?.some((parameter) => parameter.dotDotDotToken !== undefined) ?? true;
  const taking = signatures.filter((signature) => hasRest(signature) || signature.getParameters().length >= call.arguments.length);
  return taking.length > 0 ? taking : signatures;
}

function mayChangeOnInstantiation(type: ts.Type, ts: TypeScript): boolean {
  if (type.flags & ts.TypeFlags.Instantiable) return true;
  return type.isUnionOrIntersection() && type.types.some((member) => mayChangeOnInstantiation(member, ts));
}

function mayHoldKind(type: ts.Type, context: AnalysisContext, isKind: KindMatcher): boolean {
  const { ts } = context;
  for (const member of type.isUnion() ? type.types : [type]) {
    if (member.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)) continue;
    if (isKind(member)) return true;
  }
  return false;
}

function typesCannotHoldKind(types: readonly ts.Type[] | undefined, context: AnalysisContext, isKind: KindMatcher): boolean {
  const { ts, checker } = context;
  if (!types) return false;
  for (const type of types) {
    const awaited = checker.getAwaitedType(type) ?? type;
    if (mayChangeOnInstantiation(awaited, ts) || mayHoldKind(awaited, context, isKind)) return false;
  }
  return true;
}

function collect(types: readonly ts.Type[], map: (type: ts.Type) => readonly ts.Type[] | undefined): ts.Type[] | undefined {
  const all: ts.Type[] = [];
  for (const type of types) {
    const mapped = map(type);
    if (!mapped) return undefined;
    all.push(...mapped);
  }
  return all;
}

/**
 * The types `const rows = …call…` or `const { rows } = await …call…` can have, declared without a type and never
 * mentioned where the checker could narrow it: the call's return types, or their property; undefined when unsure.
 */
function getConstTypes(identifier: ts.Identifier, context: AnalysisContext): ts.Type[] | undefined {
  const { ts } = context;
  const declarations = getSymbolAt(identifier, context)?.declarations;
  const declaration = declarations?.length === 1 ? declarations[0] : undefined;
  if (!declaration) return undefined;
  let variable: ts.VariableDeclaration;
  let property: string | undefined;
  if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)) {
    variable = declaration;
  } else if (ts.isBindingElement(declaration) && !declaration.initializer && !declaration.dotDotDotToken && ts.isIdentifier(declaration.name)
    && ts.isObjectBindingPattern(declaration.parent) && ts.isVariableDeclaration(declaration.parent.parent)) {
    const name = declaration.propertyName ?? declaration.name;
    if (!ts.isIdentifier(name)) return undefined;
    variable = declaration.parent.parent;
    property = name.text;
  } else {
    return undefined;
  }
  const list = variable.parent;
  if (variable.type || !variable.initializer || !ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return undefined;
  const call = skipToCall(variable.initializer, ts);
  if (!call) return undefined;
  const awaited = ts.isAwaitExpression(skipParentheses(variable.initializer, ts));
  // `const p = f()` holds the promise itself: its members are the promise's.
  const returned = getReturnedTypes(call, context, awaited);
  const scope = ts.isVariableStatement(list.parent) ? list.parent.parent : list.parent;
  if (!returned || mayBeNarrowed(declaration.name, scope, ts)) return undefined;
  return property === undefined ? returned : collect(returned, (type) => getPropertyTypes(type, property, call, context));
}

/**
 * The property's type in each member of the type. A member without it (`void` from a callback overload) makes the
 * destructuring an error, typed `any`; one with an index signature may hold it, so the checker must decide.
 */
function getPropertyTypes(type: ts.Type, property: string, location: ts.Node, context: AnalysisContext): ts.Type[] | undefined {
  const { ts, checker } = context;
  const types: ts.Type[] = [];
  for (const member of type.isUnion() ? type.types : [type]) {
    if (member.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)) continue;
    const apparent = checker.getApparentType(member);
    const symbol = checker.getPropertyOfType(apparent, property);
    if (symbol) types.push(checker.getTypeOfSymbolAtLocation(symbol, location));
    else if (checker.getIndexInfosOfType(apparent).length > 0) return undefined;
  }
  return types;
}

function skipParentheses(expression: ts.Expression, ts: TypeScript): ts.Expression {
  let node = expression;
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  return node;
}

/**
 * Is the name mentioned, in the scope that declares it, where flow analysis narrows a variable: a condition, an
 * equality, `instanceof`, `in`, `typeof`, a `switch`, or a call statement (an assertion function)? Syntax only, by name,
 * so a shadowing variable of the same name counts too.
 */
function mayBeNarrowed(name: ts.Identifier, scope: ts.Node, ts: TypeScript): boolean {
  return containsNode(scope, (node) => ts.isIdentifier(node) && node !== name && node.text === name.text && isNarrowingPosition(node, ts), ts);
}

function isNarrowingPosition(identifier: ts.Identifier, ts: TypeScript): boolean {
  let child: ts.Node = identifier;
  for (let node = identifier.parent; node !== undefined; child = node, node = node.parent) {
    if (ts.isIfStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node) || ts.isSwitchStatement(node) || ts.isCaseClause(node)) {
      return child === node.expression;
    }
    if (ts.isForStatement(node)) return child === node.condition;
    if (ts.isConditionalExpression(node) && child === node.condition) return true;
    if (ts.isTypeOfExpression(node) || (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken)) return true;
    if (ts.isBinaryExpression(node)) {
      const operator = node.operatorToken.kind;
      if (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken
        || operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsEqualsToken
        || operator === ts.SyntaxKind.EqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken
        || operator === ts.SyntaxKind.InstanceOfKeyword || operator === ts.SyntaxKind.InKeyword) {
        return true;
      }
    }
    if (ts.isExpressionStatement(node)) return ts.isCallExpression(skipParentheses(node.expression, ts));
    if (ts.isStatement(node) || ts.isFunctionLike(node)) return false;
  }
  return false;
}
