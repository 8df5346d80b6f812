/** Drizzle ORM over a driver pool. https://orm.drizzle.team/docs/select */
import type { LibraryDefinition, ModuleExports } from '../library-definition.js';

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
  },
  objects: {
    Database: {
      typeNames: ['NodePgDatabase', 'PostgresJsDatabase', 'MySql2Database', 'BetterSQLite3Database', 'PgDatabase', 'MySqlDatabase'],
      methods: { transaction: { callbackParameters: ['Database'] } },
      otherMethods: { returns: 'QueryBuilder' },
    },
    QueryBuilder: {
      otherMethods: { returns: 'QueryBuilder' },
      awaitRunsQuery: true,
    },
  },
  batchAdvice: 'load them in one query with `inArray(column, ids)` or a relational query with `with`',
} as const satisfies LibraryDefinition;
