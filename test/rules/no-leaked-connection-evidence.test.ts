import rule from '../../rules/no-leaked-connection.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../helpers/rule-testers.js';

// Release as evidence (issue 8, shape 10): a value whose type and origin do not resolve, but which the
// function queries through and gives back itself on some path, must be given back on every path.

const evidence = {
  valid: [
    {
      name: 'released in finally through a helper',
      filename: 'script.js',
      code: `async function open(pool) { return pool.connect(); }
function giveBack(conn) { conn.release(); }
async function count(pool, table) {
  const conn = await open(pool);
  try {
    const { rows } = await conn.query('SELECT count(*) FROM ' + table);
    return rows[0];
  } finally {
    giveBack(conn);
  }
}
module.exports = { count };`,
    },
    {
      name: 'released but never queried through: not evidence of a connection (hard negative)',
      filename: 'script.js',
      code: `async function exclusive(mutex, work) {
  const lock = await mutex.acquire();
  await work();
  lock.release();
}
module.exports = { exclusive };`,
    },
    {
      name: 'a value of a declared type that is no library\'s (hard negative)',
      code: `declare const locks: { connect(): Promise<{ release(): void; query(key: string): Promise<void> }> };
export async function hold(key: string) {
  const lock = await locks.connect();
  await lock.query(key);
  lock.release();
}`,
    },
    {
      name: 'returned to the caller on the path that does not release it (hard negative)',
      filename: 'script.js',
      code: `async function open(pool) { return pool.connect(); }
async function prepared(pool, keep) {
  const conn = await open(pool);
  try {
    await conn.query("SET search_path TO app");
  } catch (error) {
    conn.release();
    throw error;
  }
  return conn;
}
module.exports = { prepared };`,
    },
  ],
  invalid: [
    {
      name: 'an early return in catch skips the release the other paths make',
      filename: 'script.js',
      code: `async function open(pool) { return pool.connect(); }
class Select {
  text() { return 'SELECT * FROM items'; }
  async run(source) {
    let conn = source;
    if (source.isPool) {
      conn = await open(source);
    }
    const sql = this.text(conn);
    try {
      const { rows } = await conn.query(sql);
      conn.release();
      return rows;
    } catch (error) {
      if (error.code === '22P02') return [];
      conn.release();
      throw error;
    }
  }
}
module.exports = { Select };`,
      errors: [{
        messageId: 'leakBesideOwnRelease' as const,
        line: 7,
        data: { name: 'conn', acquire: 'open(…)', release: 'conn.release()', releaseLine: 12, line: 15, path: 'this return leaves the function with the resource held' },
      }],
    },
    {
      name: 'released after the query, from a client whose type does not resolve',
      code: `declare function getClient(): Promise<any>;
export async function rename(id: number, name: string) {
  const client = await getClient();
  await client.query('UPDATE users SET name = $2 WHERE id = $1', [id, name]);
  client.release();
}`,
      errors: [{
        messageId: 'leakBesideOwnRelease' as const,
        line: 3,
        data: { name: 'client', acquire: 'getClient()', release: 'client.release()', releaseLine: 5, line: 4, path: 'if this throws, the resource is not released' },
      }],
    },
    {
      name: 'the first release is a helper given the client, before the query that makes it evidence',
      code: `declare function getClient(): Promise<any>;
function giveBack(client: any) { client.release(); }
export async function rename(id: number, name: string) {
  const client = await getClient();
  if (!name) {
    giveBack(client);
    return;
  }
  await client.query('UPDATE users SET name = $2 WHERE id = $1', [id, name]);
  client.release();
}`,
      errors: [{
        messageId: 'leakBesideOwnRelease' as const,
        line: 4,
        data: { name: 'client', acquire: 'getClient()', release: 'giveBack(…)', releaseLine: 6, line: 9, path: 'if this throws, the resource is not released' },
      }],
    },
  ],
};

createUntypedRuleTester().run('no-leaked-connection: release as evidence (untyped)', rule, evidence);
createTypedRuleTester().run('no-leaked-connection: release as evidence (typed)', rule, evidence);
