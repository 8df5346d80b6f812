/** The detector registry: rule id → the engine entry point both hosts call. */
import type { Detector } from './core/detector.js';

import { findLeakedConnections } from './leaks/no-leaked-connection.js';
import { findPoolsPerRequest } from './pools/no-pool-per-request.js';
import { findUnboundedPools } from './pools/no-unbounded-pool.js';
import { findQueriesInLoops } from './queries/no-query-in-loop.js';

export const detectors: Readonly<Record<string, Detector>> = {
  'no-leaked-connection': findLeakedConnections,
  'no-pool-per-request': findPoolsPerRequest,
  'no-query-in-loop': findQueriesInLoops,
  'no-unbounded-pool': findUnboundedPools,
};
