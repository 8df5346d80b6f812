/** Small questions about the syntax tree that every analysis asks: wrappers around an expression, the function
 * around a node, whether a subtree holds something. */
import type * as ts from 'typescript';

/** Wrappers that do not change a value: parentheses, `as`, `!`, `satisfies` and `<T>` assertions. */
export function isOuterExpression(
  node: ts.Node,
  typescript: typeof ts,
): node is ts.ParenthesizedExpression | ts.AsExpression | ts.NonNullExpression | ts.SatisfiesExpression | ts.TypeAssertion {
  return typescript.isParenthesizedExpression(node) || typescript.isAsExpression(node) || typescript.isNonNullExpression(node)
    || typescript.isSatisfiesExpression(node) || typescript.isTypeAssertionExpression(node);
}

/** Strips the wrappers around an expression, down to the value itself. */
export function skipOuterExpressions(node: ts.Expression, typescript: typeof ts): ts.Expression {
  let current = node;
  while (isOuterExpression(current, typescript)) current = current.expression;
  return current;
}

/** Climbs out of the wrappers around a node (and out of `await` too when asked), up to the outermost one. */
export function climbOuterExpressions(node: ts.Node, typescript: typeof ts, throughAwait = false): ts.Node {
  let current = node;
  while (current.parent && (isOuterExpression(current.parent, typescript) || (throughAwait && typescript.isAwaitExpression(current.parent)))) {
    current = current.parent;
  }
  return current;
}

/** Where the value of a node goes: the parent of its outermost wrapper. */
export function getOuterParent(node: ts.Node, typescript: typeof ts): ts.Node {
  return climbOuterExpressions(node, typescript).parent;
}

/** The expressions a function returns (not those of nested functions). */
export function getReturnedExpressions(fn: ts.FunctionLikeDeclaration, typescript: typeof ts): ts.Expression[] {
  const body = fn.body;
  if (!body) return [];
  if (!typescript.isBlock(body)) return [body];
  const returned: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (typescript.isReturnStatement(node) && node.expression) returned.push(node.expression);
    if (typescript.isFunctionLike(node) || typescript.isClassLike(node)) return;
    typescript.forEachChild(node, visit);
  };
  typescript.forEachChild(body, visit);
  return returned;
}
