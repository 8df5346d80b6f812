import rule from '../../rules/no-io-in-transaction.js';
import path from 'node:path';

import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

import { createTypedRuleTester, createUntypedRuleTester, ruleTesterRoot } from '../helpers/rule-testers.js';

const moveOutOfTransaction = 'Move it before the transaction, after the commit, or into an outbox row written in the transaction and sent afterwards.';
const moveOutOfCheckout = 'Move it before the connection is taken or after it is released.';

// The same literal cases run untyped (imports followed syntactically) and typed (real library types; the SDKs that
// are not installed resolve by their import alone).
const sharedValid = [
  {
    name: 'knex: the notification is sent after the commit',
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function approve(id: number) {
  const expense = await db.transaction(async (trx) => {
    await trx('expenses').where({ id }).update({ status: 'approved' });
    return trx('expenses').where({ id }).first();
  });
  await fetch('https://hooks.example.com/approved', { method: 'POST', body: JSON.stringify(expense) });
}`,
  },
  {
    name: 'Prisma: the rate is fetched before the transaction',
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function convert(walletId: string) {
  const res = await fetch('https://rates.example.com/latest');
  const { rate } = (await res.json()) as { rate: number };
  return prisma.$transaction(async (tx) => {
    const wallet = await tx.wallet.findUniqueOrThrow({ where: { id: walletId } });
    return tx.wallet.update({ where: { id: walletId }, data: { balance: wallet.balance * rate } });
  });
}`,
  },
  {
    name: 'TypeORM: an outbox row instead of the call',
    code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function dispatch(id: number) {
  await dataSource.transaction(async (manager) => {
    await manager.update('Shipment', { id }, { status: 'dispatched' });
    await manager.insert('OutboxMessage', { topic: 'shipment.dispatched', payload: { id } });
  });
}`,
  },
  {
    name: 'pg: only database awaits while the client is held, the request after the release',
    code: `import { Pool } from 'pg';
const pool = new Pool({ max: 10 });
export async function credit(id: string) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE invoices SET credited = true WHERE id = $1', [id]);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
  await fetch('https://hooks.example.com/credited');
}`,
  },
  {
    name: 'knex: a request started and not awaited does not keep the transaction waiting',
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function ping(id: number) {
  await db.transaction(async (trx) => {
    void fetch('https://metrics.example.com/ping');
    await trx('pings').insert({ id });
  });
}`,
  },
  {
    name: 'knex: a project function named fetch is not the global one',
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
async function fetch(id: number) {
  return { id };
}
export async function load(id: number) {
  await db.transaction(async (trx) => {
    const row = await fetch(id);
    await trx('rows').insert(row);
  });
}`,
  },
  {
    name: 'Drizzle: a timer scheduled for later is not a sleep',
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
const db = drizzle(process.env.DATABASE_URL!);
export async function touch(refresh: () => void) {
  await db.transaction(async (tx) => {
    setTimeout(refresh, 1000);
    await tx.execute('select 1');
  });
}`,
  },
  {
    name: 'Stripe: verifying a webhook signature is local',
    code: `import Stripe from 'stripe';
import knex from 'knex';
const stripe = new Stripe('sk_test');
const db = knex({ client: 'pg' });
export async function record(body: string, signature: string) {
  await db.transaction(async (trx) => {
    const event = stripe.webhooks.constructEvent(body, signature, 'whsec');
    await trx('stripe_events').insert({ id: event.id });
  });
}`,
  },
  {
    name: 'an interface whose only implementation is local work',
    code: `import knex from 'knex';
interface Formatter {
  format(id: number): Promise<string>;
}
class PlainFormatter implements Formatter {
  async format(id: number) {
    return \`order \${id}\`;
  }
}
const db = knex({ client: 'pg' });
export async function label(formatter: Formatter, id: number) {
  await db.transaction(async (trx) => {
    const text = await formatter.format(id);
    await trx('labels').insert({ id, text });
  });
}
export const formatter = new PlainFormatter();`,
  },
  {
    name: 'a notifier whose retry runs a request helper, called after the transaction resolved',
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
function endpoint(baseUrl: string, path: string) {
  return async (body: unknown) => {
    const res = await fetch(baseUrl + path, { method: 'POST', body: JSON.stringify(body) });
    return res.json();
  };
}
async function retry<T>(attempt: () => Promise<T>, times: number): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= times) throw error;
    }
  }
}
export class Notifier {
  constructor(private readonly baseUrl: string) {}
  async notify(text: string) {
    const send = async () => endpoint(this.baseUrl, '/messages')({ text });
    return retry(send, 3);
  }
}
export async function resolveIncident(id: number, notifier: Notifier) {
  await db.transaction(async (trx) => {
    await trx('incidents').where({ id }).update({ open: false });
  });
  await notifier.notify('incident resolved');
}`,
  },
  {
    name: 'a request registered as a handler inside the transaction, not awaited there',
    code: `import { EventEmitter } from 'node:events';
