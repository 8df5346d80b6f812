/** knex query builder (pool: tarn). https://knexjs.org/guide/transactions.html */
import type { LibraryDefinition } from '../library-definition.js';

import { knexPoolLimits } from '../pool-limits.js';

export const knex = {
  name: 'knex',
  docs: 'https://knexjs.org/guide/transactions.html',
  typePackages: ['knex'],
  modules: { knex: { default: { returns: 'Knex' }, knex: { returns: 'Knex' } } },
  objects: {
    Knex: {
      call: { returns: 'QueryBuilder' },
      methods: {
        transaction: {
          returns: 'Transaction',
          acquires: { resource: 'result', managedWithCallback: true },
          callbackParameters: ['Transaction'],
          transaction: { handleParameter: 0 },
        },
        batchInsert: { query: true, bulk: true },
        destroy: {},
        raw: { returns: 'QueryBuilder' },
      },
      otherMethods: { returns: 'QueryBuilder' },
      pool: {
        noun: 'knex pool',
        createdBy: [{ call: 'default' }, { call: 'knex' }],
        // Without `connection` knex is a query builder that never connects (`knex({ client: 'pg' }).toQuery()`).
        options: { argument: 0, clientProperties: ['connectionPool'], connectsWith: ['connection'] },
        closedBy: ['destroy'],
        limits: knexPoolLimits,
      },
    },
    Transaction: {
      call: { returns: 'QueryBuilder' },
      // `trx.transaction(…)` is a savepoint on the same connection.
      methods: { commit: {}, rollback: {}, raw: { returns: 'QueryBuilder' }, transaction: { returns: 'Transaction', transaction: { handleParameter: 0 } } },
      otherMethods: { returns: 'QueryBuilder' },
      resource: { noun: 'transaction', releasedBy: ['commit', 'rollback'], settledBy: { commit: 'commit', rollback: 'rollback' }, transaction: 'always' },
    },
    QueryBuilder: {
      typeNames: ['QueryBuilder', 'Raw', 'QueryInterface'],
      methods: { first: { returns: 'QueryBuilder', oneRecord: true } },
      otherMethods: { returns: 'QueryBuilder' },
      awaitRunsQuery: true,
    },
  },
  transactions: {
    joinMethods: ['transacting'],
    handleReplacesRoot: true,
    joinAdvice: 'run it on the transaction: `{{handle}}(…)` instead of `{{root}}(…)`, or add `.transacting({{handle}})`',
    // The migrator runs each migration in a transaction and passes it as the `knex` parameter, unless the migration
    // exports `config = { transaction: false }` (or the knexfile sets `disableTransactions`, which we cannot see).
    // https://knexjs.org/guide/migrations.html#transactions-in-migrations
    toolingTransactions: [{ exports: ['up', 'down'], handleParameter: 0, optOut: { export: 'config', property: 'transaction' } }],
  },
  chainAdvice: 'load the whole chain in one query with a recursive CTE (`withRecursive`), or keep the ancestors\' ids on each row and load them with one `whereIn`',
  batchAdvice: 'load all rows at once with `whereIn(column, ids)`, or insert them with one `insert([...rows])` or `knex.batchInsert`',
} as const satisfies LibraryDefinition;
