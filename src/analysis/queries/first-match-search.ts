/**
 * A loop that looks for the first element whose query finds something and stops there
 * (`for (const id of candidates) { found = await find(id); if (found) break; }`): a search through fallbacks,
 * not one query per element. The exit must carry what was found out of the loop (a variable declared before it,
 * a returned value naming the result or the element); `if (await exists(name)) return false` is a check that
 * runs for every element in the usual case, and stays a finding.
 */
import type * as ts from 'typescript';

import type { AnalysisContext, TypeScript } from '../core/analysis-context.js';
import type { LoopContext } from './loop-context.js';

import { promiseChainMethods } from '../core/method-names.js';
import { getSymbolAt } from '../core/symbols.js';
import { containsNode } from '../core/syntax.js';

export function isFirstMatchSearch(node: ts.Node, loop: LoopContext, context: AnalysisContext): boolean {
  const { ts } = context;
  const loopNode = loop.node;
  if (loop.kind !== 'loop' || !ts.isIterationStatement(loopNode, false)) return false;
  const body = loopNode.statement;
  const statements = ts.isBlock(body) ? body.statements : [body];
  const index = statements.findIndex((statement) => statement.pos <= node.pos && node.end <= statement.end);
  const statement = statements[index];
  if (!statement) return false;
  const elements = getLoopVariables(loopNode, context);
  if (ts.isIfStatement(statement) && statement.expression.pos <= node.pos && node.end <= statement.expression.end) {
    return isTruthyTest(statement.expression, node, ts) && exitsCarrying(statement.thenStatement, loopNode, [...elements], undefined, context);
  }
  const result = getResultVariable(node, getInnerStatement(node, statement, context) ?? statement, context);
  if (!result) return false;
  const declaredOutside = !(result.pos >= loopNode.pos && result.end <= loopNode.end);
  const carried = [result, ...elements];
  const later = statements.slice(index + 1);
  return later.some((next, offset) => ts.isIfStatement(next) && (
    (mentions(next.expression, result, context) && isTruthyTest(next.expression, undefined, ts, result, context)
      && exitsCarrying(next.thenStatement, loopNode, carried, declaredOutside ? result : undefined, context))
    // `if (!found) continue; …; return found.value`: the body's end is the exit.
    || (isNegatedTest(next.expression, result, context) && isContinue(next.thenStatement, ts)
      && exitsCarrying(statements.at(-1) as ts.Statement, loopNode, carried, undefined, context) && offset + index + 1 < statements.length - 1)));
}

/**
 * The statement around the query inside `statement`, when only blocks and `if`s lie between them
 * (`if (allowed) { found = await create(…); }`): the query still runs at most once on the way to the exit.
 */
function getInnerStatement(node: ts.Node, statement: ts.Statement, context: AnalysisContext): ts.Statement | undefined {
  const { ts } = context;
  let inner: ts.Node = node;
  while (inner !== statement && !ts.isExpressionStatement(inner) && !ts.isVariableStatement(inner)) {
    if (ts.isFunctionLike(inner) || ts.isIterationStatement(inner, false)) return undefined;
    inner = inner.parent;
  }
  if (inner === statement) return statement;
  for (let parent: ts.Node = inner.parent; parent !== statement; parent = parent.parent) {
    if (!ts.isBlock(parent) && !ts.isIfStatement(parent)) return undefined;
  }
  return inner as ts.Statement;
}

/** The variable that holds the query's result: `const found = await q(…)`, `found = await q(…).catch(…)`. */
function getResultVariable(node: ts.Node, statement: ts.Statement, context: AnalysisContext): ts.Declaration | undefined {
  const { ts } = context;
  let outer = node;
  for (;;) {
    const parent = outer.parent;
    if (ts.isParenthesizedExpression(parent) || ts.isAwaitExpression(parent) || ts.isNonNullExpression(parent) || ts.isAsExpression(parent)
      || (ts.isConditionalExpression(parent) && parent.condition !== outer)) {
      outer = parent;
    } else if (ts.isPropertyAccessExpression(parent) && parent.expression === outer && promiseChainMethods.has(parent.name.text)
      && ts.isCallExpression(parent.parent) && parent.parent.expression === parent) {
      outer = parent.parent;
    } else {
      break;
    }
  }
  const parent = outer.parent;
  if (ts.isVariableDeclaration(parent) && parent.initializer === outer && ts.isIdentifier(parent.name) && ts.isVariableStatement(statement)
    && parent.parent.parent === statement) {
    return getSymbolAt(parent.name, context)?.valueDeclaration;
  }
  if (ts.isBinaryExpression(parent) && parent.right === outer && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
    && ts.isIdentifier(parent.left) && ts.isExpressionStatement(statement) && statement.expression === parent) {
    return getSymbolAt(parent.left, context)?.valueDeclaration;
  }
  return undefined;
}

