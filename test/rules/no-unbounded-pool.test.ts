/** no-unbounded-pool: every supported pool factory, its defaults and sentinels, and how option values are followed. */
import type { InvalidCase, RuleCases, ValidCase } from '../helpers/rule-testers.js';

import path from 'node:path';

import rule from '../../rules/no-unbounded-pool.js';
import { ruleTesterRoot, runRuleTests } from '../helpers/rule-testers.js';

// Both runs: untyped (imports followed syntactically) and typed (real library types); the options are all in the file.
const valid: ValidCase<typeof rule>[] = [
  {
    name: 'an optional require of a project module named like a driver (hard negative)',
    filename: 'script.js',
    code: `let maybePg;
try {
  maybePg = require('./pg');
} catch {}
const pool = maybePg ? new maybePg.Pool({ connectionString: process.env.DATABASE_URL }) : null;
module.exports = { pool };`,
  },
  {
    name: "pg Pool with a size and an acquire timeout",
    code: `import { Pool } from 'pg';
export const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20, connectionTimeoutMillis: 5000 });`,
  },
  {
    name: "pg max: 0 falls back to 10, it is not unlimited",
    code: `import { Pool } from 'pg';
export const pool = new Pool({ max: 0, connectionTimeoutMillis: 3000 });`,
  },
  {
    name: "a size exactly at the budget",
    code: `import pg from 'pg';
export const pool = new pg.Pool({ max: 100, connectionTimeoutMillis: 3000 });`,
  },
  {
    name: "postgres.js offers no acquire timeout or queue bound: nothing to fix",
    code: `import postgres from 'postgres';
export const sql = postgres(process.env.DATABASE_URL ?? '');`,
  },
  {
    name: "mysql2 bounded queue; mysql2 has no acquire timeout to set",
    code: `import mysql from 'mysql2/promise';
export const pool = mysql.createPool({ host: 'db', connectionLimit: 10, queueLimit: 100 });`,
  },
  {
    name: "mysql2 waitForConnections: false leaves no queue to bound",
    code: `import mysql from 'mysql2';
export const pool = mysql.createPool({ host: 'db', connectionLimit: 10, waitForConnections: false });`,
  },
  {
    name: "knex defaults: tarn bounds size and acquire wait (60 s)",
    code: `import knex from 'knex';
export const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });`,
  },
  {
    name: "Sequelize acquire: 0 falls back to 30 s, never infinite",
    code: `import { Sequelize } from 'sequelize';
export const sequelize = new Sequelize('app', 'user', 'secret', { dialect: 'postgres', pool: { max: 10, acquire: 0 } });`,
  },
  {
    name: "TypeORM postgres with connectTimeoutMS",
    code: `import { DataSource } from 'typeorm';
export const source = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, poolSize: 20, connectTimeoutMS: 5000 });`,
  },
  {
    name: "TypeORM sqlite has no pool",
    code: `import { DataSource } from 'typeorm';
export const source = new DataSource({ type: 'better-sqlite3', database: 'app.db' });`,
  },
  {
    name: "TypeORM mysql with extra.queueLimit",
    code: `import { DataSource } from 'typeorm';
export const source = new DataSource({ type: 'mysql', poolSize: 10, extra: { queueLimit: 50 } });`,
  },
  {
    name: "PrismaClient with no options: engine defaults are bounded",
    code: `import { PrismaClient } from '@prisma/client';
export const prisma = new PrismaClient();`,
  },
  {
    name: "Prisma URL from the environment: its parameters are not known",
    code: `import { PrismaClient } from '@prisma/client';
export const prisma = new PrismaClient({ datasourceUrl: process.env.DATABASE_URL });`,
  },
  {
    name: "PrismaPg over a pool configured elsewhere",
    code: `import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import { Pool } from 'pg';
const pool = new Pool({ max: 10, connectionTimeoutMillis: 5000 });
export const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });`,
  },
  {
    name: "MongoClient with waitQueueTimeoutMS",
    code: `import { MongoClient } from 'mongodb';
export const client = new MongoClient(process.env.MONGO_URL ?? '', { maxPoolSize: 50, waitQueueTimeoutMS: 2000 });`,
  },
  {
    name: "MongoClient.connect with waitQueueTimeoutMS",
    code: `import { MongoClient } from 'mongodb';
export const client = await MongoClient.connect(process.env.MONGO_URL ?? '', { waitQueueTimeoutMS: 2000 });`,
  },
  {
    name: "MongoClient timeout in the connection string",
    code: `import { MongoClient } from 'mongodb';
export const client = new MongoClient('mongodb://db:27017/app?maxPoolSize=20&waitQueueTimeoutMS=1500');`,
  },
  {
    name: "mssql defaults: tarn times out acquires after 30 s",
    code: `import sql from 'mssql';
export const pool = new sql.ConnectionPool({ server: 'db', database: 'erp', pool: { max: 10 } });`,
  },
  {
    name: "oracledb defaults: queueTimeout 60 s, queueMax 500",
    code: `import oracledb from 'oracledb';
export const pool = oracledb.createPool({ user: 'app', password: 'secret', connectString: 'db/orcl', poolMax: 8 });`,
  },
  {
    name: "generic-pool with every bound",
    code: `import { createPool } from 'generic-pool';
export const pool = createPool({ create: async () => ({}), destroy: async () => undefined }, { max: 4, acquireTimeoutMillis: 1000, maxWaitingClients: 20 });`,
  },
  {
    name: "drizzle over an existing pool opens none of its own",
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
const pool = new Pool({ max: 10, connectionTimeoutMillis: 5000 });
export const db = drizzle(pool);
export const db2 = drizzle({ client: pool });`,
  },
  {
    name: "options from a parameter cannot be read: no finding",
    code: `import { Pool, type PoolConfig } from 'pg';
export function makePool(config: PoolConfig) {
  return new Pool(config);
}`,
  },
  {
    name: "env value with no fallback: quiet unless reportUnknown",
    code: `import { Pool } from 'pg';
export const pool = new Pool({ max: Number(process.env.DB_POOL_MAX), connectionTimeoutMillis: 2000 });`,
  },
  {
    name: "reportUnknown: pg turns a NaN or undefined max into its default 10, so an unset variable is not unbounded",
    code: `import { Pool } from 'pg';
export const a = new Pool({ max: Number(process.env.DB_POOL_MAX), connectionTimeoutMillis: 2000 });
export const b = new Pool({ max: process.env.DB_POOL_MAX as unknown as number, connectionTimeoutMillis: 2000 });`,
    options: [{"reportUnknown":true}],
  },
  {
    name: "reportUnknown: mysql2 turns a NaN connectionLimit into 10; knex and oracledb throw on NaN while building the pool",
    code: `import mysql from 'mysql2/promise';
import knex from 'knex';
import oracledb from 'oracledb';
export const a = mysql.createPool({ host: 'db', connectionLimit: Number(process.env.DB_POOL_MAX), queueLimit: 50 });
export const b = knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { max: Number(process.env.DB_POOL_MAX) } });
export const c = oracledb.createPool({ poolMax: Number(process.env.DB_POOL_MAX), queueTimeout: 5000, queueMax: 100 });`,
    options: [{"reportUnknown":true}],
  },
  {
    name: "reportUnknown: a fallback before the conversion, or `||` after it (NaN is falsy), applies",
    code: `import { Pool } from 'pg';
