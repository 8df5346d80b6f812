/** Pool options, defaults and "no limit" values of the drivers' pools, shared by the libraries that wrap
 * them (TypeORM, Prisma's pg adapter, Drizzle, MikroORM). Read from each package's pool implementation:
 * pg-pool 3.14, postgres 3.4, mysql2 3.24, mysql 2.18, knex 3.3 / tarn 3.1, TypeORM 1.1, Sequelize 6.37,
 * Prisma 6 and 7, mongodb 7.9, mssql 12.7, oracledb 26, generic-pool 3.9, MikroORM 5.9 and 7.2.
 *
 * `suggestedValue` is what the fix suggestion writes. A sentinel ("0 = unlimited") is replaced by the library's own
 * finite default. Where the library has none: acquire waits get 10 s (the bound Prisma's engine pool and the
 * mysql drivers' connect timeout use; fail fast rather than hang), wait queues get 500 callers (oracledb's
 * `queueMax` default, the one driver that bounds its queue out of the box). */
import type { PoolLimits } from './pool-definition.js';

/** pg-pool: `max || poolSize || 10`; `connectionTimeoutMillis` undefined or 0 waits forever; no queue bound.
 * Both are tested for truthiness, so `undefined` and `NaN` give the default. */
export const pgPoolLimits = {
  size: { options: ['max', 'poolSize'], default: 10, replacedByDefault: [0], unit: 'connections', whenUnset: { undefined: 'default', NaN: 'default' } },
  acquireTimeout: { options: ['connectionTimeoutMillis'], default: 0, unlimited: [0], suggestedValue: 10_000, unit: 'ms', whenUnset: { undefined: 'default', NaN: 'default' } },
} as const satisfies PoolLimits;

/** mysql2: `connectionLimit: 0` and `queueLimit: 0` (the default) mean unlimited; no acquire timeout exists.
 * Both are read with `isNaN(x) ? default : Number(x)`, so `undefined` and `NaN` give the default. */
export const mysql2PoolLimits = {
  size: {
    options: ['connectionLimit'], urlParameters: ['connectionLimit'], default: 10, unlimited: [0], suggestedValue: 10, unit: 'connections',
    whenUnset: { undefined: 'default', NaN: 'default' },
  },
  queue: {
    options: ['queueLimit'], urlParameters: ['queueLimit'], default: 0, unlimited: [0], suggestedValue: 500, unit: 'callers',
    moot: { option: 'waitForConnections', equals: false }, whenUnset: { undefined: 'default', NaN: 'default' },
  },
} as const satisfies PoolLimits;

/** mysqljs/mysql: as mysql2; its `acquireTimeout` (10 s) does not count time spent queued, so no acquire limit.
 * Only `undefined` gives the defaults: a `NaN` connectionLimit stays NaN and `length < NaN` never opens a
 * connection; a `NaN` queueLimit is falsy, no limit, as the default 0. */
export const mysqlPoolLimits = {
  size: { ...mysql2PoolLimits.size, whenUnset: { undefined: 'default', NaN: 'no-connections' } },
  queue: mysql2PoolLimits.queue,
} as const satisfies PoolLimits;

/** postgres.js: `max` 10; no acquire timeout and no queue bound exist. A written `max` is used as it is,
 * `[...Array(max)]`: `undefined` makes one connection, `NaN` throws (invalid array length). */
export const postgresJsLimits = {
  size: { options: ['max'], urlParameters: ['max'], default: 10, unit: 'connections', whenUnset: { undefined: 1, NaN: 'rejected' } },
} as const satisfies PoolLimits;

/** tarn under knex: `pool.max` 10; acquire 60 s by default; no queue bound exists. knex fills `undefined` options
 * with its defaults and hands tarn the smaller of its two acquire timeouts; tarn throws on a `NaN` max or timeout,
 * and on an acquire timeout that is not above 0 ("Tarn: invalid opt.acquireTimeoutMillis 0"). */
