/** postgres.js. https://github.com/porsager/postgres#reserve */
import type { LibraryDefinition } from '../library-definition.js';

export const postgres = {
  name: 'postgres',
  docs: 'https://github.com/porsager/postgres#reserve',
  typePackages: ['postgres'],
  modules: { postgres: { default: { returns: 'Sql' } } },
  objects: {
    Sql: {
      tag: { query: true },
      methods: {
        reserve: { returns: 'ReservedSql', acquires: { resource: 'result' } },
        begin: { callbackParameters: ['TransactionSql'] },
        unsafe: { query: true },
        file: { query: true },
        end: {},
      },
    },
    ReservedSql: {
      tag: { query: true },
      methods: { unsafe: { query: true } },
      resource: { noun: 'reserved connection', releasedBy: ['release'] },
    },
    TransactionSql: { tag: { query: true }, methods: { unsafe: { query: true } } },
  },
  batchAdvice: 'load them in one query with `where id in ${sql(ids)}`, or insert them with one `insert into t ${sql(rows)}`',
} as const satisfies LibraryDefinition;
