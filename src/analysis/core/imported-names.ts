/** Which module a local name was imported or required from, and under which export name. */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';

import { getSymbolAt } from './symbols.js';
import { skipOuterExpressions } from './syntax.js';

export interface ImportBinding {
  /** The module specifier as written. */
  readonly module: string;
  /** The export's name: `default`, `namespace` (`import * as x`, `require('x')`), or a named export. */
  readonly name: string;
}

/** `import { parse } from 'valibot'`, `import z from 'zod'`, `const assert = require('assert')`, `const { create } = require('superstruct')`. */
export function getImportBinding(identifier: ts.Identifier, context: AnalysisContext): ImportBinding | undefined {
  const { ts } = context;
  const declaration = getSymbolAt(identifier, context)?.declarations?.[0];
  if (!declaration) return undefined;
  if (ts.isImportSpecifier(declaration)) {
    return fromSpecifier(declaration.parent.parent.parent.moduleSpecifier, (declaration.propertyName ?? declaration.name).text, ts);
  }
  if (ts.isImportClause(declaration)) return fromSpecifier(declaration.parent.moduleSpecifier, 'default', ts);
  if (ts.isNamespaceImport(declaration)) return fromSpecifier(declaration.parent.parent.moduleSpecifier, 'namespace', ts);
  if (ts.isImportEqualsDeclaration(declaration)) {
    const reference = declaration.moduleReference;
    return ts.isExternalModuleReference(reference) ? fromSpecifier(reference.expression, 'namespace', ts) : undefined;
  }
  if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)) {
    const module = getRequiredModule(declaration.initializer, context);
    return module === undefined ? undefined : { module, name: 'namespace' };
  }
  if (ts.isBindingElement(declaration) && ts.isObjectBindingPattern(declaration.parent) && ts.isVariableDeclaration(declaration.parent.parent)) {
    const module = getRequiredModule(declaration.parent.parent.initializer, context);
    const name = declaration.propertyName ?? declaration.name;
    return module !== undefined && ts.isIdentifier(name) ? { module, name: name.text } : undefined;
  }
  return undefined;
}

function fromSpecifier(specifier: ts.Expression, name: string, typescript: typeof ts): ImportBinding | undefined {
  return typescript.isStringLiteralLike(specifier) ? { module: specifier.text, name } : undefined;
}

/** `require('x')`: the specifier. */
function getRequiredModule(initializer: ts.Expression | undefined, context: AnalysisContext): string | undefined {
  const { ts } = context;
  const call = initializer ? skipOuterExpressions(initializer, ts) : undefined;
  if (!call || !ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== 'require') return undefined;
  const specifier = call.arguments[0];
  return specifier && ts.isStringLiteralLike(specifier) ? specifier.text : undefined;
}