function getLoopVariables(loop: ts.IterationStatement, context: AnalysisContext): ts.Declaration[] {
  const { ts } = context;
  if (!(ts.isForOfStatement(loop) || ts.isForInStatement(loop)) || !ts.isVariableDeclarationList(loop.initializer)) return [];
  const found: ts.Declaration[] = [];
  const visit = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) found.push(name.parent as ts.Declaration);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) visit(element.name);
  };
  for (const declaration of loop.initializer.declarations) visit(declaration.name);
  return found;
}

function refersTo(node: ts.Node, declaration: ts.Declaration, context: AnalysisContext): boolean {
  const { ts } = context;
  if (!ts.isIdentifier(node)) return false;
  // `{ slug }`: the name is the property's; the value is the variable's.
  if (ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node) {
    try {
      return context.checker.getShorthandAssignmentValueSymbol(node.parent)?.valueDeclaration === declaration;
    } catch {
      return false;
    }
  }
  return getSymbolAt(node, context)?.valueDeclaration === declaration;
}

function mentions(node: ts.Node, declaration: ts.Declaration, context: AnalysisContext): boolean {
  return refersTo(node, declaration, context) || containsNode(node, (child) => refersTo(child, declaration, context), context.ts);
}

/** `if (found)`, `if (found && …)`, `if (found?.ok)`, `if (await q())`: true when the query found something. */
function isTruthyTest(condition: ts.Expression, query: ts.Node | undefined, ts: TypeScript, result?: ts.Declaration, context?: AnalysisContext): boolean {
  let node: ts.Expression = condition;
  while (ts.isParenthesizedExpression(node) || ts.isAwaitExpression(node)) node = node.expression;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
    return isTruthyTest(node.left, query, ts, result, context) || isTruthyTest(node.right, query, ts, result, context);
  }
  if (ts.isPrefixUnaryExpression(node)) return false;
  if (query) return node === query || (node.pos <= query.pos && query.end <= node.end && ts.isPropertyAccessExpression(node));
  return result !== undefined && context !== undefined && (refersTo(node, result, context)
    || (ts.isPropertyAccessExpression(node) && refersTo(node.expression, result, context)));
}

function isNegatedTest(condition: ts.Expression, result: ts.Declaration, context: AnalysisContext): boolean {
  const { ts } = context;
  return ts.isPrefixUnaryExpression(condition) && condition.operator === ts.SyntaxKind.ExclamationToken && refersTo(condition.operand, result, context);
}

function isContinue(statement: ts.Statement, ts: TypeScript): boolean {
  return ts.isContinueStatement(statement) || (ts.isBlock(statement) && statement.statements.length === 1 && ts.isContinueStatement(statement.statements[0]!));
}

/**
 * The branch ends the loop and takes the find with it: `break` when the result lives on after the loop,
 * `return <value>` naming the result or the element.
 */
function exitsCarrying(statement: ts.Statement, loop: ts.IterationStatement, carried: readonly ts.Declaration[], outerResult: ts.Declaration | undefined, context: AnalysisContext): boolean {
  const { ts } = context;
  const last = ts.isBlock(statement) ? statement.statements.at(-1) : statement;
  if (!last) return false;
  if (ts.isBreakStatement(last)) {
    const target = last.label ? ts.isLabeledStatement(loop.parent) && loop.parent.label.text === last.label.text : true;
    return target && outerResult !== undefined;
  }
  if (ts.isReturnStatement(last)) {
    const value = last.expression;
    return value !== undefined && carried.some((declaration) => mentions(value, declaration, context));
  }
  return false;
}
