/** node-oracledb. https://node-oracledb.readthedocs.io/en/latest/user_guide/connection_handling.html */
import type { LibraryDefinition } from '../library-definition.js';

import { oracleDbPoolLimits } from '../pool-limits.js';

const getConnection = {
  returns: 'Connection',
  acquires: { resource: 'result', callback: { errorParameter: 0, resourceParameter: 1 } },
  callbackParameters: [null, 'Connection'],
} as const;

export const oracledb = {
  name: 'oracledb',
  docs: 'https://node-oracledb.readthedocs.io/en/latest/user_guide/connection_pooling.html',
  typePackages: ['oracledb', '@types/oracledb'],
  modules: {
    oracledb: { createPool: { returns: 'Pool' }, getConnection, getPool: { returns: 'Pool' } },
  },
  objects: {
    Pool: {
      methods: { getConnection, close: {} },
      pool: { noun: 'oracledb pool', createdBy: [{ call: 'createPool' }], options: { argument: 0 }, closedBy: ['close'], limits: oracleDbPoolLimits },
    },
    Connection: {
      methods: { execute: { query: true }, executeMany: { query: true, bulk: true }, queryStream: { query: true }, commit: {}, rollback: {} },
      resource: { noun: 'connection', releasedBy: ['close', 'release'], disposable: true, finallyRelease: { method: 'close', awaited: true } },
    },
  },
  batchAdvice: 'send them in one round trip with `executeMany`, or load them with one `IN` list',
} as const satisfies LibraryDefinition;
