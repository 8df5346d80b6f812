/**
 * What closing or building an owner means, from the knowledge base: destroying the DataSource (or ending the
 * pool) a resource was taken from releases it; knex without `connection` opens nothing; a MongoClient per call
 * is reported even when the call closes it.
 */
import leakRule from '../../rules/no-leaked-connection.js';
import perRequestRule from '../../rules/no-pool-per-request.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../helpers/rule-testers.js';

const leakValid = [
  {
    name: 'a per-call DataSource destroyed in finally releases its query runner',
    code: `import { DataSource } from 'typeorm';
export async function createSchema(options: any) {
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    const queryRunner = dataSource.createQueryRunner();
    await queryRunner.query('CREATE TABLE IF NOT EXISTS t (id int)');
    await queryRunner.release();
  } finally {
    await dataSource.destroy();
  }
}`,
  },
  {
    name: 'a per-call DataSource destroyed in finally after a catch that swallows',
    code: `import { DataSource } from 'typeorm';
export async function clear(options: any, id: string) {
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    const queryRunner = dataSource.createQueryRunner();
    await queryRunner.manager.query('DELETE FROM t WHERE id = $1', [id]);
    await queryRunner.release();
  } catch (error) {
    console.error(error);
  } finally {
    await dataSource.destroy();
  }
}`,
  },
  {
    name: 'a DataSource held in a field, destroyed in finally',
    code: `import { DataSource } from 'typeorm';
export class Store {
  constructor(private readonly dataSource: DataSource) {}
  async count() {
    try {
      const runner = this.dataSource.createQueryRunner();
      return await runner.query('SELECT count(*) FROM t');
    } finally {
      await this.dataSource.destroy();
    }
  }
}`,
  },
  {
    name: 'mysql2: pool.end() in finally closes the checked-out connection',
    code: `import mysql from 'mysql2/promise';
export async function once(config: any) {
  const pool = mysql.createPool(config);
  try {
    const connection = await pool.getConnection();
    await connection.query('SELECT 1');
    connection.release();
  } finally {
    await pool.end();
  }
}`,
  },
];

const leakInvalid = [
  {
    name: 'destroying another DataSource does not release this runner',
    code: `import { DataSource } from 'typeorm';
export async function copy(source: DataSource, target: DataSource) {
  try {
    const runner = source.createQueryRunner();
    await runner.query('SELECT 1');
    await runner.release();
  } finally {
    await target.destroy();
  }
}`,
    errors: [{ messageId: 'leakOnException' as const, suggestions: [{ messageId: 'wrapInTryFinally' as const, data: { name: 'runner', release: 'await runner.release()' }, output: `import { DataSource } from 'typeorm';
export async function copy(source: DataSource, target: DataSource) {
  try {
    const runner = source.createQueryRunner();
    try {
      await runner.query('SELECT 1');
    } finally {
      await runner.release();
    }
  } finally {
    await target.destroy();
  }
}` }] }],
  },
  {
    name: 'a DataSource destroyed only on success leaves the runner held when the query throws',
    code: `import { DataSource } from 'typeorm';
export async function run(options: any) {
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  await runner.query('SELECT 1');
  await dataSource.destroy();
}`,
    errors: [{ messageId: 'leakOnException' as const, suggestions: [{ messageId: 'wrapInTryFinally' as const, data: { name: 'runner', release: 'await runner.release()' }, output: `import { DataSource } from 'typeorm';
export async function run(options: any) {
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT 1');
  } finally {
    await runner.release();
  }
  await dataSource.destroy();
}` }] }],
  },
];

const perRequestValid = [
  {
    name: 'knex without a connection, built per request, is a query builder',
    code: `import knex from 'knex';
declare const fastify: { get(path: string, handler: () => Promise<unknown>): void };
fastify.get('/sql', async () => {
  const builder = knex({ client: 'oracledb' });
  return builder('reports').select('*').toQuery();
});`,
  },
];

const perRequestInvalid = [
  {
    name: 'knex with a connection, built per request, builds a pool',
    code: `import knex from 'knex';
declare const fastify: { get(path: string, handler: () => Promise<unknown>): void };
fastify.get('/reports', async () => {
  const db = knex({ client: 'oracledb', connection: { connectString: 'db' } });
  return db('reports').select('*');
});`,
    errors: [{ messageId: 'poolPerRequest' as const }],
  },
  {
    name: 'a MongoClient built and closed on every call',
    code: `import { MongoClient } from 'mongodb';
export class ChatMemory {
  constructor(private readonly url: string) {}
  async messages(sessionId: string) {
    const client = new MongoClient(this.url);
    const document = await client.db('chat').collection('sessions').findOne({ sessionId });
    await client.close();
    return document?.messages ?? [];
  }
}`,
    errors: [{ messageId: 'poolPerCallClosed' as const }],
  },
];

createUntypedRuleTester().run('owner closing: no-leaked-connection (untyped)', leakRule, { valid: leakValid, invalid: leakInvalid });
createTypedRuleTester().run('owner closing: no-leaked-connection (typed)', leakRule, {
  valid: leakValid.map((test) => ({ ...test, filename: 'file.ts' })),
  invalid: leakInvalid.map((test) => ({ ...test, filename: 'file.ts' })),
});
createUntypedRuleTester().run('owner closing: no-pool-per-request (untyped)', perRequestRule, { valid: perRequestValid, invalid: perRequestInvalid });
