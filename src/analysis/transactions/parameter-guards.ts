/**
 * Code a helper runs only when the caller passes nothing for a parameter: `if (!transaction) { … this.knex… }`,
 * `if (trx) return inner(trx);` before it, `trx ?? (await db.transaction(…))`. A caller that passes its transaction
 * never reaches that code. And the converse: code that runs only when the caller passes a parameter
 * (`if (options?.signedUrls) { … Attachment.findAll … }`), which a caller that passes nothing never reaches.
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';

import { getSymbol } from '../core/symbols.js';
import { skipOuterExpressions } from '../core/syntax.js';

/** Indexes of `fn`'s parameters whose being set keeps `node` from running. */
export function getParameterGuards(node: ts.Node, fn: ts.FunctionLikeDeclaration, context: AnalysisContext): number[] {
  const { ts } = context;
  const guards = new Set<number>();
  const body = fn.body;
  if (!body) return [];
  const parameterOf = (expression: ts.Expression): number | undefined => {
    const inner = skipOuterExpressions(expression, ts);
    if (!ts.isIdentifier(inner)) return undefined;
    const declaration = getSymbol(inner, context)?.valueDeclaration;
    return declaration && ts.isParameter(declaration) && declaration.parent === fn ? fn.parameters.indexOf(declaration) : undefined;
  };
  /** The parameter a condition tests, and whether the condition is true when it is set. */
  const tested = (condition: ts.Expression): { index: number; whenSet: boolean } | undefined => {
    const inner = skipOuterExpressions(condition, ts);
    if (ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.ExclamationToken) {
      const negated = tested(inner.operand);
      return negated && { index: negated.index, whenSet: !negated.whenSet };
    }
    const direct = parameterOf(inner);
    if (direct !== undefined) return { index: direct, whenSet: true };
    if (ts.isBinaryExpression(inner)) {
      const operator = inner.operatorToken.kind;
      const equality = operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken;
      const inequality = operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
      if (!equality && !inequality) return undefined;
      const [subject, other] = isNullish(inner.right, ts) ? [inner.left, inner.right] : [inner.right, inner.left];
      const index = isNullish(other, ts) ? parameterOf(subject) : undefined;
      return index === undefined ? undefined : { index, whenSet: inequality };
    }
    return undefined;
  };
  let child: ts.Node = node;
  for (let parent = node.parent; parent && child !== body; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && child !== parent.expression) {
      const test = tested(parent.expression);
      // In the branch taken when the parameter is not set.
      if (test && (child === parent.thenStatement) !== test.whenSet) guards.add(test.index);
    } else if (ts.isConditionalExpression(parent) && child !== parent.condition) {
      const test = tested(parent.condition);
      if (test && (child === parent.whenTrue) !== test.whenSet) guards.add(test.index);
    } else if (ts.isBinaryExpression(parent) && parent.right === child
      && (parent.operatorToken.kind === ts.SyntaxKind.BarBarToken || parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
      const index = parameterOf(parent.left);
      if (index !== undefined) guards.add(index);
    } else if (ts.isBlock(parent)) {
      // `if (trx) return inner(trx);` earlier in the block: past it, the parameter is not set.
      for (const statement of parent.statements) {
        if (statement === child) break;
        if (!ts.isIfStatement(statement) || statement.elseStatement) continue;
        const test = tested(statement.expression);
        if (test?.whenSet && alwaysExits(statement.thenStatement, ts)) guards.add(test.index);
      }
    }
    if (ts.isFunctionLike(parent) && parent !== fn) break;
  }
  return [...guards];
}

function isNullish(node: ts.Expression, typescript: typeof ts): boolean {
  return node.kind === typescript.SyntaxKind.NullKeyword || (typescript.isIdentifier(node) && node.text === 'undefined');
}

function alwaysExits(statement: ts.Statement, typescript: typeof ts): boolean {
  if (typescript.isReturnStatement(statement) || typescript.isThrowStatement(statement)) return true;
  if (typescript.isBlock(statement)) {
    const last = statement.statements.at(-1);
    return last !== undefined && alwaysExits(last, typescript);
  }
  return false;
}

/** Indexes of `fn`'s parameters that must be set for `node` to run: it sits where a test of the parameter (`param`,
 * `param?.flag`, `param != null`, one of `&&`'s operands) is true. */
export function getParameterRequirements(node: ts.Node, fn: ts.FunctionLikeDeclaration, context: AnalysisContext): number[] {
  const { ts } = context;
  const body = fn.body;
  if (!body) return [];
  const required = new Set<number>();
  const parameterAt = (expression: ts.Expression): number | undefined => {
    let inner = skipOuterExpressions(expression, ts);
    while (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) inner = skipOuterExpressions(inner.expression, ts);
    if (!ts.isIdentifier(inner)) return undefined;
    const declaration = getSymbol(inner, context)?.valueDeclaration;
    // A default value sets the parameter when the caller passes nothing.
    return declaration && ts.isParameter(declaration) && declaration.parent === fn && !declaration.initializer ? fn.parameters.indexOf(declaration) : undefined;
  };
  const collect = (condition: ts.Expression): void => {
    const inner = skipOuterExpressions(condition, ts);
    if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
      collect(inner.left);
      collect(inner.right);
      return;
    }
    if (ts.isBinaryExpression(inner) && (inner.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsToken || inner.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken)) {
      const subject = isNullish(inner.right, ts) ? inner.left : isNullish(inner.left, ts) ? inner.right : undefined;
      const index = subject && parameterAt(subject);
      if (index !== undefined) required.add(index);
      return;
    }
    const index = parameterAt(inner);
    if (index !== undefined) required.add(index);
  };
  let child: ts.Node = node;
  for (let parent = node.parent; parent && child !== body; child = parent, parent = parent.parent) {
    if (ts.isFunctionLike(parent) && parent !== fn) break;
    if (ts.isIfStatement(parent) && child === parent.thenStatement) collect(parent.expression);
    else if (ts.isConditionalExpression(parent) && child === parent.whenTrue) collect(parent.condition);
    else if (ts.isBinaryExpression(parent) && parent.right === child && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) collect(parent.left);
  }
  return [...required];
}