import knex from 'knex';
const db = knex({ client: 'pg' });
const events = new EventEmitter();
export async function close(id: number, hook: string) {
  await db.transaction(async (trx) => {
    const announce = async () => fetch(hook, { method: 'POST' });
    events.once('closed', announce);
    await trx('tickets').where({ id }).update({ open: false });
  });
  events.emit('closed');
}`,
  },
  {
    name: 'TypeORM: an HTTP call between creating a query runner and connecting it holds nothing',
    code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function expire(url: string) {
  const runner = dataSource.createQueryRunner();
  const plan = await fetch(url);
  await runner.connect();
  try {
    await runner.query('UPDATE accounts SET plan = $1', [plan.status]);
  } finally {
    await runner.release();
  }
  await fetch(url);
}`,
  },
  {
    name: 'mysql2: a backoff in the catch of the try that acquired the connection, which that catch cannot reach',
    code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ connectionLimit: 10 });
export async function getReadyConnection() {
  for (let attempt = 1; attempt <= 5; attempt++) {
    try {
      const connection = await pool.getConnection();
      await connection.ping();
      return connection;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
  throw new Error('database unreachable');
}`,
  },
  {
    name: 'mysql2: a standalone connection is no pool slot',
    code: `import mysql from 'mysql2/promise';
export async function report(url: string) {
  const connection = await mysql.createConnection({ host: 'db' });
  try {
    const [rows] = await connection.query('SELECT count(*) AS n FROM orders');
    await fetch(url, { method: 'POST', body: JSON.stringify(rows) });
  } finally {
    await connection.end();
  }
}`,
  },
  {
    name: 'middleware: the transaction commits before next(), so the handlers after it hold nothing',
    code: `import express from 'express';
import knex from 'knex';
const db = knex({ client: 'pg' });
const app = express();
app.use(async (req, res, next) => {
  await db.transaction(async (trx) => {
    await trx('visits').insert({ path: req.path });
  });
  next();
});
app.post('/orders', async (req, res) => {
  await fetch('https://hooks.example.com/orders', { method: 'POST' });
  res.sendStatus(204);
});`,
  },
  {
    name: 'middleware: handlers registered before it, and another router, run outside its transaction',
    code: `import express from 'express';
import knex from 'knex';
const db = knex({ client: 'pg' });
const app = express();
const billing = express.Router();
const status = express.Router();
app.get('/health', async (req, res) => {
  await fetch('https://status.example.com/ping');
  res.sendStatus(204);
});
billing.use(async (req, res, next) => {
  await db.transaction(async (trx) => {
    res.locals.trx = trx;
    await new Promise((resolve) => { res.on('finish', resolve); next(); });
  });
});
status.get('/upstream', async (req, res) => {
  const upstream = await fetch('https://status.example.com/upstream');
  res.json({ ok: upstream.ok });
});
app.use('/status', status);`,
  },
  {
    name: 'middleware: Express\'s next() returns at once, so awaiting it inside the transaction holds nothing for the handlers',
    code: `import express from 'express';
import knex from 'knex';
const db = knex({ client: 'pg' });
const app = express();
app.use(async (req, res, next) => {
  await db.transaction(async (trx) => {
    res.locals.trx = trx;
    await next();
  });
});
app.post('/orders', async (req, res) => {
  await fetch('https://hooks.example.com/orders', { method: 'POST' });
  res.sendStatus(204);
});`,
  },
  {
    name: 'middleware: a (ctx, next) middleware that does not wait for next() inside its transaction',
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
declare const app: { use(...args: unknown[]): void; get(...args: unknown[]): void };
app.use(async (ctx: { state: Record<string, unknown> }, next: () => Promise<void>) => {
  await db.transaction(async (trx) => {
    ctx.state.trx = trx;
    void next();
  });
});
app.get('/feed', async () => {
  await fetch('https://feeds.example.com/latest');
});`,
  },
  {
    name: 'a helper that starts a pause and a request without awaiting them does not wait on them',
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function ping(url: string) {
  await fetch(url, { method: 'POST' });
}
async function slugify(title: string) {
  pause(20);
  void ping('https://metrics.example.com/slug');
  return title.toLowerCase().replace(/\\s+/g, '-');
}
export async function retitle(id: number, title: string) {
  await db.transaction(async (trx) => {
    const slug = await slugify(title);
    await trx('posts').where({ id }).update({ title, slug });
  });
}`,
  },
  {
    name: 'ssh2: the remote command runs after the commit',
    code: `import knex from 'knex';
import { Client } from 'ssh2';
const db = knex({ client: 'pg' });
function runRemote(host: string, command: string) {
  return new Promise<void>((resolve, reject) => {
    const ssh = new Client();
    ssh
      .on('ready', () => {
        ssh.exec(command, (error, stream) => {
          if (error) return reject(error);
          stream.on('close', () => {
            ssh.end();
            resolve();
          });
        });
      })
      .on('error', reject)
      .connect({ host, username: 'deploy' });
  });
}
export async function rotate(id: number, host: string) {
  await db.transaction(async (trx) => {
    await trx('servers').where({ id }).update({ rotated: true });
  });
  await runRemote(host, 'systemctl reload app');
}`,
  },
];

const sharedInvalid = [
  {
    name: 'knex: fetch inside the transaction callback',
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function capture(orderId: number) {
  return db.transaction(async (trx) => {
    const order = await trx('orders').where({ id: orderId }).forUpdate().first();
    const res = await fetch(\`https://payments.example.com/charges/\${order.charge_id}/capture\`, { method: 'POST' });
    await trx('orders').where({ id: orderId }).update({ status: res.ok ? 'captured' : 'failed' });
  });
}`,
    errors: [{ messageId: 'ioWhileHeld' as const, line: 6 }],
  },
  {
    name: 'pg: a Stripe refund while the client is checked out',
    code: `import { Pool } from 'pg';
import Stripe from 'stripe';
const pool = new Pool({ max: 10 });
const stripe = new Stripe('sk_test');
export async function refund(orderId: string) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query('SELECT payment_intent FROM orders WHERE id = $1 FOR UPDATE', [orderId]);
    const refund = await stripe.refunds.create({ payment_intent: rows[0].payment_intent });
    await client.query('UPDATE orders SET refund_id = $2 WHERE id = $1', [orderId, refund.id]);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}`,
    errors: [{ messageId: 'ioWhileHeld' as const, line: 10 }],
  },
  {
    name: 'knex: a Stripe client taken by a destructuring assignment from a helper, called in the transaction',
    code: `import knex from 'knex';
import Stripe from 'stripe';
const db = knex({ client: 'pg' });
async function getClient(key: string): Promise<{ stripe: Stripe; account: string }> {
  return { stripe: new Stripe(key), account: 'acct_1' };
}
export async function payLink(invoiceId: string, key: string) {
  await db.transaction(async (trx) => {
    let stripe, account: string;
    ({ stripe, account } = await getClient(key));
    const session = await stripe.checkout.sessions.create({ mode: 'payment', metadata: { invoiceId, account } });
    await trx('invoices').where({ id: invoiceId }).update({ session_id: session.id });
  });
}`,
    errors: [{ messageId: 'ioWhileHeld' as const, line: 11 }],
  },
  {
    name: 'Sequelize: an email sent through SendGrid inside the transaction',
    code: `import { Sequelize, Model } from 'sequelize';
import sgMail from '@sendgrid/mail';
const sequelize = new Sequelize('postgres://localhost/app');
class User extends Model {}
export async function signUp(email: string) {
  return sequelize.transaction(async (transaction) => {
    const user = await User.create({ email }, { transaction });
    await sgMail.send({ to: email, from: 'no-reply@example.com', subject: 'Welcome', text: 'Hello' });
    return user;
  });
}`,
    errors: [{ messageId: 'ioWhileHeld' as const, line: 8 }],
  },
  {
    name: 'Prisma: a backoff sleep from node:timers/promises',
    code: `import { setTimeout as sleep } from 'node:timers/promises';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function requeue(id: string) {
  return prisma.$transaction(async (tx) => {
    const payout = await tx.payout.findUniqueOrThrow({ where: { id } });
    await sleep(2 ** payout.attempts * 250);
    return tx.payout.update({ where: { id }, data: { status: 'queued' } });
  });
}`,
    errors: [{ messageId: 'ioWhileHeld' as const, line: 7 }],
  },
  {
    name: 'Drizzle: a sleep written as a promise around setTimeout',
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
const db = drizzle(process.env.DATABASE_URL!);
export async function retry() {
  await db.transaction(async (tx) => {
    await tx.execute('select 1');
    await new Promise((resolve) => setTimeout(resolve, 500));
  });
}`,
    errors: [{
      messageId: 'ioWhileHeld' as const,
      line: 6,
      data: { what: 'new Promise(… setTimeout(…) …)', io: 'a sleep', holder: 'the transaction `tx`', from: 'from `db.transaction(…)` on line 4', advice: moveOutOfTransaction },
    }],
  },
  {
    name: 'TypeORM: a webhook call while a query runner holds its transaction',
    code: `import { DataSource } from 'typeorm';
import axios from 'axios';
const dataSource = new DataSource({ type: 'postgres' });
export async function expire(url: string) {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    const expired = await runner.query("UPDATE accounts SET plan = 'free' RETURNING id");
    await axios.post(url, { expired });
    await runner.commitTransaction();
  } finally {
    await runner.release();
  }
}`,
    errors: [{
      messageId: 'ioWhileHeld' as const,
      line: 10,
      data: { what: 'axios.post(…)', io: 'an HTTP request', holder: 'the query runner `runner`', from: 'connected by `runner.connect()` on line 6', advice: moveOutOfTransaction },
    }],
  },
  {
    name: 'TypeORM: a webhook call while a query runner holds a connection with no transaction open',
    code: `import { DataSource } from 'typeorm';
import axios from 'axios';
const dataSource = new DataSource({ type: 'postgres' });
export async function expire(url: string) {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const expired = await runner.query("UPDATE accounts SET plan = 'free' RETURNING id");
    await axios.post(url, { expired });
  } finally {
    await runner.release();
  }
}`,
    errors: [{
      messageId: 'ioWhileHeld' as const,
      line: 9,
      data: { what: 'axios.post(…)', io: 'an HTTP request', holder: 'the query runner `runner`', from: 'connected by `runner.connect()` on line 6', advice: moveOutOfCheckout },
    }],
  },
  {
    name: 'mysql2: a backoff in a catch while the connection taken before the try is still held',
    code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ connectionLimit: 10 });
export async function settle(id: number) {
  const connection = await pool.getConnection();
  try {
    await connection.query('UPDATE orders SET settled = 1 WHERE id = ?', [id]);
  } catch {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await connection.query('UPDATE orders SET settled = 1 WHERE id = ?', [id]);
  } finally {
    connection.release();
  }
}`,
    errors: [{ messageId: 'ioWhileHeld' as const, line: 8 }],
  },
  {
    name: 'middleware: the handlers registered after an Express middleware that waits for the response inside its transaction',
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
  await res.locals.trx('orders').insert({ id: req.body.id });
  await fetch('https://hooks.example.com/orders', { method: 'POST' });
  res.sendStatus(204);
});`,
    errors: [{
      messageId: 'ioWhileHeld' as const,
      line: 13,
      data: { what: 'fetch(…)', io: 'an HTTP request', holder: 'the request transaction', from: 'from `app.use(…)` on line 5', advice: moveOutOfTransaction },
    }],
  },
  {
    name: 'middleware: a named (ctx, next) middleware through a project wrapper, in a handler list and before a mounted router',
    code: `import { AsyncLocalStorage } from 'node:async_hooks';
