/** no-leaked-connection: connections, transactions and sessions released on every path, or not. */
import type { InvalidCase, RuleCases, ValidCase } from '../helpers/rule-testers.js';

import rule from '../../rules/no-leaked-connection.js';
import { runRuleTests } from '../helpers/rule-testers.js';

const acmeSettings = { poolguard: { resources: [{ module: '@acme/db', acquire: 'checkout', release: ['checkin'] }] } };

// Both runs: untyped (imports followed syntactically) and typed (real library types).
const valid: ValidCase<typeof rule>[] = [
  {
    name: "pg release in finally",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function load(id: number) {
  const client = await pool.connect();
  try {
    return await client.query('SELECT * FROM users WHERE id = $1', [id]);
  } finally {
    client.release();
  }
}`,
  },
  {
    name: "pg release in catch (with the error) and after the try",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function bump(id: number) {
  const client = await pool.connect();
  try {
    await client.query('UPDATE counters SET n = n + 1 WHERE id = $1', [id]);
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  client.release();
}`,
  },
  {
    name: "pg client returned to the caller",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function checkout() {
  const client = await pool.connect();
  return client;
}`,
  },
  {
    name: "pg client stored on this",
    code: `import { Pool, type PoolClient } from 'pg';
export class Session {
  private client?: PoolClient;
  constructor(private readonly pool: Pool) {}
  async open() {
    this.client = await this.pool.connect();
  }
}`,
  },
  {
    name: "pg client assigned to an outer variable",
    code: `import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
let shared: PoolClient | undefined;
export async function openShared() {
  const client = await pool.connect();
  shared = client;
}`,
  },
  {
    name: "pg helper that releases its parameter, in finally",
    code: `import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
function releaseQuietly(client: PoolClient) {
  try {
    client.release();
  } catch {
    // already released
  }
}
export async function ping() {
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    releaseQuietly(client);
  }
}`,
  },
  {
    name: "pg callback form calls done on every branch",
    code: `import pg from 'pg';
const pool = new pg.Pool();
export function count(cb: (error: Error | null, n?: number) => void) {
  pool.connect((err, client, done) => {
    if (err || !client) return cb(err ?? null);
    client.query('SELECT count(*) AS n FROM users', (queryError, result) => {
      done();
      if (queryError) return cb(queryError);
      cb(null, Number(result.rows[0].n));
    });
  });
}`,
  },
  {
    name: "pg optional release in finally of a let",
    code: `import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
export async function vacuum() {
  let client: PoolClient | undefined;
  try {
    client = await pool.connect();
    await client.query('VACUUM');
  } finally {
    client?.release();
  }
}`,
  },
  {
    name: "pg release guarded by if (client) in finally",
    code: `import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
export async function analyze() {
  let client: PoolClient | null = null;
  try {
    client = await pool.connect();
    await client.query('ANALYZE');
  } finally {
    if (client) client.release();
  }
}`,
  },
  {
    name: "pg self-releasing pool.query",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function names() {
  const { rows } = await pool.query('SELECT name FROM users');
  return rows;
}`,
  },
  {
    name: "pg new Client ended in finally",
    code: `import { Client } from 'pg';
export async function migrate() {
  const client = new Client();
  await client.connect();
  try {
    await client.query('CREATE TABLE IF NOT EXISTS t (id int)');
  } finally {
    await client.end();
  }
}`,
  },
  {
    name: "pg client passed to code we cannot see takes ownership",
    code: `import { Pool, type PoolClient } from 'pg';
declare function adopt(client: PoolClient): void;
const pool = new Pool();
export async function handOver() {
  const client = await pool.connect();
  adopt(client);
}`,
  },
  {
    name: "pg alias released in finally",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function viaAlias() {
  const client = await pool.connect();
  const conn = client;
  try {
    await conn.query('SELECT 1');
  } finally {
    conn.release();
  }
}`,
  },
  {
    name: "pg release chained with finally on the query promise",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function chained() {
  const client = await pool.connect();
  return client.query('SELECT 1').finally(() => client.release());
}`,
  },
  {
    name: "pg acquire and release in finally inside a loop",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function each(ids: number[]) {
  for (const id of ids) {
    const client = await pool.connect();
    try {
      await client.query('DELETE FROM jobs WHERE id = $1', [id]);
    } finally {
      client.release();
    }
  }
}`,
  },
  {
    name: "pg early return before acquiring",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function maybe(flag: boolean) {
  if (!flag) return null;
  const client = await pool.connect();
  try {
    return await client.query('SELECT 1');
  } finally {
    client.release();
  }
}`,
  },
  {
    name: "mysql2 await using releases",
    code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ connectionLimit: 10 });
export async function level(sku: string) {
  await using conn = await pool.getConnection();
  const [rows] = await conn.query('SELECT qty FROM stock WHERE sku = ?', [sku]);
  return rows;
}`,
  },
  {
    name: "mysql2 release through pool.releaseConnection in finally",
    code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ connectionLimit: 10 });
export async function touch(id: number) {
  const conn = await pool.getConnection();
  try {
    await conn.execute('UPDATE t SET touched = NOW() WHERE id = ?', [id]);
  } finally {
    pool.releaseConnection(conn);
  }
}`,
  },
  {
    name: "mysql2 transaction committed, rolled back and released",
    code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ connectionLimit: 10 });
