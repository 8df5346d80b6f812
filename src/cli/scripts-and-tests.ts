/** Findings in seeds, scripts, migrations and tests: reported at most at the configured severity (a warning
 * by default, or dropped with "off") and marked with the glob their file matched. */
import { minimatch } from 'minimatch';

import type { ReportedFinding } from './analyze-project.js';
import type { Severity } from './rule-catalog.js';

import { scriptsAndTestsFiles } from '../knowledge/scripts-and-tests.js';

export interface ScriptsAndTestsSetting {
  /** Globs matched against the path relative to the scanned directory, as the reports show it. */
  readonly files: readonly string[];
  readonly severity: Severity | 'off';
}

export const defaultScriptsAndTests: ScriptsAndTestsSetting = { files: scriptsAndTestsFiles, severity: 'warning' };

export function applyScriptsAndTests(findings: readonly ReportedFinding[], setting: ScriptsAndTestsSetting): ReportedFinding[] {
  if (setting.files.length === 0) return [...findings];
  const globByFile = new Map<string, string | undefined>();
  const matchedGlob = (file: string): string | undefined => {
    if (!globByFile.has(file)) globByFile.set(file, setting.files.find((glob) => minimatch(file, glob, { dot: true })));
    return globByFile.get(file);
  };
  const result: ReportedFinding[] = [];
  for (const finding of findings) {
    const glob = matchedGlob(finding.file);
    if (glob === undefined) result.push(finding);
    else if (setting.severity !== 'off') result.push({ ...finding, severity: lower(finding.severity, setting.severity), scriptsAndTests: glob });
  }
  return result;
}

function lower(a: Severity, b: Severity): Severity {
  return a === 'warning' || b === 'warning' ? 'warning' : 'error';
}
