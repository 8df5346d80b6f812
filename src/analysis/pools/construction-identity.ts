/** Do two constructions build the same thing? A key written from what the code says, the same for `new
 * PrismaClient()` in every module, and for `new Pool({ connectionString: process.env.DATABASE_URL })`, but
 * never the same for values the code does not show to be equal (a local helper, a parameter, a mutated
 * config): those give no key at all. */
import path from 'node:path';

import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';
import type { PoolSite } from './pool-sites.js';

import { getSymbolAt } from '../core/symbols.js';
import { containsNode, skipOuterExpressions } from '../core/syntax.js';

const maxDepth = 12;

/** `library|kind|callee(arguments)`, or undefined when some part is not known. */
export function getConstructionIdentity(site: PoolSite, context: AnalysisContext): string | undefined {
  try {
    const callee = keyOf(site.node.expression, context, 0);
    const args = (site.node.arguments ?? []).map((argument) => keyOf(argument, context, 0));
    if (callee === undefined || args.some((argument) => argument === undefined)) return undefined;
    return `${site.library.name}|${site.kind.name}|${callee}(${args.join(',')})`;
  } catch {
    return undefined;
  }
}

function keyOf(expression: ts.Expression, context: AnalysisContext, depth: number): string | undefined {
  const { ts } = context;
  const node = skipOuterExpressions(expression, ts);
  if (depth > maxDepth) return undefined;
  const next = depth + 1;
  if (ts.isNumericLiteral(node)) return `n:${Number(node.text)}`;
  if (ts.isStringLiteralLike(node)) return JSON.stringify(node.text);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return 'true';
  if (node.kind === ts.SyntaxKind.FalseKeyword) return 'false';
  if (node.kind === ts.SyntaxKind.NullKeyword) return 'null';
  if (ts.isTemplateExpression(node)) {
    const spans = node.templateSpans.map((span) => {
      const value = keyOf(span.expression, context, next);
      return value === undefined ? undefined : `\${${value}}${JSON.stringify(span.literal.text)}`;
    });
    return spans.some((span) => span === undefined) ? undefined : `\`${JSON.stringify(node.head.text)}${spans.join('')}\``;
  }
  if (ts.isIdentifier(node)) return node.text === 'undefined' ? 'undefined' : keyOfName(node, context, next);
  if (ts.isPropertyAccessExpression(node)) {
    const environment = getEnvironmentName(node, context);
    if (environment !== undefined) return `env:${environment}`;
    const object = keyOf(node.expression, context, next);
    return object === undefined ? undefined : `${object}.${node.name.text}`;
  }
  if (ts.isElementAccessExpression(node)) {
    const environment = getEnvironmentName(node, context);
    if (environment !== undefined) return `env:${environment}`;
    const object = keyOf(node.expression, context, next);
    const key = keyOf(node.argumentExpression, context, next);
    return object === undefined || key === undefined ? undefined : `${object}[${key}]`;
  }
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require') {
      const specifier = node.arguments[0];
      return specifier && ts.isStringLiteralLike(specifier) ? `module:${moduleKey(specifier.text, node.getSourceFile())}` : undefined;
    }
    const callee = keyOf(node.expression, context, next);
    const args = (node.arguments ?? []).map((argument) => keyOf(argument, context, next));
    if (callee === undefined || args.some((argument) => argument === undefined)) return undefined;
    return `${ts.isNewExpression(node) ? 'new ' : ''}${callee}(${args.join(',')})`;
  }
  if (ts.isObjectLiteralExpression(node)) {
    const entries = getObjectEntries(node, context, next);
    if (!entries) return undefined;
    return `{${[...entries].map(([name, value]) => (name.startsWith('...') ? name : `${name}:${value}`)).join(',')}}`;
  }
  if (ts.isArrayLiteralExpression(node)) {
    const elements = node.elements.map((element) => keyOf(element, context, next));
    return elements.some((element) => element === undefined) ? undefined : `[${elements.join(',')}]`;
  }
  if (ts.isBinaryExpression(node)) {
    const left = keyOf(node.left, context, next);
    const right = keyOf(node.right, context, next);
    return left === undefined || right === undefined ? undefined : `(${left}${node.operatorToken.getText()}${right})`;
  }
  if (ts.isConditionalExpression(node)) {
    const parts = [node.condition, node.whenTrue, node.whenFalse].map((part) => keyOf(part, context, next));
    return parts.some((part) => part === undefined) ? undefined : `(${parts.join('?:')})`;
  }
  if (ts.isPrefixUnaryExpression(node)) {
    const operand = keyOf(node.operand, context, next);
    return operand === undefined ? undefined : `${ts.tokenToString(node.operator) ?? '?'}${operand}`;
  }
  return undefined;
}

/** An object literal's properties, name → key, with spreads of known objects laid in (a later key overrides an
 * earlier one, as at run time) and names in order; another spread stays an entry of its own, where it was. */