export const a = new Pool({ max: 10, connectionTimeoutMillis: Number(process.env.PG_TIMEOUT ?? 5000) });
export const b = new Pool({ max: 10, connectionTimeoutMillis: Number(process.env.PG_TIMEOUT) || 5000 });`,
    options: [{"reportUnknown":true}],
  },
  {
    name: "env value with a bounded fallback",
    code: `import { Pool } from 'pg';
export const pool = new Pool({ max: Number(process.env.DB_POOL_MAX ?? 20), connectionTimeoutMillis: parseInt(process.env.PG_WAIT || '3000', 10) });`,
  },
  {
    name: "a spread of an unknown object may set the missing options",
    code: `import { Pool } from 'pg';
declare function loadDatabaseConfig(): object;
export const pool = new Pool({ ...loadDatabaseConfig(), max: 10 });`,
  },
  {
    name: "a local class named Pool is not pg",
    code: `class Pool { constructor(readonly size: number) {} }
export const pool = new Pool(1000);`,
  },
  {
    name: "standalone connections are not pools",
    code: `import { Client } from 'pg';
import mysql from 'mysql2/promise';
export const client = new Client({ connectionString: process.env.DATABASE_URL });
export const connection = mysql.createConnection({ host: 'db' });`,
  },
  {
    name: "a larger budget from the rule option",
    code: `import { Pool } from 'pg';
export const pool = new Pool({ max: 300, connectionTimeoutMillis: 3000 });`,
    options: [{"maxPoolSize":500}],
  },
  {
    name: "mongoose.connect with a wait timeout",
    code: `import mongoose from 'mongoose';
export async function connectDatabase() {
  await mongoose.connect(process.env.MONGO_URI ?? '', { maxPoolSize: 30, waitQueueTimeoutMS: 2000 });
}`,
  },
  {
    name: "ternary whose branches are both bounded",
    code: `import { Pool } from 'pg';
const production = process.env.NODE_ENV === 'production';
export const pool = new Pool({ max: production ? 40 : 5, connectionTimeoutMillis: production ? 5000 : 1000 });`,
  },
  {
    name: "typed and satisfies-checked options",
    code: `import { Pool, type PoolConfig } from 'pg';
const options: PoolConfig = { max: 20, connectionTimeoutMillis: 1000 };
export const pool = new Pool(options);
export const other = new Pool({ max: 20, connectionTimeoutMillis: 1000 } satisfies PoolConfig);`,
  },
  {
    name: "TypeORM extra.max wins over poolSize",
    code: `import { DataSource, type DataSourceOptions } from 'typeorm';
const options: DataSourceOptions = { type: 'postgres', url: process.env.DATABASE_URL, extra: { max: 20, connectionTimeoutMillis: 4000 } };
export const source = new DataSource({ ...options, poolSize: 500 });`,
  },
  {
    name: "pg options completed by assignments before the pool is built",
    code: `import pg from 'pg';
const config: pg.PoolConfig = { connectionString: process.env.DATABASE_URL };
config.max = Number(process.env.POOL_SIZE ?? 10);
config.connectionTimeoutMillis = 5000;
export const pool = new pg.Pool(config);`,
  },
  {
    name: "mysql2 queue bound written by assignment",
    code: `import mysql from 'mysql2/promise';
const options: mysql.PoolOptions = { host: 'db' };
options.connectionLimit = 10;
options['queueLimit'] = 100;
export const pool = mysql.createPool(options);`,
  },
  {
    name: "an option assigned only on some path is not known to be missing",
    code: `import pg from 'pg';
const config: pg.PoolConfig = { connectionString: process.env.DATABASE_URL, max: 10 };
if (process.env.DB_TIMEOUT) config.connectionTimeoutMillis = Number(process.env.DB_TIMEOUT);
export const pool = new pg.Pool(config);`,
  },
  {
    name: "Object.assign into the options: what they hold is not known",
    code: `import pg from 'pg';
declare const overrides: pg.PoolConfig;
const config: pg.PoolConfig = { connectionString: process.env.DATABASE_URL };
Object.assign(config, overrides);
export const pool = new pg.Pool(config);`,
  },
];

const invalid: InvalidCase<typeof rule>[] = [
  {
    name: 'a driver required optionally (issue 8, shape 9), its Pool built without an acquire timeout',
    filename: 'script.js',
    code: `let maybePg;