import { drizzle } from 'drizzle-orm/node-postgres';
const db = drizzle(process.env.DATABASE_URL!);
const current = new AsyncLocalStorage<unknown>();
async function withTenant<T>(tenant: string, fn: () => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => current.run(tx, fn));
}
function guard(ctx: { path: string }, next: () => Promise<void>) {
  return ctx.path.startsWith('/internal') ? Promise.resolve() : next();
}
async function tenantScope(ctx: { tenant: string; path: string }, next: () => Promise<void>) {
  return withTenant(ctx.tenant, async () => guard(ctx, next));
}
declare const api: { use(...args: unknown[]): void; route(path: string, router: unknown): void; post(...args: unknown[]): void };
declare const invoices: { post(...args: unknown[]): void };
api.post('/quotes', tenantScope, async () => {
  await fetch('https://pricing.example.com/quote');
});
api.use(tenantScope);
api.route('/invoices', invoices);
invoices.post('/:id/pay-link', async () => {
  await fetch('https://payments.example.com/checkout', { method: 'POST' });
});`,
    errors: [{ messageId: 'ioWhileHeld' as const, line: 17 }, { messageId: 'ioWhileHeld' as const, line: 22 }],
  },
  {
    name: 'TypeORM: an S3 upload and an SQS message inside the transaction manager',
    code: `import { DataSource } from 'typeorm';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
