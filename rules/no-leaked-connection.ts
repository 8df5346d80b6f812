import type { LeakedConnectionMessageId } from '../src/analysis/leaks/no-leaked-connection.js';

import { findLeakedConnections } from '../src/analysis/leaks/no-leaked-connection.js';
import { createRule } from '../src/eslint/create-rule.js';
import { createListeners } from '../src/eslint/report-findings.js';

export default createRule<[], LeakedConnectionMessageId>({
  name: 'no-leaked-connection',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description: 'Require connections, transactions and sessions taken from a pool to be released on every path',
      recommended: true,
      requiresTypeChecking: false,
    },
    messages: {
      leakOnException:
        '`{{name}}` ({{noun}} from `{{acquire}}`) is not released if `{{call}}` on line {{line}} throws: call `{{release}}` in a `finally` block.',
      leakOnThrow:
        '`{{name}}` ({{noun}} from `{{acquire}}`) is not released when the error thrown on line {{line}} leaves the function: call `{{release}}` in a `finally` block.',
      leakOnReturn:
        '`{{name}}` ({{noun}} from `{{acquire}}`) is never released on the path that returns at line {{line}}: call `{{release}}` before returning, or in a `finally` block.',
      leakAtEnd:
        '`{{name}}` ({{noun}} from `{{acquire}}`) is not released on the path that reaches the end of the function at line {{line}}: call `{{release}}` on every path, or in a `finally` block.',
      leakOnNextIteration:
        '`{{name}}` ({{noun}} from `{{acquire}}`) is not released before the next iteration of the loop at line {{line}} takes another one: call `{{release}}` at the end of each iteration, in a `finally` block.',
      leakOnRejection:
        '`{{name}}` ({{noun}} from `{{acquire}}`) is released by its promise chain only when `{{call}}` on line {{line}} succeeds: if it rejects, `{{name}}` stays checked out. Release it in `.finally(…)`, or in the rejection handler as well.',
      neverReleased: '`{{name}}` ({{noun}} from `{{acquire}}`) is never released: call `{{release}}` in a `finally` block.',
      discarded:
        'The {{noun}} from `{{acquire}}` is thrown away without being released: keep it in a variable and call `{{release}}` in a `finally` block.',
      leakBesideOwnRelease:
        '`{{name}}` (from `{{acquire}}`) is queried and given back with `{{release}}` on line {{releaseLine}}, but not on every path: at line {{line}} {{path}}. Release it in a `finally` block.',
      releasedOnlyOnFinish:
        "`{{name}}` ({{noun}} from `{{acquire}}`) is released only in the `{{emitter}}('{{event}}', …)` listener on line {{line}}, and a response does not emit '{{event}}' when the client aborts the request (it emits 'close'), so that path keeps it checked out: release it on 'close' as well, guarded against releasing twice, or use `onFinished(res, …)` from on-finished.",
      wrapInTryFinally: 'Wrap the uses of `{{name}}` in `try { … } finally { {{release}}; }`.',
      moveIntoTry: 'Move the statements before the `try` into it, so that its `finally` releases `{{name}}` on every path.',
      rollbackOnError: 'Wrap the uses of `{{name}}` through its commit in `try { … } catch (error) { {{rollback}}; throw error; }`.',
      releaseBeforeReturn: 'Call `{{release}}` before each return that leaves `{{name}}` held.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return createListeners(context, findLeakedConnections);
  },
});
