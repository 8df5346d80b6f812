/** postgres.js. https://github.com/porsager/postgres#reserve */
import type { CallDefinition, LibraryDefinition } from '../library-definition.js';

import { postgresJsLimits } from '../pool-limits.js';

/** `` sql`…` `` is only sent when awaited or `.execute()`d; unawaited it is a fragment of another query. */
const pendingQuery: CallDefinition = { query: true, returns: 'PendingQuery' };

export const postgres = {
  name: 'postgres',
  docs: 'https://github.com/porsager/postgres#reserve',
  typePackages: ['postgres'],
  modules: { postgres: { default: { returns: 'Sql' } } },
  objects: {
    Sql: {
      tag: pendingQuery,
      methods: {
        reserve: { returns: 'ReservedSql', acquires: { resource: 'result' } },
        begin: { callbackParameters: ['TransactionSql'], transaction: { handleParameter: 0 } },
        unsafe: { query: true },
        file: { query: true },
        end: {},
      },
      pool: { noun: 'postgres.js pool', createdBy: [{ call: 'default' }], closedBy: ['end'], limits: postgresJsLimits },
    },
    ReservedSql: {
      tag: pendingQuery,
      methods: { unsafe: { query: true } },
      resource: { noun: 'reserved connection', releasedBy: ['release'], finallyRelease: { method: 'release' }, transaction: { statements: true } },
    },
    // `tx.savepoint(…)` runs on the transaction's connection.
    TransactionSql: { tag: pendingQuery, methods: { unsafe: { query: true }, savepoint: { callbackParameters: ['TransactionSql'], transaction: { handleParameter: 0 } } } },
    PendingQuery: { awaitRunsQuery: true, methods: { execute: { query: true } } },
  },
  transactions: { handleReplacesRoot: true, joinAdvice: 'use the transaction `{{handle}}` instead of `{{root}}`' },
  batchAdvice: 'load them in one query with `where id in ${sql(ids)}`, or insert them with one `insert into t ${sql(rows)}`',
} as const satisfies LibraryDefinition;
