/** Every PoolGuard rule, sorted by id. */
import noLeakedConnection from './no-leaked-connection.js';
import noQueryInLoop from './no-query-in-loop.js';
import noUnboundedPool from './no-unbounded-pool.js';

export const rules = {
  'no-leaked-connection': noLeakedConnection,
  'no-query-in-loop': noQueryInLoop,
  'no-unbounded-pool': noUnboundedPool,
};
