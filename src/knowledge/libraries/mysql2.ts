/** mysql2, callback and promise APIs. https://sidorares.github.io/node-mysql2/docs#using-connection-pools */
import type { LibraryDefinition, ModuleExports } from '../library-definition.js';

import { mysql2PoolLimits } from '../pool-limits.js';
import { mysqlTransactionControl } from './mysql.js';

const factories = {
  createPool: { returns: 'Pool' },
  createPoolCluster: { returns: 'PoolCluster' },
  // A connection of its own, opened at once: whoever creates it ends it.
  createConnection: { returns: 'Connection', acquires: { resource: 'result' } },
} as const satisfies ModuleExports;

const getConnection = {
  returns: 'PoolConnection',
  acquires: { resource: 'result', callback: { errorParameter: 0, resourceParameter: 1 } },
  callbackParameters: [null, 'PoolConnection'],
} as const;

export const mysql2 = {
  name: 'mysql2',
  docs: 'https://sidorares.github.io/node-mysql2/docs#using-connection-pools',
  typePackages: ['mysql2'],
  modules: { mysql2: factories, 'mysql2/promise': factories },
  objects: {
    Pool: {
      methods: {
        getConnection,
        query: { query: true },
        execute: { query: true },
        promise: { returns: 'Pool' },
        releaseConnection: {},
        end: {},
      },
      pool: { noun: 'mysql2 pool', openedBy: ['promise'], createdBy: [{ call: 'createPool' }], closedBy: ['end'], limits: mysql2PoolLimits },
    },
    PoolCluster: {
      methods: { getConnection, of: { returns: 'Pool' }, add: {}, end: {} },
      // Each node's pool options are given to `cluster.add(id, options)`.
      pool: {
        noun: 'mysql2 pool cluster',
        createdBy: [{ call: 'createPoolCluster', takesOptions: false }, { call: 'add', on: 'PoolCluster', shared: true }],
        closedBy: ['end'],
        limits: mysql2PoolLimits,
      },
    },
    PoolConnection: {
      methods: { query: { query: true }, execute: { query: true }, promise: { returns: 'PoolConnection' } },
      resource: {
        noun: 'connection',
        releasedBy: ['release', 'destroy', 'end'],
        releasedByPassingTo: ['releaseConnection'],
        // `pool.end()` closes every connection of the pool, checked out or not.
        releasedByClosingOwner: ['end'],
        disposable: true,
        finallyRelease: { method: 'release' },
        transaction: mysqlTransactionControl,
      },
    },
    Connection: {
      methods: { query: { query: true }, execute: { query: true } },
      resource: { noun: 'connection', releasedBy: ['end', 'destroy'] },
      pool: { noun: 'mysql2 connection', openedBy: ['promise'], createdBy: [{ call: 'createConnection' }], closedBy: ['end', 'destroy'], singleConnection: true },
    },
  },
  transactions: { handleReplacesRoot: true, joinAdvice: 'run it on the checked-out `{{handle}}` instead of `{{root}}`' },
  batchAdvice: 'load all rows in one query with `WHERE id IN (?)` and an array parameter, or insert them with one multi-row `VALUES ?`',
} as const satisfies LibraryDefinition;
