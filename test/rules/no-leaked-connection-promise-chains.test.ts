import rule from '../../rules/no-leaked-connection.js';
import { runRuleTests } from '../helpers/rule-testers.js';

// Promise chains (issue 8, shape 12): a release in `.then` does not run when the promise before it rejects.
// `.finally`, a release in both `.then` and `.catch`, and a `.catch` that releases and rethrows are releases on
// every settlement.

const pgClient = { name: 'client', noun: 'client', acquire: 'pool.connect()' };

runRuleTests('no-leaked-connection: promise chains', rule, {
  valid: [
    {
      name: 'released in .finally of the query chain',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export function names() {
  return pool.connect().then((client) => client.query('SELECT name FROM users').finally(() => client.release()));
}`,
    },
    {
      name: 'released in .then and in a .catch that rethrows (hard negative)',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export function names() {
  return pool.connect().then((client) => client.query('SELECT name FROM users')
    .then((result) => {
      client.release();
      return result.rows;
    })
    .catch((error: unknown) => {
      client.release();
      throw error;
    }));
}`,
    },
    {
      name: 'released by both handlers of a two-argument .then',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function count() {
  const client = await pool.connect();
  return client.query('SELECT count(*) FROM users').then(
    (result) => {
      client.release();
      return result.rows[0];
    },
    (error: unknown) => {
      client.release();
      throw error;
    },
  );
}`,
    },
    {
      name: 'an awaited chain whose .catch releases and rethrows, released after it',
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ connectionLimit: 5 });
export async function rename(id: number, name: string) {
  const conn = await pool.getConnection();
  await conn.query('UPDATE users SET name = ? WHERE id = ?', [name, id]).catch((error: unknown) => {
    conn.release();
    throw error;
  });
  conn.release();
}`,
    },
    {
      name: 'a second query adopted by the chain, released in .finally',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export function move(id: number) {
  return pool.connect().then((client) => client.query('DELETE FROM inbox WHERE id = $1', [id])
    .then(() => client.query('INSERT INTO archive (id) VALUES ($1)', [id]))
    .finally(() => client.release()));
}`,
    },
    {
      name: 'the client returned to the caller from .then (hard negative)',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export function session(role: string) {
  return pool.connect().then((client) => client.query('SELECT set_config($1, $2, false)', ['app.role', role]).then(() => client));
}`,
    },
    {
      name: 'the callback form: done in .then and in .catch',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export function touch(id: number) {
  pool.connect((err, client, done) => {
    if (err) return;
    client!.query('UPDATE users SET seen_at = now() WHERE id = $1', [id]).then(() => done()).catch((error: Error) => {
      done(error);
    });
  });
}`,
    },
    {
      name: 'an awaited chain inside try, released in the catch when it rejects',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run(sql: string) {
  const client = await pool.connect();
  try {
    return await client.query(sql).then((result) => {
      client.release();
      return result;
    });
  } catch (error) {
    client.release();
    throw error;
  }
}`,
    },
    {
      name: 'knex commit and rollback as the handlers (hard negative)',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function insert(row: { id: number }) {
  const trx = await knex.transaction();
  return trx('rows').insert(row).then(() => trx.commit(), () => trx.rollback());
}`,
    },
    {
      name: 'a pg Client whose listener chain connects and ends in .finally (hard negative)',
      code: `import { Client } from 'pg';
export function count(url: string) {
  const client = new Client({ connectionString: url });
  return client
    .on('error', (error: Error) => console.error(error))
    .connect()
    .then(() => client.query('SELECT count(*) FROM users'))
    .finally(() => client.end());
}`,
    },
    {
      name: 'a pg Client whose listener chain ends it in .then and in .catch (hard negative)',
      code: `import { Client } from 'pg';
export function count(url: string) {
  return new Promise((resolve, reject) => {
    const client = new Client({ connectionString: url });
    client
      .once('error', reject)
      .connect()
      .then(() => client.query('SELECT count(*) FROM users'))
      .then(async (result) => {
        await client.end();
        resolve(result.rows);
      })
      .catch(async (error: unknown) => {
        await client.end();
        reject(error);
      });
  });
}`,
    },
  ],
  invalid: [
    {
      name: 'released in .then only, .catch swallows the rejection',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export function names() {
  return pool.connect().then((client) => client.query('SELECT name FROM users')
    .then((result) => {
      client.release();
      return result.rows;
    })
    .catch((error: unknown) => {
      console.error(error);
      return [];
    }));
}`,
      errors: [{ messageId: 'leakOnRejection' as const, data: { ...pgClient, call: 'client.query(…)', line: 4 },
        line: 4, column: 10, endLine: 4, endColumn: 24 }],
    },
    {
      name: 'released in .then only, no .catch',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export function names() {
  return pool.connect().then((client) => client.query('SELECT name FROM users').then((result) => {
    client.release();
    return result.rows;
  }));
}`,
      errors: [{ messageId: 'leakOnRejection' as const, data: { ...pgClient, call: 'client.query(…)', line: 4 },
        line: 4, column: 10, endLine: 4, endColumn: 24 }],
    },
    {
      name: 'a chain returned from a block-bodied acquisition callback',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export function names() {
  return pool.connect().then((client) => {
    return client.query('SELECT name FROM users').then((result) => {
      client.release();
      return result.rows;
    });
  });
}`,
      errors: [{ messageId: 'leakOnRejection' as const, data: { ...pgClient, call: 'client.query(…)', line: 5 }, line: 4, column: 10, endLine: 4, endColumn: 24 }],
    },
    {
      name: 'a two-argument .then whose rejection handler does not release',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function count() {
  const client = await pool.connect();
  return client.query('SELECT count(*) FROM users').then(
    (result) => {
      client.release();
      return result.rows[0];
    },
    (error: unknown) => {
      console.error(error);
      return undefined;
    },
  );
}`,
      errors: [{ messageId: 'leakOnRejection' as const, data: { ...pgClient, call: 'client.query(…)', line: 5 }, line: 4, column: 24, endLine: 4, endColumn: 38 }],
    },
    {
      name: 'a parse in the .then before the release rejects past it',
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ connectionLimit: 5 });
export async function settings(id: number) {
  const conn = await pool.getConnection();
  return conn.query('SELECT json FROM settings WHERE id = ?', [id]).then(([rows]) => {
    const value: unknown = JSON.parse(String(rows));
    conn.release();
    return value;
  }, (error: unknown) => {
    conn.release();
    throw error;
  });
}`,
      errors: [{ messageId: 'leakOnRejection' as const, data: { name: 'conn', noun: 'connection', acquire: 'pool.getConnection()', call: 'JSON.parse(…)', line: 6 },
        line: 4, column: 22, endLine: 4, endColumn: 42 }],
    },
    {
      name: 'a pg Client connected through its listener chain, ended in .then only',
      code: `import { Client } from 'pg';
export function count(url: string) {
  return new Promise((resolve, reject) => {
    const client = new Client({ connectionString: url });
    client
      .on('error', (error: Error) => reject(error))
      .connect()
      .then(() => client.query('SELECT count(*) FROM users'))
      .then(async (result) => {
        await client.end();
        resolve(result.rows);
      })
      .catch((error: unknown) => reject(error));
  });
}`,
      errors: [{ messageId: 'leakOnRejection' as const, data: { name: 'client', noun: 'client', acquire: 'client.on(…).connect()', call: 'client.query(…)', line: 8 },
        line: 4, column: 20, endLine: 4, endColumn: 57 }],
    },
  ],
});
