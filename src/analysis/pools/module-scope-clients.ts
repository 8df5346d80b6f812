/** Pools and ORM clients built once, unconditionally, when their module is evaluated: `const prisma = new
 * PrismaClient()`, `export default new Pool(…)`, `module.exports = knex(…)`. Not one in an `if`, behind `??`, or
 * cached on `globalThis`: those are the singleton patterns. */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';
import type { PoolSite } from './pool-sites.js';

import { createContextMemo } from '../core/context-memo.js';
import { getSymbolAt } from '../core/symbols.js';
import { containsNode, isOuterExpression } from '../core/syntax.js';
import { climbToOpenedPool, getModuleScopePoolSites, selectConnectionOpeningSites } from './pool-sites.js';

export interface ModuleScopeClient {
  readonly site: PoolSite;
  /** The module's own variable that holds it, if any. */
  readonly variable?: ts.Identifier;
  /** Other modules can import it. */
  readonly exported: boolean;
}

const clients = createContextMemo<ts.SourceFile, readonly ModuleScopeClient[]>();

export function getModuleScopeClients(sourceFile: ts.SourceFile, context: AnalysisContext): readonly ModuleScopeClient[] {
  return clients.get(context, sourceFile, () => {
    try {
      return selectConnectionOpeningSites(getModuleScopePoolSites(sourceFile, context), context).flatMap((site) => {
        if (site.pool.singleConnection) return [];
        const client = toModuleScopeClient(site, sourceFile, context);
        return client ? [client] : [];
      });
    } catch {
      return [];
    }
  });
}

function toModuleScopeClient(site: PoolSite, sourceFile: ts.SourceFile, context: AnalysisContext): ModuleScopeClient | undefined {
  const { ts } = context;
  const node = climbToOpenedPool(site.node, site, context);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isIdentifier(parent.name)) {
    const statement = parent.parent.parent;
    if (!ts.isVariableStatement(statement) || statement.parent !== sourceFile) return undefined;
    const variable = parent.name;
    if (isStoredOnGlobal(variable, sourceFile, context)) return undefined;
    const exported = (ts.getCombinedModifierFlags(parent) & ts.ModifierFlags.Export) !== 0 || isExportedByName(variable, sourceFile, context);
    return { site, variable, exported };
  }
  if (ts.isExportAssignment(parent) && parent.parent === sourceFile) return { site, exported: true };
  // `module.exports = new Pool()`, `exports.db = knex(…)` as a statement of its own.
  if (ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
    && ts.isExpressionStatement(parent.parent) && parent.parent.parent === sourceFile && /^(module\.)?exports\b/.test(parent.left.getText())) {
    return { site, exported: true };
  }
  return undefined;
}

/** `globalThis.prisma = prisma`, `globalForPrisma.prisma = prisma`: the module keeps it across evaluations. */
function isStoredOnGlobal(variable: ts.Identifier, sourceFile: ts.SourceFile, context: AnalysisContext): boolean {
  const { ts } = context;
  // Every global name is written out somewhere in the file (or spelled with a unicode escape): else no walk.
  if (![...globalNames, '\\u'].some((name) => sourceFile.text.includes(name))) return false;
  return containsNode(sourceFile, (node) => ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken
    && ts.isIdentifier(node.right) && node.right.text === variable.text && isGlobalMember(node.left, context), ts);
}

/** `globalThis.x`, `global.x`, or a member of a variable that holds `globalThis` (`globalThis as unknown as {…}`). */
export function isGlobalMember(target: ts.Expression, context: AnalysisContext): boolean {
  const { ts } = context;
  let root = target;
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root) || isOuterExpression(root, ts)) root = root.expression;
  if (root === target || !ts.isIdentifier(root)) return false;
  if (globalNames.has(root.text)) return true;
  const declaration = getSymbolAt(root, context)?.valueDeclaration;
  return declaration !== undefined && ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined
    && containsNode(declaration.initializer, (node) => ts.isIdentifier(node) && globalNames.has(node.text), ts);
}

const globalNames = new Set(['globalThis', 'global', 'window']);

/** `export { prisma }`, `export default prisma`, `module.exports = { prisma }`. */
function isExportedByName(variable: ts.Identifier, sourceFile: ts.SourceFile, context: AnalysisContext): boolean {
  const { ts } = context;
  const name = variable.text;
  return sourceFile.statements.some((statement) => {
    if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      return statement.exportClause.elements.some((element) => (element.propertyName ?? element.name).getText() === name);
    }
    if (ts.isExportAssignment(statement)) return ts.isIdentifier(statement.expression) && statement.expression.text === name;
    if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) && /^(module\.)?exports\b/.test(statement.expression.left.getText())) {
      return containsNode(statement.expression.right, (node) => ts.isIdentifier(node) && node.text === name, ts);
    }
    return false;
  });
}
