/** no-pool-per-request: pools and ORM clients built per request, per item or per call, and the shapes that are not. */
import path from 'node:path';

import type { InvalidCase, RuleCases, ValidCase } from '../helpers/rule-testers.js';

import rule from '../../rules/no-pool-per-request.js';
import { ruleTesterRoot, runRuleTests } from '../helpers/rule-testers.js';

// Decorators are declared locally (NestJS is not a dependency); they are matched by name, as in user code.

// Both runs: untyped (imports followed syntactically) and typed (real library types).
const valid: ValidCase<typeof rule>[] = [
  {
    name: "a pool at module scope, used by a handler",
    code: `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool({ max: 10, connectionTimeoutMillis: 5000 });
export const app = express();
app.get('/users', async (_req, res) => {
  res.json((await pool.query('SELECT * FROM users')).rows);
});`,
  },
  {
    name: "memoised with ??=",
    code: `import postgres from 'postgres';
let sql: ReturnType<typeof postgres> | undefined;
export function database() {
  sql ??= postgres(process.env.DATABASE_URL ?? '', { max: 10 });
  return sql;
}`,
  },
  {
    name: "memoised with if (!pool)",
    code: `import { Pool } from 'pg';
let pool: Pool | null = null;
export function getPool(): Pool {
  if (!pool) {
    pool = new Pool({ max: 10, connectionTimeoutMillis: 5000 });
  }
  return pool;
}`,
  },
  {
    name: "the globalThis singleton for Next.js hot reload",
    code: `import { PrismaClient } from '@prisma/client';
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };
export const prisma = globalForPrisma.prisma ?? new PrismaClient();
if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;`,
  },
  {
    name: "one pool per tenant, cached in a Map",
    code: `import express from 'express';
import { Pool } from 'pg';
const pools = new Map<string, Pool>();
function tenantPool(tenant: string): Pool {
  let pool = pools.get(tenant);
  if (!pool) {
    pool = new Pool({ database: tenant, max: 5, connectionTimeoutMillis: 2000 });
    pools.set(tenant, pool);
  }
  return pool;
}
export const app = express();
app.get('/t/:tenant', async (req, res) => {
  res.json((await tenantPool(req.params.tenant).query('SELECT 1')).rows);
});`,
  },
  {
    name: "a short-lived Client ended in finally",
    code: `import express from 'express';
import { Client } from 'pg';
export const app = express();
app.get('/health/db', async (_req, res) => {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    res.json((await client.query('SELECT 1')).rows);
  } finally {
    await client.end();
  }
});`,
  },
  {
    name: "a script that closes its pool",
    code: `import { Pool } from 'pg';
export async function backfill(ids: number[]) {
  const pool = new Pool({ max: 2, connectionTimeoutMillis: 5000 });
  try {
    await pool.query('UPDATE users SET flag = true WHERE id = ANY($1)', [ids]);
  } finally {
    await pool.end();
  }
}`,
  },
  {
    name: "a factory function called once at module scope",
    code: `import { Pool } from 'pg';
function createPool(url: string | undefined): Pool {
  return new Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
}
export const pool = createPool(process.env.DATABASE_URL);`,
  },
  {
    name: "an exported factory: its callers decide",
    code: `import knex from 'knex';
export function createDatabase(url: string) {
  return knex({ client: 'pg', connection: url });
}`,
  },
  {
    name: "a service class instantiated once",
    code: `import { Pool } from 'pg';
class UserStore {
  private readonly pool = new Pool({ max: 10, connectionTimeoutMillis: 5000 });
  byId(id: number) { return this.pool.query('SELECT * FROM users WHERE id = $1', [id]); }
}
export const users = new UserStore();`,
  },
  {
    name: "a NestJS singleton provider",
    code: `function Controller(_prefix?: string): ClassDecorator { return () => undefined; }
function Injectable(_options?: object): ClassDecorator { return () => undefined; }
function Get(_path?: string): MethodDecorator { return () => undefined; }
enum Scope { DEFAULT, TRANSIENT, REQUEST }
import { DataSource } from 'typeorm';
@Injectable()
export class DatabaseProvider {
  readonly source = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, connectTimeoutMS: 3000 });
}`,
  },
  {
    name: "a controller constructor runs once (controllers are singletons)",
    code: `function Controller(_prefix?: string): ClassDecorator { return () => undefined; }
function Injectable(_options?: object): ClassDecorator { return () => undefined; }
function Get(_path?: string): MethodDecorator { return () => undefined; }
enum Scope { DEFAULT, TRANSIENT, REQUEST }
import { PrismaClient } from '@prisma/client';
@Controller('users')
export class UsersController {
  private readonly prisma: PrismaClient;
  constructor() { this.prisma = new PrismaClient(); }
  @Get()
  list() { return this.prisma.user.findMany(); }
}`,
  },
  {
    name: "one pool per shard, built at start-up",
    code: `import postgres from 'postgres';
const shardUrls = ['postgres://a/db', 'postgres://b/db'];
export const shards = shardUrls.map((url) => postgres(url, { max: 5 }));
export const replicas: ReturnType<typeof postgres>[] = [];
for (const url of shardUrls) replicas.push(postgres(url, { max: 2 }));`,
  },
  {
    name: "mssql sql.connect returns the one global pool",
    code: `import express from 'express';
import sql from 'mssql';
export const app = express();
app.get('/orders', async (_req, res) => {
  const pool = await sql.connect({ server: 'db', database: 'erp' });
  res.json((await pool.request().query('SELECT TOP 10 * FROM orders')).recordset);
});`,
  },
  {
    name: "mongoose.connect reuses the default connection",
    code: `import mongoose from 'mongoose';
export async function handler() {
  await mongoose.connect(process.env.MONGO_URI ?? '', { waitQueueTimeoutMS: 2000 });
  return mongoose.connection.readyState;
}`,
  },
  {
    name: "drizzle over the shared pool in a handler builds no pool",
    code: `import express from 'express';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
const pool = new Pool({ max: 10, connectionTimeoutMillis: 5000 });
export const app = express();
app.get('/ping', async (_req, res) => {
  const db = drizzle(pool);
  res.json(await db.execute('SELECT 1'));
});`,
  },
  {
    name: "Kysely over the shared pool in a handler builds no pool",
    code: `import express from 'express';
import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
const pool = new Pool({ max: 10, connectionTimeoutMillis: 5000 });
export const app = express();
app.get('/ping', async (_req, res) => {
  const db = new Kysely<Record<string, never>>({ dialect: new PostgresDialect({ pool }) });
  res.json(db.isTransaction);
});`,
  },
  {
    name: "a pool built when the server starts listening",
    code: `import express from 'express';
import { Pool } from 'pg';
export let pool: Pool | undefined;
export const app = express();
app.listen(3000, () => {
  pool = new Pool({ max: 10, connectionTimeoutMillis: 5000 });
});`,
  },
  {
    name: "a lazily initialised field",
    code: `import { Pool } from 'pg';
export class Repository {
  private pool?: Pool;
  private getPool(): Pool {
    if (!this.pool) this.pool = new Pool({ max: 10, connectionTimeoutMillis: 5000 });
    return this.pool;
  }
  find(id: number) { return this.getPool().query('SELECT * FROM t WHERE id = $1', [id]); }
}`,
  },
  {
    name: "a local class named Pool is not a database pool",
    code: `import express from 'express';
class Pool { constructor(readonly size: number) {} }
export const app = express();
app.get('/x', (_req, res) => { res.json(new Pool(3).size); });`,
  },
  {
    name: "a start-up IIFE",
    code: `import { Pool } from 'pg';
void (async () => {
  const pool = new Pool({ max: 1, connectionTimeoutMillis: 1000 });
  await pool.query('SELECT 1');
})();`,
  },
  {
    name: "a Next.js route handler using the module client",
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function GET() {
  return Response.json(await prisma.user.findMany());
}`,
    filename: path.join(ruleTesterRoot, "route.ts"),
  },
  {
    name: "main() builds the pool once",
    code: `import { Pool } from 'pg';
async function main() {
  const pool = new Pool({ max: 4, connectionTimeoutMillis: 1000 });
  await pool.query('SELECT 1');
}
void main();`,
  },
  {
    name: "a script sub-command, called once from main(), builds and closes its client",
    code: `import { MongoClient } from 'mongodb';
async function exportOrders(out: string) {
  const client = new MongoClient(process.env.MONGO_URL ?? '', { waitQueueTimeoutMS: 1000 });
  await client.connect();
  console.log(out, await client.db().collection('orders').countDocuments());
  await client.close();
}
async function main() {
  const [command, out] = process.argv.slice(2);
  if (command === 'export') await exportOrders(out ?? 'orders.json');
}
void main();`,
  },
  {
    name: "a connect retry in a local tool tries a constant number of times",
    code: `import mysql from 'mysql2/promise';
export async function connectForSeeding(url: string) {
  for (let attempt = 1; attempt <= 5; attempt++) {
    try {
      const conn = await mysql.createConnection(url);
      await conn.ping();
      return conn;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error('database not reachable');
}`,
  },
  {
    name: "a mysql2 cluster node added at start-up",
    code: `import mysql from 'mysql2';
export const cluster = mysql.createPoolCluster();
export function addReplica(host: string) {
  cluster.add(host, { host, connectionLimit: 5, queueLimit: 10 });
}`,
  },
  {
    name: "a Lambda handler using a client built outside it",
    code: `import { MongoClient } from 'mongodb';
const client = new MongoClient(process.env.MONGO_URL ?? '', { waitQueueTimeoutMS: 2000 });
export const handler = async (event: { id: string }) => client.db().collection('orders').findOne({ id: event.id });`,
  },
  {
    name: "a request-scoped class that receives its pool",
    code: `function Controller(_prefix?: string): ClassDecorator { return () => undefined; }
function Injectable(_options?: object): ClassDecorator { return () => undefined; }
function Get(_path?: string): MethodDecorator { return () => undefined; }
enum Scope { DEFAULT, TRANSIENT, REQUEST }
import { Pool } from 'pg';
@Injectable({ scope: Scope.REQUEST })
export class RequestContext {
  constructor(private readonly pool: Pool) {}
  query() { return this.pool.query('SELECT 1'); }
}`,
  },
  {
    name: "a setup function whose pool is captured by the routes it registers",
    code: `import express from 'express';
import { Pool } from 'pg';
export function createApp() {
  const pool = new Pool({ max: 10, connectionTimeoutMillis: 5000 });
  const app = express();
  app.get('/', async (_req, res) => { res.json((await pool.query('SELECT 1')).rows); });
  return app;
}`,
  },
  {
    name: "the MongoDB Lambda pattern: the database handle is cached across invocations",
    code: `import { MongoClient, type Db } from 'mongodb';
let cachedDb: Db | null = null;
async function connectToDatabase(): Promise<Db> {
  if (cachedDb) return cachedDb;
  const client = new MongoClient(process.env.MONGO_URL ?? '', { waitQueueTimeoutMS: 5000 });
  await client.connect();
  cachedDb = client.db('app');
  return cachedDb;
}
export const handler = async () => (await connectToDatabase()).collection('orders').countDocuments();`,
  },
  {
    name: "a static singleton accessor",
    code: `import { Sequelize } from 'sequelize';
export class Database {
  private static instance?: Sequelize;
  static get(): Sequelize {
    if (!Database.instance) Database.instance = new Sequelize(process.env.DATABASE_URL ?? '', { pool: { max: 10 } });
    return Database.instance;
  }
}`,
  },
];

const invalid: InvalidCase<typeof rule>[] = [
  {
    name: "express handler builds a pg Pool",
    code: `import express from 'express';
import { Pool } from 'pg';
export const app = express();
app.get('/users', async (_req, res) => {
  const pool = new Pool({ max: 5, connectionTimeoutMillis: 1000 });
  res.json((await pool.query('SELECT * FROM users')).rows);
});`,
    errors: [
      { messageId: "poolPerRequest", line: 5, column: 16, endLine: 5, endColumn: 24 },
    ],
  },
  {
    name: "a retry loop inside a request handler still builds a pool per request",
    code: `import express from 'express';
import { Pool } from 'pg';
export const app = express();
app.get('/report', async (_req, res) => {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const pool = new Pool({ max: 2, connectionTimeoutMillis: 1000 });
    const result = await pool.query('SELECT * FROM reports').catch(() => undefined);
    if (result) return res.json(result.rows);
  }
  res.status(503).end();
});`,
    errors: [
      { messageId: "poolPerRequest", line: 6, column: 18, endLine: 6, endColumn: 26 },
    ],
  },
  {
    name: "a pg Client per request, never ended",
    code: `import express from 'express';
import { Client } from 'pg';
export const app = express();
app.get('/health/db', async (_req, res) => {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  res.json((await client.query('SELECT 1')).rows);
});`,
    errors: [
      { messageId: "poolPerRequest", line: 5, column: 18, endLine: 5, endColumn: 28 },
    ],
  },
  {
    name: "a named handler passed to router.post",
    code: `import express from 'express';
import { PrismaClient } from '@prisma/client';
export const router = express.Router();
async function createOrder(req: express.Request, res: express.Response) {
  const prisma = new PrismaClient();
  res.json(await prisma.order.create({ data: req.body }));
}
router.post('/orders', createOrder);`,
    errors: [
      { messageId: "poolPerRequest", line: 5, column: 18, endLine: 5, endColumn: 34 },
    ],
  },
  {
    name: "a helper called from a handler",
    code: `import express from 'express';
import { PrismaClient } from '@prisma/client';
function getDb() {
  return new PrismaClient();
}
export const app = express();
app.get('/count', async (_req, res) => {
  res.json(await getDb().user.count());
});`,
    errors: [
      { messageId: "poolPerRequest", line: 4, column: 10, endLine: 4, endColumn: 26 },
    ],
  },
  {
    name: "a Fastify route",
    code: `import knex from 'knex';
declare const fastify: { get(path: string, handler: () => Promise<unknown>): void };
fastify.get('/reports', async () => {
  const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
  return db('reports').select();
});`,
    errors: [
      { messageId: "poolPerRequest", line: 4, column: 14, endLine: 4, endColumn: 18 },
    ],
  },
  {
    name: "Koa middleware",
    code: `import mysql from 'mysql2/promise';
declare const app: { use(middleware: (ctx: { body: unknown }) => Promise<void>): void };
app.use(async (ctx) => {
  const pool = mysql.createPool({ host: 'db', connectionLimit: 2, queueLimit: 10 });
  ctx.body = await pool.query('SELECT 1');
});`,
    errors: [
      { messageId: "poolPerRequest", line: 4, column: 16, endLine: 4, endColumn: 32 },
    ],
  },
  {
    name: "a Hono route",
    code: `import postgres from 'postgres';
declare const api: { get(path: string, handler: (c: { json(value: unknown): Response }) => Promise<Response>): void };
api.get('/items', async (c) => {
  const sql = postgres(process.env.DATABASE_URL ?? '', { max: 2 });
  return c.json(await sql\`select * from items\`);
});`,
    errors: [
      { messageId: "poolPerRequest", line: 4, column: 15, endLine: 4, endColumn: 23 },
    ],
  },
  {
    name: "a Next.js route handler",
    code: `import { PrismaClient } from '@prisma/client';
export async function GET(_request: Request) {
  const prisma = new PrismaClient();
  return Response.json(await prisma.user.findMany());
}`,
    filename: path.join(ruleTesterRoot, "route.ts"),
    errors: [
      { messageId: "poolPerRequest", line: 3, column: 18, endLine: 3, endColumn: 34 },
    ],
  },
  {
    name: "a server action in a 'use server' file",
    code: `'use server';
import { MongoClient } from 'mongodb';
export async function saveNote(text: string) {
  const client = new MongoClient(process.env.MONGO_URL ?? '', { waitQueueTimeoutMS: 1000 });
  await client.db().collection('notes').insertOne({ text });
}`,
    errors: [
      { messageId: "poolPerRequest", line: 4, column: 18, endLine: 4, endColumn: 33 },
    ],
  },
  {
    name: "a function-level 'use server' action",
    code: `import { Sequelize } from 'sequelize';
export async function archive(id: number) {
  'use server';
  const sequelize = new Sequelize(process.env.DATABASE_URL ?? '');
  await sequelize.query('UPDATE posts SET archived = true WHERE id = ?', { replacements: [id] });
}`,
    errors: [
      { messageId: "poolPerRequest", line: 4, column: 21, endLine: 4, endColumn: 34 },
    ],
  },
  {
    name: "an exported Lambda handler arrow",
    code: `import mysql from 'mysql2/promise';
export const handler = async (event: { id: string }) => {
  const pool = mysql.createPool({ uri: process.env.DB_URL, connectionLimit: 2, queueLimit: 10 });
  const [rows] = await pool.query('SELECT * FROM t WHERE id = ?', [event.id]);
  return rows;
};`,
    errors: [
      { messageId: "poolPerRequest", line: 3, column: 16, endLine: 3, endColumn: 32 },
    ],
  },
  {
    name: "a CommonJS exports.handler",
    code: `import { MongoClient } from 'mongodb';
exports.handler = async function (event: { id: string }) {
  const client = new MongoClient(process.env.MONGO_URL ?? '', { waitQueueTimeoutMS: 1000 });
  return client.db().collection('orders').findOne({ id: event.id });
};`,
    errors: [
      { messageId: "poolPerRequest", line: 3, column: 18, endLine: 3, endColumn: 33 },
    ],
  },
  {
    name: "a Workers fetch handler",
    code: `import { Pool } from 'pg';
export default {
  async fetch(_request: Request): Promise<Response> {
    const pool = new Pool({ max: 1, connectionTimeoutMillis: 1000 });
    return Response.json((await pool.query('SELECT now()')).rows);
  },
};`,
    errors: [
      { messageId: "poolPerRequest", line: 4, column: 18, endLine: 4, endColumn: 26 },
    ],
  },
  {
    name: "a NestJS controller method",
    code: `function Controller(_prefix?: string): ClassDecorator { return () => undefined; }
function Injectable(_options?: object): ClassDecorator { return () => undefined; }
function Get(_path?: string): MethodDecorator { return () => undefined; }
enum Scope { DEFAULT, TRANSIENT, REQUEST }
import { DataSource } from 'typeorm';
@Controller('users')
export class UsersApi {
  @Get()
  async list() {
    const source = await new DataSource({ type: 'postgres', connectTimeoutMS: 1000 }).initialize();
    return source.query('SELECT * FROM users');
  }
}`,
    errors: [
      { messageId: "poolPerRequest", line: 10, column: 26, endLine: 10, endColumn: 40 },
    ],
  },
  {
    name: "a class named as a controller",
    code: `import { PrismaClient } from '@prisma/client';
export class InvoicesController {
  async list(customerId: string) {
    const prisma = new PrismaClient();
    return prisma.invoice.findMany({ where: { customerId } });
  }
}`,
    errors: [
      { messageId: "poolPerRequest", line: 4, column: 20, endLine: 4, endColumn: 36 },
    ],
  },
  {
    name: "a request-scoped provider field",
    code: `function Controller(_prefix?: string): ClassDecorator { return () => undefined; }
function Injectable(_options?: object): ClassDecorator { return () => undefined; }
function Get(_path?: string): MethodDecorator { return () => undefined; }
enum Scope { DEFAULT, TRANSIENT, REQUEST }
import { Sequelize } from 'sequelize';
@Injectable({ scope: Scope.REQUEST })
export class RequestDatabase {
  readonly sequelize = new Sequelize(process.env.DATABASE_URL ?? '', { pool: { max: 2 } });
}`,
    errors: [
      { messageId: "poolPerRequest", line: 8, column: 24, endLine: 8, endColumn: 37 },
    ],
  },
  {
    name: "a constructor of a class built per request",
    code: `import express from 'express';
import { Pool } from 'pg';
class OrderRepository {
  private readonly pool: Pool;
  constructor() {
    this.pool = new Pool({ max: 5, connectionTimeoutMillis: 1000 });
  }
  all() { return this.pool.query('SELECT * FROM orders'); }
}
export const app = express();
app.get('/orders', async (_req, res) => {
  res.json((await new OrderRepository().all()).rows);
});`,
    errors: [
      { messageId: "poolPerRequest", line: 6, column: 17, endLine: 6, endColumn: 25 },
    ],
  },
  {
    name: "a for...of loop",
    code: `import knex from 'knex';
export async function migrateTenants(urls: string[]) {
  for (const url of urls) {
    const db = knex({ client: 'pg', connection: url });
    await db.migrate.latest();
  }
}`,
    errors: [
      { messageId: "poolPerRequest", line: 4, column: 16, endLine: 4, endColumn: 20 },
    ],
  },
  {
    name: "a while loop",
    code: `import oracledb from 'oracledb';
export async function poll(next: () => string | undefined) {
  let dsn = next();
  while (dsn) {
    const pool = await oracledb.createPool({ connectString: dsn, poolMax: 2 });
    await pool.getConnection();
    dsn = next();
  }
}`,
    errors: [
      { messageId: "poolPerRequest", line: 5, column: 24, endLine: 5, endColumn: 43 },
    ],
  },
  {
    name: "a forEach callback inside a function",
    code: `import { MongoClient } from 'mongodb';
export function pingAll(urls: string[]) {
  urls.forEach(async (url) => {
    const client = new MongoClient(url, { waitQueueTimeoutMS: 500 });
    await client.db().command({ ping: 1 });
  });
}`,
    errors: [
      { messageId: "poolPerRequest", line: 4, column: 20, endLine: 4, endColumn: 35 },
    ],
  },
  {
    name: "an exported function builds a client on every call",
    code: `import { PrismaClient } from '@prisma/client';
export async function findUser(id: string) {
  const prisma = new PrismaClient();
  return prisma.user.findUnique({ where: { id } });
}`,
    errors: [
      { messageId: "poolPerCall", line: 3, column: 18, endLine: 3, endColumn: 34 },
    ],
  },
  {
    name: "a sub-command called in a loop of main() builds a client per iteration",
    code: `import { MongoClient } from 'mongodb';
async function exportOrders(out: string) {
  const client = new MongoClient(process.env.MONGO_URL ?? '', { waitQueueTimeoutMS: 1000 });
  await client.connect();
  console.log(out, await client.db().collection('orders').countDocuments());
  await client.close();
}
async function main() {
  for (const out of process.argv.slice(2)) await exportOrders(out);
}
void main();`,
    errors: [
      { messageId: "poolPerRequest", line: 3, column: 18, endLine: 3, endColumn: 33 },
    ],
  },
  {
    name: "a helper called from main() and from an exported function runs per call",
    code: `import { MongoClient } from 'mongodb';
async function countOrders() {
  const client = new MongoClient(process.env.MONGO_URL ?? '', { waitQueueTimeoutMS: 1000 });
  await client.connect();
  const count = await client.db().collection('orders').countDocuments();
  await client.close();
  return count;
}
export async function report() {
  return countOrders();
}
async function main() {
  console.log(await countOrders());
}
void main();`,
    errors: [
      { messageId: "poolPerCallClosed", line: 3, column: 18, endLine: 3, endColumn: 33 },
    ],
  },
  {
    name: "a repository method builds a pool on every call",
    code: `import { Pool } from 'pg';
export class UserRepository {
  async byEmail(email: string) {
    const pool = new Pool({ max: 2, connectionTimeoutMillis: 500 });
    return (await pool.query('SELECT * FROM users WHERE email = $1', [email])).rows[0];
  }
}`,
    errors: [
      { messageId: "poolPerCall", line: 4, column: 18, endLine: 4, endColumn: 26 },
    ],
  },
  {
    name: "drizzle(url) in a handler builds a pool",
    code: `import express from 'express';
import { drizzle } from 'drizzle-orm/node-postgres';
export const app = express();
app.get('/ping', async (_req, res) => {
  const db = drizzle(process.env.DATABASE_URL ?? '');
  res.json(await db.execute('SELECT 1'));
});`,
    errors: [
      { messageId: "poolPerRequest", line: 5, column: 14, endLine: 5, endColumn: 21 },
    ],
  },
  {
    name: "Kysely over a new pool, reported once",
    code: `import express from 'express';
import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
export const app = express();
app.get('/ping', async (_req, res) => {
  const db = new Kysely<Record<string, never>>({ dialect: new PostgresDialect({ pool: new Pool({ max: 2 }) }) });
  res.json(db.isTransaction);
});`,
    errors: [
      { messageId: "poolPerRequest", line: 6, column: 14, endLine: 6, endColumn: 24 },
    ],
  },
  {
    name: "new sql.ConnectionPool().connect() in a handler",
    code: `import express from 'express';
import sql from 'mssql';
export const app = express();
app.post('/prices', async (_req, res) => {
  const pool = await new sql.ConnectionPool({ server: 'db', database: 'erp' }).connect();
  res.json((await pool.request().query('SELECT * FROM prices')).recordset);
});`,
    errors: [
      { messageId: "poolPerRequest", line: 5, column: 22, endLine: 5, endColumn: 44 },
    ],
  },
  {
    name: "a PrismaClient subclass per request",
    code: `import express from 'express';
import { PrismaClient } from '@prisma/client';
class AppPrisma extends PrismaClient {}
export const app = express();
app.get('/me', async (_req, res) => {
  const prisma = new AppPrisma();
  res.json(await prisma.user.count());
});`,
    errors: [
      { messageId: "poolPerRequest", line: 6, column: 18, endLine: 6, endColumn: 31 },
    ],
  },
  {
    name: "getServerSideProps runs per request",
    code: `import { PrismaClient } from '@prisma/client';
export async function getServerSideProps() {
  const prisma = new PrismaClient();
  return { props: { count: await prisma.user.count() } };
}`,
    errors: [
      { messageId: "poolPerRequest", line: 3, column: 18, endLine: 3, endColumn: 34 },
    ],
  },
  {
    name: "mongoose.createConnection per request",
    code: `import express from 'express';
import mongoose from 'mongoose';
export const app = express();
app.get('/events', async (_req, res) => {
  const connection = mongoose.createConnection(process.env.EVENTS_URI ?? '', { waitQueueTimeoutMS: 1000 });
  res.json(await connection.db?.collection('events').countDocuments());
});`,
    errors: [
      { messageId: "poolPerRequest", line: 5, column: 22, endLine: 5, endColumn: 47 },
    ],
  },
  {
    name: "a generic-pool per call in a non-exported helper used by a handler",
    code: `import express from 'express';
import { createPool } from 'generic-pool';
function workerPool() {
  const pool = createPool({ create: async () => ({}), destroy: async () => undefined }, { max: 2, acquireTimeoutMillis: 100, maxWaitingClients: 5 });
  return pool;
}
export const app = express();
app.post('/render', async (_req, res) => {
  res.json(await workerPool().acquire());
});`,
    errors: [
      { messageId: "poolPerRequest", line: 4, column: 16, endLine: 4, endColumn: 26 },
    ],
  },
  {
    name: "an exported handler typed with express Request and Response",
    code: `import type { Request, Response } from 'express';
import { PrismaClient } from '@prisma/client';
export async function listUsers(_req: Request, res: Response) {
  const prisma = new PrismaClient();
  res.json(await prisma.user.findMany());
}`,
    errors: [
      { messageId: "poolPerRequest", line: 4, column: 18, endLine: 4, endColumn: 34 },
    ],
  },
  {
    name: "a GraphQL resolver",
    code: `import { PrismaClient } from '@prisma/client';
export const resolvers = {
  Query: {
    users: async () => {
      const prisma = new PrismaClient();
      return prisma.user.findMany();
    },
  },
};`,
    errors: [
      { messageId: "poolPerRequest", line: 5, column: 22, endLine: 5, endColumn: 38 },
    ],
  },
  {
    name: "an exported POST handler outside route.ts (SvelteKit, Astro, Next)",
    code: `import { Pool } from 'pg';
export const POST = async ({ request }: { request: Request }) => {
  const pool = new Pool({ max: 2, connectionTimeoutMillis: 1000 });
  await pool.query('INSERT INTO events(body) VALUES ($1)', [await request.text()]);
  return new Response(null, { status: 204 });
};`,
    errors: [
      { messageId: "poolPerRequest", line: 3, column: 16, endLine: 3, endColumn: 24 },
    ],
  },
  {
    name: "a scheduled job builds a pool on every tick",
    code: `import { Pool } from 'pg';
declare const cron: { schedule(expression: string, task: () => Promise<void>): void };
cron.schedule('* * * * *', async () => {
  const pool = new Pool({ max: 2, connectionTimeoutMillis: 1000 });
  await pool.query('DELETE FROM sessions WHERE expires_at < now()');
});`,
    errors: [
      { messageId: "poolPerCall", line: 4, column: 16, endLine: 4, endColumn: 24 },
    ],
  },
  {
    name: "a start-up loop that builds and drops a pool per iteration",
    code: `import { Pool } from 'pg';
const shardUrls = ['postgres://a/db', 'postgres://b/db'];
for (const url of shardUrls) {
  const pool = new Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 1000 });
  await pool.query('SELECT 1');
}`,
    errors: [
      { messageId: "poolPerCall", line: 4, column: 16, endLine: 4, endColumn: 24 },
    ],
  },
];

// The typed tester's project holds only files directly in fixtures/rule-tester.
// fixtures/rule-tester/next-app is a Next.js app (its package.json depends on next).
const nextApp = path.join(ruleTesterRoot, 'next-app');

const untypedOnly: RuleCases<typeof rule> = {
  valid: [
    {
      name: "Next.js: the client cached on globalThis outside production",
      code: `import { PrismaClient } from '@prisma/client';
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };
export const prisma = globalForPrisma.prisma ?? new PrismaClient();
if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;
export async function GET() {
  return Response.json(await prisma.user.count());
}`,
      filename: path.join(nextApp, "app/api/users/route.ts"),
    },
    {
      name: "Next.js: a pool memoised on globalThis with ||=",
      code: `import { Pool } from 'pg';
const cache = globalThis as unknown as { pool?: Pool };
export const pool = (cache.pool ||= new Pool({ max: 5, connectionTimeoutMillis: 1000 }));
export async function GET() {
  return Response.json((await pool.query('SELECT 1')).rows);
}`,
      filename: path.join(nextApp, "app/api/health/route.ts"),
    },
    {
      name: "Next.js: a new client in production, the global one in development",
      code: `import { PrismaClient } from '@prisma/client';
declare const global: { prisma?: PrismaClient };
let prisma: PrismaClient;
if (process.env.NODE_ENV === 'production') {
  prisma = new PrismaClient();
} else {
  if (!global.prisma) global.prisma = new PrismaClient();
  prisma = global.prisma;
}
export async function GET() {
  return Response.json(await prisma.user.count());
}`,
      filename: path.join(nextApp, "app/api/users/route.ts"),
    },
    {
      name: "Next.js: a module-scope pool in a module the file alone does not show Next.js loads",
      code: `import { Pool } from 'pg';
export const pool = new Pool({ max: 5, connectionTimeoutMillis: 1000 });`,
      filename: path.join(nextApp, "lib/db.ts"),
    },
    {
      name: "Next.js: a seed script of the app builds its own client",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
await prisma.user.create({ data: { email: 'admin@example.com' } });`,
      filename: path.join(nextApp, "app/seed/seed.ts"),
    },
  ],
  invalid: [
    {
      name: "Next.js: a route file builds its pool at module scope",
      code: `import { Pool } from 'pg';
const pool = new Pool({ max: 5, connectionTimeoutMillis: 1000 });
export async function GET() {
  return Response.json((await pool.query('SELECT 1')).rows);
}`,
      filename: path.join(nextApp, "app/api/health/route.ts"),
      errors: [
        { messageId: "poolPerReload", line: 2, column: 14, endLine: 2, endColumn: 22 },
      ],
    },
    {
      name: "Next.js: middleware exports a client built at module scope",
      code: `import { PrismaClient } from '@prisma/client';
export const prisma = new PrismaClient();
export async function middleware() {
  await prisma.user.count();
}`,
      filename: path.join(nextApp, "middleware.ts"),
      errors: [
        { messageId: "poolPerReload", line: 2, column: 23, endLine: 2, endColumn: 39 },
      ],
    },
    {
      name: "a pages/api default export",
      code: `import { Pool } from 'pg';
export default async function handler(_req: unknown, res: { json(body: unknown): void }) {
  const pool = new Pool({ max: 1, connectionTimeoutMillis: 1000 });
  res.json((await pool.query('SELECT 1')).rows);
}`,
      filename: path.join(ruleTesterRoot, "pages/api/stats.ts"),
      errors: [
        { messageId: "poolPerRequest", line: 3, column: 16, endLine: 3, endColumn: 24 },
      ],
    },
  ],
};

runRuleTests('no-pool-per-request', rule, { valid, invalid, untypedOnly });
