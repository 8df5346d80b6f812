/**
 * Code a helper runs only when the caller passes nothing for a parameter: `if (!transaction) { … this.knex… }`,
 * `if (trx) return inner(trx);` before it, `trx ?? (await db.transaction(…))`. A caller that passes its transaction
 * never reaches that code. Also through an option: `if (options.entityManager) … else { this.dataSource.transaction(…) }`
 * with `{ entityManager }` passed. (The converse, code that runs only when an option is passed, is queries/query-guards.)
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';

import { getSymbol } from '../core/symbols.js';
import { isNullishLiteral, skipOuterExpressions } from '../core/syntax.js';

/** A parameter (or its option at `path`) whose being set keeps the code from running. */
export interface UnlessPassed {
  readonly index: number;
  readonly path: readonly string[];
}

/** The parameters (and options) of `fn` whose being set keeps `node` from running. */
export function getParameterGuards(node: ts.Node, fn: ts.FunctionLikeDeclaration, context: AnalysisContext): UnlessPassed[] {
  const { ts } = context;
  const guards = new Map<string, UnlessPassed>();
  const add = (index: number, path: readonly string[] = []): void => {
    guards.set(`${index}.${path.join('.')}`, { index, path });
  };
  const body = fn.body;
  if (!body) return [];
  const parameterOf = (expression: ts.Expression): number | undefined => {
    const found = bindingOf(expression);
    return found && found.path.length === 0 ? found.index : undefined;
  };
  /** A parameter, or an option destructured from one (`({ tx }) => …`). */
  const bindingOf = (expression: ts.Expression): { index: number; path: string[] } | undefined => {
    const inner = skipOuterExpressions(expression, ts);
    if (!ts.isIdentifier(inner)) return undefined;
    const declaration = getSymbol(inner, context)?.valueDeclaration;
    if (declaration && ts.isParameter(declaration) && declaration.parent === fn) return { index: fn.parameters.indexOf(declaration), path: [] };
    if (!declaration || !ts.isBindingElement(declaration) || declaration.dotDotDotToken || !ts.isObjectBindingPattern(declaration.parent)) return undefined;
    const owner = declaration.parent.parent;
    const name = declaration.propertyName ?? declaration.name;
    if (!ts.isParameter(owner) || owner.parent !== fn || !ts.isIdentifier(name)) return undefined;
    return { index: fn.parameters.indexOf(owner), path: [name.text] };
  };
  /** `options.entityManager`, `options?.entityManager`: a parameter's option. */
  const optionOf = (expression: ts.Expression): { index: number; path: string[] } | undefined => {
    const path: string[] = [];
    let inner = skipOuterExpressions(expression, ts);
    while (ts.isPropertyAccessExpression(inner)) {
      path.unshift(inner.name.text);
      inner = skipOuterExpressions(inner.expression, ts);
    }
    const index = path.length > 0 ? parameterOf(inner) : undefined;
    return index === undefined ? undefined : { index, path };
  };
  /** The parameter a condition tests, and whether the condition is true when it is set. */
  const tested = (condition: ts.Expression): { index: number; whenSet: boolean; path?: string[] } | undefined => {
    const inner = skipOuterExpressions(condition, ts);
    if (ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.ExclamationToken) {
      const negated = tested(inner.operand);
      return negated && { ...negated, whenSet: !negated.whenSet };
    }
    const direct = bindingOf(inner);
    if (direct) return { ...direct, whenSet: true };
    const option = optionOf(inner);
    if (option) return { ...option, whenSet: true };
    if (ts.isBinaryExpression(inner)) {
      const operator = inner.operatorToken.kind;
      const equality = operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken;
      const inequality = operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
      if (!equality && !inequality) return undefined;
      const [subject, other] = isNullishLiteral(inner.right, ts) ? [inner.left, inner.right] : [inner.right, inner.left];
      const index = isNullishLiteral(other, ts) ? parameterOf(subject) : undefined;
      return index === undefined ? undefined : { index, whenSet: inequality };
    }
    return undefined;
  };
  let child: ts.Node = node;
  for (let parent = node.parent; parent && child !== body; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && child !== parent.expression) {
      const test = tested(parent.expression);
      // In the branch taken when the parameter is not set.
      if (test && (child === parent.thenStatement) !== test.whenSet) add(test.index, test.path);
    } else if (ts.isConditionalExpression(parent) && child !== parent.condition) {
      const test = tested(parent.condition);
      if (test && (child === parent.whenTrue) !== test.whenSet) add(test.index, test.path);
    } else if (ts.isBinaryExpression(parent) && parent.right === child
      && (parent.operatorToken.kind === ts.SyntaxKind.BarBarToken || parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
      const index = parameterOf(parent.left);
      if (index !== undefined) add(index);
    } else if (ts.isBlock(parent)) {
      // `if (trx) return inner(trx);` earlier in the block: past it, the parameter is not set.
      for (const statement of parent.statements) {
        if (statement === child) break;
        if (!ts.isIfStatement(statement) || statement.elseStatement) continue;
        const test = tested(statement.expression);
        if (test?.whenSet && alwaysExits(statement.thenStatement, ts)) add(test.index, test.path);
      }
    }
    if (ts.isFunctionLike(parent) && parent !== fn) break;
  }
  return [...guards.values()];
}

function alwaysExits(statement: ts.Statement, typescript: typeof ts): boolean {
  if (typescript.isReturnStatement(statement) || typescript.isThrowStatement(statement)) return true;
  if (typescript.isBlock(statement)) {
    const last = statement.statements.at(-1);
    return last !== undefined && alwaysExits(last, typescript);
  }
  return false;
}

