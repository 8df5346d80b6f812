/**
 * Loops that walk a chain of records, one lookup per link: each iteration reads the next key from the record the
 * previous one loaded (`while (job) { …; job = await Job.findOne({ _id: job.parentId }) }`, or
 * `while (parentId) { const parent = await Document.findByPk(parentId); parentId = parent?.parentDocumentId }`).
 * The loop runs once per ancestor, as data decides, so the paging and polling rules of `loop-context.ts` (the
 * condition reads what the body assigns) would otherwise let it pass.
 */
import type * as ts from 'typescript';

import type { AnalysisContext, TypeScript } from '../core/analysis-context.js';

import { recordKeyFields } from '../../knowledge/record-keys.js';
import { createContextMemo } from '../core/context-memo.js';
import { getShorthandValueSymbol } from '../core/property-sources.js';
import { getSymbolAt } from '../core/symbols.js';
import { climbOuterExpressions, isNullishLiteral, skipOuterExpressions } from '../core/syntax.js';
import { getQuerySite } from './query-sites.js';

type ChainLoop = ts.WhileStatement | ts.DoStatement | ts.ForStatement;

/** The variable a loop walks from record to record (`job`, `parentId`), when it walks a chain of records. */
const chainVariables = createContextMemo<ts.Node, ts.Identifier | undefined>();

/**
 * The variable whose presence the condition tests (`while (job)`, `job != null`, `node?.parentId`, `for (…; n; …)`)
 * when the loop assigns it, from a one-record lookup keyed by it: the record itself, keyed by one of its fields
 * (`job = await Job.findOne({ _id: job.parentId })`), or a field of a record keyed by it
 * (`parentId = (await Document.findByPk(parentId))?.parentDocumentId`, through a variable or not).
 */
export function getRecordChainVariable(loop: ts.IterationStatement, context: AnalysisContext): ts.Identifier | undefined {
  const { ts } = context;
  if (!ts.isWhileStatement(loop) && !ts.isDoStatement(loop) && !ts.isForStatement(loop)) return undefined;
  return chainVariables.get(context, loop, () => {
    try {
      return findChainVariable(loop, context);
    } catch {
      return undefined;
    }
  });
}

function findChainVariable(loop: ChainLoop, context: AnalysisContext): ts.Identifier | undefined {
  const { ts } = context;
  const condition = ts.isForStatement(loop) ? loop.condition : loop.expression;
  if (!condition) return undefined;
  const tested: ts.Identifier[] = [];
  collectPresenceTests(condition, ts, tested);
  for (const variable of tested) {
    const symbol = getSymbolAt(variable, context);
    if (!symbol) continue;
    const values = getAssignedValues(loop, symbol, context);
    if (values.some((value) => isNextLink(value, symbol, loop, context))) return variable;
  }
  return undefined;
}

/**
 * The variables a condition tests for presence: `job`, `job != null`, `job !== undefined`, `node.parentId`,
 * `node?.parent`, either side of `&&`, `(job = await …)`. Not `!job` (waiting for something to appear) nor a
 * comparison with a value (`job.status !== 'done'`, polling a state).
 */
function collectPresenceTests(expression: ts.Expression, ts: TypeScript, tested: ts.Identifier[]): void {
  const node = skipOuterExpressions(expression, ts);
  if (ts.isIdentifier(node)) {
    tested.push(node);
    return;
  }
  if (ts.isPropertyAccessExpression(node)) {
    const base = getBaseIdentifier(node, ts);
    if (base) tested.push(base);
    return;
  }
  if (!ts.isBinaryExpression(node)) return;
  const operator = node.operatorToken.kind;
  if (operator === ts.SyntaxKind.AmpersandAmpersandToken) {
    collectPresenceTests(node.left, ts, tested);
    collectPresenceTests(node.right, ts, tested);
  } else if (operator === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left)) {
    tested.push(node.left);
  } else if (operator === ts.SyntaxKind.ExclamationEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsEqualsToken) {
    if (isNullishLiteral(node.right, ts)) collectPresenceTests(node.left, ts, tested);
    else if (isNullishLiteral(node.left, ts)) collectPresenceTests(node.right, ts, tested);
  }
}

/** `node` in `node.parent.id`, `node?.parentId`, `node!.parentId`. */
function getBaseIdentifier(expression: ts.Expression, ts: TypeScript): ts.Identifier | undefined {
  let node = skipOuterExpressions(expression, ts);
  while (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) node = skipOuterExpressions(node.expression, ts);
  return ts.isIdentifier(node) ? node : undefined;
}

/** What the loop (its condition, body and step, not the functions in them) assigns to the variable: `v = …`, `const v = …`. */
function getAssignedValues(root: ts.Node, symbol: ts.Symbol, context: AnalysisContext): ts.Expression[] {
  const { ts } = context;
  const values: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left)
      && getSymbolAt(node.left, context) === symbol) {
      values.push(node.right);
    }
    if (ts.isVariableDeclaration(node) && node.initializer && ts.isIdentifier(node.name) && getSymbolAt(node.name, context) === symbol) {
      values.push(node.initializer);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(root, visit);
  return values;
}