export async function transfer(from: number, to: number) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('UPDATE a SET n = n - 1 WHERE id = ?', [from]);
    await conn.query('UPDATE a SET n = n + 1 WHERE id = ?', [to]);
    await conn.commit();
  } catch (error) {
    await conn.rollback();
    throw error;
  } finally {
    conn.release();
  }
}`,
  },
  {
    name: "mysql callback connection released on every branch",
    code: `import mysql from 'mysql';
const pool = mysql.createPool({ connectionLimit: 10 });
export function list(cb: (error: Error | null, rows?: unknown) => void) {
  pool.getConnection((err, connection) => {
    if (err) return cb(err);
    connection.query('SELECT * FROM t', (error, rows) => {
      connection.release();
      cb(error, rows);
    });
  });
}`,
  },
  {
    name: "knex managed transaction with a callback",
    code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function archive(id: number) {
  await knex.transaction(async (trx) => {
    await trx('orders').where({ id }).update({ archived: true });
  });
}`,
  },
  {
    name: "knex unmanaged transaction committed or rolled back",
    code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function move(id: number) {
  const trx = await knex.transaction();
  try {
    await trx('a').where({ id }).del();
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}`,
  },
  {
    name: "sequelize managed transaction",
    code: `import { Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/db');
export async function run() {
  return sequelize.transaction(async (t) => {
    await sequelize.query('SELECT 1', { transaction: t });
  });
}`,
  },
  {
    name: "sequelize unmanaged transaction rolled back in catch",
    code: `import { Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/db');
export async function run() {
  const t = await sequelize.transaction();
  try {
    await sequelize.query('UPDATE x SET y = 1', { transaction: t });
    await t.commit();
  } catch (error) {
    await t.rollback();
    throw error;
  }
}`,
  },
  {
    name: "typeorm managed transaction",
    code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function rename(id: number, name: string) {
  await dataSource.transaction(async (manager) => {
    await manager.query('UPDATE users SET name = $1 WHERE id = $2', [name, id]);
  });
}`,
  },
  {
    name: "typeorm query runner released in finally",
    code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function lock() {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    await runner.query('LOCK TABLE t');
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}`,
  },
  {
    name: "typeorm runner from a factory function released in finally",
    code: `import { DataSource, type QueryRunner } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
function openRunner(): QueryRunner {
  return dataSource.createQueryRunner();
}
export async function tables() {
  const runner = openRunner();
  try {
    return await runner.query('SELECT tablename FROM pg_tables');
  } finally {
    await runner.release();
  }
}`,
  },
  {
    name: "mongodb session ended in finally",
    code: `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://localhost');
export async function credit(id: string) {
  const session = client.startSession();
  try {
    await session.withTransaction(async () => {
      await client.db('bank').collection('accounts').updateOne({ id }, { $inc: { n: 1 } }, { session });
    });
  } finally {
    await session.endSession();
  }
}`,
  },
  {
    name: "mongodb withSession is self-releasing",
    code: `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://localhost');
export async function credit(id: string) {
  await client.withSession(async (session) => {
    await client.db('bank').collection('accounts').updateOne({ id }, { $inc: { n: 1 } }, { session });
  });
}`,
  },
  {
    name: "generic-pool use() is self-releasing",
    code: `import genericPool from 'generic-pool';
const pool = genericPool.createPool({ create: async () => ({ id: 1 }), destroy: async () => undefined }, { max: 2 });
export async function work() {
  return pool.use(async (resource) => resource.id);
}`,
  },
  {
    name: "generic-pool resource released in finally",
    code: `import genericPool from 'generic-pool';
const pool = genericPool.createPool({ create: async () => ({ send: async (line: string) => line.length }), destroy: async () => undefined }, { max: 2 });
export async function send(line: string) {
  const socket = await pool.acquire();
  try {
    return await socket.send(line);
  } finally {
    await pool.release(socket);
  }
}`,
  },
  {
    name: "postgres.js managed begin and reserved release in finally",
    code: `import postgres from 'postgres';
const sql = postgres();
export async function both(id: number) {
  await sql.begin(async (tx) => {
    await tx\`UPDATE jobs SET done = true WHERE id = \${id}\`;
  });
  const reserved = await sql.reserve();
  try {
    await reserved\`SELECT 1\`;
  } finally {
    reserved.release();
  }
}`,
  },
  {
    name: "oracledb connection closed in finally",
    code: `import oracledb from 'oracledb';
export async function report() {
  const pool = await oracledb.createPool({ user: 'u', password: 'p', connectString: 'db' });
  const connection = await pool.getConnection();
  try {
    return await connection.execute('SELECT 1 FROM dual');
  } finally {
    await connection.close();
  }
}`,
  },
  {
    name: "mssql transaction committed or rolled back",
    code: `import sql from 'mssql';
export async function post(pool: sql.ConnectionPool) {
  const transaction = new sql.Transaction(pool);
  await transaction.begin();
  try {
    await new sql.Request(transaction).query('UPDATE ledger SET posted = 1');
    await transaction.commit();
  } catch (error) {
    await transaction.rollback();
    throw error;
  }
}`,
  },
  {
    name: "library without knowledge (slonik scoped connect)",
    code: `import { createPool } from 'slonik';
export async function run() {
  const pool = await createPool('postgres://');
  await pool.connect(async (connection) => connection.query({ sql: 'SELECT 1', values: [], type: 'SLONIK_TOKEN_SQL' } as never));
}`,
  },
  {
    name: "name-only release() on an unknown object is not a finding",
    code: `declare const db: { connect(): Promise<{ release(): void; query(q: string): Promise<void> }> };
export async function run() {
  const client = await db.connect();
  await client.query('SELECT 1');
  client.release();
}`,
  },
  {
    name: "callback error checked with != null",
    code: `import mysql from 'mysql';
const pool = mysql.createPool({ connectionLimit: 10 });
export function list(cb: (error: Error | null, rows?: unknown) => void) {
  pool.getConnection((err, connection) => {
    if (err != null) return cb(err);
    connection.query('SELECT 1', (error, rows) => {
      connection.release();
      cb(error, rows);
    });
  });
}`,
  },
  {
    name: "kysely managed transaction",
    code: `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
interface DB { users: { id: number; name: string } }
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new Pool() }) });
export async function rename(id: number, name: string) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ name }).where('id', '=', id).execute();
  });
}`,
  },
  {
    name: "kysely controlled transaction committed or rolled back",
    code: `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
interface DB { users: { id: number; name: string } }
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new Pool() }) });
export async function rename(id: number, name: string) {
  const trx = await db.startTransaction().execute();
  try {
    await trx.updateTable('users').set({ name }).where('id', '=', id).execute();
    await trx.commit().execute();
  } catch (error) {
    await trx.rollback().execute();
    throw error;
  }
}`,
  },
  {
    name: "typeorm release guarded by the runner state in finally",
    code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function run() {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT 1');
  } finally {
    if (!runner.isReleased) await runner.release();
  }
}`,
  },
  {
    name: "mysql2 callback query wrapped in a promise executor",
    code: `import mysql from 'mysql2/promise';
import type { PoolConnection } from 'mysql2';
declare function raw(connection: PoolConnection): void;
const pool = mysql.createPool({ connectionLimit: 10 });
export async function rows(sql: string) {
  const conn = await pool.getConnection();
  return new Promise((resolve, reject) => {
    conn.query(sql).then((result) => {
      conn.release();
      resolve(result);
    }, (error) => {
      conn.release();
      reject(error);
    });
  });
}`,
  },
  {
    name: "released by a method of the same class",
    code: `import { Pool, type PoolClient } from 'pg';
export class Repo {
  constructor(private readonly pool: Pool) {}
  private giveBack(client: PoolClient) {
    client.release();
  }
  async count() {
    const client = await this.pool.connect();
    try {
      return await client.query('SELECT count(*) FROM t');
    } finally {
      this.giveBack(client);
    }
  }
}`,
  },
  {
    name: "generic-pool then chain releases through the pool",
    code: `import genericPool from 'generic-pool';
const pool = genericPool.createPool({ create: async () => ({ n: 1 }), destroy: async () => undefined }, { max: 2 });
export function use() {
  return pool.acquire().then((resource) => {
    const n = resource.n;
    pool.release(resource);
    return n;
  });
}`,
  },
  {
    name: "pg callback hands client and done to a worker",
    code: `import { Pool, type PoolClient } from 'pg';
declare function work(client: PoolClient, done: () => void): void;
const pool = new Pool();
export function run() {
  pool.connect((err, client, done) => {
    if (err) return done(err);
    work(client!, done);
  });
}`,
  },
  {
    name: "express request keeps the client until the response closes",
    code: `import { Pool } from 'pg';
import type { Request, Response } from 'express';
const pool = new Pool();
export async function attach(req: Request & { db?: unknown }, res: Response) {
  const client = await pool.connect();
  res.on('close', () => client.release());
  req.db = client;
}`,
  },
  {
    name: "mongodb full transaction with endSession in finally",
    code: `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://localhost');
export async function move(id: string) {
  const session = client.startSession();
  try {
    session.startTransaction();
    await client.db('x').collection('a').deleteOne({ id }, { session });
    await session.commitTransaction();
  } catch (error) {
    await session.abortTransaction();
    throw error;
  } finally {
    await session.endSession();
  }
}`,
  },
  {
    name: "knex commit and rollback handed to the promise chain",
    code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function insert(row: { id: number }) {
  const trx = await knex.transaction();
  return trx('rows').insert(row).then(trx.commit, trx.rollback);
}`,
  },
  {
    name: "retry loop releases each attempt in finally",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function withRetry(sql: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const client = await pool.connect();
    try {
      return await client.query(sql);
    } catch (error) {
      if (attempt === 2) throw error;
    } finally {
      client.release();
    }
  }
  return undefined;
}`,
  },
  {
    name: "pg client also stored on this for a later hook to end",
    code: `import pg from 'pg';
export class Suite {
  client?: pg.Client;
  setUp(done: (error?: Error) => void) {
    const client = (this.client = new pg.Client());
    client.connect(done);
  }
}`,
  },
];

const invalid: InvalidCase<typeof rule>[] = [
  {
    name: "pg released after a query that can throw",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function bump(id: number) {
  const client = await pool.connect();
  await client.query('UPDATE counters SET n = n + 1 WHERE id = $1', [id]);
  client.release();
}`,
    errors: [{ messageId: 'leakOnException' as const, line: 4, column: 24, endLine: 4, endColumn: 38, suggestions: [
      { messageId: 'wrapInTryFinally' as const, data: { name: "client", release: "client.release()" }, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function bump(id: number) {
  const client = await pool.connect();
  try {
    await client.query('UPDATE counters SET n = n + 1 WHERE id = $1', [id]);
  } finally {
    client.release();
  }
}` },
    ] }],
  },
  {
    name: "pg early return without release",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function find(id: number) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT * FROM users WHERE id = $1', [id]);
    if (rows.length === 0) return null;
    client.release();
    return rows[0];
  } catch (error) {
    client.release();
    throw error;
  }
}`,
    errors: [{ messageId: 'leakOnReturn' as const, line: 4, column: 24, endLine: 4, endColumn: 38, suggestions: [
      { messageId: 'wrapInTryFinally' as const, data: { name: "client", release: "client.release()" }, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function find(id: number) {
  const client = await pool.connect();
  try {
    try {
      const { rows } = await client.query('SELECT * FROM users WHERE id = $1', [id]);
      if (rows.length === 0) return null;
      return rows[0];
    } catch (error) {
      throw error;
    }
  } finally {
    client.release();
  }
}` },
      { messageId: 'releaseBeforeReturn' as const, data: { name: "client", release: "client.release()" }, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function find(id: number) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT * FROM users WHERE id = $1', [id]);
    if (rows.length === 0) { client.release(); return null; }
    client.release();
    return rows[0];
  } catch (error) {
    client.release();
    throw error;
  }
}` },
    ] }],
  },
  {
    name: "pg never released",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function find(id: number) {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT * FROM users WHERE id = $1', [id]);
  return rows;
}`,
    errors: [{ messageId: 'neverReleased' as const, line: 4, column: 24, endLine: 4, endColumn: 38, suggestions: [
      { messageId: 'wrapInTryFinally' as const, data: { name: "client", release: "client.release()" }, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function find(id: number) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT * FROM users WHERE id = $1', [id]);
    return rows;
  } finally {
    client.release();
  }
}` },
    ] }],
  },
  {
    name: "pg released only in the else branch",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function toggle(on: boolean) {
  const client = await pool.connect();
  try {
    if (on) {
      await client.query('INSERT INTO flags VALUES (1)');
    } else {
      client.release();
    }
  } catch (error) {
    client.release();
    throw error;
  }
}`,
    errors: [{ messageId: 'leakAtEnd' as const, line: 4, column: 24, endLine: 4, endColumn: 38, suggestions: [
      { messageId: 'wrapInTryFinally' as const, data: { name: "client", release: "client.release()" }, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function toggle(on: boolean) {
  const client = await pool.connect();
  try {
    try {
      if (on) {
        await client.query('INSERT INTO flags VALUES (1)');
      } else {
      }
    } catch (error) {
      throw error;
    }
  } finally {
    client.release();
  }
}` },
    ] }],
  },
  {
    name: "pg rethrow from catch before the release",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function save(id: number) {
  const client = await pool.connect();
  try {
    await client.query('UPDATE docs SET v = v + 1 WHERE id = $1', [id]);
  } catch (error) {
    console.error(error);
    throw error;
  }
  client.release();
}`,
    errors: [{ messageId: 'leakOnThrow' as const, line: 4, column: 24, endLine: 4, endColumn: 38, suggestions: [
      { messageId: 'wrapInTryFinally' as const, data: { name: "client", release: "client.release()" }, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function save(id: number) {
  const client = await pool.connect();
  try {
    try {
      await client.query('UPDATE docs SET v = v + 1 WHERE id = $1', [id]);
    } catch (error) {
      console.error(error);
      throw error;
    }
  } finally {
    client.release();
  }
}` },
    ] }],
  },
  {
    name: "pg callback returns from the query callback without done",
    code: `import pg from 'pg';
const pool = new pg.Pool();
export function count(cb: (n?: number) => void) {
  pool.connect((err, client, done) => {
    if (err || !client) return cb();
    client.query('SELECT count(*) AS n FROM users', (queryError, result) => {
      if (queryError) return cb();
      done();
      cb(Number(result.rows[0].n));
    });
  });
}`,
    errors: [{ messageId: 'leakOnReturn' as const, line: 4, column: 3, endLine: 11, endColumn: 5 }],
  },
  {
    name: "pg callback never releases",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export function run() {
  pool.connect((err, client) => {
    if (err || !client) return;
    client.query('SELECT 1');
  });
}`,
    errors: [{ messageId: 'neverReleased' as const, line: 4, column: 3, endLine: 7, endColumn: 5 }],
  },
  {
    name: "pg new Client never ended",
    code: `import { Client } from 'pg';
export async function check() {
  const client = new Client();
  await client.connect();
  const { rows } = await client.query('SELECT 1 AS ok');
  return rows[0];
}`,
    errors: [{ messageId: 'neverReleased' as const, line: 3, column: 18, endLine: 3, endColumn: 30, suggestions: [
      { messageId: 'wrapInTryFinally' as const, data: { name: "client", release: "await client.end()" }, output: `import { Client } from 'pg';
export async function check() {
  const client = new Client();
  await client.connect();
  try {
    const { rows } = await client.query('SELECT 1 AS ok');
    return rows[0];
  } finally {
    await client.end();
  }
}` },
    ] }],
  },
  {
    name: "pg acquired client thrown away",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function warm() {
  await pool.connect();
}`,
    errors: [{ messageId: 'discarded' as const, line: 4, column: 9, endLine: 4, endColumn: 23 }],
  },
  {
    name: "pg continue before release in a loop",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function each(ids: number[]) {
  for (const id of ids) {
    const client = await pool.connect();
    if (id < 0) continue;
    try {
      await client.query('DELETE FROM jobs WHERE id = $1', [id]);
    } finally {
      client.release();
    }
  }
}`,
    errors: [{ messageId: 'leakOnNextIteration' as const, line: 5, column: 26, endLine: 5, endColumn: 40, suggestions: [
      { messageId: 'moveIntoTry' as const, data: { name: "client", release: "client.release()" }, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function each(ids: number[]) {
  for (const id of ids) {
    const client = await pool.connect();
    try {
      if (id < 0) continue;
      await client.query('DELETE FROM jobs WHERE id = $1', [id]);
    } finally {
      client.release();
    }
  }
}` },
    ] }],
  },
  {
    name: "pg throw while holding",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function guard(id: number) {
  const client = await pool.connect();
  if (id < 0) throw new Error('bad id');
  try {
    await client.query('SELECT 1');
  } finally {
    client.release();
  }
}`,
    errors: [{ messageId: 'leakOnThrow' as const, line: 4, column: 24, endLine: 4, endColumn: 38, suggestions: [
      { messageId: 'moveIntoTry' as const, data: { name: "client", release: "client.release()" }, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function guard(id: number) {
  const client = await pool.connect();
  try {
    if (id < 0) throw new Error('bad id');
    await client.query('SELECT 1');
  } finally {
    client.release();
  }
}` },
    ] }],
  },
  {
    name: "pg helper that returns an acquired client",
    code: `import { Pool } from 'pg';
const pool = new Pool();
function getClient() {
  return pool.connect();
}
export async function run() {
  const client = await getClient();
  await client.query('SELECT 1');
  client.release();
}`,
    errors: [{ messageId: 'leakOnException' as const, line: 7, column: 24, endLine: 7, endColumn: 35, suggestions: [
      { messageId: 'wrapInTryFinally' as const, data: { name: "client", release: "client.release()" }, output: `import { Pool } from 'pg';
const pool = new Pool();
function getClient() {
  return pool.connect();
}
export async function run() {
  const client = await getClient();
  try {
    await client.query('SELECT 1');
  } finally {
    client.release();
  }
}` },
    ] }],
  },
  {
    name: "pg switch case returns while holding",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function byKind(kind: string) {
  const client = await pool.connect();
  switch (kind) {
    case 'a':
      return 'skipped';
    default:
      client.release();
      return 'done';
  }
}`,
    errors: [{ messageId: 'leakOnReturn' as const, line: 4, column: 24, endLine: 4, endColumn: 38, suggestions: [
      { messageId: 'wrapInTryFinally' as const, data: { name: "client", release: "client.release()" }, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function byKind(kind: string) {
  const client = await pool.connect();
  try {
    switch (kind) {
      case 'a':
        return 'skipped';
      default:
        return 'done';
    }
  } finally {
    client.release();
  }
}` },
      { messageId: 'releaseBeforeReturn' as const, data: { name: "client", release: "client.release()" }, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function byKind(kind: string) {
  const client = await pool.connect();
  switch (kind) {
    case 'a':
      client.release();
      return 'skipped';
    default:
      client.release();
      return 'done';
  }
}` },
    ] }],
  },
  {
    name: "pg pool from a type annotation",
    code: `import type { Pool } from 'pg';
export async function run(pool: Pool) {
  const client = await pool.connect();
  await client.query('SELECT 1');
  client.release();
}`,
    errors: [{ messageId: 'leakOnException' as const, line: 3, column: 24, endLine: 3, endColumn: 38, suggestions: [
      { messageId: 'wrapInTryFinally' as const, data: { name: "client", release: "client.release()" }, output: `import type { Pool } from 'pg';
export async function run(pool: Pool) {
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    client.release();
  }
}` },
    ] }],
  },
  {
    name: "pg through require",
    code: `const { Pool } = require('pg');
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  await client.query('SELECT 1');
  client.release();
}`,
    errors: [{ messageId: 'leakOnException' as const, line: 4, column: 24, endLine: 4, endColumn: 38, suggestions: [
      { messageId: 'wrapInTryFinally' as const, data: { name: "client", release: "client.release()" }, output: `const { Pool } = require('pg');
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    client.release();
  }
}` },
    ] }],
  },
  {
    name: "mysql2 promise connection released after a query",
    code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ connectionLimit: 10 });
export async function restock(sku: string) {
  const conn = await pool.getConnection();
  await conn.execute('UPDATE stock SET qty = qty + 1 WHERE sku = ?', [sku]);
  conn.release();
}`,
    errors: [{ messageId: 'leakOnException' as const, line: 4, column: 22, endLine: 4, endColumn: 42, suggestions: [
      { messageId: 'wrapInTryFinally' as const, data: { name: "conn", release: "conn.release()" }, output: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ connectionLimit: 10 });
export async function restock(sku: string) {
  const conn = await pool.getConnection();
  try {
    await conn.execute('UPDATE stock SET qty = qty + 1 WHERE sku = ?', [sku]);
  } finally {
    conn.release();
  }
}` },
    ] }],
  },
  {
    name: "mysql2 promise() wrapper of a callback pool",
    code: `import mysql from 'mysql2';
const pool = mysql.createPool({ connectionLimit: 10 });
export async function restock(sku: string) {
  const conn = await pool.promise().getConnection();
  await conn.query('UPDATE stock SET qty = qty + 1 WHERE sku = ?', [sku]);
  conn.release();
}`,
    errors: [{ messageId: 'leakOnException' as const, line: 4, column: 22, endLine: 4, endColumn: 52, suggestions: [
      { messageId: 'wrapInTryFinally' as const, data: { name: "conn", release: "conn.release()" }, output: `import mysql from 'mysql2';
const pool = mysql.createPool({ connectionLimit: 10 });
export async function restock(sku: string) {
  const conn = await pool.promise().getConnection();
  try {
    await conn.query('UPDATE stock SET qty = qty + 1 WHERE sku = ?', [sku]);
  } finally {
    conn.release();
  }
}` },
    ] }],
  },
  {
    name: "mysql2 callback connection never released",
    code: `import mysql from 'mysql2';
const pool = mysql.createPool({ connectionLimit: 10 });
export function list(cb: (rows: unknown) => void) {
  pool.getConnection((err, conn) => {
    if (err) return;
    conn.query('SELECT * FROM t', (error, rows) => cb(rows));
  });
}`,
    errors: [{ messageId: 'neverReleased' as const, line: 4, column: 3, endLine: 7, endColumn: 5 }],
  },
  {
    name: "mysql callback returns on query error without release",
    code: `import mysql from 'mysql';
const pool = mysql.createPool({ connectionLimit: 10 });
export function list(cb: (error: Error | null, rows?: unknown) => void) {
  pool.getConnection((err, connection) => {
    if (err) return cb(err);
    connection.query('SELECT * FROM t', (error, rows) => {
      if (error) return cb(error);
      connection.release();
      cb(null, rows);
    });
  });
}`,
    errors: [{ messageId: 'leakOnReturn' as const, line: 4, column: 3, endLine: 11, endColumn: 5 }],
  },
  {
    name: "typeorm runner released only inside try",
    code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function lock(table: string) {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('LOCK TABLE ' + table);
    await runner.release();
  } catch (error) {
    console.warn(error);
  }
}`,
    errors: [{ messageId: 'leakAtEnd' as const, line: 4, column: 18, endLine: 4, endColumn: 48, suggestions: [
      { messageId: 'wrapInTryFinally' as const, data: { name: "runner", release: "await runner.release()" }, output: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function lock(table: string) {
  const runner = dataSource.createQueryRunner();
  try {
    try {
      await runner.query('LOCK TABLE ' + table);
    } catch (error) {
      console.warn(error);
    }
  } finally {
    await runner.release();
  }
}` },
    ] }],
  },
  {
    name: "typeorm runner from an injected data source",
    code: `import { DataSource } from 'typeorm';
export class Locks {
  constructor(private readonly dataSource: DataSource) {}
  async take() {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock(1)');
    await runner.release();
  }
}`,
    errors: [{ messageId: 'leakOnException' as const, line: 5, column: 20, endLine: 5, endColumn: 55, suggestions: [
      { messageId: 'wrapInTryFinally' as const, data: { name: "runner", release: "await runner.release()" }, output: `import { DataSource } from 'typeorm';
export class Locks {
  constructor(private readonly dataSource: DataSource) {}
  async take() {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.query('SELECT pg_advisory_lock(1)');
    } finally {
      await runner.release();
    }
  }
}` },
    ] }],
  },
  {
    name: "knex transaction not rolled back when the catch rethrows",
    code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function move(from: string, to: string) {
  const trx = await knex.transaction();
  try {
    await trx('stock').where({ sku: from }).decrement('qty', 1);
    await trx('stock').where({ sku: to }).increment('qty', 1);
    await trx.commit();
  } catch (error) {
    throw new Error('move failed: ' + String(error));
  }
}`,
    errors: [{ messageId: 'leakOnThrow' as const, line: 4, column: 21, endLine: 4, endColumn: 39 }],
  },
  {
    name: "knex transaction never committed",
    code: `import { knex } from 'knex';
const db = knex({ client: 'pg' });
export async function insert(row: { id: number }) {
  const trx = await db.transaction();
  await trx('rows').insert(row);
}`,
    errors: [{ messageId: 'neverReleased' as const, line: 4, column: 21, endLine: 4, endColumn: 37 }],
  },
  {
    name: "sequelize catch only logs",
    code: `import { Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/db');
export async function issue() {
  const transaction = await sequelize.transaction();
  try {
    await sequelize.query('INSERT INTO invoices DEFAULT VALUES', { transaction });
    await transaction.commit();
  } catch (error) {
    console.error(error);
  }
}`,
    errors: [{ messageId: 'leakAtEnd' as const, line: 4, column: 29, endLine: 4, endColumn: 52 }],
  },
  {
    name: "mongodb session never ended",
    code: `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://localhost');
export async function credit(id: string) {
  const session = client.startSession();
  await session.withTransaction(async () => {
    await client.db('bank').collection('accounts').updateOne({ id }, { $inc: { n: 1 } }, { session });
  });
}`,
    errors: [{ messageId: 'neverReleased' as const, line: 4, column: 19, endLine: 4, endColumn: 40, suggestions: [
      { messageId: 'wrapInTryFinally' as const, data: { name: "session", release: "await session.endSession()" }, output: `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://localhost');
export async function credit(id: string) {
  const session = client.startSession();
  try {
    await session.withTransaction(async () => {
      await client.db('bank').collection('accounts').updateOne({ id }, { $inc: { n: 1 } }, { session });
    });
  } finally {
    await session.endSession();
  }
}` },
    ] }],
  },
  {
    name: "mongoose session never ended",
    code: `import mongoose from 'mongoose';
export async function credit() {
  const session = await mongoose.startSession();
  session.startTransaction();
  await session.commitTransaction();
}`,
    errors: [{ messageId: 'neverReleased' as const, line: 3, column: 25, endLine: 3, endColumn: 48, suggestions: [
      { messageId: 'wrapInTryFinally' as const, data: { name: "session", release: "await session.endSession()" }, output: `import mongoose from 'mongoose';
export async function credit() {
  const session = await mongoose.startSession();
  try {
    session.startTransaction();
    await session.commitTransaction();
  } finally {
    await session.endSession();
  }
}` },
    ] }],
  },
  {
    name: "generic-pool early return",
    code: `import genericPool from 'generic-pool';
const pool = genericPool.createPool({ create: async () => ({ send: async (line: string) => line.length > 0 }), destroy: async () => undefined }, { max: 2 });
export async function send(line: string) {
  const socket = await pool.acquire();
  if (line.length === 0) return false;
  const ok = await socket.send(line);
  await pool.release(socket);
  return ok;
}`,
    errors: [{ messageId: 'leakOnReturn' as const, line: 4, column: 24, endLine: 4, endColumn: 38, suggestions: [
      { messageId: 'wrapInTryFinally' as const, data: { name: "socket", release: "await pool.release(socket)" }, output: `import genericPool from 'generic-pool';
const pool = genericPool.createPool({ create: async () => ({ send: async (line: string) => line.length > 0 }), destroy: async () => undefined }, { max: 2 });
export async function send(line: string) {
  const socket = await pool.acquire();
  try {
    if (line.length === 0) return false;
    const ok = await socket.send(line);
    return ok;
  } finally {
    await pool.release(socket);
  }
}` },
    ] }],
  },
  {
    name: "postgres.js reserved connection in a class field",
    code: `import postgres from 'postgres';
export class Jobs {
  private readonly sql = postgres({ max: 5 });
  async claim() {
    const conn = await this.sql.reserve();
    const [job] = await conn\`SELECT * FROM jobs LIMIT 1 FOR UPDATE SKIP LOCKED\`;
    conn.release();
    return job;
  }
}`,
    errors: [{ messageId: 'leakOnException' as const, line: 5, column: 24, endLine: 5, endColumn: 42, suggestions: [
      { messageId: 'wrapInTryFinally' as const, data: { name: "conn", release: "conn.release()" }, output: `import postgres from 'postgres';
export class Jobs {
  private readonly sql = postgres({ max: 5 });
  async claim() {
    const conn = await this.sql.reserve();
    try {
      const [job] = await conn\`SELECT * FROM jobs LIMIT 1 FOR UPDATE SKIP LOCKED\`;
      return job;
    } finally {
      conn.release();
    }
  }
}` },
    ] }],
  },
  {
    name: "oracledb connection not closed on error",
    code: `import oracledb from 'oracledb';
export async function report(pool: oracledb.Pool) {
  const connection = await pool.getConnection();
  const result = await connection.execute('SELECT 1 FROM dual');
  await connection.close();
  return result;
}`,
    errors: [{ messageId: 'leakOnException' as const, line: 3, column: 28, endLine: 3, endColumn: 48, suggestions: [
      { messageId: 'wrapInTryFinally' as const, data: { name: "connection", release: "await connection.close()" }, output: `import oracledb from 'oracledb';
export async function report(pool: oracledb.Pool) {
  const connection = await pool.getConnection();
  try {
    const result = await connection.execute('SELECT 1 FROM dual');
    return result;
  } finally {
    await connection.close();
  }
}` },
    ] }],
  },
  {
    name: "mssql transaction without rollback on error",
    code: `import sql from 'mssql';
export async function post(pool: sql.ConnectionPool) {
  const transaction = new sql.Transaction(pool);
  await transaction.begin();
  await new sql.Request(transaction).query('UPDATE ledger SET posted = 1');
  await transaction.commit();
}`,
    errors: [{ messageId: 'leakOnException' as const, line: 3, column: 23, endLine: 3, endColumn: 48, suggestions: [
      { messageId: 'rollbackOnError' as const, data: { name: "transaction", rollback: "await transaction.rollback()" }, output: `import sql from 'mssql';
export async function post(pool: sql.ConnectionPool) {
  const transaction = new sql.Transaction(pool);
  await transaction.begin();
  try {
    await new sql.Request(transaction).query('UPDATE ledger SET posted = 1');
    await transaction.commit();
  } catch (error) {
    await transaction.rollback();
    throw error;
  }
}` },
    ] }],
  },
  {
    name: "mikro-orm begin without rollback",
    code: `import { MikroORM } from '@mikro-orm/core';
export async function run(orm: MikroORM) {
  const em = orm.em.fork();
  await em.begin();
  await em.flush();
  await em.commit();
}`,
    errors: [{ messageId: 'leakOnException' as const, line: 4, column: 9, endLine: 4, endColumn: 19, suggestions: [
      { messageId: 'rollbackOnError' as const, data: { name: "em", rollback: "await em.rollback()" }, output: `import { MikroORM } from '@mikro-orm/core';
export async function run(orm: MikroORM) {
  const em = orm.em.fork();
  await em.begin();
  try {
    await em.flush();
    await em.commit();
  } catch (error) {
    await em.rollback();
    throw error;
  }
}` },
    ] }],
  },
  {
    name: "in-house resource from settings",
    code: `import { checkout } from '@acme/db';
export async function run() {
  const conn = await checkout();
  await conn.query('SELECT 1');
  conn.checkin();
}`,
    settings: acmeSettings,
    errors: [{ messageId: 'leakOnException' as const, line: 3, column: 22, endLine: 3, endColumn: 32 }],
  },
  {
    name: "then chain never releases",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export function names() {
  return pool.connect().then((client) => client.query('SELECT name FROM users'));
}`,
    errors: [{ messageId: 'neverReleased' as const, line: 4, column: 10, endLine: 4, endColumn: 24 }],
  },
  {
    name: "kysely controlled transaction not rolled back",
    code: `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
interface DB { users: { id: number; name: string } }
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new Pool() }) });
export async function rename(id: number, name: string) {
  const trx = await db.startTransaction().execute();
  await trx.updateTable('users').set({ name }).where('id', '=', id).execute();
  await trx.commit().execute();
}`,
    errors: [{ messageId: 'leakOnException' as const, line: 6, column: 21, endLine: 6, endColumn: 52 }],
  },
  {
    name: "typeorm release guarded by an unrelated flag",
    code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function run(cleanUp: boolean) {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT 1');
  } finally {
    if (cleanUp) await runner.release();
  }
}`,
    errors: [{ messageId: 'leakOnException' as const, line: 4, column: 18, endLine: 4, endColumn: 48 }],
  },
  {
    name: "mikro-orm transaction begun on a parameter without rollback",
    code: `import type { EntityManager } from '@mikro-orm/core';
export async function run(em: EntityManager) {
  await em.begin();
  await em.flush();
  await em.commit();
}`,
    errors: [{ messageId: 'leakOnException' as const, line: 3, column: 9, endLine: 3, endColumn: 19, suggestions: [
      { messageId: 'rollbackOnError' as const, data: { name: "em", rollback: "await em.rollback()" }, output: `import type { EntityManager } from '@mikro-orm/core';
export async function run(em: EntityManager) {
  await em.begin();
  try {
    await em.flush();
    await em.commit();
  } catch (error) {
    await em.rollback();
    throw error;
  }
}` },
    ] }],
  },
];

