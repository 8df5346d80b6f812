/** The one shape of a rule's engine entry point, which both hosts call. */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';
import type { Finding } from './finding.js';

/** A rule's options (the object after the severity), already checked against the rule's schema by the host. */
export type DetectorOptions = Readonly<Record<string, unknown>>;

/**
 * Finds one rule's problems in one file. Hosts sort the findings by position and catch errors (a
 * detector bug costs the file's findings, never the lint run or the scan).
 */
export type Detector<MessageId extends string = string> = (
  sourceFile: ts.SourceFile,
  context: AnalysisContext,
  options: DetectorOptions,
) => Finding<MessageId>[];

/** Orders findings by position; stable, so findings at one position keep the detector's order. */
export function sortFindings<MessageId extends string>(findings: Finding<MessageId>[]): Finding<MessageId>[] {
  return findings.sort((a, b) => a.start - b.start);
}
