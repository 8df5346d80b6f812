/** The stable machine format: `{ findings: [...] }` plus a summary object. Fixes and suggestions have
 * ESLint's shape: `fix: { range, text }`, `suggestions: [{ messageId, desc, fix }]`. */
import type { ReportedFinding, ReportedFix } from '../analyze-project.js';
import type { Reporter } from './report.js';

import { countBySeverity } from './report.js';

export const formatJson: Reporter = (report) => {
  const { errors, warnings } = countBySeverity(report.findings);
  const summary = {
    filesAnalyzed: report.filesAnalyzed,
    filesWithoutDatabaseImports: report.filesWithoutDatabaseImports ?? 0,
    filesSkipped: report.filesSkipped,
    errorCount: errors,
    warningCount: warnings,
    suppressedByComments: report.suppressedByComments,
    ...(report.baseline ? { baseline: report.baseline } : {}),
  };
  return `${JSON.stringify({ findings: report.findings.map(toJsonFinding), summary }, null, 2)}\n`;
};

/** `ruleId` as ESLint's own JSON output names it, with the plugin prefix (`poolguard/no-leaked-connection`). */
function toJsonFinding(finding: ReportedFinding) {
  const { fix, suggestions, ...rest } = finding;
  return {
    ...rest,
    ruleId: `poolguard/${finding.ruleId}`,
    ...(fix ? { fix: toJsonFix(fix) } : {}),
    ...(suggestions ? { suggestions: suggestions.map((suggestion) => ({ messageId: suggestion.messageId, desc: suggestion.desc, fix: toJsonFix(suggestion.fix) })) } : {}),
  };
}

function toJsonFix(fix: ReportedFix) {
  return { range: fix.range, text: fix.text };
}
