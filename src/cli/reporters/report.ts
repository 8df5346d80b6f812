/** What every reporter receives: the findings to show and the scan's counts. */
import type { ProjectAnalysis, ReportedFinding } from '../analyze-project.js';

/** The scan's results (`root` is absolute; finding files are relative to it), plus what reporting adds. */
export interface Report extends Pick<ProjectAnalysis, 'root' | 'findings' | 'filesAnalyzed' | 'filesSkipped' | 'suppressedByComments'>, Partial<Pick<ProjectAnalysis, 'filesWithoutDatabaseImports'>> {
  readonly baseline?: { readonly suppressed: number; readonly fixed: number };
  /** Path from the current directory to the root (`''` or ending in `/`): SARIF and GitHub read paths from the repository root. */
  readonly pathPrefix: string;
}

export interface ReporterOptions {
  readonly color: boolean;
  /** Reads a scanned file's lines (for code frames); undefined when unreadable. */
  readonly readLines: (file: string) => readonly string[] | undefined;
}

export type Reporter = (report: Report, options: ReporterOptions) => string;

export function countBySeverity(findings: readonly ReportedFinding[]): { errors: number; warnings: number } {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  return { errors, warnings: findings.length - errors };
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
