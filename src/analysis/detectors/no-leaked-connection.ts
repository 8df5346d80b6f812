/** Finds connections, transactions and sessions that some path of their function never releases. */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../analysis-context.js';
import type { Finding } from '../finding.js';

export type LeakedConnectionMessageId =
  | 'leakOnException'
  | 'leakOnThrow'
  | 'leakOnReturn'
  | 'leakAtEnd'
  | 'leakOnNextIteration'
  | 'neverReleased'
  | 'discarded';

export function findLeakedConnections(sourceFile: ts.SourceFile, context: AnalysisContext): Finding<LeakedConnectionMessageId>[] {
  void sourceFile;
  void context;
  return [];
}
