/** mysqljs/mysql (callback API). https://github.com/mysqljs/mysql#pooling-connections */
import type { LibraryDefinition } from '../library-definition.js';

import { mysqlPoolLimits } from '../pool-limits.js';

const getConnection = {
  returns: 'PoolConnection',
  acquires: { resource: 'result', callback: { errorParameter: 0, resourceParameter: 1 } },
  callbackParameters: [null, 'PoolConnection'],
} as const;

/** `connection.beginTransaction()` … `commit()` / `rollback()`, or the same as SQL. */
export const mysqlTransactionControl = { beginMethods: ['beginTransaction'], endMethods: ['commit', 'rollback'], statements: true } as const;

export const mysql = {
  name: 'mysql',
  docs: 'https://github.com/mysqljs/mysql#pooling-connections',
  typePackages: ['mysql', '@types/mysql'],
  modules: {
    mysql: {
      createPool: { returns: 'Pool' },
      createPoolCluster: { returns: 'PoolCluster' },
      // A connection of its own: whoever creates it ends it.
      createConnection: { returns: 'Connection', acquires: { resource: 'result' } },
    },
  },
  objects: {
    Pool: {
      methods: { getConnection, query: { query: true }, end: {} },
      pool: { noun: 'mysql pool', createdBy: [{ call: 'createPool' }], closedBy: ['end'], limits: mysqlPoolLimits },
    },
    PoolCluster: {
      methods: { getConnection, of: { returns: 'Pool' }, add: {}, end: {} },
      // Each node's pool options are given to `cluster.add(id, options)`.
      pool: {
        noun: 'mysql pool cluster',
        createdBy: [{ call: 'createPoolCluster', takesOptions: false }, { call: 'add', on: 'PoolCluster', shared: true }],
        closedBy: ['end'],
        limits: mysqlPoolLimits,
      },
    },
    PoolConnection: {
      methods: { query: { query: true } },
      resource: { noun: 'connection', releasedBy: ['release', 'destroy'], finallyRelease: { method: 'release' }, transaction: mysqlTransactionControl },
    },
    Connection: {
      methods: { query: { query: true } },
      resource: { noun: 'connection', releasedBy: ['end', 'destroy'] },
      pool: { noun: 'mysql connection', createdBy: [{ call: 'createConnection' }], closedBy: ['end', 'destroy'], singleConnection: true },
    },
  },
  transactions: { handleReplacesRoot: true, joinAdvice: 'run it on the checked-out `{{handle}}` instead of `{{root}}`' },
  batchAdvice: 'load all rows in one query with `WHERE id IN (?)` and an array parameter',
} as const satisfies LibraryDefinition;