// Both runs, on the suggestions.
const suggestionCases: InvalidCase<typeof rule>[] = [
  {
    name: "suggestion: a multi-line SQL template keeps its text while the code around it is indented",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function totals() {
\tconst client = await pool.connect();
\tconst { rows } = await client.query(\`
SELECT customer_id, sum(cents)
FROM orders GROUP BY 1\`);
\tclient.release();
\treturn rows;
}`,
    errors: [{ messageId: 'leakOnException' as const, line: 4, suggestions: [
      { messageId: 'wrapInTryFinally' as const, data: { name: 'client', release: 'client.release()' }, output: `import { Pool } from 'pg';
const pool = new Pool();
export async function totals() {
\tconst client = await pool.connect();
\ttry {
\t\tconst { rows } = await client.query(\`
SELECT customer_id, sum(cents)
FROM orders GROUP BY 1\`);
\t\treturn rows;
\t} finally {
\t\tclient.release();
\t}
}` },
    ] }],
  },
  {
    name: "no suggestion: the error path destroys the client (release(true)), which a finally would not",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function risky() {
  const client = await pool.connect();
  const result = await client.query('SELECT 1');
  if (result.rowCount === 0) {
    client.release(true);
    return null;
  }
  await client.query('SELECT 2');
  client.release();
  return result;
}`,
    errors: [{ messageId: 'leakOnException' as const, line: 4 }],
  },
  {
    name: "no suggestion: an awaited release in a function that is not async",
    code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export function open() {
  const runner = dataSource.createQueryRunner();
  void runner.query('SELECT 1');
}`,
    errors: [{ messageId: 'neverReleased' as const, line: 4 }],
  },
  {
    name: "suggestion: a knex transaction committed as its last step is rolled back on error",
    code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function move(sku: string, quantity: number) {
  const trx = await knex.transaction();
  await trx('stock').where({ sku, warehouse: 'a' }).decrement('quantity', quantity);
  await trx('stock').where({ sku, warehouse: 'b' }).increment('quantity', quantity);
  await trx.commit();
}`,
    errors: [{ messageId: 'leakOnException' as const, line: 4, suggestions: [
      { messageId: 'rollbackOnError' as const, data: { name: 'trx', rollback: 'await trx.rollback()' }, output: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function move(sku: string, quantity: number) {
  const trx = await knex.transaction();
  try {
    await trx('stock').where({ sku, warehouse: 'a' }).decrement('quantity', quantity);
    await trx('stock').where({ sku, warehouse: 'b' }).increment('quantity', quantity);
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}` },
    ] }],
  },
  {
    name: "no suggestion: a statement after the commit could throw into a rollback of a committed transaction",
    code: `import { Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/db');
export async function archive(id: number, notify: (id: number) => Promise<void>) {
  const t = await sequelize.transaction();
  await sequelize.query('UPDATE orders SET archived = true WHERE id = ?', { replacements: [id], transaction: t });
  await t.commit();
  await notify(id);
  console.log('archived', t);
}`,
    errors: [{ messageId: 'leakOnException' as const, line: 4 }],
  },
];

// A project class that extends the library's class is only known with types (its base type is matched).
const typedOnly: RuleCases<typeof rule> = {
  valid: [],
  invalid: [
    {
      name: 'a connection from a subclass of a library pool',
      code: `import { Pool } from 'pg';
class ReportingPool extends Pool {}
export async function run(pool: ReportingPool) {
  const client = await pool.connect();
  await client.query('SELECT 1');
  client.release();
}`,
      errors: [{ messageId: 'leakOnException', line: 4, column: 24, endLine: 4, endColumn: 38, suggestions: [
        { messageId: 'wrapInTryFinally', data: { name: 'client', release: 'client.release()' }, output: `import { Pool } from 'pg';
class ReportingPool extends Pool {}
export async function run(pool: ReportingPool) {
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    client.release();
  }
}` },
      ] }],
    },
  ],
};

runRuleTests('no-leaked-connection', rule, { valid, invalid: [...invalid, ...suggestionCases], typedOnly });
