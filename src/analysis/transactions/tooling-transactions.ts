/**
 * Parameters a library's own tooling fills with a transaction it opened: knex's migrator calls a migration's
 * exported `up(trx)` / `down(trx)`, so the `knex` parameter there is a held transaction (a nested `knex.transaction()`
 * is a savepoint on the same connection), unless the module opts out (`export const config = { transaction: false }`).
 */
import type * as ts from 'typescript';

import type { LibraryDefinition, ToolingTransaction } from '../../knowledge/library-definition.js';
import type { AnalysisContext } from '../core/analysis-context.js';

import { isModuleExports } from '../core/commonjs-exports.js';
import { skipOuterExpressions } from '../core/syntax.js';

export function isToolingTransactionHandle(parameter: ts.ParameterDeclaration, library: LibraryDefinition, context: AnalysisContext): boolean {
  const tooling = library.transactions?.toolingTransactions;
  if (!tooling) return false;
  const fn = parameter.parent;
  const name = getExportedName(fn, context);
  if (!name) return false;
  const index = fn.parameters.indexOf(parameter);
  return tooling.some((entry) => entry.exports.includes(name) && entry.handleParameter === index && !isOptedOut(entry, fn.getSourceFile(), context));
}

/** `export function up(…)`, `export const up = (…) =>`, `exports.up = function (…)`, `module.exports = { up(…) {} }`. */
function getExportedName(fn: ts.SignatureDeclaration, context: AnalysisContext): string | undefined {
  const { ts } = context;
  if (ts.isFunctionDeclaration(fn)) return fn.name && isExported(fn, ts) && ts.isSourceFile(fn.parent) ? fn.name.text : undefined;
  let outer: ts.Node = fn;
  while (ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  const parent = outer.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) && parent.initializer === outer) {
    const statement = parent.parent.parent;
    return ts.isVariableStatement(statement) && isExported(statement, ts) && ts.isSourceFile(statement.parent) ? parent.name.text : undefined;
  }
  if (ts.isBinaryExpression(parent) && parent.right === outer && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return getExportsMemberName(parent.left, ts);
  }
  const property = ts.isMethodDeclaration(fn) ? fn : ts.isPropertyAssignment(parent) && parent.initializer === outer ? parent : undefined;
  if (property && ts.isIdentifier(property.name) && ts.isObjectLiteralExpression(property.parent) && isModuleExportsValue(property.parent, ts)) {
    return property.name.text;
  }
  return undefined;
}

function isExported(node: ts.FunctionDeclaration | ts.VariableStatement, typescript: typeof ts): boolean {
  return node.modifiers?.some((modifier) => modifier.kind === typescript.SyntaxKind.ExportKeyword) ?? false;
}

/** `exports.up` or `module.exports.up`: `up`. */
function getExportsMemberName(node: ts.Expression, typescript: typeof ts): string | undefined {
  if (!typescript.isPropertyAccessExpression(node)) return undefined;
  const object = node.expression;
  const isExports = (typescript.isIdentifier(object) && object.text === 'exports') || isModuleExports(object, typescript);
  return isExports ? node.name.text : undefined;
}

/** `module.exports = { … }` (the object itself, at the top level). */
function isModuleExportsValue(object: ts.ObjectLiteralExpression, typescript: typeof ts): boolean {
  let outer: ts.Node = object;
  while (typescript.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  const parent = outer.parent;
  if (!typescript.isBinaryExpression(parent) || parent.right !== outer || parent.operatorToken.kind !== typescript.SyntaxKind.EqualsToken) return false;
  return isModuleExports(parent.left, typescript);
}

/** The module exports `config` (or what the entry names) with `transaction: false`. */
function isOptedOut(entry: ToolingTransaction, sourceFile: ts.SourceFile, context: AnalysisContext): boolean {
  const optOut = entry.optOut;
  if (!optOut) return false;
  const { ts } = context;
  const isOptOutValue = (value: ts.Expression | undefined): boolean => {
    const node = value && skipOuterExpressions(value, ts);
    return !!node && ts.isObjectLiteralExpression(node) && node.properties.some((property) => ts.isPropertyAssignment(property)
      && (ts.isIdentifier(property.name) || ts.isStringLiteralLike(property.name)) && property.name.text === optOut.property
      && skipOuterExpressions(property.initializer, ts).kind === ts.SyntaxKind.FalseKeyword);
  };
  return sourceFile.statements.some((statement) => {
    if (ts.isVariableStatement(statement) && isExported(statement, ts)) {
      return statement.declarationList.declarations.some((declaration) => ts.isIdentifier(declaration.name) && declaration.name.text === optOut.export && isOptOutValue(declaration.initializer));
    }
    if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) && statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      return getExportsMemberName(statement.expression.left, ts) === optOut.export && isOptOutValue(statement.expression.right);
    }
    return false;
  });
}
