/** GitHub Actions workflow commands: one annotation per finding on the pull request's diff. */
import type { Reporter } from './report.js';

import { countBySeverity, plural } from './report.js';

export const formatGithub: Reporter = (report) => {
  const lines = report.findings.map((finding) => {
    const properties = [
      `file=${escapeProperty(report.pathPrefix + finding.file)}`,
      `line=${finding.line}`,
      `col=${finding.column}`,
      `endLine=${finding.endLine}`,
      `endColumn=${finding.endColumn}`,
      `title=${escapeProperty(`poolguard/${finding.ruleId}`)}`,
    ];
    return `::${finding.severity === 'error' ? 'error' : 'warning'} ${properties.join(',')}::${escapeData(finding.message)}`;
  });
  const { errors, warnings } = countBySeverity(report.findings);
  lines.push(`poolguard: ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(report.filesAnalyzed, 'file')}`);
  return `${lines.join('\n')}\n`;
};

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
