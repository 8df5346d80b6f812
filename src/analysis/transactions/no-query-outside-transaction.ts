/**
 * no-query-outside-transaction: while a connection is held (a transaction callback, a checked-out client, an open
 * query runner), a query through the root pool, client or ORM takes a second connection from the same pool. With N
 * requests and a pool of N, each holds one and waits for another: the pool deadlocks. Reported at the query, or at
 * the call of a helper that runs one.
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';
import type { Finding, TextEdit } from '../core/finding.js';
import type { HeldConnection } from './held-connections.js';
import type { RootUse } from './transaction-summaries.js';

import { describe } from '../queries/query-sites.js';
import { getSymbol } from '../core/symbols.js';
import { containsNode, isResultDiscarded } from '../core/syntax.js';
import { isSamePool } from './connection-roots.js';
import { describeThrough, describeWhere, relatedNode, toHeldFinding } from './held-description.js';
import { findWhileHeld } from './held-connections.js';
import { isImplicitJoinEnabled } from './implicit-join.js';
import { isTransactionOpenAt } from './transaction-state.js';
import { getCalledFunctions, getDirectRootUse, getRootUses, mapToCaller } from './transaction-summaries.js';

/** The `…WhileCheckedOut` messages: the held connection has no transaction open there (a pg client before `BEGIN`, a
 * query runner before `startTransaction()`), so the query is not "outside the transaction", only on another
 * connection. */
export type QueryOutsideTransactionMessageId = 'secondConnection' | 'secondConnectionInHelper' | 'secondConnectionWhileCheckedOut' | 'secondConnectionInHelperWhileCheckedOut';

const ruleId = 'no-query-outside-transaction';

export function findQueriesOutsideTransactions(sourceFile: ts.SourceFile, context: AnalysisContext): Finding<QueryOutsideTransactionMessageId>[] {
  return findWhileHeld(
    sourceFile,
    context,
    (node, held) => context.ts.isCallExpression(node) || context.ts.isTaggedTemplateExpression(node) ? checkNode(node, held, context) : undefined,
    (held) => isJoinedImplicitly(held, sourceFile, context),
  );
}

/** A wrapper's callback (or a route handler behind a middleware's transaction) usually reaches the transaction
 * through AsyncLocalStorage or the request, and a library with CLS enabled joins it by itself: root queries there may
 * run on the transaction. */
function isJoinedImplicitly(held: HeldConnection, sourceFile: ts.SourceFile, context: AnalysisContext): boolean {
  if (held.form === 'wrapped' || held.form === 'request') return true;
  return held.form === 'managed' && !!held.library.transactions?.implicitJoinEnabledBy && isImplicitJoinEnabled(held.library, context, sourceFile);
}

function checkNode(node: ts.Node, held: HeldConnection, context: AnalysisContext): Finding<QueryOutsideTransactionMessageId> | undefined {
  const { ts } = context;
  const direct = getDirectRootUse(node, context);
  if (direct) return takesSecondConnection(direct, held) ? toDirectFinding(node, direct, held, context) : undefined;
  // A helper started and left running (`reindex(id);`): the transaction goes on without waiting for its connection.
  if (!ts.isCallExpression(node) || isResultDiscarded(node, ts)) return undefined;
  for (const called of getCalledFunctions(node, context)) {
    for (const use of getRootUses(called.fn, called.context)) {
      const root = mapToCaller(use, node, context, undefined, called.fn);
      if (root && takesSecondConnection({ ...use, root }, held)) return toHelperFinding(node, use, root.type === 'object' ? root.expression : use.node, held, context);
    }
  }
  return undefined;
}

function takesSecondConnection(use: RootUse, held: HeldConnection): boolean {
  if (use.library !== held.library || use.root.type !== 'object') return false;
  // MikroORM: the global entity manager joins the transaction by itself; a fork does not.
  if (held.form === 'managed' && held.library.transactions?.implicitJoinExceptVia && !use.root.via) return false;
  return isSamePool(held.root, use.root);
}

function toDirectFinding(node: ts.Node, use: RootUse, held: HeldConnection, context: AnalysisContext): Finding<QueryOutsideTransactionMessageId> {
  const { ts } = context;
  const root = use.root.type === 'object' ? use.root.expression : node;
  const rootText = describe(root, ts);
  const fix = getExactFix(node, use, held, context);
  const advice = fix
    ? `use \`${held.handleName}${describe(node, ts).slice(rootText.length)}\``
    : fillAdvice(held, rootText);
  const inTransaction = isTransactionOpenAt(held, node, context);
  const messageId = inTransaction ? 'secondConnection' : 'secondConnectionWhileCheckedOut';
  return toHeldFinding(ruleId, node, held, messageId, { what: use.description, root: rootText, advice, ...describeOpenTransaction(held, inTransaction) }, [], context, fix ? [fix] : undefined);
}

