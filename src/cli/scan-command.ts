/** `poolguard scan`: configuration → analyzeProject → baseline → reporter → exit code. */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import type { ProjectAnalysis, ReportedFinding } from './analyze-project.js';
import type { FixedFile } from './fixes/fix-files.js';
import type { Arguments } from './arguments.js';
import type { CliIo } from './cli-io.js';
import type { Report } from './reporters/report.js';

import { compareWithBaseline, readBaseline, writeBaseline, writeOutput } from './baseline.js';
import { loadConfig } from './config/load-config.js';
import { exitCodes } from './exit-codes.js';
import { computeFixedFiles, writeFixedFiles } from './fixes/fix-files.js';
import { formatUnifiedDiff } from './fixes/unified-diff.js';
import { applyScriptsAndTests } from './scripts-and-tests.js';
import { createProgress } from './progress.js';
import { shouldUseColor } from './reporters/colors.js';
import { reporters } from './reporters/index.js';
import { countBySeverity } from './reporters/report.js';

export async function scan(args: Arguments, io: CliIo): Promise<number> {
  const scanDirectory = getConfigDirectory(args.path);
  const config = loadConfig(scanDirectory, args.config);
  const baseline = args.baseline === undefined ? undefined : readBaseline(path.resolve(args.baseline));
  const progress = createProgress(io.stderr, !args.quiet);
  const started = performance.now();
  const { analyzeProject } = await import('./analyze-project.js');
  const analyse = (): ProjectAnalysis => {
    const result = analyzeProject({
      path: args.path,
      project: args.project,
      rules: config.rules,
      settings: config.settings,
      onProgress: (done, total) => progress.update(done, total),
      onProjectLoad: (project) => progress.loading(project),
      declarationCache: io.declarationCache,
      betweenPrograms: io.betweenPrograms,
    });
    return { ...result, findings: applyScriptsAndTests(result.findings, config.scriptsAndTests) };
  };
  let analysis = analyse();
  progress.clear();
  if (!args.quiet) for (const warning of analysis.warnings) io.stderr.write(`poolguard: warning: ${warning}\n`);
  if (args.writeBaseline !== undefined) {
    writeBaseline(path.resolve(args.writeBaseline), analysis.findings);
    if (!args.quiet) io.stderr.write(`poolguard: wrote ${analysis.findings.length} finding(s) to the baseline ${args.writeBaseline}\n`);
    return exitCodes.clean;
  }
  let { findings, baselineCounts } = selectFindings(analysis, baseline, args.quiet);
  const reportPrefix = getPathPrefix(analysis.root);
  if (args.fixDryRun) {
    const fixed = computeFixedFiles(analysis.root, findings);
    io.stdout.write(fixed.map((file) => formatUnifiedDiff(reportPrefix + file.file, file.before, file.after)).join(''));
    if (!args.quiet) io.stderr.write(`poolguard: ${describeFixes(fixed)} (dry run: nothing written)\n`);
  } else if (args.fix) {
    // As ESLint does: apply, analyse again, and repeat while fixes that overlapped an applied one remain.
    const written: FixedFile[] = [];
    for (let pass = 0; pass < maxFixPasses; pass += 1) {
      const fixed = computeFixedFiles(analysis.root, findings);
      if (fixed.length === 0) break;
      writeFixedFiles(analysis.root, fixed);
      written.push(...fixed);
      analysis = analyse();
      progress.clear();
      ({ findings, baselineCounts } = selectFindings(analysis, baseline, args.quiet));
    }
    if (!args.quiet) io.stderr.write(`poolguard: ${describeFixes(written)}\n`);
  }
  const analysed = performance.now();
  const report: Report = {
    root: analysis.root,
    findings,
    filesAnalyzed: analysis.filesAnalyzed,
    filesWithoutDatabaseImports: analysis.filesWithoutDatabaseImports,
    filesSkipped: analysis.filesSkipped,
    suppressedByComments: analysis.suppressedByComments,
    ...(baselineCounts ? { baseline: baselineCounts } : {}),
    pathPrefix: reportPrefix,
  };
  const toFile = args.output !== undefined;
  const text = reporters[args.format](report, {
    color: !toFile && shouldUseColor(io.stdout, io.env),
    readLines: (file) => readLines(path.join(analysis.root, file)),
  });
  if (toFile) writeOutput(path.resolve(args.output ?? ''), text);
  else if (!args.fixDryRun) io.stdout.write(text);
  if (baselineCounts && args.format !== 'text' && args.format !== 'json' && !args.quiet) {
    io.stderr.write(`poolguard: ${baselineCounts.suppressed} finding(s) in the baseline, ${baselineCounts.fixed} baseline entr${baselineCounts.fixed === 1 ? 'y' : 'ies'} fixed\n`);
  }
  if (args.timing) printTimings(io, analysis.timings, analysed - started, performance.now() - analysed);
  const { errors, warnings } = countBySeverity(findings);
  const tooManyWarnings = args.maxWarnings >= 0 && warnings > args.maxWarnings;
  if (tooManyWarnings) io.stderr.write(`poolguard: ${warnings} warning(s), more than --max-warnings ${args.maxWarnings}\n`);
  return errors > 0 || tooManyWarnings ? exitCodes.findings : exitCodes.clean;
}

