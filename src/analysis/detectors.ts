/** The detector registry: rule id → the engine entry point both hosts call. */
import type { Detector } from './core/detector.js';

import { findLeakedConnections } from './leaks/no-leaked-connection.js';
import { findPoolsPerRequest } from './pools/no-pool-per-request.js';
import { findUnboundedPools } from './pools/no-unbounded-pool.js';
import { findQueriesInLoops } from './queries/no-query-in-loop.js';
import { findIoInTransactions } from './transactions/no-io-in-transaction.js';
import { findQueriesOutsideTransactions } from './transactions/no-query-outside-transaction.js';

export const detectors: Readonly<Record<string, Detector>> = {
  'no-io-in-transaction': findIoInTransactions,
  'no-leaked-connection': findLeakedConnections,
  'no-pool-per-request': findPoolsPerRequest,
  'no-query-in-loop': findQueriesInLoops,
  'no-query-outside-transaction': findQueriesOutsideTransactions,
  'no-unbounded-pool': findUnboundedPools,
};