function toHelperFinding(node: ts.CallExpression, use: RootUse, root: ts.Node, held: HeldConnection, context: AnalysisContext): Finding<QueryOutsideTransactionMessageId> {
  const { ts } = context;
  const inTransaction = isTransactionOpenAt(held, node, context);
  const handle = held.handleName ? `\`${held.handleName}\`` : 'the transaction';
  const target = inTransaction ? 'the transaction' : 'that connection';
  const advice = passesHandle(node, held, context)
    ? `it is given ${handle} but does not run this query on it: run the query on ${handle}`
    : `pass ${handle} to it and run its queries on ${target}`;
  return toHeldFinding(ruleId, node, held, inTransaction ? 'secondConnectionInHelper' : 'secondConnectionInHelperWhileCheckedOut', {
    what: `${describe(node.expression, ts)}()`,
    query: use.description,
    root: describe(root, ts),
    through: describeThrough(use.through),
    where: describeWhere(use.node),
    advice,
    ...describeOpenTransaction(held, inTransaction),
  }, [relatedNode(use.node, 'the query that takes a second connection')], context);
}

/** The helper call already hands it the held handle (`helper(id, trx)`, `helper({ trx })`). */
function passesHandle(call: ts.CallExpression, held: HeldConnection, context: AnalysisContext): boolean {
  const { ts } = context;
  const symbol = held.handleSymbol;
  if (!symbol) return false;
  const isHandle = (node: ts.Node): boolean => {
    if (ts.isShorthandPropertyAssignment(node)) {
      try {
        return context.checker.getShorthandAssignmentValueSymbol(node) === symbol;
      } catch {
        return false;
      }
    }
    return ts.isIdentifier(node) && getSymbol(node, context) === symbol;
  };
  return call.arguments.some((argument) => containsNode(argument, isHandle, ts));
}

/** ` with a transaction open` when a checked-out connection holds one (a transaction's own handle says so already). */
function describeOpenTransaction(held: HeldConnection, inTransaction: boolean): { open: string } {
  return { open: inTransaction && held.form === 'acquired' && held.resource?.transaction !== 'always' ? ' with a transaction open' : '' };
}

function fillAdvice(held: HeldConnection, rootText: string): string {
  const transactions = held.library.transactions;
  const template = (held.form === 'acquired' ? transactions?.resourceJoinAdvice : undefined) ?? transactions?.joinAdvice ?? 'run it on `{{handle}}` instead of `{{root}}`';
  const advice = template.replace(/\{\{handle\}\}/g, held.handleName ?? 'tx').replace(/\{\{root\}\}/g, rootText);
  return held.handleName || held.form !== 'managed' ? advice : `take the transaction the callback receives (\`tx\`) and ${advice}`;
}

/** `knex('t')` → `trx('t')`, `prisma.user` → `tx.user`: the root written at the query, replaced by the handle that is
 * in scope there, for libraries whose handle stands where the root stands. */
function getExactFix(node: ts.Node, use: RootUse, held: HeldConnection, context: AnalysisContext): TextEdit | undefined {
  const { ts } = context;
  const replaces = held.library.transactions?.handleReplacesRoot;
  if (!replaces || !held.handleName || use.kind !== 'query' || use.root.type !== 'object' || use.root.via) return undefined;
  const root = use.root.expression;
  if (root.getSourceFile() !== node.getSourceFile() || root.getStart() < node.getStart() || root.getEnd() > node.getEnd()) return undefined;
  if (Array.isArray(replaces)) {
    // Only a managed transaction's handle (TypeORM's entity manager) has these members; a query runner does not.
    if (held.form !== 'managed') return undefined;
    const parent = root.parent;
    if (!ts.isPropertyAccessExpression(parent) || parent.expression !== root || !replaces.includes(parent.name.text)) return undefined;
  }
  if (!isInScope(held.handleName, held, node, context)) return undefined;
  return { start: root.getStart(), end: root.getEnd(), text: held.handleName };
}

/** The handle's name at the query means the handle (no shadowing declaration in between). */
function isInScope(name: string, held: HeldConnection, node: ts.Node, context: AnalysisContext): boolean {
  const { ts, checker } = context;
  if (!held.handleSymbol) return false;
  try {
    return checker.getSymbolsInScope(node, ts.SymbolFlags.Value).find((symbol) => symbol.name === name) === held.handleSymbol;
  } catch {
    return false;
  }
}
