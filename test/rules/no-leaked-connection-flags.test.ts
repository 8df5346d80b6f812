import rule from '../../rules/no-leaked-connection.js';
import { runRuleTests } from '../helpers/rule-testers.js';

// A release in `finally` that a flag holds back: when only a callback (a timer, a listener) sets the flag, the code
// keeps the resource on purpose after that event (an advisory lock held while the action still runs); when the
// function's own flow sets it, a path that skips the assignment skips the release.

const lock = (release: string, assignment = 'timedOut = true;'): string => `import { Client } from 'pg';
export async function withLock<R>(action: () => Promise<R>, timeout: number): Promise<R> {
  const client = new Client();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  try {
    await client.connect();
    await client.query('SELECT pg_advisory_lock(1)');
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        ${assignment}
        reject(new Error('timed out'));
      }, timeout);
    });
    return await Promise.race([action(), expired]);
  } finally {
    clearTimeout(timer);
    ${release}
  }
}`;

runRuleTests('no-leaked-connection: releases held back by a flag', rule, {
  valid: [
    { name: 'a flag only a timer callback sets', code: lock('if (!timedOut) { await client.end(); }') },
    { name: 'the same, tested without braces', code: lock('if (!timedOut) await client.end();') },
  ],
  invalid: [
    {
      name: 'a flag the function itself sets before returning (the error path skips the release)',
      code: `import { Client } from 'pg';
export async function run(sql: string) {
  const client = new Client();
  let ok = false;
  try {
    await client.connect();
    const result = await client.query(sql);
    ok = true;
    return result;
  } finally {
    if (ok) await client.end();
  }
}`,
      errors: [{ messageId: 'leakOnException' }],
    },
    {
      name: 'a flag both the callback and the function set',
      code: lock('if (!timedOut) await client.end();', 'timedOut = true;').replace('return await Promise.race', 'timedOut = Math.random() > 0.5;\n    return await Promise.race'),
      errors: [{ messageId: 'leakOnException' }],
    },
  ],
});
