/** Kysely query builder. https://kysely.dev/docs/category/transactions */
import type { LibraryDefinition } from '../library-definition.js';

export const kysely = {
  name: 'kysely',
  docs: 'https://kysely.dev/docs/category/transactions',
  typePackages: ['kysely'],
  modules: { kysely: { Kysely: { constructs: 'Kysely' } } },
  objects: {
    Kysely: {
      typeNames: ['Kysely', 'Transaction'],
      methods: { destroy: {}, transaction: { returns: 'TransactionBuilder' }, startTransaction: { returns: 'TransactionBuilder' } },
      otherMethods: { returns: 'QueryBuilder' },
      // Its pool is the dialect's driver pool (`new PostgresDialect({ pool: new Pool(…) })`), checked where it is built.
      pool: { noun: 'Kysely instance', closedBy: ['destroy'], wrapsOnly: true },
    },
    TransactionBuilder: {
      typeNames: ['TransactionBuilder', 'ControlledTransactionBuilder'],
      methods: {
        // `db.transaction().execute(async (trx) => …)` is managed; `await db.startTransaction().execute()` is not.
        execute: { returns: 'ControlledTransaction', acquires: { resource: 'result', managedWithCallback: true }, callbackParameters: ['Kysely'], transaction: { handleParameter: 0 } },
      },
      otherMethods: { returns: 'TransactionBuilder' },
    },
    ControlledTransaction: {
      methods: { commit: {}, rollback: {} },
      otherMethods: { returns: 'QueryBuilder' },
      resource: { noun: 'transaction', releasedBy: ['commit', 'rollback'], transaction: 'always' },
    },
    QueryBuilder: {
      typeNames: ['SelectQueryBuilder', 'InsertQueryBuilder', 'UpdateQueryBuilder', 'DeleteQueryBuilder'],
      methods: { execute: { query: true }, executeTakeFirst: { query: true, oneRecord: true }, executeTakeFirstOrThrow: { query: true, oneRecord: true } },
      otherMethods: { returns: 'QueryBuilder' },
    },
  },
  transactions: { handleReplacesRoot: true, joinAdvice: 'use the transaction `{{handle}}` instead of `{{root}}`' },
  chainAdvice: "load the whole chain in one query with a recursive CTE (`withRecursive`), or keep the ancestors' ids on each row and load them with one `where('id', 'in', ids)`",
  batchAdvice: "load them in one query with `where('id', 'in', ids)` or nest them with `jsonArrayFrom`",
} as const satisfies LibraryDefinition;