try {
  maybePg = require('pg');
} catch {}
const pool = maybePg ? new maybePg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 }) : null;
module.exports = { pool };`,
    errors: [
      { messageId: 'waitsForever', line: 5, column: 24, endLine: 5, endColumn: 40, suggestions: [
        { messageId: 'setLimit', data: { option: 'connectionTimeoutMillis', value: 10000 }, output: `let maybePg;
try {
  maybePg = require('pg');
} catch {}
const pool = maybePg ? new maybePg.Pool({ connectionString: process.env.DATABASE_URL, max: 10, connectionTimeoutMillis: 10_000 }) : null;
module.exports = { pool };` },
      ] },
    ],
  },
  {
    name: "pg options completed by assignment still without an acquire timeout",
    code: `import pg from 'pg';
const config: pg.PoolConfig = { connectionString: process.env.DATABASE_URL };
config.max = 20;
export const pool = new pg.Pool(config);`,
    errors: [
      { messageId: "waitsForever", line: 4, column: 21, endLine: 4, endColumn: 32, suggestions: [
        { messageId: "setLimit", data: { option: "connectionTimeoutMillis", value: 10000 }, output: `import pg from 'pg';
const config: pg.PoolConfig = { connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 10_000 };
config.max = 20;
export const pool = new pg.Pool(config);` },
      ] },
    ],
  },
  {
    name: "pg Pool without connectionTimeoutMillis waits forever",
    code: `import { Pool } from 'pg';
export const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });`,
    errors: [
      { messageId: "waitsForever", line: 2, column: 21, endLine: 2, endColumn: 29, suggestions: [
        { messageId: "setLimit", data: { option: "connectionTimeoutMillis", value: 10000 }, output: `import { Pool } from 'pg';
export const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20, connectionTimeoutMillis: 10_000 });` },
      ] },
    ],
  },
  {
    name: "pg connectionTimeoutMillis: 0 means forever",
    code: `import { Pool } from 'pg';
export const pool = new Pool({
  max: 10,
  connectionTimeoutMillis: 0,
});`,
    errors: [
      { messageId: "waitsForever", line: 4, column: 3, endLine: 4, endColumn: 29, suggestions: [
        { messageId: "setLimit", data: { option: "connectionTimeoutMillis", value: 10000 }, output: `import { Pool } from 'pg';
export const pool = new Pool({
  max: 10,
  connectionTimeoutMillis: 10_000,
});` },
      ] },
    ],
  },
  {
    name: "new pg.Pool() with no options",
    code: `import pg from 'pg';
export const pool = new pg.Pool();`,
    errors: [
      { messageId: "waitsForever", line: 2, column: 21, endLine: 2, endColumn: 32, suggestions: [
        { messageId: "setLimit", data: { option: "connectionTimeoutMillis", value: 10000 }, output: `import pg from 'pg';
export const pool = new pg.Pool({ connectionTimeoutMillis: 10_000 });` },
      ] },
    ],
  },
  {
    name: "CommonJS require of pg",
    code: `const { Pool } = require('pg');
module.exports.pool = new Pool({ max: 5 });`,
    errors: [
      { messageId: "waitsForever", line: 2, column: 23, endLine: 2, endColumn: 31, suggestions: [
        { messageId: "setLimit", data: { option: "connectionTimeoutMillis", value: 10000 }, output: `const { Pool } = require('pg');
module.exports.pool = new Pool({ max: 5, connectionTimeoutMillis: 10_000 });` },
      ] },
    ],
  },
  {
    name: "pg max over the default budget of 100",
    code: `import { Pool } from 'pg';
export const pool = new Pool({ max: 500, connectionTimeoutMillis: 5000 });`,
    errors: [
      { messageId: "overBudget", line: 2, column: 32, endLine: 2, endColumn: 40 },
    ],
  },
  {
    name: "options in a const object",
    code: `import { Pool } from 'pg';
const poolOptions = { max: 300, connectionTimeoutMillis: 1000 };
export const pool = new Pool(poolOptions);`,
    errors: [
      { messageId: "overBudget", line: 2, column: 23, endLine: 2, endColumn: 31 },
    ],
  },
  {
    name: "a missing limit is reported at the shared config the options spread",
    code: `import { Pool } from 'pg';
export const baseConfig = { host: process.env.PGHOST, max: 10 };
export const pool = new Pool({ ...baseConfig, application_name: 'api' });`,
    errors: [
      { messageId: "waitsForever", line: 2, column: 14, endLine: 2, endColumn: 24, suggestions: [
        { messageId: "setLimit", data: { option: "connectionTimeoutMillis", value: 10000 }, output: `import { Pool } from 'pg';
export const baseConfig = { host: process.env.PGHOST, max: 10 };
export const pool = new Pool({ ...baseConfig, application_name: 'api', connectionTimeoutMillis: 10_000 });` },
      ] },
    ],
  },
  {
    name: "a spread overrides a good base with 0",
    code: `import { Pool } from 'pg';
const base = { max: 10, connectionTimeoutMillis: 5000 } as const;
export const reporting = new Pool({ ...base, connectionTimeoutMillis: 0 });`,
    errors: [
      { messageId: "waitsForever", line: 3, column: 46, endLine: 3, endColumn: 72, suggestions: [
        { messageId: "setLimit", data: { option: "connectionTimeoutMillis", value: 10000 }, output: `import { Pool } from 'pg';
const base = { max: 10, connectionTimeoutMillis: 5000 } as const;
export const reporting = new Pool({ ...base, connectionTimeoutMillis: 10_000 });` },
      ] },
    ],
  },
  {
    name: "an env fallback over budget",
    code: `import { Pool } from 'pg';
