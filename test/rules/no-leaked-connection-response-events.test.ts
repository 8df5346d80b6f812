import rule from '../../rules/no-leaked-connection.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../helpers/rule-testers.js';

// A client checked out in request middleware and released when the response ends: 'finish' is emitted only when
// the response completes, 'close' on every path (an aborted request too). Released only on 'finish' leaks.

const head = `const { Pool } = require('pg');
const pool = new Pool({ max: 10, connectionTimeoutMillis: 5000 });
`;

const responseEvents = {
  valid: [
    {
      name: 'released on close',
      filename: 'script.js',
      code: `${head}async function attachClient(req, res, next) {
  const client = await pool.connect();
  res.on('close', () => client.release());
  req.db = client;
  next();
}
module.exports = { attachClient };`,
    },
    {
      name: 'released on finish and on close through one guarded function',
      filename: 'script.js',
      code: `${head}function attachClient(req, res, next) {
  pool.connect().then((client) => {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      client.release();
    };
    res.on('finish', release);
    res.on('close', release);
    req.db = client;
    next();
  });
}
module.exports = { attachClient };`,
    },
    {
      name: 'released on finish and, separately, on close',
      filename: 'script.js',
      code: `${head}async function attachClient(req, res, next) {
  const client = await pool.connect();
  let done = false;
  res.once('finish', () => { if (!done) { done = true; client.release(); } });
  res.once('close', () => { if (!done) { done = true; client.release(); } });
  req.db = client;
  next();
}
module.exports = { attachClient };`,
    },
    {
      name: 'released by on-finished, which listens for both',
      filename: 'script.js',
      code: `${head}const onFinished = require('on-finished');
async function attachClient(req, res, next) {
  const client = await pool.connect();
  onFinished(res, () => client.release());
  req.db = client;
  next();
}
module.exports = { attachClient };`,
    },
    {
      name: "a writable stream's finish, not a request's response (hard negative)",
      filename: 'script.js',
      code: `${head}async function exportTo(out) {
  const client = await pool.connect();
  out.on('finish', () => client.release());
  const { rows } = await client.query('SELECT * FROM users').catch(() => ({ rows: [] }));
  out.end(JSON.stringify(rows));
}
module.exports = { exportTo };`,
    },
    {
      name: 'released on finish and also after the handler runs (hard negative)',
      filename: 'script.js',
      code: `${head}async function handle(req, res) {
  const client = await pool.connect();
  res.on('finish', () => console.log('sent'));
  try {
    const { rows } = await client.query('SELECT 1');
    res.json(rows);
  } finally {
    client.release();
  }
}
module.exports = { handle };`,
    },
  ],
  invalid: [
    {
      name: 'typed Express handler: released only on finish',
      code: `import { Pool } from 'pg';
import type { Request, Response } from 'express';
const pool = new Pool({ max: 10, connectionTimeoutMillis: 5000 });
export async function attach(req: Request & { db?: unknown }, res: Response) {
  const client = await pool.connect();
  res.on('finish', () => client.release());
  req.db = client;
}`,
      errors: [{ messageId: 'releasedOnlyOnFinish' as const, line: 5, data: { name: 'client', noun: 'client', acquire: 'pool.connect()', emitter: 'res.on', event: 'finish', line: 6 } }],
    },
    {
      name: 'released only on finish, in the promise callback of the checkout',
      filename: 'script.js',
      code: `${head}function attachClient(req, res, next) {
  pool.connect().then((client) => {
    res.on('finish', function () {
      client.release();
    });
    req.db = client;
    next();
  });
}
module.exports = { attachClient };`,
      errors: [{
        messageId: 'releasedOnlyOnFinish' as const,
        line: 4,
        data: { name: 'client', noun: 'client', acquire: 'pool.connect()', emitter: 'res.on', event: 'finish', line: 5 },
      }],
    },
    {
      name: 'released only once finished, awaited checkout, through a named listener',
      filename: 'script.js',
      code: `${head}async function attachClient(req, res, next) {
  const client = await pool.connect();
  const release = () => client.release();
  res.once('finish', release);
  req.db = client;
  next();
}
module.exports = { attachClient };`,
      errors: [{ messageId: 'releasedOnlyOnFinish' as const, line: 4, data: { name: 'client', noun: 'client', acquire: 'pool.connect()', emitter: 'res.once', event: 'finish', line: 6 } }],
    },
  ],
};

createUntypedRuleTester().run('no-leaked-connection: response events (untyped)', rule, responseEvents);
createTypedRuleTester().run('no-leaked-connection: response events (typed)', rule, responseEvents);

// A release guarded against running twice (`if (released) return;`) by a flag set only beside the release.
const releaseFlags = {
  valid: [
    {
      name: 'a flag set beside the release guards it',
      filename: 'script.js',
      code: `${head}async function rename(id, name) {
  const client = await pool.connect();
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    client.release();
  };
  try {
    await client.query('UPDATE users SET name = $2 WHERE id = $1', [id, name]);
  } finally {
    release();
  }
}
module.exports = { rename };`,
    },
  ],
  invalid: [
    {
      name: 'a flag set away from the release does not guard it (hard negative)',
      filename: 'script.js',
      code: `${head}function rename(id, name, cancelled) {
  pool.connect((err, client, done) => {
    if (err) return;
    let skip = false;
    if (cancelled) skip = true;
    if (skip) return;
    client.query('UPDATE users SET name = $2 WHERE id = $1', [id, name], () => done());
  });
}
module.exports = { rename };`,
      errors: [{ messageId: 'leakOnReturn' as const, line: 4 }],
    },
  ],
};

createUntypedRuleTester().run('no-leaked-connection: release flags (untyped)', rule, releaseFlags);