/**
 * Does the value assigned to the walked variable come from the record its current value leads to: a one-record
 * lookup keyed by a field of the record (`findOne({ _id: job.parentId })`), or a field of a record looked up by
 * the key (`parent?.parentDocumentId` with `parent = await Document.findByPk(parentId)`)?
 */
function isNextLink(value: ts.Expression, walked: ts.Symbol, loop: ChainLoop, context: AnalysisContext): boolean {
  const { ts } = context;
  return getAlternatives(value, ts).some((node) => {
    const lookup = getOneRecordLookup(node, context);
    if (lookup) return readsFieldOf(lookup, walked, context) && !isReload(lookup, walked, context);
    if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) return false;
    const record = skipOuterExpressions(node.expression, ts);
    const recordLookup = getOneRecordLookup(record, context);
    if (recordLookup) return readsVariable(recordLookup, walked, context);
    if (!ts.isIdentifier(record)) return false;
    const symbol = getSymbolAt(record, context);
    if (!symbol || symbol === walked) return false;
    return getAssignedValues(loop, symbol, context).some((recordValue) => getAlternatives(recordValue, ts).some((candidate) => {
      const found = getOneRecordLookup(candidate, context);
      return found !== undefined && readsVariable(found, walked, context);
    }));
  });
}

/** The values an expression may take: both branches of `a ? b : c`, the left of `a ?? b` and `a || b`, without `await`. */
function getAlternatives(expression: ts.Expression, ts: TypeScript): ts.Expression[] {
  let node = skipOuterExpressions(expression, ts);
  if (ts.isAwaitExpression(node)) node = skipOuterExpressions(node.expression, ts);
  if (ts.isConditionalExpression(node)) return [...getAlternatives(node.whenTrue, ts), ...getAlternatives(node.whenFalse, ts)];
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    return getAlternatives(node.left, ts);
  }
  return [node];
}

/** The expression when it runs a query that reads one record (`Job.findOne(…)`, `…first()`, `findUnique(…)`). */
function getOneRecordLookup(expression: ts.Expression, context: AnalysisContext): ts.Expression | undefined {
  const { ts } = context;
  let node = skipOuterExpressions(expression, ts);
  if (ts.isAwaitExpression(node)) node = skipOuterExpressions(node.expression, ts);
  return ts.isCallExpression(node) && getQuerySite(node, context)?.oneRecord ? node : undefined;
}

/** Does the lookup read a field of the walked variable (`job.parentId`, `node?.parent`, `cur['parentId']`)? */
function readsFieldOf(lookup: ts.Node, walked: ts.Symbol, context: AnalysisContext): boolean {
  return findFieldReads(lookup, walked, context).length > 0;
}

function findFieldReads(root: ts.Node, walked: ts.Symbol, context: AnalysisContext): (ts.PropertyAccessExpression | ts.ElementAccessExpression)[] {
  const { ts } = context;
  const found: (ts.PropertyAccessExpression | ts.ElementAccessExpression)[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node))) {
      const object = skipOuterExpressions(node.expression, ts);
      if (ts.isIdentifier(object) && getSymbolAt(object, context) === walked) {
        found.push(node);
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

/** Does the lookup read the walked variable itself, or a field of it (`findByPk(parentId)`, `{ where: { id } }`)? */
function readsVariable(lookup: ts.Node, walked: ts.Symbol, context: AnalysisContext): boolean {
  const { ts } = context;
  let reads = false;
  const visit = (node: ts.Node): void => {
    if (reads || ts.isFunctionLike(node)) return;
    if (ts.isShorthandPropertyAssignment(node)) {
      reads = getShorthandValueSymbol(node, context) === walked;
      return;
    }
    if (ts.isIdentifier(node) && !isPropertyName(node, ts) && getSymbolAt(node, context) === walked) reads = true;
    ts.forEachChild(node, visit);
  };
  visit(lookup);
  return reads;
}

/**
 * `job = await Job.findById(job.id)`, `findOne({ where: { id: job.id } })`: the same record read again (a poll for
 * its deletion or a state), not the next link. Every field read keys the lookup by the field's own name, or is
 * the record's `id` passed as is.
 */
function isReload(lookup: ts.Node, walked: ts.Symbol, context: AnalysisContext): boolean {
  const { ts } = context;
  return findFieldReads(lookup, walked, context).every((read) => {
    const field = ts.isPropertyAccessExpression(read) ? read.name.text
      : ts.isStringLiteralLike(read.argumentExpression) ? read.argumentExpression.text : undefined;
    if (field === undefined) return false;
    const outer = climbOuterExpressions(read, ts);
    const parent = outer.parent;
    if (parent && ts.isPropertyAssignment(parent) && parent.initializer === outer) {
      const key = ts.isIdentifier(parent.name) || ts.isStringLiteralLike(parent.name) ? parent.name.text : undefined;
      return key === field;
    }
    return parent !== undefined && ts.isCallExpression(parent) && parent.arguments.includes(outer as ts.Expression) && recordIdFields.has(field.toLowerCase());
  });
}

/** The fields that name a record itself, passed alone to a lookup by primary key (`findById(job._id)`). */
const recordIdFields = new Set<string>(recordKeyFields);

function isPropertyName(node: ts.Identifier, ts: TypeScript): boolean {
  const parent = node.parent;
  return (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node);
}