export const pool = new Pool({ max: Number(process.env.DB_POOL_MAX ?? 250), connectionTimeoutMillis: 2000 });`,
    errors: [
      { messageId: "overBudget", line: 2, column: 32, endLine: 2, endColumn: 75 },
    ],
  },
  {
    name: "parseInt(process.env.X || '0') uses the forever fallback",
    code: `import { Pool } from 'pg';
export const pool = new Pool({ max: 10, connectionTimeoutMillis: parseInt(process.env.PG_CONNECT_TIMEOUT || '0', 10) });`,
    errors: [
      { messageId: "waitsForever", line: 2, column: 41, endLine: 2, endColumn: 117 },
    ],
  },
  {
    name: "one branch of a ternary over budget",
    code: `import { Pool } from 'pg';
const production = process.env.NODE_ENV === 'production';
export const pool = new Pool({ max: production ? 400 : 10, connectionTimeoutMillis: 3000 });`,
    errors: [
      { messageId: "overBudget", line: 3, column: 32, endLine: 3, endColumn: 58 },
    ],
  },
  {
    name: "mysql2 connectionLimit: 0 means unlimited",
    code: `import mysql from 'mysql2/promise';
export const pool = mysql.createPool({ host: 'db', connectionLimit: 0, queueLimit: 50 });`,
    errors: [
      { messageId: "unboundedSize", line: 2, column: 52, endLine: 2, endColumn: 70, suggestions: [
        { messageId: "setLimit", data: { option: "connectionLimit", value: 10 }, output: `import mysql from 'mysql2/promise';
export const pool = mysql.createPool({ host: 'db', connectionLimit: 10, queueLimit: 50 });` },
      ] },
    ],
  },
  {
    name: "mysql2 queue unbounded by default",
    code: `import mysql from 'mysql2';
export const pool = mysql.createPool({ host: 'db', connectionLimit: 10 });`,
    errors: [
      { messageId: "unboundedQueue", line: 2, column: 21, endLine: 2, endColumn: 37, suggestions: [
        { messageId: "setLimit", data: { option: "queueLimit", value: 500 }, output: `import mysql from 'mysql2';
export const pool = mysql.createPool({ host: 'db', connectionLimit: 10, queueLimit: 500 });` },
      ] },
    ],
  },
  {
    name: "mysql2 explicit queueLimit: 0",
    code: `import { createPool } from 'mysql2/promise';
export const pool = createPool({ host: 'db', connectionLimit: 10, queueLimit: 0 });`,
    errors: [
      { messageId: "unboundedQueue", line: 2, column: 67, endLine: 2, endColumn: 80, suggestions: [
        { messageId: "setLimit", data: { option: "queueLimit", value: 500 }, output: `import { createPool } from 'mysql2/promise';
export const pool = createPool({ host: 'db', connectionLimit: 10, queueLimit: 500 });` },
      ] },
    ],
  },
  {
    name: "mysql2 pool from a connection URL has the default queue",
    code: `import mysql from 'mysql2/promise';
export const pool = mysql.createPool('mysql://app:secret@db:3306/shop');`,
    errors: [
      { messageId: "unboundedQueue", line: 2, column: 21, endLine: 2, endColumn: 37 },
    ],
  },
  {
    name: "mysql (mysqljs) connectionLimit: 0",
    code: `import mysql from 'mysql';
export const pool = mysql.createPool({ host: 'db', connectionLimit: 0, queueLimit: 20 });`,
    errors: [
      { messageId: "unboundedSize", line: 2, column: 52, endLine: 2, endColumn: 70, suggestions: [
        { messageId: "setLimit", data: { option: "connectionLimit", value: 10 }, output: `import mysql from 'mysql';
export const pool = mysql.createPool({ host: 'db', connectionLimit: 10, queueLimit: 20 });` },
      ] },
    ],
  },
  {
    name: "mysql2 cluster node without a connection limit",
    code: `import mysql from 'mysql2';
export const cluster = mysql.createPoolCluster();
cluster.add('replica', { host: 'replica', connectionLimit: 0, queueLimit: 20 });`,
    errors: [
      { messageId: "unboundedSize", line: 3, column: 43, endLine: 3, endColumn: 61, suggestions: [
        { messageId: "setLimit", data: { option: "connectionLimit", value: 10 }, output: `import mysql from 'mysql2';
export const cluster = mysql.createPoolCluster();
cluster.add('replica', { host: 'replica', connectionLimit: 10, queueLimit: 20 });` },
      ] },
    ],
  },
  {
    name: "postgres.js max over budget",
    code: `import postgres from 'postgres';
export const sql = postgres(process.env.DATABASE_URL ?? '', { max: 500 });`,
    errors: [
      { messageId: "overBudget", line: 2, column: 63, endLine: 2, endColumn: 71 },
    ],
  },
  {
    name: "knex pool.max over budget",
    code: `import knex from 'knex';
export const db = knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { min: 0, max: 300 } });`,
    errors: [
      { messageId: "overBudget", line: 2, column: 94, endLine: 2, endColumn: 102 },
    ],
  },
  {
    name: "TypeORM postgres without an acquire timeout",
    code: `import { DataSource } from 'typeorm';
export const source = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, poolSize: 10 });`,
    errors: [
      { messageId: "waitsForever", line: 2, column: 23, endLine: 2, endColumn: 37, suggestions: [
        { messageId: "setLimit", data: { option: "extra.connectionTimeoutMillis", value: 10000 }, output: `import { DataSource } from 'typeorm';
export const source = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, poolSize: 10, extra: { connectionTimeoutMillis: 10_000 } });` },
      ] },
    ],
  },
  {
    name: "TypeORM extra overrides poolSize",
    code: `import { DataSource } from 'typeorm';