export const knexPoolLimits = {
  size: { options: ['pool.max'], default: 10, unit: 'connections', whenUnset: { undefined: 'default', NaN: 'rejected' } },
  acquireTimeout: {
    options: ['acquireConnectionTimeout', 'pool.acquireTimeoutMillis'], default: 60_000, unit: 'ms', rejectedUpTo: 0,
    whenUnset: { undefined: 'default', NaN: 'rejected' },
  },
} as const satisfies PoolLimits;

/** sequelize-pool: `pool.max` 5; `pool.acquire` 60 s (0 falls back to 30 s); no queue bound exists. Sequelize
 * fills `undefined` with its defaults; sequelize-pool throws on a `NaN` max and reads `NaN || 30000`. */
export const sequelizePoolLimits = {
  size: { options: ['pool.max'], default: 5, unit: 'connections', whenUnset: { undefined: 'default', NaN: 'rejected' } },
  acquireTimeout: { options: ['pool.acquire'], default: 60_000, unit: 'ms', whenUnset: { undefined: 'default', NaN: 30_000 } },
} as const satisfies PoolLimits;

/** mongodb driver: `maxPoolSize` 100 (0 = unlimited); `waitQueueTimeoutMS` 0 (= wait forever); no queue bound.
 * Options that are `undefined` are dropped (defaults); a `NaN` passes its integer parsing, and then
 * `count < NaN` never opens a connection and `NaN > 0` sets no wait timeout. */
export const mongoDbPoolLimits = {
  size: {
    options: ['maxPoolSize'], urlParameters: ['maxPoolSize'], default: 100, unlimited: [0], suggestedValue: 100, unit: 'connections',
    whenUnset: { undefined: 'default', NaN: 'no-connections' },
  },
  acquireTimeout: {
    options: ['waitQueueTimeoutMS'], urlParameters: ['waitQueueTimeoutMS'], default: 0, unlimited: [0], suggestedValue: 10_000, unit: 'ms',
    whenUnset: { undefined: 'default', NaN: 'default' },
  },
} as const satisfies PoolLimits;

/** mssql (tarn): `pool.max` 10; `pool.acquireTimeoutMillis` 30 s and 0 is rejected; no queue bound exists.
 * mssql `Object.assign`s `pool` over its defaults, so an `undefined` max reaches tarn, which throws (as on NaN). */
export const mssqlPoolLimits = {
  size: { options: ['pool.max'], default: 10, unit: 'connections', whenUnset: { undefined: 'rejected', NaN: 'rejected' } },
  acquireTimeout: { options: ['pool.acquireTimeoutMillis'], default: 30_000, unit: 'ms', rejectedUpTo: 0, whenUnset: { undefined: 'default', NaN: 'rejected' } },
} as const satisfies PoolLimits;

/** oracledb: `poolMax` 4; `queueTimeout` 60 s (0 = never time out); `queueMax` 500 (-1 = unlimited).
 * `undefined` options are skipped (defaults); `NaN` fails its `Number.isInteger` check and createPool throws. */
export const oracleDbPoolLimits = {
  size: { options: ['poolMax'], default: 4, unit: 'connections', whenUnset: { undefined: 'default', NaN: 'rejected' } },
  acquireTimeout: { options: ['queueTimeout'], default: 60000, unlimited: [0], suggestedValue: 60_000, unit: 'ms', whenUnset: { undefined: 'default', NaN: 'rejected' } },
  queue: { options: ['queueMax'], default: 500, unlimited: [-1], suggestedValue: 500, unit: 'callers', whenUnset: { undefined: 'default', NaN: 'rejected' } },
} as const satisfies PoolLimits;

/** generic-pool: `max` 1; no `acquireTimeoutMillis` (falsy values ignored) waits forever; no `maxWaitingClients`
 * queues without limit. `isNaN(max) ? 1`, a falsy timeout is ignored, and `length >= NaN` never stops the queue:
 * `undefined` and `NaN` give the defaults. */
