/** The human format: findings grouped by file, each with a code frame, then a summary line. */
import type { ReportedFinding } from '../analyze-project.js';
import type { Colors } from './colors.js';
import type { Reporter } from './report.js';

import { getColors } from './colors.js';
import { countBySeverity, plural } from './report.js';

const contextLines = 1;
const maxFrameLines = 6;

export const formatText: Reporter = (report, options) => {
  const colors = getColors(options.color);
  const out: string[] = [];
  const byFile = new Map<string, ReportedFinding[]>();
  for (const finding of report.findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  for (const [file, findings] of byFile) {
    out.push(colors.underline(file));
    const lines = options.readLines(file);
    for (const finding of findings) {
      const severity = finding.severity === 'error' ? colors.red('error') : colors.yellow('warning');
      out.push(`  ${colors.dim(`${finding.line}:${finding.column}`)}  ${severity}  ${finding.message}  ${colors.dim(`poolguard/${finding.ruleId}`)}`);
      for (const related of finding.related ?? []) {
        const where = related.file === file ? `${related.line}:${related.column}` : `${related.file}:${related.line}:${related.column}`;
        out.push(`      ${colors.dim(`↳ ${where}`)}  ${related.message}`);
      }
      if (lines) out.push(...formatCodeFrame(lines, finding, colors));
    }
    out.push('');
  }
  for (const skipped of report.filesSkipped) out.push(colors.yellow(`skipped ${skipped.file}: ${skipped.reason}`));
  if (report.filesSkipped.length > 0) out.push('');
  out.push(formatSummary(report, colors));
  return `${out.join('\n')}\n`;
};

function formatCodeFrame(lines: readonly string[], finding: ReportedFinding, colors: Colors): string[] {
  const first = Math.max(1, finding.line - contextLines);
  const last = Math.min(lines.length, finding.endLine + contextLines, first + maxFrameLines - 1);
  const width = String(last).length;
  const frame: string[] = [];
  for (let number = first; number <= last; number += 1) {
    const text = (lines[number - 1] ?? '').replace(/\t/g, '  ');
    const flagged = number >= finding.line && number <= finding.endLine;
    const gutter = `${flagged ? colors.red('>') : ' '} ${colors.dim(`${String(number).padStart(width)} |`)}`;
    frame.push(`    ${gutter}${text ? ` ${text}` : ''}`);
    if (number === finding.line) {
      const original = lines[number - 1] ?? '';
      const startColumn = widthOf(original.slice(0, finding.column - 1));
      const endColumn = finding.endLine === finding.line ? widthOf(original.slice(0, finding.endColumn - 1)) : widthOf(original);
      const marker = `${' '.repeat(startColumn)}${'^'.repeat(Math.max(1, endColumn - startColumn))}`;
      frame.push(`    ${' '} ${colors.dim(`${' '.repeat(width)} |`)} ${colors.red(marker)}`);
    }
  }
  return frame;
}

function widthOf(text: string): number {
  return text.replace(/\t/g, '  ').length;
}

function formatSummary(report: Parameters<Reporter>[0], colors: Colors): string {
  const { errors, warnings } = countBySeverity(report.findings);
  const details: string[] = [`${plural(report.filesAnalyzed, 'file')} analysed`];
  const withoutDatabaseImports = report.filesWithoutDatabaseImports ?? 0;
  if (withoutDatabaseImports > 0) details.push(`${withoutDatabaseImports} without database imports`);
  if (report.filesSkipped.length > 0) details.push(`${plural(report.filesSkipped.length, 'file')} skipped`);
  if (report.suppressedByComments > 0) details.push(`${report.suppressedByComments} suppressed by comments`);
  if (report.baseline) details.push(`${report.baseline.suppressed} in baseline, ${report.baseline.fixed} baseline ${report.baseline.fixed === 1 ? 'entry' : 'entries'} fixed`);
  const fixable = report.findings.filter((finding) => finding.fix).length;
  if (fixable > 0) details.push(`${fixable} fixable with --fix`);
  if (report.findings.length === 0) return colors.green(`✔ No problems (${details.join(', ')})`);
  const counts = `${plural(report.findings.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  return (errors > 0 ? colors.red : colors.yellow)(colors.bold(`✖ ${counts}`)) + ` ${colors.dim(`— ${details.join(', ')}`)}`;
}