export const source = new DataSource({ type: 'postgres', poolSize: 10, connectTimeoutMS: 3000, extra: { max: 400 } });`,
    errors: [
      { messageId: "overBudget", line: 2, column: 105, endLine: 2, endColumn: 113 },
    ],
  },
  {
    name: "TypeORM mysql queue unbounded",
    code: `import { DataSource } from 'typeorm';
export const source = new DataSource({ type: 'mysql', host: 'db', poolSize: 10 });`,
    errors: [
      { messageId: "unboundedQueue", line: 2, column: 23, endLine: 2, endColumn: 37, suggestions: [
        { messageId: "setLimit", data: { option: "extra.queueLimit", value: 500 }, output: `import { DataSource } from 'typeorm';
export const source = new DataSource({ type: 'mysql', host: 'db', poolSize: 10, extra: { queueLimit: 500 } });` },
      ] },
    ],
  },
  {
    name: "Sequelize pool.max over budget",
    code: `import { Sequelize } from 'sequelize';
export const sequelize = new Sequelize(process.env.DATABASE_URL ?? '', { pool: { max: 200 } });`,
    errors: [
      { messageId: "overBudget", line: 2, column: 82, endLine: 2, endColumn: 90 },
    ],
  },
  {
    name: "Prisma connection_limit over budget in a literal URL",
    code: `import { PrismaClient } from '@prisma/client';
export const prisma = new PrismaClient({ datasourceUrl: 'postgresql://app@db:5432/shop?connection_limit=300' });`,
    errors: [
      { messageId: "overBudget", line: 2, column: 57, endLine: 2, endColumn: 109 },
    ],
  },
  {
    name: "Prisma pool_timeout=0 waits forever",
    code: `import { PrismaClient } from '@prisma/client';
export const prisma = new PrismaClient({ datasources: { db: { url: 'postgresql://app@db/shop?pool_timeout=0' } } });`,
    errors: [
      { messageId: "waitsForever", line: 2, column: 68, endLine: 2, endColumn: 109 },
    ],
  },
  {
    name: "PrismaPg builds a pg pool with no acquire timeout",
    code: `import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
const adapter = new PrismaPg({ connectionString: process.env.DATABASE_URL, max: 10 });
export const prisma = new PrismaClient({ adapter });`,
    errors: [
      { messageId: "waitsForever", line: 3, column: 17, endLine: 3, endColumn: 29, suggestions: [
        { messageId: "setLimit", data: { option: "connectionTimeoutMillis", value: 10000 }, output: `import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
const adapter = new PrismaPg({ connectionString: process.env.DATABASE_URL, max: 10, connectionTimeoutMillis: 10_000 });
export const prisma = new PrismaClient({ adapter });` },
      ] },
    ],
  },
  {
    name: "MongoClient without waitQueueTimeoutMS",
    code: `import { MongoClient } from 'mongodb';
export const client = new MongoClient(process.env.MONGO_URL ?? '', { maxPoolSize: 50 });`,
    errors: [
      { messageId: "waitsForever", line: 2, column: 23, endLine: 2, endColumn: 38, suggestions: [
        { messageId: "setLimit", data: { option: "waitQueueTimeoutMS", value: 10000 }, output: `import { MongoClient } from 'mongodb';
export const client = new MongoClient(process.env.MONGO_URL ?? '', { maxPoolSize: 50, waitQueueTimeoutMS: 10_000 });` },
      ] },
    ],
  },
  {
    name: "MongoClient.connect builds a client like new MongoClient, and waits forever by default",
    code: `import { MongoClient } from 'mongodb';
export const client = await MongoClient.connect(process.env.MONGO_URL ?? '', { maxPoolSize: 50 });`,
    errors: [
      { messageId: "waitsForever", line: 2, column: 29, endLine: 2, endColumn: 48, suggestions: [
        { messageId: "setLimit", data: { option: "waitQueueTimeoutMS", value: 10000 }, output: `import { MongoClient } from 'mongodb';
export const client = await MongoClient.connect(process.env.MONGO_URL ?? '', { maxPoolSize: 50, waitQueueTimeoutMS: 10_000 });` },
      ] },
    ],
  },
  {
    name: "MongoClient maxPoolSize: 0 means unlimited",
    code: `import { MongoClient } from 'mongodb';
export const client = new MongoClient(process.env.MONGO_URL ?? '', { maxPoolSize: 0, waitQueueTimeoutMS: 1000 });`,
    errors: [
      { messageId: "unboundedSize", line: 2, column: 70, endLine: 2, endColumn: 84, suggestions: [
        { messageId: "setLimit", data: { option: "maxPoolSize", value: 100 }, output: `import { MongoClient } from 'mongodb';
export const client = new MongoClient(process.env.MONGO_URL ?? '', { maxPoolSize: 100, waitQueueTimeoutMS: 1000 });` },
      ] },
    ],
  },
  {
    name: "mongoose.createConnection waits forever by default",
    code: `import mongoose from 'mongoose';
export const analytics = mongoose.createConnection('mongodb://db/analytics', { maxPoolSize: 10 });`,
    errors: [
      { messageId: "waitsForever", line: 2, column: 26, endLine: 2, endColumn: 51, suggestions: [
        { messageId: "setLimit", data: { option: "waitQueueTimeoutMS", value: 10000 }, output: `import mongoose from 'mongoose';
export const analytics = mongoose.createConnection('mongodb://db/analytics', { maxPoolSize: 10, waitQueueTimeoutMS: 10_000 });` },
      ] },
    ],
  },
  {
    name: "mssql pool.max over budget",
    code: `import sql from 'mssql';
export const pool = new sql.ConnectionPool({ server: 'db', pool: { max: 1000, min: 0 } });`,
    errors: [
      { messageId: "overBudget", line: 2, column: 68, endLine: 2, endColumn: 77 },
    ],
  },
  {
    name: "oracledb queueTimeout: 0 never times out",
    code: `import oracledb from 'oracledb';
