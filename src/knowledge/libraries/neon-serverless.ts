/** Neon's serverless driver: `Pool` and `Client` are node-postgres's own (pg-pool and pg's Client over a WebSocket),
 * with the same options, defaults and methods. Its `neon()` HTTP function holds no connection and is not listed.
 * https://neon.com/docs/serverless/serverless-driver */
import type { LibraryDefinition } from '../library-definition.js';

import { pgPoolLimits } from '../pool-limits.js';
import { pg } from './pg.js';

export const neonServerless = {
  name: '@neondatabase/serverless',
  docs: 'https://neon.com/docs/serverless/serverless-driver',
  typePackages: ['@neondatabase/serverless'],
  modules: { '@neondatabase/serverless': { Pool: { constructs: 'Pool' }, Client: { constructs: 'Client' } } },
  objects: {
    Pool: { ...pg.objects.Pool, pool: { ...pg.objects.Pool.pool, noun: 'Neon Pool', limits: pgPoolLimits } },
    PoolClient: pg.objects.PoolClient,
    Client: { ...pg.objects.Client, pool: { ...pg.objects.Client.pool, noun: 'Neon Client' } },
  },
  transactions: pg.transactions,
  batchAdvice: pg.batchAdvice,
} as const satisfies LibraryDefinition;
