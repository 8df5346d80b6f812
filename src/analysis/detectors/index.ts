/** The detector registry: rule id → the engine entry point both hosts call. */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../analysis-context.js';
import type { Finding } from '../finding.js';

import { findLeakedConnections } from './no-leaked-connection.js';
import { findPoolsPerRequest } from './no-pool-per-request.js';
import { findQueriesInLoops } from './no-query-in-loop.js';
import { findUnboundedPools, findUnboundedPoolsWith } from './no-unbounded-pool.js';

export type Detector = (sourceFile: ts.SourceFile, context: AnalysisContext) => Finding[];

export const detectors: Readonly<Record<string, Detector>> = {
  'no-leaked-connection': findLeakedConnections,
  'no-pool-per-request': findPoolsPerRequest,
  'no-query-in-loop': findQueriesInLoops,
  'no-unbounded-pool': findUnboundedPools,
};

/** Detectors that take their rule's options (the object after the severity), for the CLI's config file. */
export type DetectorWithOptions = (sourceFile: ts.SourceFile, context: AnalysisContext, options: unknown) => Finding[];

export const detectorsWithOptions: Readonly<Record<string, DetectorWithOptions>> = {
  'no-unbounded-pool': (sourceFile, context, options) => findUnboundedPoolsWith(sourceFile, context, options ?? {}),
};
