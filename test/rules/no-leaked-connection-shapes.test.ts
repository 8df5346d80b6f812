import rule from '../../rules/no-leaked-connection.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../helpers/rule-testers.js';

// Resources held the way real code holds them (issue 8): JSDoc types, `this` fields, inline use,
// the code's own release as evidence, synchronous throws, promise chains. Each shape has its hard negatives.

const jsdoc = {
  valid: [
    {
      name: 'JSDoc-typed pool, client released in finally',
      filename: 'script.js',
      code: `const { Pool } = require('pg');
class Store {
  constructor(pool) { this.pool = pool; }
  getPool() { return this.pool; }
  async load(id) {
    /** @type {Pool} */
    const pool = this.getPool();
    const client = await pool.connect();
    try {
      return await client.query('SELECT * FROM users WHERE id = $1', [id]);
    } finally {
      client.release();
    }
  }
}
module.exports = { Store };`,
    },
  ],
  invalid: [
    {
      name: 'JSDoc-typed pool, client released only after the query',
      filename: 'script.js',
      code: `const { Pool } = require('pg');
class Store {
  constructor(pool) { this.pool = pool; }
  getPool() { return this.pool; }
  async load(id) {
    /** @type {Pool} */
    const pool = this.getPool();
    const client = await pool.connect();
    const result = await client.query('SELECT * FROM users WHERE id = $1', [id]);
    client.release();
    return result;
  }
}
module.exports = { Store };`,
      errors: [{ messageId: 'leakOnException' as const, line: 8, column: 26, endLine: 8, endColumn: 40, suggestions: [
        { messageId: 'wrapInTryFinally' as const, data: { name: 'client', release: 'client.release()' }, output: `const { Pool } = require('pg');
class Store {
  constructor(pool) { this.pool = pool; }
  getPool() { return this.pool; }
  async load(id) {
    /** @type {Pool} */
    const pool = this.getPool();
    const client = await pool.connect();
    try {
      const result = await client.query('SELECT * FROM users WHERE id = $1', [id]);
      return result;
    } finally {
      client.release();
    }
  }
}
module.exports = { Store };` },
      ] }],
    },
    {
      name: 'JSDoc @param naming the library type by import()',
      filename: 'script.js',
      code: `/** @param {import('pg').Pool} pool */
async function count(pool) {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT count(*) FROM users');
  client.release();
  return rows[0];
}
module.exports = { count };`,
      errors: [{ messageId: 'leakOnException' as const, line: 3, column: 24, endLine: 3, endColumn: 38, suggestions: [
        { messageId: 'wrapInTryFinally' as const, data: { name: 'client', release: 'client.release()' }, output: `/** @param {import('pg').Pool} pool */
async function count(pool) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT count(*) FROM users');
    return rows[0];
  } finally {
    client.release();
  }
}
module.exports = { count };` },
      ] }],
    },
  ],
};