export const pool = oracledb.createPool({ user: 'app', connectString: 'db/orcl', poolMax: 8, queueTimeout: 0 });`,
    errors: [
      { messageId: "waitsForever", line: 2, column: 94, endLine: 2, endColumn: 109, suggestions: [
        { messageId: "setLimit", data: { option: "queueTimeout", value: 60000 }, output: `import oracledb from 'oracledb';
export const pool = oracledb.createPool({ user: 'app', connectString: 'db/orcl', poolMax: 8, queueTimeout: 60_000 });` },
      ] },
    ],
  },
  {
    name: "oracledb queueMax: -1 queues without limit",
    code: `import oracledb from 'oracledb';
export const pool = oracledb.createPool({ user: 'app', connectString: 'db/orcl', poolMax: 8, queueMax: -1 });`,
    errors: [
      { messageId: "unboundedQueue", line: 2, column: 94, endLine: 2, endColumn: 106, suggestions: [
        { messageId: "setLimit", data: { option: "queueMax", value: 500 }, output: `import oracledb from 'oracledb';
export const pool = oracledb.createPool({ user: 'app', connectString: 'db/orcl', poolMax: 8, queueMax: 500 });` },
      ] },
    ],
  },
  {
    name: "generic-pool without maxWaitingClients",
    code: `import genericPool from 'generic-pool';
export const pool = genericPool.createPool({ create: async () => ({}), destroy: async () => undefined }, { max: 4, acquireTimeoutMillis: 1000 });`,
    errors: [
      { messageId: "unboundedQueue", line: 2, column: 21, endLine: 2, endColumn: 43, suggestions: [
        { messageId: "setLimit", data: { option: "maxWaitingClients", value: 500 }, output: `import genericPool from 'generic-pool';
export const pool = genericPool.createPool({ create: async () => ({}), destroy: async () => undefined }, { max: 4, acquireTimeoutMillis: 1000, maxWaitingClients: 500 });` },
      ] },
    ],
  },
  {
    name: "generic-pool with no options at all",
    code: `import { createPool } from 'generic-pool';
