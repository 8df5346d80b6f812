/** node-mssql (tedious; pool: tarn). https://github.com/tediousjs/node-mssql */
import type { CallDefinition, LibraryDefinition } from '../library-definition.js';

import { mssqlPoolLimits } from '../pool-limits.js';

const query: CallDefinition = { query: true };

export const mssql = {
  name: 'mssql',
  docs: 'https://github.com/tediousjs/node-mssql#transaction',
  typePackages: ['mssql', '@types/mssql'],
  modules: {
    mssql: {
      ConnectionPool: { constructs: 'ConnectionPool' },
      Transaction: { constructs: 'Transaction' },
      PreparedStatement: { constructs: 'PreparedStatement' },
      Request: { constructs: 'Request' },
      connect: { returns: 'ConnectionPool' },
      query,
    },
  },
  objects: {
    ConnectionPool: {
      methods: {
        connect: { returns: 'ConnectionPool' },
        request: { returns: 'Request' },
        transaction: { returns: 'Transaction' },
        query,
        batch: query,
        close: {},
      },
      pool: {
        noun: 'mssql ConnectionPool',
        openedBy: ['connect'],
        createdBy: [{ call: 'connect', shared: true }],
        options: { argument: 0 },
        closedBy: ['close'],
        limits: mssqlPoolLimits,
      },
    },
    Request: {
      methods: { query, execute: query, batch: query, bulk: { query: true, bulk: true }, input: { returns: 'Request' }, output: { returns: 'Request' } },
    },
    Transaction: {
      methods: { begin: { acquires: { resource: 'receiver' } }, request: { returns: 'Request' } },
      resource: { noun: 'transaction', releasedBy: ['commit', 'rollback'], settledBy: { commit: 'commit', rollback: 'rollback' } },
    },
    PreparedStatement: {
      methods: { prepare: { acquires: { resource: 'receiver' } }, execute: query, input: {}, output: {} },
      resource: { noun: 'prepared statement', releasedBy: ['unprepare'], finallyRelease: { method: 'unprepare', awaited: true } },
    },
  },
  batchAdvice: 'send them in one round trip with a table-valued parameter, an `IN` list, or `request.bulk(table)`',
} as const satisfies LibraryDefinition;
