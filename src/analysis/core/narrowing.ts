/**
 * Where flow analysis can narrow a variable, by syntax alone: a type known without the checker's flow analysis (a
 * call's declared return type, a class's instance type) is the type the checker gives a name only where nothing
 * narrows it.
 */
import type * as ts from 'typescript';

import type { TypeScript } from './analysis-context.js';

import { getFullNamespace } from './hidden-statements.js';
import { getIdentifiersByName, getMentions } from './name-mentions.js';

/** What is known of a name's types, which rules out some narrowing. */
export interface NarrowingFacts {
  /** Can the method a call statement calls on the name (`res.json(rows)`) assert its receiver (`asserts this is T`)? Default: yes. */
  readonly mayAssertReceiver?: (callee: ts.PropertyAccessExpression) => boolean;
  /** No type the name can have is a union: a condition on one of its members (`rows.length === 0`) narrows only a
   * union (by a discriminant), so only an assertion on the name itself or a predicate of one of its methods can narrow it. */
  readonly notUnion?: boolean;
}

/**
 * Is the name mentioned, in the scope that declares it, where flow analysis narrows a variable: a condition, an
 * equality, `instanceof`, `in`, `typeof`, a `switch`, or a call statement (an assertion function)? Syntax only, by name,
 * so a shadowing variable of the same name counts too.
 */
export function mayBeNarrowed(name: ts.Identifier, scope: ts.Node, ts: TypeScript, facts: NarrowingFacts = {}): boolean {
  return getMentions(scope, name.text, ts).some((mention) => mention !== name && isNarrowingPosition(mention, ts, facts));
}

/** Per file, the answer for each name asked (as mayBeNarrowed, for a type that is no union): syntax only, so it outlives
 * programs. Only the names asked are looked at (a file's imports, a few per file), not every name of the file. */
const narrowedNames = new WeakMap<ts.SourceFile, Map<string, boolean>>();

/** Is the name, whose type is no union, mentioned anywhere in the file where flow analysis narrows it (as mayBeNarrowed)?
 * The whole file, statements a re-lint hides included, since the answer is kept per file. */
export function mayBeNarrowedInFile(name: string, sourceFile: ts.SourceFile, typescript: TypeScript): boolean {
  let names = narrowedNames.get(sourceFile);
  if (!names) {
    names = new Map();
    narrowedNames.set(sourceFile, names);
  }
  let narrowed = names.get(name);
  if (narrowed === undefined) {
    const ts = getFullNamespace(typescript);
    narrowed = (getIdentifiersByName(sourceFile, ts).get(name) ?? []).some((mention) => isNarrowingPosition(mention, ts, { notUnion: true }));
    names.set(name, narrowed);
  }
  return narrowed;
}

function isNarrowingPosition(identifier: ts.Identifier, ts: TypeScript, facts: NarrowingFacts): boolean {
  const mayAssertReceiver = facts.mayAssertReceiver ?? (() => true);
  const owner = identifier.parent;
  let start: ts.Node = identifier;
  if (facts.notUnion && (ts.isPropertyAccessExpression(owner) || ts.isElementAccessExpression(owner)) && owner.expression === identifier) {
    // A member read (`rows.length === 0`) narrows no type but a union. A method call on the name may: as a statement, by
    // asserting its receiver (`asserts this is T`); in a condition, by a predicate on it (`type.isUnion()`: `this is T`).
    const call = owner.parent;
    if (!ts.isPropertyAccessExpression(owner) || !ts.isCallExpression(call) || call.expression !== owner) return false;
    if (isFlowCall(call, ts)) return mayAssertReceiver(owner);
    start = call;
  }
  // The function a call calls (`load(id)`): an assertion narrows the call's arguments or receiver, and a condition the
  // call is in tests its result, never the function. An optional call (`load?.()`) in a condition narrows it.
  if (ts.isCallExpression(owner) && owner.expression === identifier && !owner.questionDotToken) return false;
  let child: ts.Node = start;
  for (let node = start.parent; node !== undefined; child = node, node = node.parent) {
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
    // A call statement or a comma's operand whose callee is a dotted name may be an assertion (TypeScript's binder
    // gives only those a flow node): on its arguments, or on the callee's object.
    if (ts.isCallExpression(child) && child.parent === node && isFlowCall(child, ts)) {
      const callee = child.expression;
      return !(ts.isPropertyAccessExpression(callee) && callee.expression === identifier) || mayAssertReceiver(callee);
    }
    if (ts.isStatement(node) || ts.isFunctionLike(node)) return false;
  }
  return false;
}

/** A call statement or a comma's operand whose callee is a dotted name: TypeScript's binder gives only those a flow node. */
function isFlowCall(call: ts.CallExpression, ts: TypeScript): boolean {
  const parent = call.parent;
  const placed = ts.isExpressionStatement(parent) || (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.CommaToken);
  return placed && call.expression.kind !== ts.SyntaxKind.SuperKeyword && isDottedName(call.expression, ts);
}

function isDottedName(node: ts.Expression, ts: TypeScript): boolean {
  if (ts.isIdentifier(node) || node.kind === ts.SyntaxKind.ThisKeyword || node.kind === ts.SyntaxKind.SuperKeyword || ts.isMetaProperty(node)) return true;
  return (ts.isPropertyAccessExpression(node) || ts.isParenthesizedExpression(node)) && isDottedName(node.expression, ts);
}
