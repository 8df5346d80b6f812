import type { IoInTransactionMessageId } from '../src/analysis/transactions/no-io-in-transaction.js';

import { findIoInTransactions } from '../src/analysis/transactions/no-io-in-transaction.js';
import { createRule } from '../src/eslint/create-rule.js';
import { createListeners } from '../src/eslint/report-findings.js';

export default createRule<[], IoInTransactionMessageId>({
  name: 'no-io-in-transaction',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow awaiting slow non-database I/O (HTTP, payment, mail, queue, sleep) while a transaction or pool connection is held',
      recommended: true,
      requiresTypeChecking: false,
    },
    messages: {
      ioWhileHeld:
        '`{{what}}` ({{io}}) is awaited while {{holder}} ({{from}}) holds a pool connection: the connection sits idle for the whole call, and a surge of slow calls empties the pool. {{advice}}',
      ioInHelperWhileHeld:
        '`{{what}}` waits on {{io}} (`{{call}}`{{through}}, {{where}}) while {{holder}} ({{from}}) holds a pool connection: the connection sits idle for the whole call, and a surge of slow calls empties the pool. {{advice}}',
      ioInAmbientTransaction:
        '`{{what}}` ({{io}}) is awaited while the request transaction that `{{middleware}}` opens (`{{use}}`, {{useWhere}}) holds a pool connection: the route handler `{{route}}` ({{routeWhere}}) reaches it{{through}}. The connection sits idle for the whole call, and a surge of slow calls empties the pool. {{advice}}',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return createListeners(context, findIoInTransactions);
  },
});
