/**
 * Whether a held connection has a transaction open at a point: a transaction's handle always does; a checked-out
 * connection (a pg client, a TypeORM query runner) only between a begin the code sends on it (`client.query('BEGIN')`,
 * `runner.startTransaction()`) and the end that follows (`COMMIT`, `commitTransaction()`). Read in source order.
 */
import type * as ts from 'typescript';

import type { TransactionControl } from '../../knowledge/library-definition.js';
import type { AnalysisContext } from '../core/analysis-context.js';
import type { HeldConnection } from './held-connections.js';

import { transactionStatements } from '../../knowledge/sql-statements.js';
import { getSymbol } from '../core/symbols.js';
import { getMemberName, skipOuterExpressions } from '../core/syntax.js';

interface ControlCall {
  readonly position: number;
  readonly opens: boolean;
}

const caches = new WeakMap<HeldConnection, readonly ControlCall[]>();

export function isTransactionOpenAt(held: HeldConnection, node: ts.Node, context: AnalysisContext): boolean {
  const transaction = held.form === 'acquired' ? held.resource?.transaction : 'always';
  if (transaction === 'always') return true;
  if (!transaction || !held.handleSymbol) return false;
  let controls = caches.get(held);
  if (!controls) {
    controls = findControlCalls(held, held.handleSymbol, transaction, context);
    caches.set(held, controls);
  }
  const before = controls.filter((control) => control.position < node.getStart());
  return before.at(-1)?.opens ?? false;
}

function findControlCalls(held: HeldConnection, symbol: ts.Symbol, control: TransactionControl, context: AnalysisContext): ControlCall[] {
  const { ts } = context;
  const calls: ControlCall[] = [];
  const isHandle = (expression: ts.Expression): boolean => {
    const object = skipOuterExpressions(expression, ts);
    return ts.isIdentifier(object) && getSymbol(object, context) === symbol;
  };
  const visit = (node: ts.Node): void => {
    let opens: boolean | undefined;
    if (ts.isCallExpression(node)) {
      const member = getMemberName(skipOuterExpressions(node.expression, ts), ts);
      if (member && isHandle(member.object)) {
        if (control.beginMethods?.includes(member.name)) opens = true;
        else if (control.endMethods?.includes(member.name)) opens = false;
        else if (control.statements) opens = getStatementEffect(node.arguments[0], context);
      }
    } else if (ts.isTaggedTemplateExpression(node) && control.statements && isHandle(node.tag)) {
      opens = getStatementEffect(node.template, context);
    }
    if (opens !== undefined) calls.push({ position: node.getStart(), opens });
    ts.forEachChild(node, visit);
  };
  visit(held.body);
  return calls;
}

/** `true` for `'BEGIN'`, `false` for `'COMMIT'`, undefined for any other query. */
function getStatementEffect(node: ts.Node | undefined, context: AnalysisContext): boolean | undefined {
  const { ts } = context;
  const text = node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
  if (text === undefined) return undefined;
  if (transactionStatements.begin.test(text)) return true;
  return transactionStatements.end.test(text) ? false : undefined;
}