export const genericPoolLimits = {
  size: { options: ['max'], default: 1, unit: 'connections', whenUnset: { undefined: 'default', NaN: 'default' } },
  acquireTimeout: { options: ['acquireTimeoutMillis'], default: 'none', replacedByDefault: [0], suggestedValue: 10_000, unit: 'ms', whenUnset: { undefined: 'default', NaN: 'default' } },
  queue: { options: ['maxWaitingClients'], default: 'none', suggestedValue: 500, unit: 'callers', whenUnset: { undefined: 'default', NaN: 'default' } },
} as const satisfies PoolLimits;

/** Prisma ≤ 6 engine pool, set by URL parameters: `connection_limit` (num_physical_cpus * 2 + 1) and
 * `pool_timeout` (10 s; 0 = wait forever). */
export const prismaEnginePoolLimits = {
  size: { options: [], urlParameters: ['connection_limit'], default: 'computed', defaultText: 'num_physical_cpus * 2 + 1', unit: 'connections' },
  acquireTimeout: { options: [], urlParameters: ['pool_timeout'], default: 10, unlimited: [0], unit: 's' },
} as const satisfies PoolLimits;

/** TypeORM maps `poolSize` onto the driver's size option and merges `extra` last (so `extra` wins). */
const typeOrmPostgres = {
  size: { ...pgPoolLimits.size, options: ['extra.max', 'extra.poolSize', 'poolSize'] },
  acquireTimeout: { ...pgPoolLimits.acquireTimeout, options: ['extra.connectionTimeoutMillis', 'connectTimeoutMS'] },
} as const satisfies PoolLimits;

const typeOrmMysql = {
  size: { ...mysql2PoolLimits.size, options: ['extra.connectionLimit', 'poolSize'], urlParameters: [] },
  queue: {
    ...mysql2PoolLimits.queue, options: ['extra.queueLimit'], urlParameters: [],
    moot: { option: 'extra.waitForConnections', equals: false },
  },
} as const satisfies PoolLimits;

const typeOrmOracle = {
  size: { ...oracleDbPoolLimits.size, options: ['extra.poolMax', 'poolSize'] },
  acquireTimeout: { ...oracleDbPoolLimits.acquireTimeout, options: ['extra.queueTimeout'] },
  queue: { ...oracleDbPoolLimits.queue, options: ['extra.queueMax'] },
} as const satisfies PoolLimits;

const typeOrmMssql = {
  size: { ...mssqlPoolLimits.size, options: ['extra.pool.max', 'pool.max', 'poolSize'] },
} as const satisfies PoolLimits;

/** TypeORM `DataSource` limits by `type`. */
export const typeOrmPoolLimits: Readonly<Record<string, PoolLimits>> = {
  postgres: typeOrmPostgres,
  'aurora-postgres': typeOrmPostgres,
  cockroachdb: typeOrmPostgres,
  mysql: typeOrmMysql,
  mariadb: typeOrmMysql,
  oracle: typeOrmOracle,
  mssql: typeOrmMssql,
};

/** MikroORM: `pool.max` onto the driver pool (pg 10); anything else only through `driverOptions`. */
export const mikroOrmPoolLimits = {
  size: { options: ['pool.max'], default: 10, unit: 'connections' },
} as const satisfies PoolLimits;

/** MikroORM's PostgreSQL driver: a `pg.Pool` (7 and later), so the acquire wait is unbounded unless `driverOptions`
 * sets it. */
export const mikroOrmPostgresLimits = {
  size: mikroOrmPoolLimits.size,
  acquireTimeout: { ...pgPoolLimits.acquireTimeout, options: ['driverOptions.connectionTimeoutMillis'] },
} as const satisfies PoolLimits;

/** MikroORM 3 to 6: every SQL driver pools through knex (tarn), given `pool` and `driverOptions` merged over it:
 * acquire 60 s by default, as knex. */
export const mikroOrmKnexLimits = {
  size: mikroOrmPoolLimits.size,
  acquireTimeout: {
    ...knexPoolLimits.acquireTimeout,
    options: ['pool.acquireTimeoutMillis', 'driverOptions.acquireConnectionTimeout', 'driverOptions.pool.acquireTimeoutMillis'],
  },
} as const satisfies PoolLimits;
