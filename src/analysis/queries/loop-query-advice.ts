/** Facts about the queries of one loop that decide what the N+1 message advises. */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';
import type { LoopContext } from './loop-context.js';

import { concurrencyLimiters } from '../../knowledge/concurrency-limiters.js';
import { getDatabaseCallSites } from '../core/database-call-sites.js';
import { getShorthandValueSymbol } from '../core/property-sources.js';
import { getSymbolAt } from '../core/symbols.js';
import { getRootIdentifier } from '../core/syntax.js';

/**
 * Does the query (the flagged call, its receiver and arguments) read anything that changes from one
 * iteration to the next: a variable declared inside the loop (the element, an index) or assigned in it?
 * When it does not, the same query runs every time and belongs before the loop.
 */
export function dependsOnIteration(call: ts.Node, loop: LoopContext, context: AnalysisContext): boolean {
  const { ts } = context;
  const assignedInLoop = collectAssignedSymbols(loop.node, context);
  let depends = false;
  const visit = (node: ts.Node): void => {
    if (depends) return;
    if (ts.isIdentifier(node)) {
      // `product.vendorId`, `{ vendorId: … }`: the object or the value decides, not the property (whose
      // symbol would make the checker resolve the object's type, seconds with a Mongoose model).
      if (isPropertyName(node, ts)) return;
      // `{ partnerId }` names the variable, not only the property.
      const symbol = ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node
        ? getShorthandValueSymbol(node.parent, context)
        : getSymbolAt(node, context);
      const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
      if (!symbol || !declaration) {
        // Unknown names (untyped, imported): assume they may change.
        depends = true;
        return;
      }
      const inLoop = declaration.getSourceFile() === loop.node.getSourceFile() && declaration.pos >= loop.node.pos && declaration.end <= loop.node.end;
      const inCall = declaration.pos >= call.pos && declaration.end <= call.end;
      if ((inLoop && !inCall) || assignedInLoop.has(symbol)) depends = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(call);
  return depends;
}

function isPropertyName(node: ts.Identifier, typescript: typeof ts): boolean {
  const parent = node.parent;
  return (typescript.isPropertyAccessExpression(parent) && parent.name === node)
    || (typescript.isPropertyAssignment(parent) && parent.name === node);
}

function collectAssignedSymbols(loop: ts.Node, context: AnalysisContext): Set<ts.Symbol> {
  const { ts } = context;
  const symbols = new Set<ts.Symbol>();
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment
      && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(node.left)) {
      const symbol = getSymbolAt(node.left, context);
      if (symbol) symbols.add(symbol);
    }
    if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && ts.isIdentifier(node.operand)) {
      const symbol = getSymbolAt(node.operand, context);
      if (symbol) symbols.add(symbol);
    }
    ts.forEachChild(node, visit);
  };
  visit(loop);
  return symbols;
}

/**
 * Every repetition runs inside one transaction the loop does not open itself: inside the callback of a
 * database call that hands one out (`sequelize.transaction(async (t) => …)`, `prisma.$transaction(async (tx) => …)`),
 * or passing the same `transaction`/`session` option, read from a variable declared outside the loop, to every call
 * (`{ transaction }`, `{ transaction: t }`, `{ transaction: options.transaction }`).
 */
export function sharesTransaction(call: ts.Node, loop: LoopContext, context: AnalysisContext): boolean {
  const { ts } = context;
  for (let node = loop.node.parent; node && !ts.isSourceFile(node); node = node.parent) {
    if (!ts.isFunctionLike(node)) continue;
    const outer = node.parent;
    if (outer && ts.isCallExpression(outer) && outer.arguments.includes(node as ts.Expression)) {
      const target = getDatabaseCallSites(outer.getSourceFile(), context).byNode.get(outer);
      if (target?.definition.callbackParameters?.length) return true;
    }
  }
  if (!ts.isCallExpression(call)) return false;
  return call.arguments.some((argument) => ts.isObjectLiteralExpression(argument) && argument.properties.some((property) => {
    const name = property.name && ts.isIdentifier(property.name) ? property.name.text : undefined;
    if (name !== 'transaction' && name !== 'session') return false;
    // `{ transaction }`: the variable's declaration, not the property's (which is the shorthand itself, inside the loop).
    const root = ts.isPropertyAssignment(property) ? getRootIdentifier(property.initializer, ts) : undefined;
    const declaration = ts.isShorthandPropertyAssignment(property) ? getShorthandValueSymbol(property, context)?.valueDeclaration
      : root ? getSymbolAt(root, context)?.valueDeclaration : undefined;
    return declaration !== undefined && !(declaration.pos >= loop.node.pos && declaration.end <= loop.node.end);
  }));
}