const maxFixPasses = 10;

/** The findings to report: those not in the baseline, errors only with `--quiet`. */
function selectFindings(analysis: ProjectAnalysis, baseline: ReturnType<typeof readBaseline> | undefined, quiet: boolean): { findings: readonly ReportedFinding[]; baselineCounts: Report['baseline'] } {
  let findings = analysis.findings;
  let baselineCounts: Report['baseline'];
  if (baseline) {
    const comparison = compareWithBaseline(findings, baseline);
    findings = comparison.newFindings;
    baselineCounts = { suppressed: comparison.suppressed, fixed: comparison.fixed };
  }
  if (quiet) findings = findings.filter((finding) => finding.severity === 'error');
  return { findings, baselineCounts };
}

function describeFixes(files: readonly FixedFile[]): string {
  const fixes = files.reduce((total, file) => total + file.applied, 0);
  const names = new Set(files.map((file) => file.file));
  return fixes === 0 ? 'no safe fixes to apply' : `${fixes} safe fix${fixes === 1 ? '' : 'es'} in ${names.size} file${names.size === 1 ? '' : 's'}`;
}

/** The configuration is looked up from the scanned directory (or the tsconfig's directory). */
function getConfigDirectory(target: string): string {
  const absolute = path.resolve(target);
  try {
    return fs.statSync(absolute).isDirectory() ? absolute : path.dirname(absolute);
  } catch {
    return absolute;
  }
}

/** SARIF and GitHub annotations name files from the repository root, which is where CI runs. */
function getPathPrefix(root: string): string {
  const relative = path.relative(process.cwd(), root);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return '';
  return `${relative.split(path.sep).join('/')}/`;
}

function readLines(file: string): readonly string[] | undefined {
  try {
    return fs.readFileSync(file, 'utf8').split(/\r?\n/);
  } catch {
    return undefined;
  }
}

function printTimings(io: CliIo, timings: ProjectAnalysis['timings'], total: number, reportTime: number): void {
  const rows: [string, number][] = [['load', timings.load], ...Object.entries(timings.rules).map(([ruleId, time]): [string, number] => [`rule ${ruleId}`, time]), ['report', reportTime]];
  const width = Math.max(...rows.map(([name]) => name.length));
  const lines = rows.map(([name, time]) => `  ${name.padEnd(width)}  ${time.toFixed(1).padStart(9)} ms`);
  io.stderr.write(`poolguard timing (rules share one walk per file; the first rule to run pays for it):\n${lines.join('\n')}\n  ${'total'.padEnd(width)}  ${(total + reportTime).toFixed(1).padStart(9)} ms\n`);
}