function getObjectEntries(node: ts.ObjectLiteralExpression, context: AnalysisContext, depth: number): Map<string, string> | undefined {
  const { ts } = context;
  const entries = new Map<string, string>();
  for (const property of node.properties) {
    if (ts.isSpreadAssignment(property)) {
      const object = getObjectLiteral(property.expression, context);
      const spread = object ? getObjectEntries(object, context, depth + 1) : undefined;
      if (spread) {
        for (const [name, value] of spread) {
          entries.delete(name);
          entries.set(name, value);
        }
        continue;
      }
      const key = keyOf(property.expression, context, depth);
      if (key === undefined) return undefined;
      entries.set(`...${key}`, '');
    } else if (ts.isPropertyAssignment(property) && !ts.isComputedPropertyName(property.name)) {
      const value = keyOf(property.initializer, context, depth);
      if (value === undefined) return undefined;
      entries.delete(property.name.getText());
      entries.set(property.name.getText(), value);
    } else if (ts.isShorthandPropertyAssignment(property)) {
      const value = keyOfName(property.name, context, depth);
      if (value === undefined) return undefined;
      entries.delete(property.name.text);
      entries.set(property.name.text, value);
    } else {
      return undefined;
    }
  }
  // Plain keys between two spreads can be written in any order.
  const sorted = new Map<string, string>();
  let run: [string, string][] = [];
  const flush = (): void => {
    for (const [name, value] of run.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) sorted.set(name, value);
    run = [];
  };
  for (const entry of entries) {
    if (entry[0].startsWith('...')) {
      flush();
      sorted.set(entry[0], entry[1]);
    } else {
      run.push(entry);
    }
  }
  flush();
  return sorted;
}

/** The object literal an expression is, or a constant of this file (never assigned to) holds. */
function getObjectLiteral(expression: ts.Expression, context: AnalysisContext): ts.ObjectLiteralExpression | undefined {
  const { ts } = context;
  const node = skipOuterExpressions(expression, ts);
  if (ts.isObjectLiteralExpression(node)) return node;
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = getSymbolAt(node, context)?.declarations?.[0];
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || !ts.isIdentifier(declaration.name)
    || declaration.getSourceFile() !== node.getSourceFile() || (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) === 0
    || isMutated(declaration.name, context)) return undefined;
  const initializer = skipOuterExpressions(declaration.initializer, ts);
  return ts.isObjectLiteralExpression(initializer) ? initializer : undefined;
}

/** `process.env.DATABASE_URL`, `process.env['DATABASE_URL']`. */
function getEnvironmentName(node: ts.PropertyAccessExpression | ts.ElementAccessExpression, context: AnalysisContext): string | undefined {
  const { ts } = context;
  const object = skipOuterExpressions(node.expression, ts);
  if (!ts.isPropertyAccessExpression(object) || object.name.text !== 'env' || !ts.isIdentifier(object.expression) || object.expression.text !== 'process') return undefined;
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  return ts.isStringLiteralLike(node.argumentExpression) ? node.argumentExpression.text : undefined;
}

/** A name: what it is imported from, or the constant it holds; any other declaration is its own place. */
function keyOfName(name: ts.Identifier, context: AnalysisContext, depth: number): string | undefined {
  const { ts } = context;
  const symbol = ts.isShorthandPropertyAssignment(name.parent) ? context.checker.getShorthandAssignmentValueSymbol(name.parent) : getSymbolAt(name, context);
  const declaration = symbol?.declarations?.[0];
  if (!declaration) return undefined;
  const sourceFile = declaration.getSourceFile();
  if (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration)) {
    const importDeclaration = ts.isImportSpecifier(declaration) ? declaration.parent.parent.parent : ts.isNamespaceImport(declaration) ? declaration.parent.parent : declaration.parent;
    if (!ts.isStringLiteralLike(importDeclaration.moduleSpecifier)) return undefined;
    const imported = ts.isImportSpecifier(declaration) ? (declaration.propertyName ?? declaration.name).text : ts.isNamespaceImport(declaration) ? '*' : 'default';
    return `module:${moduleKey(importDeclaration.moduleSpecifier.text, sourceFile)}#${imported}`;
  }
  if (ts.isVariableDeclaration(declaration) && declaration.initializer && (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0
    && declaration.getSourceFile() === name.getSourceFile()) {
    if (ts.isIdentifier(declaration.name)) return isMutated(declaration.name, context) ? undefined : keyOf(declaration.initializer, context, depth);
    return undefined;
  }
  // `const { PrismaClient } = Prisma`, `const { Pool } = require('pg')`.
  if (ts.isBindingElement(declaration) && ts.isObjectBindingPattern(declaration.parent) && !declaration.dotDotDotToken) {
    const holder = declaration.parent.parent;
    if (!ts.isVariableDeclaration(holder) || !holder.initializer || (ts.getCombinedNodeFlags(holder) & ts.NodeFlags.Const) === 0) return undefined;
    const property = declaration.propertyName ?? declaration.name;
    if (!ts.isIdentifier(property)) return undefined;
    const object = keyOf(holder.initializer, context, depth);
    return object === undefined ? undefined : `${object}.${property.text}`;
  }
  return `declared:${sourceFile.fileName}:${declaration.getStart()}`;
}

/** `config.max = 5`, `config = {…}` anywhere in the file: the constant's object is not what its initializer says. */
function isMutated(name: ts.Identifier, context: AnalysisContext): boolean {
  const { ts } = context;
  return containsNode(name.getSourceFile(), (node) => {
    if (!ts.isBinaryExpression(node) || node.operatorToken.kind < ts.SyntaxKind.FirstAssignment || node.operatorToken.kind > ts.SyntaxKind.LastAssignment) return false;
    let target = skipOuterExpressions(node.left, ts);
    while (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) target = skipOuterExpressions(target.expression, ts);
    return ts.isIdentifier(target) && target.text === name.text;
  }, ts);
}

/** A package name as written; a relative path resolved from the importing file. */
function moduleKey(specifier: string, sourceFile: ts.SourceFile): string {
  return specifier.startsWith('.') ? path.resolve(path.dirname(sourceFile.fileName), specifier).replace(/\.[cm]?[jt]sx?$/, '') : specifier;
}
