import type { QueryOutsideTransactionMessageId } from '../src/analysis/transactions/no-query-outside-transaction.js';

import { findQueriesOutsideTransactions } from '../src/analysis/transactions/no-query-outside-transaction.js';
import { createRule } from '../src/eslint/create-rule.js';
import { createListeners } from '../src/eslint/report-findings.js';

export default createRule<[], QueryOutsideTransactionMessageId>({
  name: 'no-query-outside-transaction',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow queries through the root pool, client or ORM while a transaction or connection from the same pool is held',
      recommended: true,
      requiresTypeChecking: false,
    },
    fixable: 'code',
    messages: {
      secondConnection:
        '`{{what}}` takes a second connection from the pool of `{{root}}` while {{holder}} ({{from}}) holds one{{open}}, and runs outside that transaction: when every connection is held this way, the pool deadlocks. Instead, {{advice}}.',
      secondConnectionInHelper:
        '`{{what}}` runs `{{query}}` on `{{root}}`{{through}} ({{where}}), taking a second connection from the pool while {{holder}} ({{from}}) holds one{{open}}, and outside that transaction: when every connection is held this way, the pool deadlocks. Instead, {{advice}}.',
      secondConnectionWhileCheckedOut:
        '`{{what}}` takes a second connection from the pool of `{{root}}` while {{holder}} ({{from}}) holds one: when every connection is held this way, the pool deadlocks. Instead, {{advice}}.',
      secondConnectionInHelperWhileCheckedOut:
        '`{{what}}` runs `{{query}}` on `{{root}}`{{through}} ({{where}}), taking a second connection from the pool while {{holder}} ({{from}}) holds one: when every connection is held this way, the pool deadlocks. Instead, {{advice}}.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return createListeners(context, findQueriesOutsideTransactions);
  },
});