/** Is the call, within one repetition, gated by a concurrency limiter (`limit(() => …)`, `await sema.acquire()`)? */
export function isConcurrencyLimited(call: ts.Node, loop: LoopContext, context: AnalysisContext): boolean {
  const { ts } = context;
  for (let node = call.parent; node && node !== loop.node.parent; node = node.parent) {
    if (ts.isCallExpression(node) && node !== call && isLimiterCall(node, context)) return true;
  }
  let gated = false;
  const visit = (node: ts.Node): void => {
    if (gated || node.pos >= call.pos) return;
    if (ts.isFunctionLike(node) && node !== loop.node) return;
    if (ts.isCallExpression(node) && isLimiterCall(node, context)) gated = true;
    ts.forEachChild(node, visit);
  };
  visit(loop.node);
  return gated;
}

/** `limit(…)` where `limit = pLimit(n)`, or `sema.acquire()` where `sema = new Sema(n)`. */
function isLimiterCall(call: ts.CallExpression, context: AnalysisContext): boolean {
  const { ts } = context;
  const callee = call.expression;
  if (ts.isIdentifier(callee)) {
    const initializer = getInitializer(callee, context);
    return initializer !== undefined && ts.isCallExpression(initializer) && getLimiter(initializer.expression, context)?.form === 'factory';
  }
  if (ts.isPropertyAccessExpression(callee)) {
    const receiver = callee.expression;
    const initializer = ts.isIdentifier(receiver) || ts.isPropertyAccessExpression(receiver) ? getInitializer(receiver, context) : undefined;
    if (!initializer || !ts.isNewExpression(initializer)) return false;
    const limiter = getLimiter(initializer.expression, context);
    return limiter?.form === 'class' && (limiter.methods ?? []).includes(callee.name.text);
  }
  return false;
}

function getLimiter(expression: ts.Expression, context: AnalysisContext) {
  const { ts } = context;
  if (!ts.isIdentifier(expression)) return undefined;
  const declaration = getSymbolAt(expression, context)?.declarations?.[0];
  if (!declaration) return undefined;
  let name: string | undefined;
  let specifier: ts.Expression | undefined;
  if (ts.isImportClause(declaration)) {
    name = 'default';
    specifier = declaration.parent.moduleSpecifier;
  } else if (ts.isImportSpecifier(declaration)) {
    name = (declaration.propertyName ?? declaration.name).text;
    specifier = declaration.parent.parent.parent.moduleSpecifier;
  }
  if (!name || !specifier || !ts.isStringLiteralLike(specifier)) return undefined;
  return concurrencyLimiters.find((limiter) => limiter.module === specifier.text && limiter.export === name);
}

/** The initializer of the variable or class field an expression names. */
function getInitializer(expression: ts.Identifier | ts.PropertyAccessExpression, context: AnalysisContext): ts.Expression | undefined {
  const { ts } = context;
  const symbol = getSymbolAt(ts.isIdentifier(expression) ? expression : expression.name, context);
  const declaration = symbol?.valueDeclaration;
  if (declaration && (ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration)) && declaration.initializer) {
    let initializer = declaration.initializer;
    while (ts.isParenthesizedExpression(initializer) || ts.isAsExpression(initializer)) initializer = initializer.expression;
    return initializer;
  }
  return undefined;
}