const throughThis = {
  valid: [
    {
      name: 'query runner from an injected connection, released in finally',
      code: `import { Connection } from 'typeorm';
export class Sequences {
  constructor(private readonly connection: Connection) {}
  async next(name: string) {
    const runner = this.connection.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('UPDATE sequences SET n = n + 1 WHERE name = $1', [name]);
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}`,
    },
    {
      name: 'data source assigned in the constructor, runner released in finally',
      code: `import { DataSource } from 'typeorm';
export class Reports {
  private readonly dataSource: DataSource;
  constructor(dataSource: DataSource) {
    this.dataSource = dataSource;
  }
  async run() {
    const runner = this.dataSource.createQueryRunner();
    try {
      return await runner.query('SELECT 1');
    } finally {
      await runner.release();
    }
  }
}`,
    },
    {
      name: 'a transaction kept in a field for other methods to end (hard negative)',
      code: `import knex, { type Knex } from 'knex';
const db = knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { max: 5 } });
export class UnitOfWork {
  private trx?: Knex.Transaction;
  async start() {
    this.trx = await db.transaction();
    await this.trx('audit').insert({ event: 'start' });
  }
  async finish() {
    await this.trx?.commit();
  }
}`,
    },
    {
      name: 'TypeORM 0.2 global connection, runner released in finally',
      code: `import { getConnection } from 'typeorm';
export async function lock(name: string) {
  const runner = getConnection().createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
  } finally {
    await runner.release();
  }
}`,
    },
    {
      name: 'mikro-orm transaction on a field, rolled back on error',
      code: `import type { EntityManager } from '@mikro-orm/core';
export class Ledger {
  constructor(private readonly em: EntityManager) {}
  async post() {
    await this.em.begin();
    try {
      await this.em.flush();
      await this.em.commit();
    } catch (error) {
      await this.em.rollback();
      throw error;
    }
  }
}`,
    },
  ],
  invalid: [
    {
      name: 'query runner from an injected connection, never released',
      code: `import { Connection } from 'typeorm';
export class Sequences {
  constructor(private readonly connection: Connection) {}
  async next(name: string) {
    const runner = this.connection.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('UPDATE sequences SET n = n + 1 WHERE name = $1', [name]);
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  }
}`,
      errors: [{ messageId: 'neverReleased' as const, line: 5, column: 20, endLine: 5, endColumn: 55, suggestions: [
        { messageId: 'wrapInTryFinally' as const, data: { name: 'runner', release: 'await runner.release()' }, output: `import { Connection } from 'typeorm';
export class Sequences {
  constructor(private readonly connection: Connection) {}
  async next(name: string) {
    const runner = this.connection.createQueryRunner();
    try {
      try {
        await runner.startTransaction();
        await runner.query('UPDATE sequences SET n = n + 1 WHERE name = $1', [name]);
        await runner.commitTransaction();
      } catch (error) {
        await runner.rollbackTransaction();
        throw error;
      }
    } finally {
      await runner.release();
    }
  }
}` },
      ] }],
    },
    {
      name: 'data source assigned in the constructor, runner not released on error',
      code: `import { DataSource } from 'typeorm';
export class Reports {
  private readonly dataSource: DataSource;
  constructor(dataSource: DataSource) {
    this.dataSource = dataSource;
  }
  async run() {
    const runner = this.dataSource.createQueryRunner();
    const rows = await runner.query('SELECT 1');
    await runner.release();
    return rows;
  }
}`,
      errors: [{ messageId: 'leakOnException' as const, line: 8, column: 20, endLine: 8, endColumn: 55, suggestions: [
        { messageId: 'wrapInTryFinally' as const, data: { name: 'runner', release: 'await runner.release()' }, output: `import { DataSource } from 'typeorm';
export class Reports {
  private readonly dataSource: DataSource;
  constructor(dataSource: DataSource) {
    this.dataSource = dataSource;
  }
  async run() {
    const runner = this.dataSource.createQueryRunner();
    try {
      const rows = await runner.query('SELECT 1');
      return rows;
    } finally {
      await runner.release();
    }
  }
}` },
      ] }],
    },
    {
      name: 'a transaction kept in a field and committed by the same method, not on error',
      code: `import knex, { type Knex } from 'knex';
const db = knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { max: 5 } });
export class Importer {
  private trx?: Knex.Transaction;
  async run(rows: { id: number }[]) {
    this.trx = await db.transaction();
    await this.trx('rows').insert(rows);
    await this.trx.commit();
  }
}`,
      errors: [{ messageId: 'leakOnException' as const, line: 6, column: 22, endLine: 6, endColumn: 38 }],
    },
    {
      name: 'TypeORM 0.2 global connection, runner never released',
      code: `import { getConnection } from 'typeorm';
export async function lock(name: string) {
  const runner = getConnection().createQueryRunner();
  await runner.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
}`,
      errors: [{ messageId: 'neverReleased' as const, line: 3, column: 18, endLine: 3, endColumn: 53, suggestions: [
        { messageId: 'wrapInTryFinally' as const, data: { name: 'runner', release: 'await runner.release()' }, output: `import { getConnection } from 'typeorm';
export async function lock(name: string) {
  const runner = getConnection().createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
  } finally {
    await runner.release();
  }
}` },
      ] }],
    },
    {
      name: 'mikro-orm transaction begun on a field without rollback',
      code: `import type { EntityManager } from '@mikro-orm/core';
export class Ledger {
  constructor(private readonly em: EntityManager) {}
  async post() {
    await this.em.begin();
    await this.em.flush();
    await this.em.commit();
  }
}`,
      errors: [{ messageId: 'leakOnException' as const, line: 5, column: 11, endLine: 5, endColumn: 26 }],
    },
  ],
};

