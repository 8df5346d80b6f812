/** no-query-in-loop: a query per element in loops, callbacks and fan-outs, and the batched shapes that are not N+1. */
import path from 'node:path';

import type { InvalidCase, RuleCases, ValidCase } from '../helpers/rule-testers.js';

import rule from '../../rules/no-query-in-loop.js';
import { ruleTesterRoot, runRuleTests } from '../helpers/rule-testers.js';

// Typed cases import the real libraries and, for cross-file helpers and entities,
// fixtures/rule-tester/nplus1-orders-repo.ts and nplus1-entities.ts.

// Both runs: untyped (imports followed syntactically) and typed (real library types).
const valid: ValidCase<typeof rule>[] = [
    {
      name: "Prisma findUnique with a .catch handler in a fan-out stays batched",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function maybeUsers(ids: string[]) {
  return Promise.all(ids.map((id) => prisma.user.findUnique({ where: { id } }).catch(() => null)));
}`,
    },
    {
      name: "a method the model class writes itself is not an association accessor",
      code: `import { Model } from 'sequelize';
class Person extends Model {
  declare first: string;
  declare last: string;
  getFullName() {
    return this.first + ' ' + this.last;
  }
}
export async function names() {
  const people = await Person.findAll();
  return people.map((person) => person.getFullName());
}`,
    },
    {
      name: "awaits that are not database calls",
      code: `export async function download(urls: string[]) {
  const bodies = [];
  for (const url of urls) bodies.push(await (await fetch(url)).text());
  return bodies;
}`,
    },
    {
      name: "DataLoader load in a loop is batched",
      code: `import DataLoader from 'dataloader';
import { Pool } from 'pg';
const pool = new Pool();
const users = new DataLoader(async (ids: readonly number[]) => {
  const { rows } = await pool.query('SELECT * FROM users WHERE id = ANY($1)', [ids]);
  return ids.map((id) => rows.find((row) => row.id === id));
});
export async function authorsOf(posts: { authorId: number }[]) {
  const out = [];
  for (const post of posts) out.push(await users.load(post.authorId));
  return out;
}`,
    },
    {
      name: "Prisma findUnique in Promise.all(map) is batched in the same tick",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function owners(ids: string[]) {
  return Promise.all(ids.map((id) => prisma.user.findUnique({ where: { id } })));
}`,
    },
    {
      name: "ANY query built after the loop",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function managers(staff: { managerId: number | null }[]) {
  const ids: number[] = [];
  for (const member of staff) if (member.managerId !== null) ids.push(member.managerId);
  const { rows } = await pool.query('SELECT * FROM staff WHERE id = ANY($1)', [ids]);
  return rows;
}`,
    },
    {
      name: "loop over an array literal",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function vacuum() {
  for (const table of ['orders', 'order_items', 'payments']) {
    await pool.query(\`VACUUM ANALYZE \${table}\`);
  }
}`,
    },
    {
      name: "loop over a const array",
      code: `import { Pool } from 'pg';
const pool = new Pool();
const partitions = ['2024_q1', '2024_q2'] as const;
export async function detach() {
  for (const partition of partitions) await pool.query(\`ALTER TABLE events DETACH PARTITION events_\${partition}\`);
}`,
    },
    {
      name: "retries with a constant bound",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function withRetry() {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await pool.query('SELECT pg_try_advisory_lock(1)');
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}`,
    },
    {
      name: "retries bounded by a named constant",
      code: `import knex from 'knex';
const db = knex({ client: 'pg', pool: { min: 0, max: 10 } });
const MAX_ATTEMPTS = 5;
export async function claimJob() {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const job = await db('jobs').where({ status: 'queued' }).first();
    if (job) return job;
  }
}`,
    },
    {
      name: "while (hasMore) pagination",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function exportAll() {
  const all = [];
  let offset = 0;
  let hasMore = true;
  while (hasMore) {
    const { rows } = await pool.query('SELECT * FROM events ORDER BY id LIMIT 500 OFFSET $1', [offset]);
    all.push(...rows);
    offset += rows.length;
    hasMore = rows.length === 500;
  }
  return all;
}`,
    },
    {
      name: "keyset pagination loop over a growing list",
      code: `import knex from 'knex';
const db = knex({ client: 'pg', pool: { min: 0, max: 10 } });
export async function scan() {
  let page = await db('logs').orderBy('id').limit(1000);
  while (page.length === 1000) {
    page = await db('logs').where('id', '>', page[page.length - 1].id).orderBy('id').limit(1000);
  }
}`,
    },
    {
      name: "cursor loop with hasNext/next",
      code: `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://localhost');
export async function count() {
  const cursor = client.db('app').collection('events').find({});
  let total = 0;
  while (await cursor.hasNext()) {
    await cursor.next();
    total++;
  }
  return total;
}`,
    },
    {
      name: "for loop stepping by a page size",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function copy(total: number) {
  for (let offset = 0; offset < total; offset += 1000) {
    await pool.query('INSERT INTO archive SELECT * FROM events ORDER BY id LIMIT 1000 OFFSET $1', [offset]);
  }
}`,
    },
    {
      name: "writes collected in the loop and flushed once after it",
      code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function importRows(rows: { name: string }[]) {
  const repo = dataSource.getRepository('Item');
  const entities = [];
  for (const row of rows) entities.push(repo.create({ name: row.name }));
  await repo.save(entities);
}`,
    },
    {
      name: "Promise.all over a literal array of distinct queries",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function dashboard() {
  const [users, orders] = await Promise.all([
    pool.query('SELECT count(*) FROM users'),
    pool.query('SELECT count(*) FROM orders'),
  ]);
  return { users: users.rows[0], orders: orders.rows[0] };
}`,
    },
    {
      name: "knex builder refined in a loop and run once after it",
      code: `import knex from 'knex';
const db = knex({ client: 'pg', pool: { min: 0, max: 10 } });
export async function search(filters: { column: string; value: string }[]) {
  let query = db('products');
  for (const filter of filters) {
    query = query.where(filter.column, filter.value);
  }
  return query;
}`,
    },
    {
      name: "postgres.js fragments built in a map",
      code: `import postgres from 'postgres';
const sql = postgres({ max: 10 });
export async function byTags(tags: string[]) {
  const conditions = tags.map((tag) => sql\`tags @> array[\${tag}]\`);
  return sql\`select * from notes where \${conditions[0]}\`;
}`,
    },
    {
      name: "rows looked up in a map inside the loop",
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ connectionLimit: 10 });
export async function names(ids: number[]) {
  const [rows] = await pool.query('SELECT id, name FROM people WHERE id IN (?)', [ids]);
  const byId = new Map((rows as { id: number; name: string }[]).map((row) => [row.id, row.name]));
  return ids.map((id) => byId.get(id));
}`,
    },
    {
      name: "loop over chunks: each iteration is one batch",
      code: `import knex from 'knex';
const db = knex({ client: 'pg', pool: { min: 0, max: 10 } });
export async function insertInChunks(chunks: { sku: string }[][]) {
  for (const chunk of chunks) await db('products').insert(chunk);
}`,
    },
    {
      name: "loop over the keys of an object literal",
      code: `import { Pool } from 'pg';
const pool = new Pool();
const views = { daily: 'sales_daily', weekly: 'sales_weekly' };
export async function refresh() {
  for (const name of Object.values(views)) await pool.query(\`REFRESH MATERIALIZED VIEW \${name}\`);
}`,
    },
    {
      name: "a helper that does not query",
      code: `import { Pool } from 'pg';
const pool = new Pool();
function label(id: number) {
  return \`#\${id}\`;
}
export async function labels(ids: number[]) {
  const { rows } = await pool.query('SELECT 1');
  return ids.map((id) => label(id) + rows.length);
}`,
    },
    {
      name: "functions created in a loop but not run there",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export function handlers(tables: string[]) {
  const out: (() => Promise<unknown>)[] = [];
  for (const table of tables) out.push(() => pool.query(\`SELECT count(*) FROM \${table}\`));
  return out;
}`,
    },
    {
      name: "MikroORM persist in the loop, flush after it",
      code: `import { MikroORM } from '@mikro-orm/core';
const orm = new MikroORM({} as any);
export async function create(names: string[]) {
  const em = orm.em;
  for (const name of names) em.persist(em.create('Tag', { name }));
  await em.flush();
}`,
    },
    {
      name: "Mongoose documents built in a loop, written with insertMany",
      code: `import mongoose from 'mongoose';
const Event = mongoose.model('Event', new mongoose.Schema({ kind: String }));
export async function record(kinds: string[]) {
  const docs = [];
  for (const kind of kinds) docs.push(new Event({ kind }));
  await Event.insertMany(docs);
}`,
    },
    {
      name: "settings.poolguard.batched marks an in-house loader",
      settings: { poolguard: {"batched":[{"module":"@acme/loaders","functions":["loadAccount"]}]} },
      code: `import { loadAccount } from '@acme/loaders';
export async function accounts(ids: string[]) {
  const out = [];
  for (const id of ids) out.push(await loadAccount(id));
  return out;
}`,
    },
    {
      name: "forEach over query results without queries",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function emails() {
  const { rows } = await pool.query('SELECT email FROM users');
  const out: string[] = [];
  rows.forEach((row) => out.push(row.email));
  return out;
}`,
    },
    {
      name: "Prisma $transaction over a mapped list of updates is one batch",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function reorder(ids: string[]) {
  await prisma.$transaction(ids.map((id, position) => prisma.task.update({ where: { id }, data: { position } })));
}`,
    },
    {
      name: "handlers registered in a loop are not run there",
      code: `import { Pool } from 'pg';
import { EventEmitter } from 'node:events';
const pool = new Pool();
export function wire(emitters: EventEmitter[]) {
  for (const emitter of emitters) {
    emitter.on('saved', (id: number) => pool.query('UPDATE stats SET saves = saves + 1 WHERE id = $1', [id]));
  }
}`,
    },
    {
      name: "retries bounded by a parameter default",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function ping(retries = 3) {
  for (let i = 0; i < retries; i++) {
    try {
      return await pool.query('SELECT 1');
    } catch {
      continue;
    }
  }
}`,
    },
    {
      name: "do…while paging until a short page",
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ connectionLimit: 10 });
export async function all() {
  const out: unknown[] = [];
  let batch: unknown[];
  let offset = 0;
  do {
    [batch] = (await pool.query('SELECT * FROM logs LIMIT 100 OFFSET ?', [offset])) as [unknown[], unknown];
    out.push(...batch);
    offset += 100;
  } while (batch.length === 100);
  return out;
}`,
    },
    {
      name: "the query that produces the collection runs once",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function total() {
  let sum = 0;
  for (const row of (await pool.query('SELECT amount FROM payments')).rows) sum += row.amount;
  return sum;
}`,
    },
    {
      name: "Sequelize getDataValue on instances is not a query",
      code: `import { Sequelize, DataTypes } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
const Team = sequelize.define('Team', { name: DataTypes.STRING });
export async function names() {
  const teams = await Team.findAll();
  return teams.map((team) => team.getDataValue('name'));
}`,
    },
    {
      name: "queries pushed in a loop for a Prisma batch transaction",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function archive(ids: string[]) {
  const operations = [];
  for (const id of ids) operations.push(prisma.note.update({ where: { id }, data: { archived: true } }));
  await prisma.$transaction(operations);
}`,
    },
    {
      name: "loop over the values of an enum",
      code: `import { Pool } from 'pg';
const pool = new Pool();
enum Status { Open = 'open', Closed = 'closed' }
export async function counts() {
  const out: Record<string, number> = {};
  for (const status of Object.values(Status)) {
    out[status] = (await pool.query('SELECT count(*) FROM tickets WHERE status = $1', [status])).rows[0].count;
  }
  return out;
}`,
    },
    {
      name: "loop over an imported constant list",
      code: `import { Pool } from 'pg';
import { AUDITED_TABLES } from './config';
const pool = new Pool();
export async function audit() {
  for (const table of AUDITED_TABLES) await pool.query(\`SELECT audit_table('\${table}')\`);
}`,
    },
    {
      name: "GraphQL root resolvers run once per request",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const resolvers = {
  Query: {
    user: async (_: unknown, args: { id: number }) => (await pool.query('SELECT * FROM users WHERE id = $1', [args.id])).rows[0],
  },
  Mutation: {
    rename: (_: unknown, args: { id: number; name: string }) => pool.query('UPDATE users SET name = $2 WHERE id = $1', [args.id, args.name]),
  },
};`,
    },
    {
      name: "GraphQL field resolver with Prisma findUnique is batched in the same tick",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const resolvers = {
  Post: {
    author: (post: { authorId: string }) => prisma.user.findUnique({ where: { id: post.authorId } }),
  },
};`,
    },
    {
      name: "nested object literals not named resolvers are not resolvers",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const handlers = {
  Report: {
    daily: () => pool.query('SELECT * FROM daily_report'),
  },
};`,
    },
    {
      name: "untyped: an imported helper that does not query",
      filename: path.join(ruleTesterRoot, 'file.ts'),
      code: `import { formatOrder } from './nplus1-orders-repo';
export function lines(orders: { id: number; total: number }[]) {
  return orders.map((order) => formatOrder(order));
}`,
    },
];

const invalid: InvalidCase<typeof rule>[] = [
    {
      name: "pg: pool.query in for…of",
      code: `import { Pool } from 'pg';
const pool = new Pool({ max: 10 });
export async function loadAccounts(accountIds: number[]) {
  const accounts = [];
  for (const accountId of accountIds) {
    const { rows } = await pool.query('SELECT * FROM accounts WHERE id = $1', [accountId]);
    accounts.push(rows[0]);
  }
  return accounts;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 6, column: 28, endLine: 6, endColumn: 91 },
      ],
    },
    {
      name: "pg: client.query in an index loop over .length",
      code: `import type { PoolClient } from 'pg';
export async function markShipped(client: PoolClient, parcels: { id: string }[]) {
  for (let i = 0; i < parcels.length; i++) {
    await client.query('UPDATE parcels SET shipped = true WHERE id = $1', [parcels[i].id]);
  }
}`,
      errors: [
        { messageId: 'queryInLoop', line: 4, column: 11, endLine: 4, endColumn: 91 },
      ],
    },
    {
      name: "pg: for…in over an object",
      code: `import pg from 'pg';
const pool = new pg.Pool();
export async function storeFlags(flags: Record<string, boolean>) {
  for (const flag in flags) {
    await pool.query('UPDATE flags SET enabled = $2 WHERE name = $1', [flag, flags[flag]]);
  }
}`,
      errors: [
        { messageId: 'queryInLoop', line: 5, column: 11, endLine: 5, endColumn: 91 },
      ],
    },
    {
      name: "pg: while loop draining a queue with shift()",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function drain(queue: string[]) {
  while (queue.length > 0) {
    const email = queue.shift();
    await pool.query('INSERT INTO outbox (email) VALUES ($1)', [email]);
  }
}`,
      errors: [
        { messageId: 'queryInLoop', line: 6, column: 11, endLine: 6, endColumn: 72 },
      ],
    },
    {
      name: "pg: forEach(async …) says nobody awaits",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export function touchAll(sessionIds: string[]) {
  sessionIds.forEach(async (sessionId) => {
    await pool.query('UPDATE sessions SET seen_at = now() WHERE id = $1', [sessionId]);
  });
}`,
      errors: [
        { messageId: 'queryInAsyncForEach', line: 5, column: 11, endLine: 5, endColumn: 87 },
      ],
    },
    {
      name: "mysql2: Promise.all over a mapped list is a fan-out",
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ connectionLimit: 10 });
export async function stockLevels(skus: string[]) {
  return Promise.all(skus.map((sku) => pool.execute('SELECT qty FROM stock WHERE sku = ?', [sku])));
}`,
      errors: [
        { messageId: 'queryInFanOut', line: 4, column: 40, endLine: 4, endColumn: 98 },
      ],
    },
    {
      name: "mysql2: Promise.allSettled through a variable",
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ connectionLimit: 10 });
export async function archive(ids: number[]) {
  const pending = ids.map(async (id) => {
    await pool.query('UPDATE tickets SET archived = 1 WHERE id = ?', [id]);
  });
  await Promise.allSettled(pending);
}`,
      errors: [
        { messageId: 'queryInFanOut', line: 5, column: 11, endLine: 5, endColumn: 75 },
      ],
    },
    {
      name: "nested loops give one finding, at the query",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function grid(rows: number[], cols: number[]) {
  for (const row of rows) {
    for (const col of cols) {
      await pool.query('INSERT INTO cells (r, c) VALUES ($1, $2)', [row, col]);
    }
  }
}`,
      errors: [
        { messageId: 'queryInLoop', line: 6, column: 13, endLine: 6, endColumn: 79 },
      ],
    },
    {
      name: "a query in a sync map callback",
      code: `import mysql from 'mysql';
const pool = mysql.createPool({ connectionLimit: 5 });
export function deleteAll(ids: number[]) {
  ids.map((id) => pool.query('DELETE FROM carts WHERE id = ?', [id]));
}`,
      errors: [
        { messageId: 'queryInCallback', line: 4, column: 19, endLine: 4, endColumn: 69 },
      ],
    },
    {
      name: "filter with an async predicate that queries",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export function active(users: { id: number }[]) {
  return users.filter(async (user) => (await pool.query('SELECT active FROM users WHERE id = $1', [user.id])).rows[0].active);
}`,
      errors: [
        { messageId: 'queryInCallback', line: 4, column: 46, endLine: 4, endColumn: 109 },
      ],
    },
    {
      name: "reduce chaining queries one after another",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function sumBalances(ids: number[]) {
  return ids.reduce(async (total, id) => {
    const { rows } = await pool.query('SELECT balance FROM wallets WHERE id = $1', [id]);
    return (await total) + rows[0].balance;
  }, Promise.resolve(0));
}`,
      errors: [
        { messageId: 'queryInCallback', line: 5, column: 28, endLine: 5, endColumn: 89 },
      ],
    },
    {
      name: "postgres.js: awaited tagged template in a loop",
      code: `import postgres from 'postgres';
const sql = postgres({ max: 10 });
export async function renameAll(renames: { id: number; name: string }[]) {
  for (const rename of renames) {
    await sql\`update teams set name = \${rename.name} where id = \${rename.id}\`;
  }
}`,
      errors: [
        { messageId: 'queryInLoop', line: 5, column: 11, endLine: 5, endColumn: 78 },
      ],
    },
    {
      name: "knex: awaited builder in a loop",
      code: `import knex from 'knex';
const db = knex({ client: 'pg', pool: { min: 0, max: 10 } });
export async function owners(pets: { ownerId: number }[]) {
  const result = [];
  for (const pet of pets) {
    result.push(await db('owners').where({ id: pet.ownerId }).first());
  }
  return result;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 6, column: 23, endLine: 6, endColumn: 70 },
      ],
    },
    {
      name: "knex: builder returned from a fanned-out map callback",
      code: `import knex from 'knex';
const db = knex({ client: 'pg', pool: { min: 0, max: 10 } });
export async function insertEach(rows: { sku: string }[]) {
  await Promise.all(rows.map((row) => db('products').insert(row)));
}`,
      errors: [
        { messageId: 'queryInFanOut', line: 4, column: 39, endLine: 4, endColumn: 65 },
      ],
    },
    {
      name: "knex: a query inside a transaction callback inside a loop",
      code: `import knex from 'knex';
const db = knex({ client: 'pg', pool: { min: 0, max: 10 } });
export async function transferAll(transfers: { from: number; to: number; amount: number }[]) {
  for (const transfer of transfers) {
    await db.transaction(async (trx) => {
      await trx('accounts').where({ id: transfer.from }).decrement('balance', transfer.amount);
    });
  }
}`,
      errors: [
        { messageId: 'queryInLoop', line: 6, column: 13, endLine: 6, endColumn: 95 },
      ],
    },
    {
      name: "TypeORM: repository lookup in a loop",
      code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function invoicesFor(customerIds: number[]) {
  const invoices = dataSource.getRepository('Invoice');
  const found = [];
  for (const customerId of customerIds) {
    found.push(await invoices.findOneBy({ customerId }));
  }
  return found;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 7, column: 22, endLine: 7, endColumn: 56 },
      ],
    },
    {
      name: "Sequelize: findByPk on a model class in a loop",
      code: `import { Model } from 'sequelize';
class Member extends Model {}
export async function names(ids: number[]) {
  const out: unknown[] = [];
  for (const id of ids) {
    out.push(await Member.findByPk(id));
  }
  return out;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 6, column: 20, endLine: 6, endColumn: 39 },
      ],
    },
    {
      name: "Prisma: findFirst inside Promise.all is never batched",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function latestPosts(authorIds: string[]) {
  return Promise.all(authorIds.map((authorId) => prisma.post.findFirst({ where: { authorId }, orderBy: { createdAt: 'desc' } })));
}`,
      errors: [
        { messageId: 'queryInFanOut', line: 4, column: 50, endLine: 4, endColumn: 128 },
      ],
    },
    {
      name: "Prisma: sequential findUnique in a loop is not batched",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function profiles(userIds: string[]) {
  const result = [];
  for (const id of userIds) {
    result.push(await prisma.profile.findUnique({ where: { id } }));
  }
  return result;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 6, column: 23, endLine: 6, endColumn: 67 },
      ],
    },
    {
      name: "Prisma: fluent relation after an await in the callback",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function postsOf(ids: string[]) {
  return Promise.all(ids.map(async (id) => {
    await Promise.resolve();
    return prisma.user.findUnique({ where: { id } }).posts();
  }));
}`,
      errors: [
        { messageId: 'queryInFanOut', line: 6, column: 12, endLine: 6, endColumn: 61 },
      ],
    },
    {
      name: "Drizzle: select builder awaited in a loop",
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import { invoices } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function totals(customerIds: number[]) {
  const out = [];
  for (const customerId of customerIds) {
    out.push(await db.select().from(invoices).where(eq(invoices.customerId, customerId)));
  }
  return out;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 8, column: 20, endLine: 8, endColumn: 89 },
      ],
    },
    {
      name: "Drizzle: relational query in a loop",
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
const db = drizzle(process.env.DATABASE_URL!);
export async function authors(ids: number[]) {
  const out = [];
  for (const id of ids) out.push(await db.query.authors.findFirst({ where: (a, { eq }) => eq(a.id, id) }));
  return out;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 5, column: 40, endLine: 5, endColumn: 106 },
      ],
    },
    {
      name: "Kysely: executeTakeFirst in a loop",
      code: `import { Kysely } from 'kysely';
const db = new Kysely<any>({} as any);
export async function cities(zipCodes: string[]) {
  const out = [];
  for (const zip of zipCodes) {
    out.push(await db.selectFrom('zips').select('city').where('zip', '=', zip).executeTakeFirst());
  }
  return out;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 6, column: 20, endLine: 6, endColumn: 98 },
      ],
    },
    {
      name: "MikroORM: em.findOne in a loop",
      code: `import { MikroORM } from '@mikro-orm/core';
const orm = new MikroORM({} as any);
export async function books(isbns: string[]) {
  const em = orm.em;
  const out = [];
  for (const isbn of isbns) out.push(await em.findOne('Book', { isbn }));
  return out;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 6, column: 44, endLine: 6, endColumn: 72 },
      ],
    },
    {
      name: "mongodb: collection.findOne in a for…of",
      code: `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://localhost');
export async function carts(userIds: string[]) {
  const collection = client.db('shop').collection('carts');
  const out = [];
  for (const userId of userIds) out.push(await collection.findOne({ userId }));
  return out;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 6, column: 48, endLine: 6, endColumn: 78 },
      ],
    },
    {
      name: "mongodb: updateOne per document of a for await cursor",
      code: `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://localhost');
export async function normalize() {
  const users = client.db('app').collection('users');
  for await (const user of users.find({})) {
    await users.updateOne({ _id: user._id }, { $set: { email: String(user.email).toLowerCase() } });
  }
}`,
      errors: [
        { messageId: 'queryInLoop', line: 6, column: 11, endLine: 6, endColumn: 100 },
      ],
    },
    {
      name: "Mongoose: Model.findById inside Promise.all(map)",
      code: `import mongoose from 'mongoose';
const Vendor = mongoose.model('Vendor', new mongoose.Schema({ name: String }));
export async function vendorsOf(products: { vendorId: string }[]) {
  return Promise.all(products.map((product) => Vendor.findById(product.vendorId)));
}`,
      errors: [
        { messageId: 'queryInFanOut', line: 4, column: 48, endLine: 4, endColumn: 81 },
      ],
    },
    {
      name: "Mongoose: find(…).exec() in a loop",
      code: `import mongoose from 'mongoose';
const Review = mongoose.model('Review', new mongoose.Schema({ productId: String }));
export async function reviews(productIds: string[]) {
  const out = [];
  for (const productId of productIds) out.push(await Review.find({ productId }).lean().exec());
  return out;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 5, column: 54, endLine: 5, endColumn: 94 },
      ],
    },
    {
      name: "mssql: request().query in a loop",
      code: `import sql from 'mssql';
export async function rates(pool: sql.ConnectionPool, currencies: string[]) {
  const out = [];
  for (const currency of currencies) {
    out.push(await pool.request().input('c', sql.Char(3), currency).query('SELECT rate FROM fx WHERE code = @c'));
  }
  return out;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 5, column: 20, endLine: 5, endColumn: 113 },
      ],
    },
    {
      name: "oracledb: execute per element",
      code: `import oracledb from 'oracledb';
export async function stamp(ids: number[]) {
  const connection = await oracledb.getConnection();
  try {
    for (const id of ids) await connection.execute('UPDATE jobs SET done = 1 WHERE id = :id', { id });
  } finally {
    await connection.close();
  }
}`,
      errors: [
        { messageId: 'queryInLoop', line: 5, column: 33, endLine: 5, endColumn: 102 },
      ],
    },
    {
      name: "helper in the same file",
      code: `import { Pool } from 'pg';
const pool = new Pool();
async function priceOf(sku: string) {
  const { rows } = await pool.query('SELECT price FROM prices WHERE sku = $1', [sku]);
  return rows[0]?.price;
}
export async function quote(skus: string[]) {
  let total = 0;
  for (const sku of skus) total += await priceOf(sku);
  return total;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 9, column: 42, endLine: 9, endColumn: 54 },
      ],
    },
    {
      name: "helper held in a const arrow function, results pushed into a local array",
      code: `import { Pool } from 'pg';
const pool = new Pool();
const priceOf = async (sku: string) => (await pool.query('SELECT price FROM prices WHERE sku = $1', [sku])).rows[0];
export async function quote(skus: string[]) {
  const prices = [];
  for (const sku of skus) prices.push(await priceOf(sku));
  return prices;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 6, column: 45, endLine: 6, endColumn: 57 },
      ],
    },
    {
      name: "helper chain through an object method",
      code: `import { Pool } from 'pg';
const pool = new Pool();
async function fetchRow(id: number) {
  return pool.query('SELECT * FROM devices WHERE id = $1', [id]);
}
const devices = {
  async load(id: number) {
    return fetchRow(id);
  },
};
export function ping(ids: number[]) {
  ids.forEach((id) => devices.load(id));
}`,
      errors: [
        { messageId: 'queryInCallback', line: 12, column: 23, endLine: 12, endColumn: 39 },
      ],
    },
    {
      name: "classic for with a variable bound",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function seed(count: number) {
  for (let i = 0; i < count; i++) {
    await pool.query('INSERT INTO widgets (n) VALUES ($1)', [i]);
  }
}`,
      errors: [
        { messageId: 'queryInLoop', line: 5, column: 11, endLine: 5, endColumn: 65 },
      ],
    },
    {
      name: "settings.poolguard.queries marks an in-house function",
      settings: { poolguard: {"queries":[{"module":"@acme/db","functions":["fetchCustomer"]}]} },
      code: `import { fetchCustomer } from '@acme/db';
export async function customers(ids: string[]) {
  const out = [];
  for (const id of ids) out.push(await fetchCustomer(id));
  return out;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 4, column: 40, endLine: 4, endColumn: 57 },
      ],
    },
    {
      name: "Sequelize: association getter on instances from findAll",
      code: `import { Sequelize, DataTypes } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
const Team = sequelize.define('Team', { name: DataTypes.STRING });
const Player = sequelize.define('Player', { name: DataTypes.STRING });
Team.hasMany(Player);
export async function rosterSizes() {
  const teams: any[] = await Team.findAll();
  const sizes: number[] = [];
  for (const team of teams) {
    sizes.push(await team.countPlayers());
  }
  return sizes;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 10, column: 22, endLine: 10, endColumn: 41 },
      ],
    },
    {
      name: "Mongoose: populate per document of a find result",
      code: `import mongoose from 'mongoose';
const Invoice = mongoose.model('Invoice', new mongoose.Schema({ client: { type: mongoose.Schema.Types.ObjectId, ref: 'Client' } }));
export async function withClients() {
  const invoices = await Invoice.find({ paid: false });
  await Promise.any(invoices.map(async (invoice) => {
    await invoice.populate('client');
  }));
  return invoices;
}`,
      errors: [
        { messageId: 'queryInFanOut', line: 6, column: 11, endLine: 6, endColumn: 37 },
      ],
    },
    {
      name: "a query inside a concurrency limiter inside Promise.all",
      code: `import { Pool } from 'pg';
const pool = new Pool();
declare function limit<T>(task: () => Promise<T>): Promise<T>;
export async function thumbnails(ids: number[]) {
  return Promise.all(ids.map((id) => limit(() => pool.query('SELECT thumb FROM images WHERE id = $1', [id]))));
}`,
      errors: [
        { messageId: 'queryInFanOut', line: 5, column: 50, endLine: 5, endColumn: 108 },
      ],
    },
    {
      name: "a query inside an awaited retry wrapper in a loop",
      code: `import { Pool } from 'pg';
const pool = new Pool();
declare function retry<T>(task: () => Promise<T>): Promise<T>;
export async function charge(payments: { id: number }[]) {
  for (const payment of payments) {
    await retry(() => pool.query('UPDATE payments SET charged = true WHERE id = $1', [payment.id]));
  }
}`,
      errors: [
        { messageId: 'queryInLoop', line: 6, column: 23, endLine: 6, endColumn: 99 },
      ],
    },
    {
      name: "builders pushed in a loop and run together with Promise.all",
      code: `import knex from 'knex';
const db = knex({ client: 'pg', pool: { min: 0, max: 10 } });
export async function bump(ids: number[]) {
  const pending = [];
  for (const id of ids) {
    pending.push(db('counters').where({ id }).increment('value', 1));
  }
  await Promise.all(pending);
}`,
      errors: [
        { messageId: 'queryInLoop', line: 6, column: 18, endLine: 6, endColumn: 68 },
      ],
    },
    {
      name: "recursive tree walk that queries per child",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function loadTree(id: number): Promise<unknown> {
  const { rows } = await pool.query('SELECT * FROM folders WHERE parent_id = $1', [id]);
  const children = [];
  for (const row of rows) children.push(await loadTree(row.id));
  return { id, children };
}`,
      errors: [
        { messageId: 'queryInLoop', line: 6, column: 47, endLine: 6, endColumn: 63 },
      ],
    },
    {
      name: "a query inside a class method helper called through this",
      code: `import { DataSource } from 'typeorm';
export class BadgeService {
  constructor(private readonly dataSource: DataSource) {}
  private async badgesOf(userId: number) {
    return this.dataSource.query('SELECT * FROM badges WHERE user_id = $1', [userId]);
  }
  async all(userIds: number[]) {
    const out = [];
    for (const userId of userIds) out.push(await this.badgesOf(userId));
    return out;
  }
}`,
      errors: [
        { messageId: 'queryInLoop', line: 9, column: 50, endLine: 9, endColumn: 71 },
      ],
    },
    {
      name: "TypeORM lazy relation declared in the same file",
      code: `import { Entity, ManyToOne, PrimaryGeneratedColumn, DataSource } from 'typeorm';
@Entity()
class Team { @PrimaryGeneratedColumn() id!: number; }
@Entity()
class Player {
  @PrimaryGeneratedColumn() id!: number;
  @ManyToOne(() => Team, { lazy: true }) team!: Promise<Team>;
}
const dataSource = new DataSource({ type: 'postgres' });
export async function teams() {
  const players = await dataSource.getRepository(Player).find();
  const out = [];
  for (const player of players) out.push(await player.team);
  return out;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 13, column: 48, endLine: 13, endColumn: 59 },
      ],
    },
    {
      name: "MikroORM collection of an entity from em.find",
      code: `import { MikroORM } from '@mikro-orm/core';
export async function sizes(orm: MikroORM) {
  const authors = await orm.em.find('Author', {});
  const out: number[] = [];
  for (const author of authors) {
    out.push((await (author as any).books.loadItems()).length);
  }
  return out;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 6, column: 21, endLine: 6, endColumn: 54 },
      ],
    },
    {
      name: "settings.poolguard.queries with a Class#method path",
      settings: { poolguard: {"queries":[{"module":"./lib/accounts","functions":["AccountStore#fetch"]}]} },
      code: `import { AccountStore } from './lib/accounts';
const store = new AccountStore();
export async function balances(ids: string[]) {
  return Promise.all(ids.map((id) => store.fetch(id)));
}`,
      errors: [
        { messageId: 'queryInFanOut', line: 4, column: 38, endLine: 4, endColumn: 53 },
      ],
    },
    {
      name: "GraphQL field resolver queries once per parent",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const resolvers = {
  Query: {
    posts: async () => (await pool.query('SELECT * FROM posts')).rows,
  },
  Post: {
    author: async (post: { authorId: number }) => (await pool.query('SELECT * FROM users WHERE id = $1', [post.authorId])).rows[0],
  },
};`,
      errors: [
        { messageId: 'queryInResolver', line: 8, column: 58, endLine: 8, endColumn: 122 },
      ],
    },
    {
      name: "GraphQL field resolver method with Prisma findFirst",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const userResolvers = {
  User: {
    latestPost(user: { id: string }) {
      return prisma.post.findFirst({ where: { authorId: user.id }, orderBy: { createdAt: 'desc' } });
    },
  },
};`,
      errors: [
        { messageId: 'queryInResolver', line: 6, column: 14, endLine: 6, endColumn: 101 },
      ],
    },
    {
      name: "untyped: a helper imported from a relative module is read from disk",
      filename: path.join(ruleTesterRoot, 'file.ts'),
      code: `import { ordersFor } from './nplus1-orders-repo';
export async function report(userIds: number[]) {
  const counts: number[] = [];
  for (const userId of userIds) counts.push((await ordersFor(userId)).length);
  return counts;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 4, column: 52, endLine: 4, endColumn: 69 },
      ],
    },
    {
      name: "TypeORM relation query builder adds per element",
      code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function tag(postIds: number[], tagId: number) {
  for (const postId of postIds) {
    await dataSource.createQueryBuilder().relation('Post', 'tags').of(postId).add(tagId);
  }
}`,
      errors: [
        { messageId: 'queryInLoop', line: 5, column: 11, endLine: 5, endColumn: 89 },
      ],
    },
];

// Typed only: cross-file helpers, entity types and declared library types.
const typedOnly: RuleCases<typeof rule> = {
  valid: [
    {
      name: "typed: settings.poolguard.batched overrides a helper that queries",
      settings: { poolguard: {"batched":[{"module":"./nplus1-orders-repo","functions":["ordersFor"]}]} },
      code: `import { ordersFor } from './nplus1-orders-repo';
export async function report(userIds: number[]) {
  const out = [];
  for (const userId of userIds) out.push(await ordersFor(userId));
  return out;
}`,
    },
    {
      name: "typed: DataLoader loadMany in a fan-out",
      code: `import DataLoader from 'dataloader';
declare const loader: DataLoader<number, { id: number }>;
export async function load(groups: number[][]) {
  return Promise.all(groups.map((ids) => loader.loadMany(ids)));
}`,
    },
    {
      name: "typed: a cross-file helper that does not query",
      code: `import { formatOrder } from './nplus1-orders-repo';
export function lines(orders: { id: number; total: number }[]) {
  const out: string[] = [];
  for (const order of orders) out.push(formatOrder(order));
  return out;
}`,
    },
    {
      name: "typed: awaiting an eager relation is not a query",
      code: `import type { Article } from './nplus1-entities';
export async function editors(articles: Article[]) {
  const out = [];
  for (const article of articles) out.push(await Promise.resolve(article.editor));
  return out;
}`,
    },
    {
      name: "typed: Prisma findUniqueOrThrow fan-out is batched",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function owners(ids: string[]) {
  return Promise.all(ids.map(async (id) => prisma.user.findUniqueOrThrow({ where: { id } })));
}`,
    },
    {
      name: "typed: Promise.all over fixed Mongoose counts",
      code: `import mongoose from 'mongoose';
const Ticket = mongoose.model('Ticket', new mongoose.Schema({ state: String }));
export async function stats() {
  const [open, closed] = await Promise.all([Ticket.countDocuments({ state: 'open' }), Ticket.countDocuments({ state: 'closed' })]);
  return { open, closed };
}`,
    },
    {
      name: "typed: array methods on query results, no query inside",
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function totals() {
  const { rows } = await pool.query<{ amount: number }>('SELECT amount FROM payments');
  return rows.filter((row) => row.amount > 0).reduce((sum, row) => sum + row.amount, 0);
}`,
    },
  ],
  invalid: [
    {
      name: "typed: cross-file helper function",
      code: `import { ordersFor } from './nplus1-orders-repo';
export async function report(userIds: number[]) {
  const lines: string[] = [];
  for (const userId of userIds) {
    const orders = await ordersFor(userId);
    lines.push(String(orders.length));
  }
  return lines;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 5, column: 26, endLine: 5, endColumn: 43 },
      ],
    },
    {
      name: "typed: cross-file class method through a private method",
      code: `import { OrdersRepository } from './nplus1-orders-repo';
export async function newestOrders(repo: OrdersRepository, userIds: number[]) {
  return Promise.all(userIds.map((userId) => repo.latest(userId)));
}`,
      errors: [
        { messageId: 'queryInFanOut', line: 3, column: 46, endLine: 3, endColumn: 65 },
      ],
    },
    {
      name: "typed: TypeORM lazy relation awaited per entity",
      code: `import type { Article } from './nplus1-entities';
export async function writerNames(articles: Article[]) {
  const names: string[] = [];
  for (const article of articles) {
    const writer = await article.writer;
    names.push(writer.name);
  }
  return names;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 5, column: 26, endLine: 5, endColumn: 40 },
      ],
    },
    {
      name: "typed: Sequelize association getter per instance",
      code: `import { Model, type HasManyGetAssociationsMixin } from 'sequelize';
class Comment extends Model {}
class Thread extends Model {
  declare getComments: HasManyGetAssociationsMixin<Comment>;
}
export async function commentCounts(threads: Thread[]) {
  const counts: number[] = [];
  for (const thread of threads) {
    counts.push((await thread.getComments()).length);
  }
  return counts;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 9, column: 24, endLine: 9, endColumn: 44 },
      ],
    },
    {
      name: "typed: Sequelize instance save per element",
      code: `import { Model } from 'sequelize';
class Setting extends Model {
  declare value: string;
}
export async function reset(settings: Setting[]) {
  await settings.reduce(async (previous, setting) => {
    await previous;
    setting.value = '';
    await setting.save();
  }, Promise.resolve());
}`,
      errors: [
        { messageId: 'queryInCallback', line: 9, column: 11, endLine: 9, endColumn: 25 },
      ],
    },
    {
      name: "typed: MikroORM Reference.load per entity",
      code: `import type { Ref } from '@mikro-orm/core';
interface Publisher { id: number; name: string }
interface Book { id: number; publisher: Ref<Publisher> }
export async function publishers(books: Book[]) {
  const out = [];
  for (const book of books) out.push(await book.publisher.load());
  return out;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 6, column: 44, endLine: 6, endColumn: 65 },
      ],
    },
    {
      name: "typed: MikroORM Collection.init per entity",
      code: `import type { Collection } from '@mikro-orm/core';
interface Tag { id: number }
interface Post { id: number; tags: Collection<Tag> }
export async function tagCounts(posts: Post[]) {
  const out: number[] = [];
  for (const post of posts) {
    await post.tags.init();
    out.push(post.tags.length);
  }
  return out;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 7, column: 11, endLine: 7, endColumn: 27 },
      ],
    },
    {
      name: "typed: Mongoose document populate per document",
      code: `import mongoose from 'mongoose';
const Order = mongoose.model('Order', new mongoose.Schema({ customer: { type: mongoose.Schema.Types.ObjectId, ref: 'Customer' } }));
export async function withCustomers() {
  const orders = await Order.find();
  for (const order of orders) {
    await order.populate('customer');
  }
  return orders;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 6, column: 11, endLine: 6, endColumn: 37 },
      ],
    },
    {
      name: "typed: TypeORM repository injected through the constructor",
      code: `import { Repository } from 'typeorm';
import { Author } from './nplus1-entities';
export class AuthorImporter {
  constructor(private readonly authors: Repository<Author>) {}
  async importNames(names: string[]) {
    await Promise.all(names.map((name) => this.authors.save(this.authors.create({ name }))));
  }
}`,
      errors: [
        { messageId: 'queryInFanOut', line: 6, column: 43, endLine: 6, endColumn: 91 },
      ],
    },
    {
      name: "typed: Sequelize define-style model instances",
      code: `import { Sequelize, DataTypes } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
const Shelf = sequelize.define('Shelf', { label: DataTypes.STRING });
export async function books() {
  const out = [];
  for (const shelf of await Shelf.findAll()) {
    out.push(await (shelf as any).getBooks());
  }
  return out;
}`,
      errors: [
        { messageId: 'queryInLoop', line: 7, column: 20, endLine: 7, endColumn: 45 },
      ],
    },
  ],
};

runRuleTests('no-query-in-loop', rule, { valid, invalid, typedOnly });
