import rule from '../../rules/no-query-outside-transaction.js';
import path from 'node:path';

import { createTypedRuleTester, createUntypedRuleTester, ruleTesterRoot } from '../helpers/rule-testers.js';

// The same literal cases run untyped (imports followed syntactically) and typed (real library types).
const sharedValid = [
  {
    name: 'knex: the transaction used everywhere',
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function move(id: number) {
  await db.transaction(async (trx) => {
    const row = await trx('cards').where({ id }).forUpdate().first();
    await trx('cards').where({ id }).update({ column: row.column + 1 });
    await trx.raw('select 1');
  });
}`,
  },
  {
    name: 'knex: the root query joined with .transacting(trx)',
    code: `import knex from 'knex';
const db = knex({ client: 'mysql2' });
export async function rename(id: number, name: string) {
  await db.transaction(async (trx) => {
    await db('projects').transacting(trx).where({ id }).update({ name });
    await db('project_events').insert({ project_id: id, kind: 'renamed' }).transacting(trx);
  });
}`,
  },
  {
    name: 'knex: a savepoint through trx.transaction()',
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function nested(id: number) {
  await db.transaction(async (trx) => {
    await trx('a').insert({ id });
    await trx.transaction(async (savepoint) => {
      await savepoint('b').insert({ id });
    });
  });
}`,
  },
  {
    name: 'knex: the root used after the transaction resolved',
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function approve(id: number) {
  await db.transaction(async (trx) => {
    await trx('expenses').where({ id }).update({ status: 'approved' });
  });
  return db('expenses').where({ id }).first();
}`,
  },
  {
    name: 'knex: an unmanaged transaction, the root used after the commit',
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function approve(id: number) {
  const trx = await db.transaction();
  try {
    await trx('expenses').where({ id }).update({ status: 'approved' });
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
  return db('expenses').where({ id }).first();
}`,
  },
  {
    name: 'knex: a helper that takes the transaction as a parameter',
    code: `import knex, { type Knex } from 'knex';
const db = knex({ client: 'pg' });
async function audit(trx: Knex.Transaction, action: string) {
  await trx('audit_log').insert({ action });
}
async function touch(conn: Knex, id: number) {
  await conn('accounts').where({ id }).update({ touched_at: new Date() });
}
export async function close(id: number) {
  await db.transaction(async (trx) => {
    await trx('accounts').where({ id }).update({ closed: true });
    await audit(trx, 'closed');
    await touch(trx, id);
  });
}`,
  },
  {
    name: 'knex: a helper whose optional transaction is passed',
    code: `import knex, { type Knex } from 'knex';
const db = knex({ client: 'pg' });
async function primaryAlias(noteId: number, trx?: Knex) {
  const conn = trx ?? db;
  return conn('aliases').where({ note_id: noteId, primary: true }).first();
}
export async function purge(noteId: number) {
  await db.transaction(async (trx) => {
    const alias = await primaryAlias(noteId, trx);
    await trx('revisions').where({ note_id: noteId, alias: alias.name }).del();
  });
}`,
  },
  {
    name: 'knex: a repository built on the transaction',
    code: `import knex, { type Knex } from 'knex';
const db = knex({ client: 'pg' });
class OrderRepository {
  constructor(private readonly conn: Knex = db) {}
  save(order: { id: number }) {
    return this.conn('orders').insert(order);
  }
}
export async function place(order: { id: number }) {
  await db.transaction(async (trx) => {
    await new OrderRepository(trx).save(order);
  });
}`,
  },
  {
    name: 'knex: code kept for after the commit is not run while the transaction holds its connection',
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function create(id: number, later: (fn: () => Promise<unknown>) => void) {
  await db.transaction(async (trx) => {
    await trx('orders').insert({ id });
    later(() => db('order_stats').increment('count', 1));
  });
}`,
  },
  {
    name: 'knex: a second database on its own pool',
    code: `import knex from 'knex';
const orders = knex({ client: 'pg', connection: process.env.ORDERS_URL });
const catalog = knex({ client: 'pg', connection: process.env.CATALOG_URL });
export async function addLine(orderId: number, sku: string) {
  await orders.transaction(async (trx) => {
    const product = await catalog('products').where({ sku }).first();
    await trx('order_lines').insert({ order_id: orderId, sku, price: product.price });
  });
}`,
  },
  {
    name: 'Prisma: the batch form $transaction([...]) holds nothing between its queries',
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function publish(postId: string, authorId: string) {
  return prisma.$transaction([
    prisma.post.update({ where: { id: postId }, data: { published: true } }),
    prisma.author.update({ where: { id: authorId }, data: { postCount: { increment: 1 } } }),
  ]);
}`,
  },
  {
    name: 'Prisma: the transaction client used everywhere, and the root after it',
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function redeem(userId: string, code: string) {
  const coupon = await prisma.$transaction(async (tx) => {
    const found = await tx.coupon.update({ where: { code }, data: { redeemedBy: userId } });
    await tx.wallet.update({ where: { userId }, data: { balance: { increment: found.amount } } });
    return found;
  });
  await prisma.auditLog.create({ data: { userId, action: 'redeem' } });
  return coupon;
}`,
  },
  {
    name: 'TypeORM: the transaction manager used everywhere',
    code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function renew(id: number) {
  return dataSource.transaction(async (manager) => {
    const subscriptions = manager.getRepository('Subscription');
    const sub = await subscriptions.findOneByOrFail({ id });
    await subscriptions.save(sub);
    return manager.query('select 1');
  });
}`,
  },
  {
    name: 'TypeORM: the data source before the query runner connects',
    code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function expire() {
  const runner = dataSource.createQueryRunner();
  const due = await dataSource.getRepository('Account').count();
  await runner.connect();
  try {
    await runner.query("UPDATE accounts SET plan = 'free'", [due]);
  } finally {
    await runner.release();
  }
}`,
  },
  {
    name: 'TypeORM: a query runner whose manager runs the queries',
    code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function expire() {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    await runner.manager.getRepository('Account').update({ plan: 'trial' }, { plan: 'free' });
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
  return dataSource.getRepository('Account').count();
}`,
  },
  {
    name: 'Sequelize: every query passes { transaction }',
    code: `import { Sequelize, Model, type Transaction } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Stock extends Model {}
class Order extends Model {}
async function reserve(sku: string, transaction: Transaction) {
  await Stock.decrement('qty', { where: { sku }, transaction });
}
export async function place(sku: string) {
  return sequelize.transaction(async (t) => {
    await reserve(sku, t);
    await sequelize.query('select 1', { transaction: t });
    return Order.create({ sku }, { transaction: t });
  });
}`,
  },
  {
    name: 'Sequelize: with CLS every query joins the managed transaction',
    code: `import { Sequelize, Model } from 'sequelize';
import { createNamespace } from 'cls-hooked';
Sequelize.useCLS(createNamespace('app'));
const sequelize = new Sequelize('postgres://localhost/app');
class Order extends Model {}
export async function place(sku: string) {
  return sequelize.transaction(async () => Order.create({ sku }));
}`,
  },
  {
    name: 'Sequelize: callbacks registered for after the commit',
    code: `import { Sequelize, Model } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Order extends Model {}
class Stats extends Model {}
export async function place(sku: string) {
  return sequelize.transaction(async (t) => {
    t.afterCommit(() => Stats.increment('orders', { where: { id: 1 } }));
    return Order.create({ sku }, { transaction: t });
  });
}`,
  },
  {
    name: 'Drizzle: the root after the transaction resolved',
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { pgTable, serial, integer } from 'drizzle-orm/pg-core';
import { eq } from 'drizzle-orm';
const cards = pgTable('cards', { id: serial('id').primaryKey(), columnId: integer('column_id') });
const db = drizzle(process.env.DATABASE_URL!);
export async function move(id: number, columnId: number) {
  await db.transaction(async (tx) => {
    await tx.update(cards).set({ columnId }).where(eq(cards.id, id));
  });
  return db.select().from(cards).where(eq(cards.columnId, columnId));
}`,
  },
  {
    name: 'pg: a second pool for another database',
    code: `import { Pool } from 'pg';
const orders = new Pool({ max: 10 });
const catalog = new Pool({ max: 5 });
export async function addLine(orderId: string, sku: string) {
  const client = await orders.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await catalog.query('SELECT price FROM products WHERE sku = $1', [sku]);
    await client.query('INSERT INTO order_lines VALUES ($1, $2, $3)', [orderId, sku, rows[0].price]);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}`,
  },
  {
    name: 'pg: the pool used after the client is released',
    code: `import { Pool } from 'pg';
const pool = new Pool({ max: 10 });
export async function bump(id: string) {
  const client = await pool.connect();
  try {
    await client.query('UPDATE counters SET n = n + 1 WHERE id = $1', [id]);
  } finally {
    client.release();
  }
  return pool.query('SELECT n FROM counters WHERE id = $1', [id]);
}`,
  },
  {
    name: 'MongoDB sessions are not pool connections',
    code: `import mongoose from 'mongoose';
const Account = mongoose.model('Account', new mongoose.Schema({ owner: String }));
export async function credit(owner: string) {
  const session = await mongoose.startSession();
  try {
    await session.withTransaction(async () => {
      await Account.updateOne({ owner }, { $inc: { balance: 1 } });
    });
  } finally {
    await session.endSession();
  }
}`,
  },
  {
    name: 'a transaction wrapper hands the transaction on through AsyncLocalStorage: root queries in its callback may join it',
    code: `import { AsyncLocalStorage } from 'node:async_hooks';
import { drizzle } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
const db = drizzle(process.env.DATABASE_URL!);
const current = new AsyncLocalStorage<unknown>();
async function withTenant<T>(tenant: string, fn: () => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql\`select set_config('app.tenant', \${tenant}, true)\`);
    return current.run(tx, fn);
  });
}
export async function count() {
  return withTenant('acme', async () => db.execute(sql\`select count(*) from devices\`));
}`,
  },
  {
    name: 'knex: helpers that fall back to the root, or open their own transaction, only when no transaction is passed',
    code: `import knex, { type Knex } from 'knex';
export class Permissions {
  constructor(private readonly knex: Knex) {}
  async isOwner(userId: number, noteId: number, transaction?: Knex) {
    const dbActor = transaction ? transaction : this.knex;
    return dbActor('notes').where({ id: noteId, owner_id: userId }).first();
  }
  async groupsOf(userId: number, transaction?: Knex) {
    if (transaction) {
      return this.innerGroupsOf(userId, transaction);
    }
    return this.knex.transaction(async (trx) => this.innerGroupsOf(userId, trx));
  }
  async createRevision(noteId: number, transaction?: Knex) {
    if (transaction === undefined) {
      await this.knex.transaction(async (trx) => trx('revisions').insert({ note_id: noteId }));
    } else {
      await transaction('revisions').insert({ note_id: noteId });
    }
  }
  private async innerGroupsOf(userId: number, transaction: Knex) {
    return transaction('group_members').where({ user_id: userId });
  }
  async levelOf(userId: number, noteId: number) {
    return this.knex.transaction(async (transaction) => {
      if (await this.isOwner(userId, noteId, transaction)) return 'full';
      await this.groupsOf(userId, transaction);
      await this.createRevision(noteId, transaction);
      return 'read';
    });
  }
}`,
  },
  {
    name: 'TypeORM: a repository interface whose implementation runs on the manager it is given',
    code: `import { DataSource, EntityManager } from 'typeorm';
interface TicketStore {
  close(manager: EntityManager, id: number): Promise<void>;
}
class SqlTicketStore implements TicketStore {
  async close(manager: EntityManager, id: number) {
    await manager.update('Ticket', { id }, { open: false });
  }
}
export class Tickets {
  constructor(private readonly dataSource: DataSource, private readonly store: TicketStore) {}
  async close(id: number) {
    await this.dataSource.transaction(async (manager) => {
      await this.store.close(manager, id);
    });
  }
}
export const store = new SqlTicketStore();`,
  },
  {
    name: 'knex: an interface method whose implementations query through the root, called after the commit',
    code: `import knex, { Knex } from 'knex';
interface AuditLog {
  record(event: string): Promise<void>;
}
export class KnexAuditLog implements AuditLog {
  constructor(private readonly db: Knex) {}
  async record(event: string) {
    await this.db('audit').insert({ event });
  }
}
const db = knex({ client: 'pg' });
export async function archive(log: AuditLog, id: number) {
  await db.transaction(async (trx) => {
    await trx('posts').where({ id }).update({ archived: true });
  });
  await log.record('archived');
}`,
  },
  {
    name: 'knex: the imported pool after the imported helper\'s transaction resolved',
    code: `import { db } from './transactions-db';
import { recordEvent } from './transactions-audit';
export async function suspend(id: number) {
  await db.transaction(async (trx) => {
    await trx('accounts').where({ id }).update({ suspended: true });
  });
  await recordEvent(id, 'suspended');
}`,
  },
  {
    name: 'TypeORM: a project function hands the transaction\'s manager to the callback it is given',
    code: `import { DataSource, EntityManager } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
async function withSequence(manager: EntityManager, run: (next: number, manager: EntityManager) => Promise<void>) {
  const [row] = await manager.query('update sequences set value = value + 1 returning value');
  await run(row.value, manager);
}
async function markSent(manager: EntityManager, ids: number[]) {
  await manager.getRepository('Disbursement').update(ids, { sent: true });
}
export async function send(ids: number[]) {
  await dataSource.transaction(async (transactional) => {
    await withSequence(transactional, async (next, manager) => {
      await markSent(manager, ids);
    });
  });
}`,
  },
  {
    name: 'Sequelize: a helper queries only when an option the caller leaves out is set',
    code: `import { Sequelize, Model } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Attachment extends Model {}
class Doc extends Model {
  declare content: string;
}
async function render(doc: Doc, options?: { signedUrls?: number; teamId?: string }) {
  if (options?.signedUrls && options.teamId) {
    const attachments = await Attachment.findAll({ where: { teamId: options.teamId } });
    return { content: doc.content, attachments };
  }
  return { content: doc.content };
}
export async function publish(id: string) {
  await sequelize.transaction(async (transaction) => {
    const doc = await Doc.findByPk(id, { transaction, rejectOnEmpty: true });
    const rendered = await render(doc);
    await doc.update({ content: JSON.stringify(rendered) }, { transaction });
  });
}`,
  },
  {
    name: 'TypeORM: a helper opens its own transaction only when the options carry no entity manager, and the caller passes one',
    code: `import { DataSource, EntityManager } from 'typeorm';
export class Files {
  constructor(private readonly dataSource: DataSource) {}
  async attach(ids: number[], options?: { entityManager?: EntityManager }) {
    if (options?.entityManager) {
      await options.entityManager.update('File', ids, { attached: true });
    } else {
      await this.dataSource.transaction(async (manager) => {
        await manager.update('File', ids, { attached: true });
      });
    }
  }
}
export class Submissions {
  constructor(private readonly dataSource: DataSource, private readonly files: Files) {}
  async submit(ids: number[]) {
    await this.dataSource.transaction(async (entityManager) => {
      await entityManager.insert('Submission', { files: ids.length });
      await this.files.attach(ids, { entityManager: entityManager });
    });
  }
}`,
  },
  {
    name: 'knex: a query builder made on the transaction and passed through helpers that add to it',
    code: `import knex, { Knex } from 'knex';
const db = knex({ client: 'pg' });
export class Notes {
  private withAuthor(query: Knex.QueryBuilder) {
    return query.leftJoin('users', 'users.id', 'notes.author_id');
  }
  private visible(query: Knex.QueryBuilder, trx: Knex.Transaction) {
    return query.whereIn('notes.id', trx('shares').select('note_id'));
  }
  async list(userId: number) {
    return db.transaction(async (trx) => {
      let query = this.visible(trx('notes'), trx);
      query = this.withAuthor(query);
      return query.where('notes.owner_id', userId);
    });
  }
}`,
  },
  {
    name: 'knex: a wrapper that forwards the callback to db.transaction, the helper given the transaction',
    code: `import knex, { type Knex } from 'knex';
const db = knex({ client: 'pg' });
export function inTransaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return db.transaction(work);
}
async function audit(conn: Knex, id: number) {
  await conn('audit').insert({ account_id: id });
}
export async function close(id: number) {
  await inTransaction(async (trx) => {
    await trx('accounts').where({ id }).update({ closed: true });
    await audit(trx, id);
  });
  await db('accounts').where({ id }).first();
}`,
  },
  {
    name: 'knex: a forwarding wrapper on one pool, a query on another database\'s pool',
    code: `import knex, { type Knex } from 'knex';
const ledger = knex({ client: 'pg', connection: 'postgres://ledger' });
const analytics = knex({ client: 'pg', connection: 'postgres://analytics' });
function inLedger<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return ledger.transaction(work);
}
export async function book(id: number) {
  await inLedger(async (trx) => {
    await trx('entries').insert({ id });
    await analytics('events').insert({ kind: 'booked', id });
  });
}`,
  },
  {
    name: 'TypeORM: a connection interface whose implementation forwards the callback, repositories given the manager',
    code: `import { DataSource, EntityManager } from 'typeorm';
export interface Connection {
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
}
export class ConnectionProxy implements Connection {
  constructor(private readonly dataSource: DataSource) {}
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
export class InvoiceStore {
  async markPaid(manager: EntityManager, id: string) {
    await manager.getRepository('Invoice').update({ id }, { paid: true });
  }
}
export class PayInvoice {
  constructor(private readonly connection: Connection, private readonly invoices: InvoiceStore) {}
  async pay(id: string) {
    return this.connection.transaction(async (manager) => {
      await manager.getRepository('Invoice').findOne({ where: { id } });
      await this.invoices.markPaid(manager, id);
    });
  }
}`,
  },
  {
    name: 'TypeORM: a helper given the manager saves through a closure over it',
    code: `import { DataSource, EntityManager } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
async function addMembers(manager: EntityManager, teamId: string, userIds: string[]) {
  const addAll = async (entity: string, ids: string[]) => {
    const members = manager.getRepository(entity);
    for (const id of ids) await members.save({ teamId, userId: id });
  };
  await Promise.all([addAll('Member', userIds), addAll('Watcher', userIds)]);
}
export async function createTeam(id: string, userIds: string[]) {
  await dataSource.transaction(async (manager) => {
    await manager.getRepository('Team').save({ id });
    await addMembers(manager, id, userIds);
  });
}`,
  },
  {
    name: 'knex: a database object built with new, its helper given the transaction, and an object built on the transaction',
    code: `import knex, { type Knex } from 'knex';
class Database {
  knex: Knex;
  constructor() {
    this.knex = knex({ client: 'pg' });
  }
}
class Scoped {
  constructor(readonly knex: Knex) {}
}
const db = new Database();
async function isEnabled(id: number, conn: Knex = db.knex) {
  const rows = await conn.select('enabled').from('environments').where({ id });
  return rows.length > 0;
}
export async function resolve(id: number) {
  await db.knex.transaction(async (trx) => {
    if (!(await isEnabled(id, trx))) return;
    const scoped = new Scoped(trx);
    await scoped.knex('notifications').where({ id }).update({ open: false });
  });
  await isEnabled(id);
}`,
  },
  {
    name: 'knex: a migration\'s up() receives the migrator\'s transaction, so its nested transaction is a savepoint on it',
    code: `import type { Knex } from 'knex';
export async function up(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.raw('CREATE TABLE tags (id int)');
    await knex.raw('CREATE INDEX tags_id ON tags (id)');
  });
}
export const down = async (knex: Knex): Promise<void> => {
  await knex.transaction(async (trx) => {
    await trx.raw('DROP INDEX tags_id');
    await knex.schema.dropTable('tags');
  });
};`,
  },
  {
    name: 'middleware: a route handler behind a middleware\'s request transaction may query through the request\'s transaction',
    code: `import express from 'express';
import knex from 'knex';
const db = knex({ client: 'pg' });
const app = express();
app.use(async (req, res, next) => {
  await db.transaction(async (trx) => {
    res.locals.trx = trx;
    await new Promise((resolve) => { res.on('finish', resolve); next(); });
  });
});
app.post('/orders', async (req, res) => {
  await db('orders').insert({ id: req.body.id });
  res.sendStatus(204);
});`,
  },
  {
    name: 'knex: a helper on the pool another class builds in its constructor is not the transaction\'s pool',
    code: `import knex, { type Knex } from 'knex';
class AppDatabase {
  knex: Knex;
  constructor() {
    this.knex = knex({ client: 'pg', connection: process.env.APP_DATABASE_URL });
  }
}
class JobQueue {
  private db: Knex;
  constructor(url: string) {
    this.db = knex({ client: 'pg', connection: url, pool: { max: 5 } });
  }
  async enqueue(name: string) {
    await this.db('jobs').insert({ name });
  }
}
const app = new AppDatabase();
const queue = new JobQueue(process.env.QUEUE_DATABASE_URL ?? '');
export async function removeConfig(id: number) {
  await app.knex.transaction(async (trx) => {
    await trx('configs').where({ id }).update({ deleted: true });
    await queue.enqueue('cleanup');
  });
}`,
  },
  {
    name: 'Drizzle: two clients kept on globalThis are two pools; a helper on the other one does not wait on this one',
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
const cache = globalThis as unknown as { reportsDb?: ReturnType<typeof drizzle>; auditDb?: ReturnType<typeof drizzle> };
if (!cache.reportsDb) cache.reportsDb = drizzle(process.env.DATABASE_URL!);
if (!cache.auditDb) cache.auditDb = drizzle(process.env.AUDIT_DATABASE_URL!);
const db = cache.reportsDb;
const audit = cache.auditDb;
async function record(ownerId: string) {
  return audit.execute(\`insert into audit_log (owner) values ('\${ownerId}')\`);
}
export async function archive(ownerId: string) {
  await db.transaction(async (tx) => {
    await tx.execute('update reports set archived = true');
    await record(ownerId);
  });
}`,
  },
  {
    name: 'knex: a helper started and not awaited inside the transaction does not make it wait for a second connection',
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
async function refreshSearchIndex(id: number) {
  const row = await db('articles').where({ id }).first();
  return row;
}
async function touchViews(id: number) {
  await db('article_views').insert({ id });
}
async function announce(id: number) {
  refreshSearchIndex(id);
  return \`article \${id} published\`;
}
export async function publish(id: number) {
  await db.transaction(async (trx) => {
    await trx('articles').where({ id }).update({ published: true });
    refreshSearchIndex(id);
    void touchViews(id);
    await trx('notices').insert({ id, text: await announce(id) });
  });
}`,
  },
  {
    name: 'knex: a helper on a pool handed in through two constructors is not the transaction\'s pool',
    code: `import knex, { type Knex } from 'knex';
const appDb = knex({ client: 'pg', connection: process.env.APP_DATABASE_URL });
const queueDb = knex({ client: 'pg', connection: process.env.QUEUE_DATABASE_URL, pool: { max: 5 } });
class Scheduler {
  private db: Knex;
  constructor({ db }: { db: Knex }) {
    this.db = db;
  }
  async immediate(name: string) {
    return this.db.transaction(async (trx) => trx('tasks').insert({ name }));
  }
}
class Tasks {
  private scheduler: Scheduler;
  constructor(pool: Knex) {
    this.scheduler = new Scheduler({ db: pool });
  }
  async enqueue(name: string) {
    return this.scheduler.immediate(name);
  }
}
const tasks = new Tasks(queueDb);
export async function removeConfig(id: number) {
  await appDb.transaction(async (trx) => {
    await trx('configs').where({ id }).update({ deleted: true });
    await tasks.enqueue('cleanup');
  });
}`,
  },
];

const sharedInvalid = [
  {
    name: 'knex: a helper on the transaction\'s own pool handed in through two constructors',
    code: `import knex, { type Knex } from 'knex';
const appDb = knex({ client: 'pg', connection: process.env.APP_DATABASE_URL });
const queueDb = knex({ client: 'pg', connection: process.env.QUEUE_DATABASE_URL, pool: { max: 5 } });
class Scheduler {
  private db: Knex;
  constructor({ db }: { db: Knex }) {
    this.db = db;
  }
  async immediate(name: string) {
    return this.db.transaction(async (trx) => trx('tasks').insert({ name }));
  }
}
class Tasks {
  private scheduler: Scheduler;
  constructor(pool: Knex) {
    this.scheduler = new Scheduler({ db: pool });
  }
  async enqueue(name: string) {
    return this.scheduler.immediate(name);
  }
}
const tasks = new Tasks(appDb);
export async function removeConfig(id: number) {
  await appDb.transaction(async (trx) => {
    await trx('configs').where({ id }).update({ deleted: true });
    await tasks.enqueue('cleanup');
  });
}`,
    errors: [{ messageId: 'secondConnectionInHelper' as const, line: 26 }],
  },
  {
    name: 'knex: the root inside the transaction callback (fixed to trx)',
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function place(customerId: number) {
  return db.transaction(async (trx) => {
    const [order] = await trx('orders').insert({ customer_id: customerId }).returning('id');
    const customer = await db('customers').where({ id: customerId }).first();
    return { order, customer };
  });
}`,
    output: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function place(customerId: number) {
  return db.transaction(async (trx) => {
    const [order] = await trx('orders').insert({ customer_id: customerId }).returning('id');
    const customer = await trx('customers').where({ id: customerId }).first();
    return { order, customer };
  });
}`,
    errors: [{ messageId: 'secondConnection' as const, line: 6 }],
  },
  {
    name: 'knex: a nested transaction started from the root',
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function nested(id: number) {
  await db.transaction(async (trx) => {
    await trx('a').insert({ id });
    await db.transaction(async (inner) => {
      await inner('b').insert({ id });
    });
  });
}`,
    errors: [{ messageId: 'secondConnection' as const, line: 6 }],
  },
  {
    name: 'knex: an unmanaged transaction, the root before the commit',
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function approve(id: number) {
  const trx = await db.transaction();
  try {
    await trx('expenses').where({ id }).update({ status: 'approved' });
    await db('expense_history').insert({ expense_id: id });
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}`,
    output: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function approve(id: number) {
  const trx = await db.transaction();
  try {
    await trx('expenses').where({ id }).update({ status: 'approved' });
    await trx('expense_history').insert({ expense_id: id });
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}`,
    errors: [{ messageId: 'secondConnection' as const, line: 7 }],
  },
  {
    name: 'knex: a helper of the same file queries through the root',
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
async function feedIdOf(userId: number) {
  return db('feeds').where({ user_id: userId, name: 'Comments' }).first('id');
}
export async function withdraw(postId: number, userId: number) {
  await db.transaction(async (trx) => {
    await trx.raw('SELECT 1 FROM posts WHERE id = ? FOR UPDATE', [postId]);
    const feed = await feedIdOf(userId);
    await trx('posts').where({ id: postId }).update({ feed_id: feed.id });
  });
}`,
    errors: [{ messageId: 'secondConnectionInHelper' as const, line: 9 }],
  },
  {
    name: 'knex: a helper whose optional transaction is not passed falls back to the root',
    code: `import knex, { type Knex } from 'knex';
export class AliasService {
  constructor(private readonly knex: Knex) {}
  async primaryAlias(noteId: number, trx?: Knex) {
    const conn = trx ?? this.knex;
    return conn('aliases').where({ note_id: noteId, primary: true }).first();
  }
  async purge(noteId: number) {
    await this.knex.transaction(async (trx) => {
      const alias = await this.primaryAlias(noteId);
      await trx('revisions').where({ note_id: noteId, alias: alias.name }).del();
    });
  }
}`,
    errors: [{ messageId: 'secondConnectionInHelper' as const, line: 10 }],
  },
  {
    name: 'Prisma: the root client inside an interactive transaction (fixed to tx)',
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function redeem(userId: string, code: string) {
  return prisma.$transaction(async (tx) => {
    const coupon = await tx.coupon.update({ where: { code }, data: { redeemedBy: userId } });
    const wallet = await prisma.wallet.findUnique({ where: { userId } });
    return { coupon, wallet };
  });
}`,
    output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function redeem(userId: string, code: string) {
  return prisma.$transaction(async (tx) => {
    const coupon = await tx.coupon.update({ where: { code }, data: { redeemedBy: userId } });
    const wallet = await tx.wallet.findUnique({ where: { userId } });
    return { coupon, wallet };
  });
}`,
    errors: [{ messageId: 'secondConnection' as const, line: 6 }],
  },
  {
    name: 'Prisma: a transaction callback that ignores its client',
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function update(id: string, authors: string[]) {
  await prisma.$transaction(async () => {
    await prisma.proposal.update({ where: { id }, data: { status: 'draft' } });
    await prisma.proposalAuthor.deleteMany({ where: { proposalId: id } });
  }, { timeout: 10_000 });
}`,
    errors: [
      { messageId: 'secondConnection' as const, line: 5 },
      { messageId: 'secondConnection' as const, line: 6 },
    ],
  },
  {
    name: 'Prisma: an injected client in a service class (fixed to tx)',
    code: `import { PrismaClient } from '@prisma/client';
export class Payouts {
  constructor(private readonly prisma: PrismaClient) {}
  async requeue(id: string) {
    return this.prisma.$transaction(async (tx) => {
      const payout = await tx.payout.findUniqueOrThrow({ where: { id } });
      await this.prisma.payoutEvent.create({ data: { payoutId: payout.id } });
    });
  }
}`,
    output: `import { PrismaClient } from '@prisma/client';
export class Payouts {
  constructor(private readonly prisma: PrismaClient) {}
  async requeue(id: string) {
    return this.prisma.$transaction(async (tx) => {
      const payout = await tx.payout.findUniqueOrThrow({ where: { id } });
      await tx.payoutEvent.create({ data: { payoutId: payout.id } });
    });
  }
}`,
    errors: [{ messageId: 'secondConnection' as const, line: 7 }],
  },
  {
    name: 'TypeORM: a module-level repository inside dataSource.transaction',
    code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
const accounts = dataSource.getRepository('Account');
export async function transfer(fromId: number, amount: number) {
  return dataSource.transaction(async (manager) => {
    await manager.decrement('Account', { id: fromId }, 'balance', amount);
    return accounts.findOneByOrFail({ id: fromId });
  });
}`,
    errors: [{ messageId: 'secondConnection' as const, line: 7 }],
  },
  {
    name: 'TypeORM: dataSource.getRepository inside the transaction (fixed to the manager)',
    code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function confirm(id: number) {
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT 1 FROM sheets WHERE id = $1 FOR UPDATE', [id]);
    await dataSource.getRepository('Sheet').update({ id }, { confirmed: true });
  });
}`,
    output: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function confirm(id: number) {
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT 1 FROM sheets WHERE id = $1 FOR UPDATE', [id]);
    await manager.getRepository('Sheet').update({ id }, { confirmed: true });
  });
}`,
    errors: [{ messageId: 'secondConnection' as const, line: 6 }],
  },
  {
    name: 'knex: a migration that turns the migrator\'s transaction off gets the pool, and a seed always does',
    code: `import type { Knex } from 'knex';
export const config = { transaction: false };
export async function up(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.raw('CREATE TABLE tags (id int)');
    await knex.raw('CREATE INDEX tags_id ON tags (id)');
  });
}
export async function seed(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx('tags').insert({ id: 1 });
    await knex('tags').insert({ id: 2 });
  });
}`,
    output: `import type { Knex } from 'knex';
export const config = { transaction: false };
export async function up(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.raw('CREATE TABLE tags (id int)');
    await trx.raw('CREATE INDEX tags_id ON tags (id)');
  });
}
export async function seed(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx('tags').insert({ id: 1 });
    await trx('tags').insert({ id: 2 });
  });
}`,
    errors: [{ messageId: 'secondConnection' as const, line: 6 }, { messageId: 'secondConnection' as const, line: 12 }],
  },
  {
    name: 'knex: a helper on the same class-built pool as the transaction',
    code: `import knex, { type Knex } from 'knex';
class AppDatabase {
  knex: Knex;
  constructor() {
    this.knex = knex({ client: 'pg', connection: process.env.APP_DATABASE_URL });
  }
  async audit(action: string) {
    await this.knex('audit_log').insert({ action });
  }
}
const app = new AppDatabase();
export async function removeConfig(id: number) {
  await app.knex.transaction(async (trx) => {
    await trx('configs').where({ id }).update({ deleted: true });
    await app.audit('config.removed');
  });
}`,
    errors: [{ messageId: 'secondConnectionInHelper' as const, line: 15 }],
  },
  {
    name: 'knex: a helper given the transaction that still queries through the root',
    code: `import knex, { type Knex } from 'knex';
const db = knex({ client: 'pg' });
async function audit(action: string, options: { trx?: Knex.Transaction }) {
  await db('audit_log').insert({ action, at: options.trx ? 'in transaction' : 'alone' });
}
export async function close(id: number) {
  await db.transaction(async (trx) => {
    await trx('accounts').where({ id }).update({ closed: true });
    await audit('account.closed', { trx });
  });
}`,
    errors: [{
      messageId: 'secondConnectionInHelper' as const,
      line: 9,
      data: {
        what: 'audit()',
        query: 'db(…).insert(…)',
        root: 'db',
        through: '',
        where: 'file.ts:4',
        holder: 'the transaction `trx`',
        from: 'from `db.transaction(…)` on line 7',
        open: '',
        advice: 'it is given `trx` but does not run this query on it: run the query on `trx`',
      },
    }],
  },
  {
    name: 'TypeORM: the message names runner.connect() as the call that takes the connection',
    code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function expire() {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    await dataSource.getRepository('PlanChange').insert({ plan: 'free' });
    await runner.commitTransaction();
  } finally {
    await runner.release();
  }
}`,
    errors: [{
      messageId: 'secondConnection' as const,
      line: 8,
      data: {
        what: 'dataSource.getRepository(…).insert(…)',
        root: 'dataSource',
        holder: 'the query runner `runner`',
        from: 'connected by `runner.connect()` on line 5',
        open: ' with a transaction open',
        advice: 'run it through the query runner\'s entity manager: `runner.manager.getRepository(…)` or `runner.manager.…` instead of `dataSource`',
      },
    }],
  },
  {
    name: 'TypeORM: a runner without connect() connects at startTransaction()',
    code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function expire() {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    await dataSource.getRepository('PlanChange').insert({ plan: 'free' });
    await runner.commitTransaction();
  } finally {
    await runner.release();
  }
}`,
    errors: [{
      messageId: 'secondConnection' as const,
      line: 7,
      data: {
        what: 'dataSource.getRepository(…).insert(…)',
        root: 'dataSource',
        holder: 'the query runner `runner`',
        from: 'connected by `runner.startTransaction()` on line 6',
        open: ' with a transaction open',
        advice: 'run it through the query runner\'s entity manager: `runner.manager.getRepository(…)` or `runner.manager.…` instead of `dataSource`',
      },
    }],
  },
  {
    name: 'TypeORM: a connected runner with no transaction open, and after its commit',
    code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function expire() {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(1)');
    await dataSource.query('SELECT 1');
    await runner.startTransaction();
    await runner.query("UPDATE accounts SET plan = 'free'");
    await runner.commitTransaction();
    await dataSource.query('SELECT 2');
  } finally {
    await runner.release();
  }
}`,
    errors: [
      { messageId: 'secondConnectionWhileCheckedOut' as const, line: 8 },
      { messageId: 'secondConnectionWhileCheckedOut' as const, line: 12 },
    ],
  },
  {
    name: 'pg: the pool before BEGIN on a checked-out client, and inside its transaction',
    code: `import { Pool } from 'pg';
const pool = new Pool({ max: 10 });
export async function move(id: number) {
  const client = await pool.connect();
  try {
    await pool.query('SELECT 1 WHERE $1 > 0', [id]);
    await client.query('BEGIN');
    await pool.query('SELECT 2 WHERE $1 > 0', [id]);
    await client.query('ROLLBACK TO SAVEPOINT a');
    await pool.query('SELECT 3 WHERE $1 > 0', [id]);
    await client.query('COMMIT');
    await pool.query('SELECT 4 WHERE $1 > 0', [id]);
  } finally {
    client.release();
  }
}`,
    output: `import { Pool } from 'pg';
const pool = new Pool({ max: 10 });
export async function move(id: number) {
  const client = await pool.connect();
  try {
    await client.query('SELECT 1 WHERE $1 > 0', [id]);
    await client.query('BEGIN');
    await client.query('SELECT 2 WHERE $1 > 0', [id]);
    await client.query('ROLLBACK TO SAVEPOINT a');
    await client.query('SELECT 3 WHERE $1 > 0', [id]);
    await client.query('COMMIT');
    await client.query('SELECT 4 WHERE $1 > 0', [id]);
  } finally {
    client.release();
  }
}`,
    errors: [
      {
        messageId: 'secondConnectionWhileCheckedOut' as const,
        line: 6,
        data: { what: 'pool.query(…)', root: 'pool', holder: 'the client `client`', from: 'from `pool.connect()` on line 4', advice: 'use `client.query(…)`' },
      },
      { messageId: 'secondConnection' as const, line: 8 },
      { messageId: 'secondConnection' as const, line: 10 },
      { messageId: 'secondConnectionWhileCheckedOut' as const, line: 12 },
    ],
  },
  {
    name: 'mysql2: a helper on the pool while beginTransaction() is open on the connection',
    code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ connectionLimit: 10 });
async function audit(id: number) {
  await pool.execute('INSERT INTO audit (id) VALUES (?)', [id]);
}
export async function move(id: number) {
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    await audit(id);
    await connection.commit();
    await audit(id);
  } finally {
    connection.release();
  }
}`,
    errors: [
      { messageId: 'secondConnectionInHelper' as const, line: 10 },
      { messageId: 'secondConnectionInHelperWhileCheckedOut' as const, line: 12 },
    ],
  },
  {
    name: 'TypeORM: the data source while a query runner holds its transaction',
    code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function expire() {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    await runner.query("UPDATE accounts SET plan = 'free'");
    await dataSource.getRepository('PlanChange').insert({ plan: 'free' });
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}`,
    errors: [{ messageId: 'secondConnection' as const, line: 9 }],
  },
  {
    name: 'Sequelize: a model call without { transaction } in a managed transaction',
    code: `import { Sequelize, Model } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Room extends Model {}
class Reservation extends Model {}
export async function reserve(roomId: number, guest: string) {
  return sequelize.transaction(async (t) => {
    const reservation = await Reservation.create({ roomId, guest }, { transaction: t });
    await Room.decrement('available', { by: 1, where: { id: roomId } });
    return reservation;
  });
}`,
    errors: [{ messageId: 'secondConnection' as const, line: 8 }],
  },
  {
    name: 'Sequelize: a helper that is given the transaction but queries without it',
    code: `import { Sequelize, Model, type Transaction } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Pub extends Model {}
class Anchor extends Model {}
async function draftOf(pubId: string) {
  return Pub.findOne({ where: { id: pubId } });
}
async function createAnchors(pubId: string, transaction: Transaction) {
  const draft = await draftOf(pubId);
  await Anchor.bulkCreate([{ pubId, draft }], { transaction });
}
export async function release(pubId: string) {
  await sequelize.transaction(async (txn) => {
    await createAnchors(pubId, txn);
  });
}`,
    errors: [{ messageId: 'secondConnectionInHelper' as const, line: 14 }],
  },
  {
    name: 'Drizzle: the root db inside db.transaction (fixed to tx)',
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { pgTable, serial, integer, text } from 'drizzle-orm/pg-core';
import { eq } from 'drizzle-orm';
const keys = pgTable('keys', { id: serial('id').primaryKey(), deletedAt: integer('deleted_at') });
const auditLogs = pgTable('audit_logs', { id: serial('id').primaryKey(), event: text('event') });
const db = drizzle(process.env.DATABASE_URL!);
export async function deleteKey(id: number) {
  await db.transaction(async (tx) => {
    await db.update(keys).set({ deletedAt: Date.now() }).where(eq(keys.id, id));
    await tx.insert(auditLogs).values({ event: 'key.delete' });
  });
}`,
    output: `import { drizzle } from 'drizzle-orm/node-postgres';
import { pgTable, serial, integer, text } from 'drizzle-orm/pg-core';
import { eq } from 'drizzle-orm';
const keys = pgTable('keys', { id: serial('id').primaryKey(), deletedAt: integer('deleted_at') });
const auditLogs = pgTable('audit_logs', { id: serial('id').primaryKey(), event: text('event') });
const db = drizzle(process.env.DATABASE_URL!);
export async function deleteKey(id: number) {
  await db.transaction(async (tx) => {
    await tx.update(keys).set({ deletedAt: Date.now() }).where(eq(keys.id, id));
    await tx.insert(auditLogs).values({ event: 'key.delete' });
  });
}`,
    errors: [{ messageId: 'secondConnection' as const, line: 9 }],
  },
  {
    name: 'Kysely: the root db inside db.transaction().execute (fixed to trx)',
    code: `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
interface Database { carts: { id: string; checked_out: boolean }; cart_items: { cart_id: string; qty: number } }
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new Pool() }) });
export async function checkout(cartId: string) {
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('carts').set({ checked_out: true }).where('id', '=', cartId).execute();
    return db.selectFrom('cart_items').selectAll().where('cart_id', '=', cartId).execute();
  });
}`,
    output: `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
interface Database { carts: { id: string; checked_out: boolean }; cart_items: { cart_id: string; qty: number } }
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new Pool() }) });
export async function checkout(cartId: string) {
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('carts').set({ checked_out: true }).where('id', '=', cartId).execute();
    return trx.selectFrom('cart_items').selectAll().where('cart_id', '=', cartId).execute();
  });
}`,
    errors: [{ messageId: 'secondConnection' as const, line: 8 }],
  },
  {
    name: 'postgres.js: the outer sql inside sql.begin (fixed to tx)',
    code: `import postgres from 'postgres';
const sql = postgres(process.env.DATABASE_URL!);
export async function transfer(from: number, to: number) {
  await sql.begin(async (tx) => {
    await tx\`update accounts set balance = balance - 1 where id = \${from}\`;
    await sql\`update accounts set balance = balance + 1 where id = \${to}\`;
  });
}`,
    output: `import postgres from 'postgres';
const sql = postgres(process.env.DATABASE_URL!);
export async function transfer(from: number, to: number) {
  await sql.begin(async (tx) => {
    await tx\`update accounts set balance = balance - 1 where id = \${from}\`;
    await tx\`update accounts set balance = balance + 1 where id = \${to}\`;
  });
}`,
    errors: [{ messageId: 'secondConnection' as const, line: 6 }],
  },
  {
    name: 'pg: pool.query while a client is checked out (fixed to the client)',
    code: `import { Pool } from 'pg';
const pool = new Pool({ max: 10 });
export async function close(invoiceId: string) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await pool.query('SELECT balance FROM customers WHERE id = $1', [invoiceId]);
    await client.query('UPDATE customers SET balance = $1', [rows[0].balance]);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}`,
    output: `import { Pool } from 'pg';
const pool = new Pool({ max: 10 });
export async function close(invoiceId: string) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query('SELECT balance FROM customers WHERE id = $1', [invoiceId]);
    await client.query('UPDATE customers SET balance = $1', [rows[0].balance]);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}`,
    errors: [{ messageId: 'secondConnection' as const, line: 7 }],
  },
  {
    name: 'pg: a second pool.connect() while a client is held',
    code: `import { Pool } from 'pg';
const pool = new Pool({ max: 10 });
export async function copy() {
  const source = await pool.connect();
  try {
    const target = await pool.connect();
    try {
      await target.query('SELECT 1');
    } finally {
      target.release();
    }
  } finally {
    source.release();
  }
}`,
    errors: [{ messageId: 'secondConnectionWhileCheckedOut' as const, line: 6 }],
  },
  {
    name: 'mysql2: pool.query while a connection is checked out (fixed to the connection)',
    code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ connectionLimit: 10 });
export async function move(id: number) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await pool.query('UPDATE stock SET qty = qty - 1 WHERE id = ?', [id]);
    await conn.commit();
  } finally {
    conn.release();
  }
}`,
    output: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ connectionLimit: 10 });
export async function move(id: number) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('UPDATE stock SET qty = qty - 1 WHERE id = ?', [id]);
    await conn.commit();
  } finally {
    conn.release();
  }
}`,
    errors: [{ messageId: 'secondConnection' as const, line: 7 }],
  },
  {
    name: 'knex: a helper that opens its own transaction when none is passed, called without one',
    code: `import knex, { type Knex } from 'knex';
export class Groups {
  constructor(private readonly knex: Knex) {}
  async groupsOf(userId: number, transaction?: Knex) {
    if (transaction) {
      return transaction('group_members').where({ user_id: userId });
    }
    return this.knex.transaction(async (trx) => trx('group_members').where({ user_id: userId }));
  }
  async levelOf(userId: number) {
    return this.knex.transaction(async (transaction) => {
      await transaction('notes').where({ owner_id: userId }).forUpdate();
      return this.groupsOf(userId);
    });
  }
}`,
    errors: [{ messageId: 'secondConnectionInHelper' as const, line: 13 }],
  },
  {
    name: 'TypeORM: a repository interface whose implementation uses the root data source, called in the transaction',
    code: `import { DataSource } from 'typeorm';
export interface TokenRepository {
  markUsed(id: string): Promise<void>;
}
export class TypeormTokenRepository implements TokenRepository {
  constructor(private readonly connection: DataSource) {}
  async markUsed(id: string) {
    await this.connection.getRepository('Token').update({ id }, { used: true });
  }
}
export class ConfirmToken {
  constructor(private readonly dataSource: DataSource, private readonly tokens: TokenRepository) {}
  async confirm(id: string) {
    return this.dataSource.transaction(async (manager) => {
      await manager.getRepository('Token').findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      await this.tokens.markUsed(id);
    });
  }
}`,
    errors: [{ messageId: 'secondConnectionInHelper' as const, line: 16 }],
  },
  {
    name: 'knex: an abstract method implemented by a subclass that queries through the root',
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
abstract class Step {
  abstract run(id: number): Promise<void>;
}
class NotifyStep extends Step {
  async run(id: number) {
    await db('notifications').insert({ order_id: id });
  }
}
export async function complete(step: Step, id: number) {
  await db.transaction(async (trx) => {
    await trx('orders').where({ id }).update({ done: true });
    await step.run(id);
  });
}
export const steps = [new NotifyStep()];`,
    errors: [{ messageId: 'secondConnectionInHelper' as const, line: 14 }],
  },
  {
    name: 'Sequelize: a helper that queries when the option the caller passes is set',
    code: `import { Sequelize, Model } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Attachment extends Model {}
class Doc extends Model {
  declare content: string;
}
async function render(doc: Doc, options?: { signedUrls?: number; teamId?: string }) {
  if (options?.signedUrls && options.teamId) {
    const attachments = await Attachment.findAll({ where: { teamId: options.teamId } });
    return { content: doc.content, attachments };
  }
  return { content: doc.content };
}
export async function publish(id: string, teamId: string) {
  await sequelize.transaction(async (transaction) => {
    const doc = await Doc.findByPk(id, { transaction, rejectOnEmpty: true });
    const rendered = await render(doc, { signedUrls: 60, teamId });
    await doc.update({ content: JSON.stringify(rendered) }, { transaction });
  });
}`,
    errors: [{ messageId: 'secondConnectionInHelper' as const, line: 17 }],
  },
  {
    name: 'knex: the pool and a helper imported from the project\'s modules (untyped: read from disk)',
    code: `import { db } from './transactions-db';
import { recordEvent } from './transactions-audit';
export async function suspend(id: number) {
  await db.transaction(async (trx) => {
    await trx('accounts').where({ id }).update({ suspended: true });
    await recordEvent(id, 'suspended');
  });
}`,
    errors: [{ messageId: 'secondConnectionInHelper' as const, line: 6 }],
  },
  {
    name: 'knex: a helper that returns a builder on the root, queried inside the transaction',
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
function notes() {
  return db('notes');
}
export async function archive(ownerId: number) {
  await db.transaction(async (trx) => {
    await trx('owners').where({ id: ownerId }).update({ archived: true });
    await notes().where({ owner_id: ownerId }).update({ archived: true });
  });
}`,
    errors: [{ messageId: 'secondConnection' as const, line: 9 }],
  },
  {
    name: 'knex: a wrapper that forwards the callback to db.transaction, the root queried inside',
    code: `import knex, { type Knex } from 'knex';
const db = knex({ client: 'pg' });
export function inTransaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return db.transaction(work);
}
export async function close(id: number) {
  await inTransaction(async (trx) => {
    await trx('accounts').where({ id }).update({ closed: true });
    await db('audit').insert({ account_id: id });
  });
}`,
    errors: [{ messageId: 'secondConnection' as const, line: 9 }],
    output: `import knex, { type Knex } from 'knex';
const db = knex({ client: 'pg' });
export function inTransaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return db.transaction(work);
}
export async function close(id: number) {
  await inTransaction(async (trx) => {
    await trx('accounts').where({ id }).update({ closed: true });
    await trx('audit').insert({ account_id: id });
  });
}`,
  },
  {
    name: 'TypeORM: a connection interface whose implementation forwards the callback, a store on the root repository',
    code: `import { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
export interface Connection {
  getRepository<E extends ObjectLiteral>(target: EntityTarget<E>): Repository<E>;
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
}
export class ConnectionProxy implements Connection {
  constructor(private readonly dataSource: DataSource) {}
  getRepository<E extends ObjectLiteral>(target: EntityTarget<E>): Repository<E> {
    return this.dataSource.getRepository(target);
  }
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
export class InvoiceStore {
  constructor(private readonly connection: Connection) {}
  async markPaid(id: string) {
    const invoices = this.connection.getRepository('Invoice');
    await invoices.update({ id }, { paid: true });
  }
}
export class PayInvoice {
  constructor(private readonly connection: Connection, private readonly invoices: InvoiceStore) {}
  async pay(id: string) {
    return this.connection.transaction(async (manager) => {
      await manager.getRepository('Invoice').findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      await this.invoices.markPaid(id);
    });
  }
}`,
    errors: [{ messageId: 'secondConnectionInHelper' as const, line: 27 }],
  },
  {
    name: 'TypeORM: a helper whose closure saves through the data source it is given, called with the root',
    code: `import { DataSource, EntityManager } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
async function addMembers(manager: EntityManager, teamId: string, userIds: string[]) {
  const addAll = async (entity: string, ids: string[]) => {
    const members = manager.getRepository(entity);
    for (const id of ids) await members.save({ teamId, userId: id });
  };
  await addAll('Member', userIds);
}
export async function createTeam(id: string, userIds: string[]) {
  await dataSource.transaction(async (manager) => {
    await manager.getRepository('Team').save({ id });
    await addMembers(dataSource.manager, id, userIds);
  });
}`,
    errors: [{ messageId: 'secondConnectionInHelper' as const, line: 13 }],
  },
  {
    name: 'knex: a database object built with new, queried through its field by a helper inside its transaction',
    code: `import knex, { type Knex } from 'knex';
class Database {
  knex: Knex;
  constructor() {
    this.knex = knex({ client: 'pg' });
  }
}
const db = new Database();
async function isEnabled(id: number) {
  const rows = await db.knex.select('enabled').from('environments').where({ id });
  return rows.length > 0;
}
export async function resolve(id: number) {
  await db.knex.transaction(async (trx) => {
    if (!(await isEnabled(id))) return;
    await trx('notifications').where({ id }).update({ open: false });
  });
}`,
    errors: [{ messageId: 'secondConnectionInHelper' as const, line: 15 }],
  },
  {
    name: 'Drizzle: a client kept on globalThis, built on the first load and read back, queried by a helper inside its transaction',
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
const cache = globalThis as unknown as { reportsDb?: ReturnType<typeof drizzle> };
if (!cache.reportsDb) {
  cache.reportsDb = drizzle(process.env.DATABASE_URL!);
}
export const db = cache.reportsDb;
async function countOpen(ownerId: string) {
  return db.execute(\`select count(*) from reports where owner = '\${ownerId}'\`);
}
export async function archive(ownerId: string) {
  await db.transaction(async (tx) => {
    await tx.execute('update reports set archived = true');
    await countOpen(ownerId);
  });
}`,
    errors: [{ messageId: 'secondConnectionInHelper' as const, line: 13 }],
  },
];

// Untyped runs read the package around the file for Sequelize's CLS switch: the fixture package, not this repository.
const filename = path.join(ruleTesterRoot, 'file.ts');
const inFixture = <T extends object>(cases: readonly T[]): T[] => cases.map((testCase) => ({ filename, ...testCase }));

createUntypedRuleTester().run('no-query-outside-transaction (untyped)', rule, {
  valid: [
    ...inFixture(sharedValid),
    {
      name: 'untyped: Sequelize CLS turned on in another file of the package',
      filename: path.join(ruleTesterRoot, '../cls-package/file.ts'),
      code: `import { Sequelize, Model } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Order extends Model {}
export async function place(sku: string) {
  return sequelize.transaction(async () => Order.create({ sku }));
}`,
    },
  ],
  invalid: inFixture(sharedInvalid),
});

createTypedRuleTester().run('no-query-outside-transaction (typed)', rule, {
  valid: sharedValid,
  invalid: sharedInvalid,
});
