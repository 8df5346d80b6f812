/** The stable machine format: `{ findings: [...] }` plus a summary object. */
import type { Reporter } from './report.js';

import { countBySeverity } from './report.js';

export const formatJson: Reporter = (report) => {
  const { errors, warnings } = countBySeverity(report.findings);
  const summary = {
    filesAnalyzed: report.filesAnalyzed,
    filesSkipped: report.filesSkipped,
    errorCount: errors,
    warningCount: warnings,
    suppressedByComments: report.suppressedByComments,
    ...(report.baseline ? { baseline: report.baseline } : {}),
  };
  return `${JSON.stringify({ findings: report.findings, summary }, null, 2)}\n`;
};
