import type { QueryInLoopMessageId } from '../src/analysis/queries/no-query-in-loop.js';

import { findQueriesInLoops } from '../src/analysis/queries/no-query-in-loop.js';
import { createRule } from '../src/eslint/create-rule.js';
import { createListeners } from '../src/eslint/report-findings.js';

export default createRule<[], QueryInLoopMessageId>({
  name: 'no-query-in-loop',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow queries that run once per element of a collection (N+1 queries)',
      recommended: true,
      requiresTypeChecking: false,
    },
    messages: {
      queryInLoop: '{{what}} once per {{item}} of this loop: {{advice}}.',
      queryInRecordChain: '{{what}} once per record of the chain this loop walks through {{item}}, one query per link: {{advice}}.',
      queryInCallback: '{{what}} once per {{item}} in this `{{method}}` callback: {{advice}}.',
      queryInFanOut:
        '{{what}} once per {{item}}, all at once through `{{fanOut}}`, which can also take up to one pool connection per element and starve every other request: {{advice}}.',
      queryInResolver:
        '{{what}} once per parent object in the field resolver `{{method}}`: a list of N parents runs it N times. Batch it with a DataLoader, or {{advice}}.',
      queryInAsyncForEach:
        '{{what}} once per {{item}} in `forEach(async …)`, and nobody awaits these queries: the function returns before they finish and their errors are lost: await them (`for…of` or `Promise.all`), and better, {{advice}}.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return createListeners(context, findQueriesInLoops);
  },
});
