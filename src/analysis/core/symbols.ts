/** Symbol lookups that never throw: the checker can fail on trees it did not expect, and an analysis must
 * then know less, not crash the host. */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';

import { askChecker, getBoundSymbol } from './bound-names.js';
import { getConstructedType } from './constructed-types.js';
import { createContextMemo } from './context-memo.js';
import { skipOuterExpressions } from './syntax.js';

/** A node's symbol does not change within a program, and the checker resolves a name anew on every ask. */
const symbolsAt = createContextMemo<ts.Node, ts.Symbol | undefined>();

/** The symbol at a node, or undefined (also when the checker fails); remembered per program. */
export function getSymbolAt(node: ts.Node, context: AnalysisContext): ts.Symbol | undefined {
  return symbolsAt.get(context, node, () => {
    try {
      const bound = getBoundSymbol(node, context);
      return bound !== askChecker ? bound : getConstructedMember(node, context) ?? context.checker.getSymbolAtLocation(node);
    } catch {
      return undefined;
    }
  });
}

/**
 * `repository.find` where `repository` holds `new CustomersRepository(…)`: the member of the instance type, the very
 * symbol the checker finds, without the type of `repository` costing the constructor call's resolution.
 */
function getConstructedMember(node: ts.Node, context: AnalysisContext): ts.Symbol | undefined {
  const { ts } = context;
  const access = node.parent;
  if (!ts.isIdentifier(node) || !access || !ts.isPropertyAccessExpression(access) || access.name !== node || !ts.isIdentifier(access.expression)) return undefined;
  const type = getConstructedType(access.expression, context);
  return type ? context.checker.getPropertyOfType(type, node.text) : undefined;
}

/** The symbol a name refers to, following imports when the checker knows the other file. */
export function getSymbol(node: ts.Node, context: AnalysisContext): ts.Symbol | undefined {
  const { ts } = context;
  return followAlias(getSymbolAt(ts.isPropertyAccessExpression(node) ? node.name : node, context), context);
}

/** An import's symbol: the imported declaration's, when the checker knows the other file. */
export function followAlias(symbol: ts.Symbol | undefined, context: AnalysisContext): ts.Symbol | undefined {
  const { ts, checker } = context;
  if (symbol && symbol.flags & ts.SymbolFlags.Alias && context.typed) {
    try {
      const aliased = checker.getAliasedSymbol(symbol);
      if (aliased.declarations?.length) return aliased;
    } catch {
      return symbol;
    }
  }
  return symbol;
}

/** Two mentions of one variable or one property of one variable or `this` (`this.dataSource`). */
export function isSameReference(a: ts.Expression, b: ts.Expression, context: AnalysisContext): boolean {
  const { ts } = context;
  if (a.kind === ts.SyntaxKind.ThisKeyword) return b.kind === ts.SyntaxKind.ThisKeyword;
  if (ts.isIdentifier(a) && ts.isIdentifier(b)) {
    const symbol = getSymbol(a, context);
    return symbol !== undefined && symbol === getSymbol(b, context);
  }
  if (ts.isPropertyAccessExpression(a) && ts.isPropertyAccessExpression(b)) {
    return a.name.text === b.name.text && isSameReference(skipOuterExpressions(a.expression, ts), skipOuterExpressions(b.expression, ts), context);
  }
  return false;
}
