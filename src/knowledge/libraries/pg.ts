/** node-postgres (`pg`, `pg-pool`). https://node-postgres.com/apis/pool */
import type { LibraryDefinition } from '../library-definition.js';

import { pgPoolLimits } from '../pool-limits.js';

/** The client is an EventEmitter: `on` and `once` return it, so calls chain on the same client. */
const listener = { returns: 'Client', returnsReceiver: true } as const;

export const pg = {
  name: 'pg',
  docs: 'https://node-postgres.com/apis/pool',
  typePackages: ['pg', '@types/pg', 'pg-pool'],
  modules: {
    pg: { Pool: { constructs: 'Pool' }, Client: { constructs: 'Client' } },
    'pg-pool': { default: { constructs: 'Pool' } },
  },
  objects: {
    Pool: {
      methods: {
        connect: {
          returns: 'PoolClient',
          acquires: { resource: 'result', callback: { errorParameter: 0, resourceParameter: 1, releaseParameter: 2 } },
          callbackParameters: [null, 'PoolClient'],
        },
        query: { query: true },
        end: {},
      },
      pool: { noun: 'pg Pool', openedBy: ['connect'], closedBy: ['end'], limits: pgPoolLimits },
    },
    PoolClient: {
      methods: { query: { query: true } },
      resource: { noun: 'client', releasedBy: ['release'], finallyRelease: { method: 'release' }, transaction: { statements: true } },
    },
    Client: {
      methods: { connect: { acquires: { resource: 'receiver' } }, query: { query: true }, on: listener, once: listener },
      resource: {
        noun: 'client', releasedBy: ['end'], finallyRelease: { method: 'end', awaited: true }, transaction: { statements: true },
        keptOpenByEvents: ['notification'],
      },
      pool: { noun: 'pg Client', openedBy: ['connect'], closedBy: ['end'], singleConnection: true },
    },
  },
  transactions: { handleReplacesRoot: true, joinAdvice: 'run it on the checked-out `{{handle}}` instead of `{{root}}`' },
  batchAdvice: 'load all rows in one query with `WHERE id = ANY($1)` and an array parameter, or a JOIN',
} as const satisfies LibraryDefinition;