export const pool = createPool({ create: async () => ({}), destroy: async () => undefined });`,
    errors: [
      { messageId: "waitsForever", line: 2, column: 21, endLine: 2, endColumn: 31 },
      { messageId: "unboundedQueue", line: 2, column: 21, endLine: 2, endColumn: 31 },
    ],
  },
  {
    name: "drizzle(url) builds a pg pool with pg defaults",
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
export const db = drizzle(process.env.DATABASE_URL ?? '');`,
    errors: [
      { messageId: "waitsForever", line: 2, column: 19, endLine: 2, endColumn: 26 },
    ],
  },
  {
    name: "Kysely over a new pg Pool without a timeout",
    code: `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
export const db = new Kysely<Record<string, never>>({ dialect: new PostgresDialect({ pool: new Pool({ max: 10 }) }) });`,
    errors: [
      { messageId: "waitsForever", line: 3, column: 92, endLine: 3, endColumn: 100, suggestions: [
        { messageId: "setLimit", data: { option: "connectionTimeoutMillis", value: 10000 }, output: `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
export const db = new Kysely<Record<string, never>>({ dialect: new PostgresDialect({ pool: new Pool({ max: 10, connectionTimeoutMillis: 10_000 }) }) });` },
      ] },
    ],
  },
  {
    name: "MikroORM pool.max over budget",
    code: `import { MikroORM } from '@mikro-orm/core';
export const orm = await MikroORM.init({ pool: { max: 500 } });`,
    errors: [
      { messageId: "overBudget", line: 2, column: 50, endLine: 2, endColumn: 58 },
    ],
  },
  {
    name: "a smaller budget from the rule option",
    code: `import { Pool } from 'pg';
export const pool = new Pool({ max: 30, connectionTimeoutMillis: 3000 });`,
    options: [{"maxPoolSize":20}],
    errors: [
      { messageId: "overBudget", line: 2, column: 32, endLine: 2, endColumn: 39 },
    ],
  },
  {
    name: "a smaller budget from settings.poolguard",
    code: `import { Pool } from 'pg';
export const pool = new Pool({ max: 30, connectionTimeoutMillis: 3000 });`,
    settings: {"poolguard":{"maxPoolSize":25}},
    errors: [
      { messageId: "overBudget", line: 2, column: 32, endLine: 2, endColumn: 39 },
    ],
  },
  {
    name: "reportUnknown: a timeout read from the environment with no fallback: pg waits forever on NaN",
    code: `import { Pool } from 'pg';
export const pool = new Pool({ max: 10, connectionTimeoutMillis: Number(process.env.PG_TIMEOUT) });`,
    options: [{"reportUnknown":true}],
    errors: [
      {
        messageId: "unknownLimit", line: 2, column: 41, endLine: 2, endColumn: 96,
        data: {
          noun: 'pg Pool', option: 'connectionTimeoutMillis', env: 'PG_TIMEOUT', unset: 'unset or not a number',
          consequence: 'callers wait forever for a free connection',
          fallback: 'before the conversion, `Number(process.env.PG_TIMEOUT ?? 10000)`: a `??` after `Number()` never applies, NaN is not nullish',
        },
      },
    ],
  },
  {
    name: "reportUnknown: a `??` after Number() never applies (NaN is not nullish)",
    code: `import { Pool } from 'pg';
export const pool = new Pool({ max: 10, connectionTimeoutMillis: Number(process.env.PG_TIMEOUT) ?? 5000 });`,
    options: [{"reportUnknown":true}],
    errors: [
      { messageId: "unknownLimit", line: 2, column: 41, endLine: 2, endColumn: 104 },
    ],
  },
  {
    name: "reportUnknown: mysql keeps a NaN connectionLimit and never opens a connection",
    code: `import mysql from 'mysql';
export const pool = mysql.createPool({ host: 'db', connectionLimit: Number(process.env.DB_POOL_MAX), queueLimit: 50 });`,
    options: [{"reportUnknown":true}],
    errors: [
      {
        messageId: "unknownLimit", line: 2, column: 52, endLine: 2, endColumn: 100,
        data: {
          noun: 'mysql pool', option: 'connectionLimit', env: 'DB_POOL_MAX', unset: 'unset or not a number',
          consequence: 'it never opens a connection (`connectionLimit` is NaN), so every caller waits',
          fallback: 'before the conversion, `Number(process.env.DB_POOL_MAX ?? 10)`: a `??` after `Number()` never applies, NaN is not nullish',
        },
      },
    ],
  },
  {
    name: "reportUnknown: a queue limit read as it is: unset, mysql2 queues without limit",
    code: `import mysql from 'mysql2/promise';
export const pool = mysql.createPool({ host: 'db', connectionLimit: 10, queueLimit: process.env.DB_QUEUE_MAX as unknown as number });`,
    options: [{"reportUnknown":true}],
    errors: [
      {
        messageId: "unknownLimit", line: 2, column: 73, endLine: 2, endColumn: 130,
        data: {
          noun: 'mysql2 pool', option: 'queueLimit', env: 'DB_QUEUE_MAX', unset: 'unset',
          consequence: 'requests queue for a connection without limit',
          fallback: '`process.env.DB_QUEUE_MAX ?? 500`',
        },
      },
    ],
  },
  {
    name: "reportUnknown: a destructured env timeout",
    code: `import { Pool } from 'pg';
const { PG_TIMEOUT } = process.env;
export const pool = new Pool({ max: 10, connectionTimeoutMillis: Number(PG_TIMEOUT) });`,
    options: [{"reportUnknown":true}],
    errors: [
      { messageId: "unknownLimit", line: 3, column: 41, endLine: 3, endColumn: 84 },
    ],
  },
  {
    name: "a config object whose timeout falls back to 0",
    code: `import { Pool } from 'pg';
const config = {
  max: process.env.NODE_ENV === 'production' ? 50 : 5,
  connectionTimeoutMillis: Number(process.env.PG_TIMEOUT ?? 0),
};
export const pool = new Pool(config);`,
    errors: [
      { messageId: "waitsForever", line: 4, column: 3, endLine: 4, endColumn: 63 },
    ],
  },
  {
    name: "drizzle({ connection: url }) builds a pg pool with pg defaults",
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
export const db = drizzle({ connection: process.env.DATABASE_URL ?? '' });`,
    errors: [
      { messageId: "waitsForever", line: 2, column: 19, endLine: 2, endColumn: 26 },
    ],
  },
  {
    name: "an enum member over budget",
    code: `import { Pool } from 'pg';
enum PoolLimits { Max = 150 }
export const pool = new Pool({ max: PoolLimits.Max, connectionTimeoutMillis: 1000 });`,
    errors: [
      { messageId: "overBudget", line: 3, column: 32, endLine: 3, endColumn: 51 },
    ],
  },
  {
    name: "options returned by a local function",
    code: `import { Pool } from 'pg';
function poolOptions() {
  return { max: 5, connectionTimeoutMillis: 0 };
}
export const pool = new Pool(poolOptions());`,
    errors: [
      { messageId: "waitsForever", line: 3, column: 20, endLine: 3, endColumn: 46, suggestions: [
        { messageId: "setLimit", data: { option: "connectionTimeoutMillis", value: 10000 }, output: `import { Pool } from 'pg';
function poolOptions() {
  return { max: 5, connectionTimeoutMillis: 10_000 };
}
export const pool = new Pool(poolOptions());` },
      ] },
    ],
  },
  {
    name: "Object.freeze around the options",
    code: `import { Pool } from 'pg';
export const pool = new Pool(Object.freeze({ max: 1000, connectionTimeoutMillis: 1000 }));`,
    errors: [
      { messageId: "overBudget", line: 2, column: 46, endLine: 2, endColumn: 55 },
    ],
  },
  {
    name: "an alias of process.env keeps the variable name",
    code: `import { Pool } from 'pg';
const env = process.env;
export const pool = new Pool({ max: Number(env.DB_POOL_MAX ?? 400), connectionTimeoutMillis: 1000 });`,
    errors: [
      { messageId: "overBudget", line: 3, column: 32, endLine: 3, endColumn: 67 },
    ],
  },
  {
    name: "TypeORM mysql extra.queueLimit: 0 on its own line",
    code: `import { DataSource } from 'typeorm';
export const source = new DataSource({
  type: 'mysql',
  host: 'db',
  extra: { connectionLimit: 10, queueLimit: 0 },
});`,
    errors: [
      { messageId: "unboundedQueue", line: 5, column: 33, endLine: 5, endColumn: 46, suggestions: [
        { messageId: "setLimit", data: { option: "extra.queueLimit", value: 500 }, output: `import { DataSource } from 'typeorm';
export const source = new DataSource({
  type: 'mysql',
  host: 'db',
  extra: { connectionLimit: 10, queueLimit: 500 },
});` },
      ] },
    ],
  },
  {
    name: "suggestion: a property per line, with a trailing comma, gets a new line in the same layout",
    code: `import { Pool } from 'pg';
export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: 20,
});`,
    errors: [
      { messageId: "waitsForever", line: 2, column: 21, endLine: 2, endColumn: 29, suggestions: [
        { messageId: "setLimit", data: { option: "connectionTimeoutMillis", value: 10000 }, output: `import { Pool } from 'pg';
