/** mysqljs/mysql (callback API). https://github.com/mysqljs/mysql#pooling-connections */
import type { LibraryDefinition } from '../library-definition.js';

const getConnection = {
  returns: 'PoolConnection',
  acquires: { resource: 'result', callback: { errorParameter: 0, resourceParameter: 1 } },
  callbackParameters: [null, 'PoolConnection'],
} as const;

export const mysql = {
  name: 'mysql',
  docs: 'https://github.com/mysqljs/mysql#pooling-connections',
  typePackages: ['mysql', '@types/mysql'],
  modules: {
    mysql: {
      createPool: { returns: 'Pool' },
      createPoolCluster: { returns: 'PoolCluster' },
      createConnection: { returns: 'Connection' },
    },
  },
  objects: {
    Pool: { methods: { getConnection, query: { query: true }, end: {} } },
    PoolCluster: { methods: { getConnection, of: { returns: 'Pool' }, end: {} } },
    PoolConnection: {
      methods: { query: { query: true } },
      resource: { noun: 'connection', releasedBy: ['release', 'destroy'] },
    },
    Connection: { methods: { query: { query: true } } },
  },
  batchAdvice: 'load all rows in one query with `WHERE id IN (?)` and an array parameter',
} as const satisfies LibraryDefinition;