const inline = {
  valid: [
    {
      name: 'a client passed straight to a function that takes care of it',
      code: `import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
declare function withClient(client: PoolClient): Promise<void>;
export async function run() {
  await withClient(await pool.connect());
}`,
    },
  ],
  invalid: [
    {
      name: 'pg client acquired and queried inline',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function count() {
  const { rows } = await (await pool.connect()).query('SELECT count(*) FROM users');
  return rows[0];
}`,
      errors: [{ messageId: 'discarded' as const, line: 4, column: 33, endLine: 4, endColumn: 47 }],
    },
    {
      name: 'typeorm query runner created and queried inline',
      code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export function vacuum() {
  return dataSource.createQueryRunner().query('VACUUM');
}`,
      errors: [{ messageId: 'discarded' as const, line: 4, column: 10, endLine: 4, endColumn: 40 }],
    },
    {
      name: 'mysql2 pool connection acquired and executed inline',
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ connectionLimit: 5 });
export async function ping() {
  await (await pool.getConnection()).execute('SELECT 1');
}`,
      errors: [{ messageId: 'discarded' as const, line: 4, column: 16, endLine: 4, endColumn: 36 }],
    },
  ],
};

const helpers = {
  valid: [
    {
      name: 'a getter that takes a connection, released in finally',
      code: `import oracledb from 'oracledb';
export class Reports {
  private get connection() {
    return oracledb.getConnection('reports');
  }
  private async open() {
    return this.connection;
  }
  async run(statements: string[]) {
    const conn = await this.open();
    try {
      for (const statement of statements) await conn.execute(statement);
    } finally {
      await conn.close();
    }
  }
}`,
    },
    {
      name: 'a mysql2 connection of its own, ended in finally',
      code: `import mysql from 'mysql2/promise';
export async function version(host: string) {
  const conn = await mysql.createConnection({ host });
  try {
    const [rows] = await conn.query('SELECT VERSION() AS v');
    return rows;
  } finally {
    await conn.end();
  }
}`,
    },
    {
      name: 'a mysql2 connection of its own, returned to the caller (hard negative)',
      code: `import mysql from 'mysql2/promise';
export async function connect(host: string) {
  const conn = await mysql.createConnection({ host });
  return conn;
}`,
    },
    {
      name: 'a mysql2 connection of its own, wrapped by Drizzle that keeps it (hard negative)',
      code: `import mysql from 'mysql2/promise';
import { drizzle } from 'drizzle-orm/mysql2';
let db: ReturnType<typeof drizzle> | undefined;
export async function init(host: string) {
  const conn = await mysql.createConnection({ host });
  db = drizzle(conn);
}`,
    },
  ],
  invalid: [
    {
      name: 'a getter that takes a connection, closed only after the loop',
      code: `import oracledb from 'oracledb';
export class Reports {
  private get connection() {
    return oracledb.getConnection('reports');
  }
  private async open() {
    return this.connection;
  }
  async run(statements: string[]) {
    const conn = await this.open();
    for (const statement of statements) await conn.execute(statement);
    await conn.close();
  }
}`,
      errors: [{ messageId: 'leakOnException' as const, line: 10, column: 24, endLine: 10, endColumn: 35, suggestions: [
        { messageId: 'wrapInTryFinally' as const, data: { name: 'conn', release: 'await conn.close()' }, output: `import oracledb from 'oracledb';
export class Reports {
  private get connection() {
    return oracledb.getConnection('reports');
  }
  private async open() {
    return this.connection;
  }
  async run(statements: string[]) {
    const conn = await this.open();
    try {
      for (const statement of statements) await conn.execute(statement);
    } finally {
      await conn.close();
    }
  }
}` },
      ] }],
    },
    {
      name: 'a library typed with typeof in a getter',
      code: `import oracledb from 'oracledb';
declare const load: (name: string) => unknown;
export class Client {
  private get lib(): typeof oracledb {
    return load('oracledb') as typeof oracledb;
  }
  async ping() {
    const conn = await this.lib.getConnection('default');
    await conn.execute('SELECT 1 FROM dual');
    await conn.close();
  }
}`,
      errors: [{ messageId: 'leakOnException' as const, line: 8, column: 24, endLine: 8, endColumn: 57, suggestions: [
        { messageId: 'wrapInTryFinally' as const, data: { name: 'conn', release: 'await conn.close()' }, output: `import oracledb from 'oracledb';
declare const load: (name: string) => unknown;
export class Client {
  private get lib(): typeof oracledb {
    return load('oracledb') as typeof oracledb;
  }
  async ping() {
    const conn = await this.lib.getConnection('default');
    try {
      await conn.execute('SELECT 1 FROM dual');
    } finally {
      await conn.close();
    }
  }
}` },
      ] }],
    },
    {
      name: 'a mysql2 connection of its own per call, never ended',
      code: `import mysql from 'mysql2/promise';
export async function run(host: string, sql: string) {
  const conn = await mysql.createConnection({ host });
  const [rows] = await conn.query(sql);
  return rows;
}`,
      errors: [{ messageId: 'neverReleased' as const, line: 3, column: 22, endLine: 3, endColumn: 54 }],
    },
  ],
};

// A helper that builds an object around the connection (`new Proxy(conn, …)`) and returns it hands the
// connection to the caller; a helper that only reads it does not.
const wrappers = {
  valid: [
    {
      name: 'a pooled connection returned inside a Proxy built by a helper',
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ connectionLimit: 5, queueLimit: 10 });
function withTags<T extends object>(target: T): T {
  return new Proxy(target, { get: (obj, key) => Reflect.get(obj, key) });
}
export async function getTaggedConnection() {
  const conn = await pool.getConnection();
  return withTags(conn);
}`,
    },
  ],
  invalid: [
    {
      name: 'a helper that only reads the connection does not take it over',
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ connectionLimit: 5, queueLimit: 10 });
function describe(target: { threadId: number }) {
  return 'thread ' + String(target.threadId);
}
export async function label() {
  const conn = await pool.getConnection();
  return describe(conn);
}`,
      errors: [{ messageId: 'neverReleased' as const, line: 7, suggestions: [
        { messageId: 'wrapInTryFinally' as const, data: { name: 'conn', release: 'conn.release()' }, output: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ connectionLimit: 5, queueLimit: 10 });
function describe(target: { threadId: number }) {
  return 'thread ' + String(target.threadId);
}
export async function label() {
  const conn = await pool.getConnection();
  try {
    return describe(conn);
  } finally {
    conn.release();
  }
}` },
      ] }],
    },
  ],
};