const dataSource = new DataSource({ type: 'postgres' });
const s3 = new S3Client({});
const sqs = new SQSClient({});
export async function attach(id: number, body: Buffer) {
  await dataSource.transaction(async (manager) => {
    await manager.insert('Attachment', { id });
    await s3.send(new PutObjectCommand({ Bucket: 'files', Key: String(id), Body: body }));
    await sqs.send(new SendMessageCommand({ QueueUrl: 'q', MessageBody: String(id) }));
  });
}`,
    errors: [{ messageId: 'ioWhileHeld' as const, line: 10 }, { messageId: 'ioWhileHeld' as const, line: 11 }],
  },
  {
    name: 'knex: a queue publish and a mail through nodemailer',
    code: `import knex from 'knex';
import nodemailer from 'nodemailer';
import { Queue } from 'bullmq';
const db = knex({ client: 'pg' });
const mailer = nodemailer.createTransport({ host: 'smtp.example.com' });
const queue = new Queue('emails');
export async function invite(email: string) {
  await db.transaction(async (trx) => {
    await trx('invites').insert({ email });
    await queue.add('invite', { email });
    await mailer.sendMail({ to: email, subject: 'Invitation' });
  });
}`,
    errors: [{ messageId: 'ioWhileHeld' as const, line: 10 }, { messageId: 'ioWhileHeld' as const, line: 11 }],
  },
  {
    name: 'knex: a helper of the same file that calls an HTTP API',
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
async function notifySlack(text: string) {
  await fetch('https://hooks.slack.com/services/x', { method: 'POST', body: JSON.stringify({ text }) });
}
async function report(id: number) {
  await notifySlack(\`removed \${id}\`);
}
export async function removeFailing(id: number) {
  await db.transaction(async (trx) => {
    await trx('connections').where({ id }).forUpdate().first();
    await trx('connections').where({ id }).del();
    await report(id);
  });
}`,
    errors: [{ messageId: 'ioInHelperWhileHeld' as const, line: 13 }],
  },
  {
    name: 'pg: a callback-style https request the code waits for',
    code: `import { Pool } from 'pg';
import https from 'node:https';
const pool = new Pool({ max: 10 });
export async function sync(id: string) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT url FROM feeds WHERE id = $1', [id]);
    await new Promise((resolve) => https.get(rows[0].url, resolve));
  } finally {
    client.release();
  }
}`,
    errors: [{ messageId: 'ioWhileHeld' as const, line: 8 }],
  },
  {
    name: 'a transaction wrapper: the callback given to it runs inside the transaction it opens',
    code: `import { AsyncLocalStorage } from 'node:async_hooks';
import { drizzle } from 'drizzle-orm/node-postgres';
const db = drizzle(process.env.DATABASE_URL!);
const current = new AsyncLocalStorage<unknown>();
async function withTenant<T>(tenant: string, fn: () => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(\`select set_config('app.tenant', '\${tenant}', true)\`);
    return current.run(tx, fn);
  });
}
const withSystem = <T>(fn: () => Promise<T>) => withTenant('system', fn);
export async function poll(url: string) {
  return withSystem(async () => {
    const res = await fetch(url);
    return res.status;
  });
}`,
    errors: [{ messageId: 'ioWhileHeld' as const, line: 14 }],
  },
  {
    name: 'Prisma: a source interface whose implementations call HTTP APIs, reached through a helper',
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
interface FeedSource {
  fetchItem(uri: string): Promise<unknown>;
}
class RssSource implements FeedSource {
  async fetchItem(uri: string) {
    return this.get(uri);
  }
  private async get(uri: string) {
    const res = await fetch(uri);
    return res.json();
  }
}
async function resolveAll(source: FeedSource, uris: string[]) {
  for (const uri of uris) await source.fetchItem(uri);
}
export async function importBatch(source: FeedSource, uris: string[]) {
  await prisma.$transaction(async (tx) => {
    await resolveAll(source, uris);
    await tx.item.createMany({ data: uris.map((uri) => ({ uri })) });
  });
}
export const source = new RssSource();`,
    errors: [{ messageId: 'ioInHelperWhileHeld' as const, line: 20 }],
  },
  {
    name: 'a notifier whose retry runs a function a request helper returns, awaited in the transaction',
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
function endpoint(baseUrl: string, path: string) {
  return async (body: unknown) => {
    const res = await fetch(baseUrl + path, { method: 'POST', body: JSON.stringify(body) });
    return res.json();
  };
}
async function retry<T>(attempt: () => Promise<T>, times: number): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= times) throw error;
    }
  }
}
export class Notifier {
  constructor(private readonly baseUrl: string) {}
  async notify(text: string) {
    const send = async () => endpoint(this.baseUrl, '/messages')({ text });
    return retry(send, 3);
  }
}
export async function resolveIncident(id: number, notifier: Notifier) {
  await db.transaction(async (trx) => {
    await trx('incidents').where({ id }).update({ open: false });
    await notifier.notify('incident resolved');
  });
}`,
    errors: [{ messageId: 'ioInHelperWhileHeld' as const, line: 28 }],
  },
  {
    name: 'a helper that awaits its pause keeps the transaction waiting',
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function slugify(title: string) {
  await pause(20);
  return title.toLowerCase();
}
export async function retitle(id: number, title: string) {
  await db.transaction(async (trx) => {
    const slug = await slugify(title);
    await trx('posts').where({ id }).update({ title, slug });
  });
}`,
    errors: [{ messageId: 'ioInHelperWhileHeld' as const, line: 10 }],
  },
  {
    name: 'ssh2: a remote command through a helper while the transaction holds its row',
    code: `import knex from 'knex';
import { Client } from 'ssh2';
const db = knex({ client: 'pg' });
function runRemote(host: string, command: string) {
  return new Promise<void>((resolve, reject) => {
    const ssh = new Client();
    ssh
      .on('ready', () => {
        ssh.exec(command, (error, stream) => {
          if (error) return reject(error);
          stream.on('close', () => {
            ssh.end();
            resolve();
          });
        });
      })
      .on('error', reject)
      .connect({ host, username: 'deploy' });
  });
}
export async function rotate(id: number, host: string) {
  await db.transaction(async (trx) => {
    await trx('servers').where({ id }).update({ rotated: true });
    await runRemote(host, 'systemctl reload app');
  });
}`,
    errors: [{ messageId: 'ioInHelperWhileHeld' as const, line: 24 }],
  },
];

// Untyped runs read the package around the file for Sequelize's CLS switch: the fixture package, not this repository.
const filename = path.join(ruleTesterRoot, 'file.ts');
const inFixture = <T extends object>(cases: readonly T[]): T[] => cases.map((testCase) => ({ filename, ...testCase }));

createUntypedRuleTester().run('no-io-in-transaction (untyped)', rule, {
  valid: inFixture(sharedValid),
  invalid: inFixture(sharedInvalid),
});

createTypedRuleTester().run('no-io-in-transaction (typed)', rule, {
  valid: [
    ...sharedValid,
    {
      name: 'typed: a two-member interface that an unrelated class with requests happens to match is not followed',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
interface Cache {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}
export class RemoteConfig {
  async get(key: string) {
    return (await fetch('https://config.example.com/' + key)).json();
  }
  async set(key: string, value: unknown) {
    await fetch('https://config.example.com/' + key, { method: 'PUT', body: JSON.stringify(value) });
  }
}
export async function rename(id: number, name: string, cache: Cache) {
  await db.transaction(async (trx) => {
    await trx('projects').where({ id }).update({ name });
    await cache.set('project:' + id, name);
  });
}`,
    },
  ],
  invalid: [
    ...sharedInvalid,
    {
      name: 'typed: an interface that a client class of the project implements without naming it',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
interface ActionClient {
  execute(name: string, input: unknown): Promise<unknown>;
  cancel(id: string): Promise<void>;
  status(id: string): Promise<string>;
}
export class HttpActionClient {
  constructor(private readonly baseUrl: string) {}
  async execute(name: string, input: unknown) {
    const res = await fetch(this.baseUrl + '/actions/' + name, { method: 'POST', body: JSON.stringify(input) });
    return res.json();
  }
  async cancel(id: string) {
    await fetch(this.baseUrl + '/tasks/' + id, { method: 'DELETE' });
  }
  async status(id: string) {
    return (await fetch(this.baseUrl + '/tasks/' + id)).text();
  }
}
export class Actions {
  constructor(private readonly client: ActionClient) {}
  async trigger(name: string, input: unknown) {
    return this.client.execute(name, input);
  }
}
export async function disconnect(id: number, actions: Actions) {
  await db.transaction(async (trx) => {
    await trx('connections').where({ id }).del();
    await actions.trigger('notify', { id });
  });
}`,
      errors: [{ messageId: 'ioInHelperWhileHeld' as const, line: 30 }],
    },
    {
      name: 'typed: Prisma: a source interface whose implementations call HTTP APIs, reached through a helper that loops over them (element types need the standard library)',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
interface FeedSource {
  fetchItem(uri: string): Promise<unknown>;
}
class RssSource implements FeedSource {
  async fetchItem(uri: string) {
    return this.get(uri);
  }
  private async get(uri: string) {
    const res = await fetch(uri);
    return res.json();
  }
}
async function resolveAll(sources: FeedSource[], uris: string[]) {
  for (const source of sources) {
    for (const uri of uris) await source.fetchItem(uri);
  }
}
export async function importBatch(sources: FeedSource[], uris: string[]) {
  await prisma.$transaction(async (tx) => {
    await resolveAll(sources, uris);
    await tx.item.createMany({ data: uris.map((uri) => ({ uri })) });
  });
}
export const sources = [new RssSource()];`,
      errors: [{ messageId: 'ioInHelperWhileHeld' as const, line: 22 }],
    },
    {
      name: 'typed: an in-house slow call declared in settings.poolguard.slowCalls',
      settings: { poolguard: { slowCalls: [{ module: './nplus1-orders-repo', functions: ['formatOrder'] }] } },
      code: `import knex from 'knex';
import { formatOrder } from './nplus1-orders-repo';
const db = knex({ client: 'pg' });
export async function close(id: number) {
  await db.transaction(async (trx) => {
    await trx('orders').where({ id }).update({ closed: true });
    await formatOrder({ id, total: 0 });
  });
}`,
      errors: [{ messageId: 'ioWhileHeld' as const, line: 7 }],
    },
  ],
});

describe('the advice fits what is held', () => {
  const lint = (code: string): string[] => new Linter({ configType: 'flat' })
    .verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { poolguard: { rules: { 'no-io-in-transaction': rule } } } as unknown as Linter.Config['plugins'], rules: { 'poolguard/no-io-in-transaction': 'error' } }], { filename: path.join(ruleTesterRoot, 'advice.ts') })
    .map((message) => message.message);
  const runner = (inTransaction: boolean): string => `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function expire(url: string) {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    ${inTransaction ? 'await runner.startTransaction();' : ''}
    await runner.query("UPDATE accounts SET plan = 'free'");
    await fetch(url);
    ${inTransaction ? 'await runner.commitTransaction();' : ''}
  } finally {
    await runner.release();
  }
}
`;

  it('a transaction: move the call out of the transaction or into an outbox row', () => {
    expect(lint(runner(true))).toEqual([expect.stringMatching(/Move it before the transaction, after the commit, or into an outbox row/)]);
  });

  it('a checked-out connection with no transaction open: move the call out of the span the connection is held', () => {
    expect(lint(runner(false))).toEqual([expect.stringMatching(/Move it before the connection is taken or after it is released\.$/)]);
  });
});
