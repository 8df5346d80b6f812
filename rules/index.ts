/** Every PoolGuard rule, sorted by id. */
import noLeakedConnection from './no-leaked-connection.js';
import noPoolPerRequest from './no-pool-per-request.js';
import noQueryInLoop from './no-query-in-loop.js';
import noUnboundedPool from './no-unbounded-pool.js';

export const rules = {
  'no-leaked-connection': noLeakedConnection,
  'no-pool-per-request': noPoolPerRequest,
  'no-query-in-loop': noQueryInLoop,
  'no-unbounded-pool': noUnboundedPool,
};
