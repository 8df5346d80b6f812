/** Drizzle ORM over a driver pool. https://orm.drizzle.team/docs/select */
import type { LibraryDefinition, ModuleExports } from '../library-definition.js';

import { mysql2PoolLimits, pgPoolLimits, postgresJsLimits } from '../pool-limits.js';

const entry = { drizzle: { returns: 'Database' } } as const satisfies ModuleExports;

export const drizzle = {
  name: 'drizzle-orm',
  docs: 'https://orm.drizzle.team/docs/rqb',
  typePackages: ['drizzle-orm'],
  modules: {
    'drizzle-orm/node-postgres': entry,
    'drizzle-orm/postgres-js': entry,
    'drizzle-orm/mysql2': entry,
    'drizzle-orm/better-sqlite3': entry,
    'drizzle-orm/neon-http': entry,
    'drizzle-orm/neon-serverless': entry,
    'drizzle-orm/planetscale-serverless': entry,
    'drizzle-orm/vercel-postgres': entry,
    'drizzle-orm/libsql': entry,
    'drizzle-orm/pglite': entry,
  },
  objects: {
    Database: {
      typeNames: ['NodePgDatabase', 'PostgresJsDatabase', 'MySql2Database', 'BetterSQLite3Database', 'PgDatabase', 'MySqlDatabase',
        'PlanetScaleDatabase', 'VercelPgDatabase', 'LibSQLDatabase', 'PgliteDatabase', 'NeonHttpDatabase', 'NeonDatabase', 'PgTransaction', 'MySqlTransaction'],
      methods: { transaction: { callbackParameters: ['Database'], transaction: { handleParameter: 0 } } },
      otherMethods: { returns: 'QueryBuilder' },
      properties: { query: 'RelationalQueries' },
      // `drizzle(url)` and `drizzle({ connection })` build the driver's pool with its defaults; `drizzle(pool)` and
      // `drizzle({ client })` wrap one built elsewhere.
      pool: {
        noun: 'Drizzle database',
        createdBy: [{ call: 'drizzle' }],
        options: { argument: 0, path: 'connection', clientProperties: ['client'] },
        closedBy: [],
        limitsByModule: {
          'drizzle-orm/node-postgres': pgPoolLimits,
          'drizzle-orm/mysql2': mysql2PoolLimits,
          'drizzle-orm/postgres-js': postgresJsLimits,
        },
      },
    },
    RelationalQueries: { typeNames: [], otherProperties: 'RelationalTable' },
    RelationalTable: { typeNames: [], methods: { findFirst: { returns: 'QueryBuilder', oneRecord: true } }, otherMethods: { returns: 'QueryBuilder' } },
    QueryBuilder: {
      otherMethods: { returns: 'QueryBuilder' },
      awaitRunsQuery: true,
    },
  },
  transactions: { handleReplacesRoot: true, joinAdvice: 'use the transaction `{{handle}}` instead of `{{root}}`' },
  batchAdvice: 'load them in one query with `inArray(column, ids)` or a relational query with `with`',
} as const satisfies LibraryDefinition;
