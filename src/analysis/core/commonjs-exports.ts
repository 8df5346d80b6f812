/** CommonJS between project modules: `require('./db')` is what that module assigns to `module.exports`. */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';

import { getSymbolAt } from './symbols.js';

/** `require('<specifier>')` with one string argument. */
export function isRequireCall(node: ts.Node, typescript: typeof ts): node is ts.CallExpression {
  return typescript.isCallExpression(node) && typescript.isIdentifier(node.expression) && node.expression.text === 'require'
    && node.arguments.length === 1;
}

/** `module.exports`. */
export function isModuleExports(node: ts.Node, typescript: typeof ts): node is ts.PropertyAccessExpression {
  return typescript.isPropertyAccessExpression(node) && node.name.text === 'exports'
    && typescript.isIdentifier(node.expression) && node.expression.text === 'module';
}

/**
 * The value a required project module exports (`module.exports = db` at its top level, the last such assignment),
 * when the checker knows the file: typed linting and the CLI; untyped linting sees one file.
 */
export function getRequiredModuleExports(call: ts.CallExpression, context: AnalysisContext): ts.Expression | undefined {
  const { ts } = context;
  const specifier = call.arguments[0];
  if (!context.typed || !specifier || !ts.isStringLiteralLike(specifier)) return undefined;
  const module = getSymbolAt(specifier, context)?.valueDeclaration;
  if (!module || !ts.isSourceFile(module)) return undefined;
  let exported: ts.Expression | undefined;
  for (const statement of module.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) continue;
    const { left, operatorToken, right } = statement.expression;
    if (operatorToken.kind === ts.SyntaxKind.EqualsToken && isModuleExports(left, ts)) exported = right;
  }
  return exported;
}
