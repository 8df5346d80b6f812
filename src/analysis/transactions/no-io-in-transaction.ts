/**
 * no-io-in-transaction: slow non-database I/O (an HTTP request, a payment or mail API, a queue publish, a sleep)
 * awaited while a pool connection is held keeps that connection idle for the whole remote call; under a surge of
 * slow calls the pool empties although every query is fast. Reported at the I/O call, or at the helper call that
 * reaches one.
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';
import type { Finding } from '../core/finding.js';
import type { HeldConnection } from './held-connections.js';

import { describe, isExecuted } from '../queries/query-sites.js';
import { findAmbientIo } from './ambient-transactions.js';
import { describeThrough, describeWhere, relatedNode, toHeldFinding } from './held-description.js';
import { findWhileHeld } from './held-connections.js';
import { describeSlowCall, getSlowIoCall } from './slow-io-calls.js';
import { isTransactionOpenAt } from './transaction-state.js';
import { getCalledFunctions, getSlowIoUse } from './transaction-summaries.js';

export type IoInTransactionMessageId = 'ioWhileHeld' | 'ioInHelperWhileHeld' | 'ioInAmbientTransaction';

const ruleId = 'no-io-in-transaction';

/** Where the call can go instead: out of the transaction, or out of the span a checked-out connection is held. */
const moveOutOfTransaction = 'Move it before the transaction, after the commit, or into an outbox row written in the transaction and sent afterwards.';
const moveOutOfCheckout = 'Move it before the connection is taken or after it is released.';

export function findIoInTransactions(sourceFile: ts.SourceFile, context: AnalysisContext): Finding<IoInTransactionMessageId>[] {
  const findings: Finding<IoInTransactionMessageId>[] = findWhileHeld(sourceFile, context, (node, held) => checkNode(node, held, context));
  const taken = new Set(findings.map((finding) => finding.start));
  for (const ambient of findAmbientIo(sourceFile, context)) {
    if (!taken.has(ambient.start)) findings.push(ambient);
  }
  return findings.sort((a, b) => a.start - b.start);
}

function checkNode(node: ts.Node, held: HeldConnection, context: AnalysisContext): Finding<IoInTransactionMessageId> | undefined {
  const { ts } = context;
  const direct = getSlowIoCall(node, context);
  if (direct) return toHeldFinding(ruleId, node, held, 'ioWhileHeld', { what: describeSlowCall(direct, context), io: direct.io, advice: getAdvice(node, held, context) }, [], context);
  if (!ts.isCallExpression(node) || !isExecuted(node, context)) return undefined;
  const use = getCalledFunctions(node, context).map((called) => getSlowIoUse(called.fn, called.context)).find((found) => found !== undefined);
  if (!use) return undefined;
  return toHeldFinding(ruleId, node, held, 'ioInHelperWhileHeld', {
    what: `${describe(node.expression, ts)}()`,
    io: use.call.io,
    call: use.description,
    through: describeThrough(use.through),
    where: describeWhere(use.call.node),
    advice: getAdvice(node, held, context),
  }, [relatedNode(use.call.node, 'the slow call')], context);
}

function getAdvice(node: ts.Node, held: HeldConnection, context: AnalysisContext): string {
  return isTransactionOpenAt(held, node, context) ? moveOutOfTransaction : moveOutOfCheckout;
}
