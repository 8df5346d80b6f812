import type { UnboundedPoolMessageId, UnboundedPoolOptions } from '../src/analysis/pools/no-unbounded-pool.js';

import { findUnboundedPools } from '../src/analysis/pools/no-unbounded-pool.js';
import { createRule } from '../src/eslint/create-rule.js';
import { createListeners } from '../src/eslint/report-findings.js';

export default createRule<[UnboundedPoolOptions], UnboundedPoolMessageId>({
  name: 'no-unbounded-pool',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description: 'Require connection pools to bound their size, their acquire wait and their wait queue',
      recommended: true,
      requiresTypeChecking: false,
    },
    messages: {
      unboundedSize: '{{reason}}: set `{{option}}` to a limit within the database\'s connection budget.',
      overBudget:
        'This {{noun}} may open {{value}} connections (`{{option}}`{{origin}}), more than the budget of {{budget}} per pool: lower `{{option}}`, or raise `maxPoolSize` if the database really allows it.',
      waitsForever: '{{reason}}: set `{{option}}` so requests fail fast instead of hanging when the pool is exhausted.',
      unboundedQueue: '{{reason}}: set `{{option}}` to bound how many requests wait for a connection.',
      unknownLimit:
        '`{{option}}` of this {{noun}} is read from `{{env}}` with no fallback: while {{env}} is {{unset}}, {{consequence}}. Give it a bounded fallback {{fallback}}.',
      rejectedValue:
        '`{{option}}` is {{written}}{{via}}, and this {{noun}} accepts only a value above {{bound}}: building the pool throws. Pass a value above {{bound}}, or fall back to one where the value is read{{fix}}.',
      setLimit: 'Set `{{option}}: {{value}}`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          maxPoolSize: {
            type: 'integer',
            minimum: 1,
            description: 'Connections one pool may open before it is reported as over budget (default: settings.poolguard.maxPoolSize, else 100).',
          },
          reportUnknown: {
            type: 'boolean',
            description: 'Also report limits read from an environment variable with no fallback when, while it is unset, the library leaves the pool unbounded or without connections. On in the strict config.',
          },
        },
      },
    ],
    // No `maxPoolSize` here: without it the detector uses settings.poolguard.maxPoolSize, else 100.
    defaultOptions: [{ reportUnknown: false }],
  },
  create(context, [options]) {
    return createListeners(context, findUnboundedPools, options);
  },
});
