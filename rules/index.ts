/** Every PoolGuard rule, sorted by id. */
import noIoInTransaction from './no-io-in-transaction.js';
import noLeakedConnection from './no-leaked-connection.js';
import noPoolPerRequest from './no-pool-per-request.js';
import noQueryInLoop from './no-query-in-loop.js';
import noQueryOutsideTransaction from './no-query-outside-transaction.js';
import noUnboundedPool from './no-unbounded-pool.js';

export const rules = {
  'no-io-in-transaction': noIoInTransaction,
  'no-leaked-connection': noLeakedConnection,
  'no-pool-per-request': noPoolPerRequest,
  'no-query-in-loop': noQueryInLoop,
  'no-query-outside-transaction': noQueryOutsideTransaction,
  'no-unbounded-pool': noUnboundedPool,
};
