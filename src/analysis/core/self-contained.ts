/** What a function's result depends on: its parameters alone (self-contained), or nothing for its length (it
 * returns array literals). */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';

/**
 * A synchronous function whose body names only its own parameters and locals, and globals such as `Array`:
 * given the same arguments it builds the same value, so constant arguments give a constant result.
 */
export function isSelfContainedFunction(fn: ts.FunctionLikeDeclaration, context: AnalysisContext): boolean {
  const { ts, checker } = context;
  const body = fn.body;
  if (!body || fn.asteriskToken || fn.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword)) return false;
  let selfContained = true;
  const visit = (node: ts.Node): void => {
    if (!selfContained) return;
    if (node.kind === ts.SyntaxKind.ThisKeyword || node.kind === ts.SyntaxKind.AwaitExpression) {
      selfContained = false;
      return;
    }
    if (ts.isTypeNode(node)) return;
    // `xs.reduce`, `{ key: value }`: a member name is no binding.
    if (ts.isPropertyAccessExpression(node)) {
      visit(node.expression);
      return;
    }
    if (ts.isIdentifier(node) && !(ts.isPropertyAssignment(node.parent) && node.parent.name === node)) {
      let declarations: readonly ts.Declaration[] | undefined;
      try {
        declarations = checker.getSymbolAtLocation(node)?.declarations;
      } catch {
        declarations = undefined;
      }
      // Declared in this project outside the function (a module variable, an import, a cache): the result may
      // depend on it. No declaration, or one in a declaration file, is a global.
      const fromOutside = declarations?.some((declaration) => !declaration.getSourceFile().isDeclarationFile
        && (declaration.getSourceFile() !== fn.getSourceFile() || declaration.pos < fn.pos || declaration.end > fn.end));
      if (fromOutside) selfContained = false;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return selfContained;
}

/** `return ['a-' + id, 'b-' + id]` on every path: however the elements are computed, the array's length is fixed. */
export function returnsFixedLengthArray(fn: ts.FunctionLikeDeclaration, context: AnalysisContext): boolean {
  const { ts } = context;
  const body = fn.body;
  if (!body || fn.asteriskToken || fn.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword)) return false;
  const isFixed = (expression: ts.Expression | undefined): boolean => {
    let node = expression;
    while (node && (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node))) node = node.expression;
    return node !== undefined && ts.isArrayLiteralExpression(node) && node.elements.every((element) => !ts.isSpreadElement(element));
  };
  if (!ts.isBlock(body)) return isFixed(body);
  const returns: ts.ReturnStatement[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node)) returns.push(node);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return returns.length > 0 && returns.every((statement) => isFixed(statement.expression));
}
