/** The detector registry: rule id → the engine entry point both hosts call. */
import type { AnalysisContext } from './core/analysis-context.js';
import type { Detector } from './core/detector.js';

import { findLeakedConnections } from './leaks/no-leaked-connection.js';
import { findPoolsPerRequest } from './pools/no-pool-per-request.js';
import { findUnboundedPools } from './pools/no-unbounded-pool.js';
import { findQueriesInLoops } from './queries/no-query-in-loop.js';
import { getAmbientIoFiles } from './transactions/ambient-transactions.js';
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

/**
 * Rule id → the files a whole-program pass of the rule reports into that may reach no database module (a service
 * that only calls an SDK, reached from a route handler behind a request-transaction middleware). A host that skips
 * files by their imports (the CLI) still runs the rule on these.
 */
export const wholeProgramFiles: Readonly<Record<string, (context: AnalysisContext) => ReadonlySet<string>>> = {
  'no-io-in-transaction': getAmbientIoFiles,
};
