/** Values the syntax alone shows hold no database object, so that no analysis asks the checker for their type. */
import type * as ts from 'typescript';

import type { AnalysisContext, TypeScript } from './analysis-context.js';

import { getSymbolAt } from './symbols.js';
import { isOuterExpression, skipOuterExpressions } from './syntax.js';

/**
 * A literal or a function (or a `const` initialised with one), and a built-in member of an array or string
 * literal (`docs.push`), hold no database object whatever the checker says of their type, so the checker is not
 * asked: the type of `const docs = []` is inferred from every element later pushed into it, which can cost
 * seconds per file with a library's deep generic types (a Mongoose model's constructor).
 */
export function holdsPlainValue(expression: ts.Expression, context: AnalysisContext): boolean {
  return isLiteralOrConst(expression, isLiteral, context) || isBuiltInMember(expression, context);
}

/** `docs.push`, `name.length`: a member of an array, string or number literal, or of a `const` holding one. */
export function isBuiltInMember(expression: ts.Expression, context: AnalysisContext): boolean {
  const { ts } = context;
  const node = skipOuterExpressions(expression, ts);
  const isMember = ts.isPropertyAccessExpression(node) || (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression));
  return isMember && isLiteralOrConst(node.expression, hasBuiltInMembersOnly, context);
}

/**
 * The expression, or the `const` it names (declared without a type), is a literal of that sort. A literal
 * (isLiteral) also names a global of the language's own library (`JSON`, `Map`): not a database object.
 */
function isLiteralOrConst(expression: ts.Expression, isSort: (node: ts.Expression, ts: TypeScript) => boolean, context: AnalysisContext): boolean {
  const { ts } = context;
  const value = withoutCasts(expression, ts);
  if (!value) return false;
  if (isSort(value, ts)) return true;
  if (!ts.isIdentifier(value)) return false;
  const declarations = getSymbolAt(value, context)?.declarations;
  // Typed only: an untyped one-file program holds no library file, and asking for it would build the program.
  if (isSort === isLiteral && context.typed && declarations?.length && declarations.every((each) => context.program.isSourceFileDefaultLibrary(each.getSourceFile()))) return true;
  const declaration = declarations?.length === 1 ? declarations[0] : undefined;
  if (!declaration || !ts.isVariableDeclaration(declaration) || declaration.type || !declaration.initializer) return false;
  if (!ts.isVariableDeclarationList(declaration.parent) || !(declaration.parent.flags & ts.NodeFlags.Const)) return false;
  const initializer = withoutCasts(declaration.initializer, ts);
  return initializer !== undefined && isSort(initializer, ts);
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

function isLiteral(node: ts.Expression, ts: TypeScript): boolean {
  return hasBuiltInMembersOnly(node, ts) || ts.isObjectLiteralExpression(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}

/** Arrays, strings, numbers, regular expressions and booleans: their members are the language's own. */
function hasBuiltInMembersOnly(node: ts.Expression, ts: TypeScript): boolean {
  return ts.isArrayLiteralExpression(node) || ts.isStringLiteralLike(node) || ts.isTemplateExpression(node) || ts.isNumericLiteral(node)
    || ts.isBigIntLiteral(node) || ts.isRegularExpressionLiteral(node)
    || node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword || node.kind === ts.SyntaxKind.NullKeyword;
}