export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: 20,
  connectionTimeoutMillis: 10_000,
});` },
      ] },
    ],
  },
  {
    name: "suggestion: options in a const object of the file get the bound there",
    code: `import mysql from 'mysql2';
const settings = { host: 'db', connectionLimit: 10 };
export const pool = mysql.createPool(settings);`,
    errors: [
      { messageId: "unboundedQueue", line: 3, column: 21, endLine: 3, endColumn: 37, suggestions: [
        { messageId: "setLimit", data: { option: "queueLimit", value: 500 }, output: `import mysql from 'mysql2';
const settings = { host: 'db', connectionLimit: 10, queueLimit: 500 };
export const pool = mysql.createPool(settings);` },
      ] },
    ],
  },
  {
    name: "suggestion: an option written as undefined gets the value, not a second property",
    code: `import { Pool } from 'pg';
export const pool = new Pool({ max: 10, connectionTimeoutMillis: undefined });`,
    errors: [
      { messageId: "waitsForever", line: 2, column: 21, endLine: 2, endColumn: 29, suggestions: [
        { messageId: "setLimit", data: { option: "connectionTimeoutMillis", value: 10000 }, output: `import { Pool } from 'pg';
export const pool = new Pool({ max: 10, connectionTimeoutMillis: 10_000 });` },
      ] },
    ],
  },
  {
    name: "no suggestion: an options object holding only a comment is left to the user",
    code: `import { Pool } from 'pg';
export const pool = new Pool({ /* defaults for now */ });`,
    errors: [
      { messageId: "waitsForever", line: 2, column: 21, endLine: 2, endColumn: 29 },
    ],
  },
  {
    name: "no suggestion: a sentinel that is computed, not written as a number",
    code: `import { Pool } from 'pg';
export function makePool(options: { max: number }) {
  return new Pool({ ...options, connectionTimeoutMillis: 0 + 0 });
}`,
    errors: [
      { messageId: "waitsForever", line: 3, column: 33, endLine: 3, endColumn: 63 },
    ],
  },
];

// Typed only: a config object imported from fixtures/rule-tester/pool-settings.ts is followed through the import.
// @neondatabase/serverless is not installed: its pg-compatible Pool is recognised by its import.
// fixtures/rule-tester/mikro-orm-5 declares MikroORM 5 (knex's pool); its app/ package declares none of it itself.
const mikroOrm5App = path.join(ruleTesterRoot, 'mikro-orm-5', 'app');
const untypedOnly: RuleCases<typeof rule> = {
  valid: [
    {
      name: "MikroORM 5 declared by the workspace root pools through knex: acquire waits 60 s by default",
      code: `import { MikroORM } from '@mikro-orm/postgresql';
export const orm = await MikroORM.init({ clientUrl: process.env.DATABASE_URL });`,
      filename: path.join(mikroOrm5App, 'src/orm.ts'),
    },
    {
      name: "Neon's Pool with a size and an acquire timeout",
      code: `import { Pool } from '@neondatabase/serverless';
export const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10, connectionTimeoutMillis: 5000 });`,
    },
    {
      name: "Neon's HTTP query function holds no connection",
      code: `import { neon } from '@neondatabase/serverless';
export const sql = neon(process.env.DATABASE_URL ?? '');`,
    },
  ],
  invalid: [
    {
      name: "MikroORM with no version declared: 7's PostgreSQL driver is a pg Pool that waits forever",
      code: `import { MikroORM } from '@mikro-orm/postgresql';
export const orm = await MikroORM.init({ clientUrl: process.env.DATABASE_URL });`,
      errors: [{ messageId: "waitsForever", line: 2, column: 26, endLine: 2, endColumn: 39, suggestions: [
        { messageId: "setLimit", data: { option: "driverOptions.connectionTimeoutMillis", value: 10000 }, output: `import { MikroORM } from '@mikro-orm/postgresql';
export const orm = await MikroORM.init({ clientUrl: process.env.DATABASE_URL, driverOptions: { connectionTimeoutMillis: 10_000 } });` },
      ] }],
    },
    {
      name: "MikroORM 5: the pool size still counts against the budget",
      code: `import { MikroORM } from '@mikro-orm/postgresql';
export const orm = await MikroORM.init({ clientUrl: process.env.DATABASE_URL, pool: { max: 500 } });`,
      filename: path.join(mikroOrm5App, 'src/orm.ts'),
      errors: [{ messageId: "overBudget", line: 2, column: 87, endLine: 2, endColumn: 95 }],
    },
    {
      name: "Neon's Pool is pg's: without connectionTimeoutMillis it waits forever",
      code: `import { Pool } from '@neondatabase/serverless';
export const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });`,
      errors: [
        { messageId: "waitsForever", line: 2, column: 21, endLine: 2, endColumn: 29, suggestions: [
          { messageId: "setLimit", data: { option: "connectionTimeoutMillis", value: 10000 }, output: `import { Pool } from '@neondatabase/serverless';
export const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10, connectionTimeoutMillis: 10_000 });` },
        ] },
      ],
    },
  ],
};

const typedOnly: RuleCases<typeof rule> = {
  valid: [
    {
      name: "an imported config object with every bound (typed: followed through the import)",
      code: `import { Pool } from 'pg';
import { boundedPoolSettings } from './pool-settings';
export const pool = new Pool(boundedPoolSettings);`,
    },
  ],
  invalid: [
    {
      name: "an imported config object over budget (typed: followed through the import)",
      code: `import { Pool } from 'pg';
import { oversizedPoolSettings } from './pool-settings';
export const pool = new Pool({ ...oversizedPoolSettings, connectionString: process.env.DATABASE_URL });`,
      errors: [
        { messageId: "overBudget", line: 3, column: 21, endLine: 3, endColumn: 29 },
      ],
    },
  ],
};

runRuleTests('no-unbounded-pool', rule, { valid, invalid, untypedOnly, typedOnly });
