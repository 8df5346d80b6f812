/** Small questions about the syntax tree that every analysis asks: wrappers around an expression, the function
 * around a node, whether a subtree holds something. */
import type * as ts from 'typescript';

/** Strips the wrappers that do not change a value: parentheses, `as`, `!`, `satisfies` and `<T>` assertions. */
export function skipOuterExpressions(node: ts.Expression, typescript: typeof ts): ts.Expression {
  let current = node;
  for (;;) {
    if (typescript.isParenthesizedExpression(current) || typescript.isAsExpression(current) || typescript.isNonNullExpression(current)
      || typescript.isSatisfiesExpression(current) || typescript.isTypeAssertionExpression(current)) {
      current = current.expression;
    } else {
      return current;
    }
  }
}
