/** Runs a detector for the linted file and reports its findings; a detector error never reaches ESLint. */
import type { TSESLint } from '@typescript-eslint/utils';

import type { Detector, DetectorOptions } from '../analysis/core/detector.js';
import type { Finding, TextEdit } from '../analysis/core/finding.js';

import { sortFindings } from '../analysis/core/detector.js';
import { normalizeEdits } from '../analysis/core/finding.js';
import type { FileAnalysis } from './get-file-analysis.js';
import type { LintedFile } from './reused-findings.js';

import { getFileAnalysis, getTypedFile } from './get-file-analysis.js';
import { getHidingContext } from './function-reuse.js';
import { getPartialReuse, getReusedFindings, rememberFindings } from './reused-findings.js';

/** The listener object of a PoolGuard rule: one call into the engine when the file's tree is ready. */
export function createListeners<MessageId extends string>(
  context: Readonly<TSESLint.RuleContext<MessageId, readonly unknown[]>>,
  detector: Detector<MessageId>,
  options: DetectorOptions = {},
): TSESLint.RuleListener {
  return {
    Program() {
      const length = context.sourceCode.text.length;
      for (const finding of runDetector(context, detector, options)) {
        const fix = finding.fix && normalizeEdits(finding.fix, length);
        const suggest = (finding.suggestions ?? []).flatMap((suggestion) => {
          const edits = normalizeEdits(suggestion.edits, length);
          return edits ? [{ messageId: suggestion.messageId, data: suggestion.data ?? {}, fix: toFixer(edits) }] : [];
        });
        context.report({
          loc: { start: context.sourceCode.getLocFromIndex(finding.start), end: context.sourceCode.getLocFromIndex(finding.end) },
          messageId: finding.messageId,
          data: finding.data,
          ...(fix ? { fix: toFixer(fix) } : {}),
          ...(suggest.length > 0 ? { suggest } : {}),
        });
      }
    },
  };
}

function runDetector<MessageId extends string>(
  context: Readonly<TSESLint.RuleContext<MessageId, readonly unknown[]>>,
  detector: Detector<MessageId>,
  options: DetectorOptions,
): Finding<MessageId>[] {
  try {
    const typedFile = getTypedFile(context);
    const reused = typedFile && getReusedFindings(typedFile, detector, options);
    if (reused) return reused;
    const analysis = getFileAnalysis(context, typedFile);
    const found = analysis ? sortFindings(analyse(analysis, typedFile, detector, options)) : [];
    // Offsets come from the TypeScript tree; keep only those inside this text.
    const length = context.sourceCode.text.length;
    const findings = found.filter((finding) => finding.start >= 0 && finding.end <= length);
    if (typedFile) rememberFindings(typedFile, detector, options, findings, analysis !== undefined);
    return findings;
  } catch (error) {
    if (process.env.POOLGUARD_DEBUG) console.error(`eslint-plugin-poolguard: analysis of ${context.filename} failed`, error);
    return [];
  }
}

/** The detector's findings; after an edit inside a self-contained function, the kept functions' last findings and the
 * rest of the file's, analysed with the kept functions hidden. */
function analyse<MessageId extends string>(
  analysis: FileAnalysis,
  typedFile: LintedFile | undefined,
  detector: Detector<MessageId>,
  options: DetectorOptions,
): Finding<MessageId>[] {
  const partial = typedFile && getPartialReuse(typedFile, detector, options, analysis.analysisContext.knowledge);
  if (!partial) return detector(analysis.sourceFile, analysis.analysisContext, options);
  const fresh = detector(analysis.sourceFile, getHidingContext(analysis.analysisContext, partial.plan), options);
  const outside = fresh.filter((finding) => !partial.keptRanges.some((range) => range.start <= finding.start && finding.start < range.end));
  return [...outside, ...partial.kept];
}

/** ESLint merges the fixes of one report; edits are already sorted and disjoint. */
function toFixer(edits: readonly TextEdit[]): TSESLint.ReportFixFunction {
  return (fixer) => edits.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text));
}
