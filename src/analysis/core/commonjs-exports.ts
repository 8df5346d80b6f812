/** CommonJS between project modules: `require('./db')` is what that module assigns to `module.exports`. */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';

import { getSymbolAt } from './symbols.js';
import { skipOuterExpressions } from './syntax.js';

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
 * What a module's top level hands out to `require()`: the value it assigns to `module.exports` (the last such
 * assignment), and the properties it names one by one: `exports.name = …`, `module.exports.name = …`, and the
 * properties of `module.exports = { … }` (an assignment, a shorthand, a method).
 */
export interface CommonJsExports {
  readonly whole?: ts.Expression;
  readonly named: ReadonlyMap<string, ts.Expression | ts.ObjectLiteralElementLike>;
}

const noExports: CommonJsExports = { named: new Map() };
const exportsByFile = new WeakMap<ts.SourceFile, CommonJsExports>();

export function getCommonJsExports(sourceFile: ts.SourceFile, typescript: typeof ts): CommonJsExports {
  if (!sourceFile.text.includes('exports')) return noExports;
  let found = exportsByFile.get(sourceFile);
  if (!found) {
    found = collectCommonJsExports(sourceFile, typescript);
    exportsByFile.set(sourceFile, found);
  }
  return found;
}

function collectCommonJsExports(sourceFile: ts.SourceFile, typescript: typeof ts): CommonJsExports {
  let whole: ts.Expression | undefined;
  const named = new Map<string, ts.Expression | ts.ObjectLiteralElementLike>();
  for (const statement of sourceFile.statements) {
    if (!typescript.isExpressionStatement(statement) || !typescript.isBinaryExpression(statement.expression)) continue;
    const { left, operatorToken, right } = statement.expression;
    if (operatorToken.kind !== typescript.SyntaxKind.EqualsToken) continue;
    if (isModuleExports(left, typescript)) {
      // A new `module.exports` replaces the properties set on the old one.
      whole = right;
      named.clear();
      const value = skipOuterExpressions(right, typescript);
      if (typescript.isObjectLiteralExpression(value)) {
        for (const property of value.properties) {
          if (property.name && (typescript.isIdentifier(property.name) || typescript.isStringLiteral(property.name))) named.set(property.name.text, property);
        }
      }
    } else if (typescript.isPropertyAccessExpression(left) && typescript.isIdentifier(left.name)
      && (isModuleExports(left.expression, typescript) || (typescript.isIdentifier(left.expression) && left.expression.text === 'exports'))) {
      named.set(left.name.text, right);
    }
  }
  return { whole, named };
}

/**
 * A variable a `require()` call declares: `const db = require('./db')` (the whole module: no name) or
 * `const { pool: main } = require('./db')` (its property `pool`).
 */
export function getRequiredBinding(declaration: ts.Declaration, typescript: typeof ts): { call: ts.CallExpression; name?: string } | undefined {
  if (typescript.isVariableDeclaration(declaration) && typescript.isIdentifier(declaration.name) && declaration.initializer) {
    const initializer = skipOuterExpressions(declaration.initializer, typescript);
    return isRequireCall(initializer, typescript) ? { call: initializer } : undefined;
  }
  if (!typescript.isBindingElement(declaration) || declaration.dotDotDotToken || !typescript.isObjectBindingPattern(declaration.parent)) return undefined;
  const owner = declaration.parent.parent;
  const property = declaration.propertyName ?? declaration.name;
  if (!typescript.isVariableDeclaration(owner) || !owner.initializer || !(typescript.isIdentifier(property) || typescript.isStringLiteral(property))) return undefined;
  const initializer = skipOuterExpressions(owner.initializer, typescript);
  return isRequireCall(initializer, typescript) ? { call: initializer, name: property.text } : undefined;
}

/** The specifiers of the file's `require('<specifier>')` calls, read off its text. */
export function getRequiredSpecifiers(text: string): string[] {
  if (!text.includes('require')) return [];
  return [...text.matchAll(/\brequire\(\s*(['"])([^'"\n]+)\1\s*\)/g)].map((match) => match[2]!);
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
  return module && ts.isSourceFile(module) ? getCommonJsExports(module, ts).whole : undefined;
}
