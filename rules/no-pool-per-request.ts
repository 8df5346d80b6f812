import type { PoolPerRequestMessageId } from '../src/analysis/pools/no-pool-per-request.js';

import { findPoolsPerRequest } from '../src/analysis/pools/no-pool-per-request.js';
import { createRule } from '../src/eslint/create-rule.js';
import { createListeners } from '../src/eslint/report-findings.js';

export default createRule<[], PoolPerRequestMessageId>({
  name: 'no-pool-per-request',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow building a connection pool or ORM client in code that runs per request or per call',
      recommended: true,
      requiresTypeChecking: false,
    },
    messages: {
      poolPerRequest:
        '`{{construction}}` builds a new {{noun}} {{reason}}: each one opens its own connections, so under load the database runs out of them. Build it once at module scope (or memoise it) and reuse it.',
      poolPerCall:
        '`{{construction}}` builds a new {{noun}} {{reason}} and never closes it: each one keeps its own connections open. Build it once at module scope and pass it in, or close it in a `finally` block.',
      poolPerCallClosed:
        '`{{construction}}` builds a new {{noun}} {{reason}} and closes it again: every call pays for discovering the server and opening new connections, and concurrent calls each hold a pool of their own. Build one {{noun}} per process and share it.',
      poolPerInstance:
        '`{{construction}}` builds a {{className}} {{reason}}, and {{opener}} opens a {{noun}} of its own that nothing here closes: each {{className}} keeps its connections open after it is dropped. Build one {{className}} at module scope and reuse it, or {{fix}}.',
      poolPerModule:
        '`{{construction}}` builds a {{noun}} of its own at module scope, and {{others}}: the process that loads them holds {{count}}, each with its own connections. Export one shared client from a single module and import it everywhere.',
      poolPerReload:
        '`{{construction}}` builds a {{noun}} at module scope in a {{framework}} app: in development every hot reload evaluates this module again and builds another, and nothing closes the old one: its connections stay open until they idle out (for some clients, never), so a run of reloads piles them up. Keep it on `globalThis` outside production (`globalThis.db ??= …`).',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return createListeners(context, findPoolsPerRequest);
  },
});