// A pg client the code listens on for notifications (LISTEN) is kept open on purpose; other listeners
// (`on('error')`) say nothing about how long it lives.
const listeners = {
  valid: [
    {
      name: 'a LISTEN client kept open to receive notifications',
      code: `import { Client } from 'pg';
export async function listenForJobs(onJob: (id: string) => void) {
  const listener = new Client({ connectionString: process.env.DATABASE_URL });
  listener.on('notification', (message) => onJob(message.payload ?? ''));
  await listener.connect();
  await listener.query('LISTEN jobs');
}`,
    },
  ],
  invalid: [
    {
      name: 'a client with only an error listener, never ended',
      code: `import { Client } from 'pg';
export async function countJobs() {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  client.on('error', (error) => console.error(error));
  await client.connect();
  const { rows } = await client.query('SELECT count(*) FROM jobs');
  return rows[0];
}`,
      errors: [{ messageId: 'neverReleased' as const, line: 3, suggestions: [
        { messageId: 'wrapInTryFinally' as const, data: { name: 'client', release: 'await client.end()' }, output: `import { Client } from 'pg';
export async function countJobs() {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  client.on('error', (error) => console.error(error));
  await client.connect();
  try {
    const { rows } = await client.query('SELECT count(*) FROM jobs');
    return rows[0];
  } finally {
    await client.end();
  }
}` },
      ] }],
    },
  ],
};

createUntypedRuleTester().run('no-leaked-connection shapes: JSDoc (untyped)', rule, jsdoc);
createTypedRuleTester().run('no-leaked-connection shapes: JSDoc (typed)', rule, jsdoc);
createUntypedRuleTester().run('no-leaked-connection shapes: through this (untyped)', rule, throughThis);
createTypedRuleTester().run('no-leaked-connection shapes: through this (typed)', rule, throughThis);
createUntypedRuleTester().run('no-leaked-connection shapes: inline (untyped)', rule, inline);
createTypedRuleTester().run('no-leaked-connection shapes: inline (typed)', rule, inline);
createUntypedRuleTester().run('no-leaked-connection shapes: helpers and own connections (untyped)', rule, helpers);
createTypedRuleTester().run('no-leaked-connection shapes: helpers and own connections (typed)', rule, helpers);
createUntypedRuleTester().run('no-leaked-connection shapes: wrappers (untyped)', rule, wrappers);
createTypedRuleTester().run('no-leaked-connection shapes: wrappers (typed)', rule, wrappers);
createUntypedRuleTester().run('no-leaked-connection shapes: listeners (untyped)', rule, listeners);
createTypedRuleTester().run('no-leaked-connection shapes: listeners (typed)', rule, listeners);
