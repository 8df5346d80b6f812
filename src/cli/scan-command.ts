/** `poolguard scan`: configuration → analyzeProject → baseline → reporter → exit code. */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import type { ProjectAnalysis } from './analyze-project.js';
import type { Arguments } from './arguments.js';
import type { Report } from './reporters/report.js';

import { compareWithBaseline, readBaseline, writeBaseline, writeOutput } from './baseline.js';
import { loadConfig } from './config/load-config.js';
import { exitCodes } from './exit-codes.js';
import { createProgress } from './progress.js';
import { shouldUseColor } from './reporters/colors.js';
import { reporters } from './reporters/index.js';
import { countBySeverity } from './reporters/report.js';

export async function scan(args: Arguments): Promise<number> {
  const scanDirectory = getConfigDirectory(args.path);
  const config = loadConfig(scanDirectory, args.config);
  const baseline = args.baseline === undefined ? undefined : readBaseline(path.resolve(args.baseline));
  const progress = createProgress(process.stderr, !args.quiet);
  const started = performance.now();
  const { analyzeProject } = await import('./analyze-project.js');
  const analysis = analyzeProject({
    path: args.path,
    project: args.project,
    rules: config.rules,
    settings: config.settings,
    onProgress: (done, total) => progress.update(done, total),
    onProjectLoad: (project) => progress.loading(project),
  });
  progress.clear();
  if (!args.quiet) for (const warning of analysis.warnings) process.stderr.write(`poolguard: warning: ${warning}\n`);
  const analysed = performance.now();
  if (args.writeBaseline !== undefined) {
    writeBaseline(path.resolve(args.writeBaseline), analysis.findings);
    if (!args.quiet) process.stderr.write(`poolguard: wrote ${analysis.findings.length} finding(s) to the baseline ${args.writeBaseline}\n`);
    return exitCodes.clean;
  }
  let findings = analysis.findings;
  let baselineCounts: Report['baseline'];
  if (baseline) {
    const comparison = compareWithBaseline(findings, baseline);
    findings = comparison.newFindings;
    baselineCounts = { suppressed: comparison.suppressed, fixed: comparison.fixed };
  }
  if (args.quiet) findings = findings.filter((finding) => finding.severity === 'error');
  const report: Report = {
    root: analysis.root,
    findings,
    filesAnalyzed: analysis.filesAnalyzed,
    filesSkipped: analysis.filesSkipped,
    suppressedByComments: analysis.suppressedByComments,
    ...(baselineCounts ? { baseline: baselineCounts } : {}),
    pathPrefix: getPathPrefix(analysis.root),
  };
  const toFile = args.output !== undefined;
  const text = reporters[args.format](report, {
    color: !toFile && shouldUseColor(process.stdout),
    readLines: (file) => readLines(path.join(analysis.root, file)),
  });
  if (toFile) writeOutput(path.resolve(args.output ?? ''), text);
  else process.stdout.write(text);
  if (baselineCounts && args.format !== 'text' && args.format !== 'json' && !args.quiet) {
    process.stderr.write(`poolguard: ${baselineCounts.suppressed} finding(s) in the baseline, ${baselineCounts.fixed} baseline entr${baselineCounts.fixed === 1 ? 'y' : 'ies'} fixed\n`);
  }
  if (args.timing) printTimings(analysis.timings, analysed - started, performance.now() - analysed);
  const { errors, warnings } = countBySeverity(findings);
  const tooManyWarnings = args.maxWarnings >= 0 && warnings > args.maxWarnings;
  if (tooManyWarnings) process.stderr.write(`poolguard: ${warnings} warning(s), more than --max-warnings ${args.maxWarnings}\n`);
  return errors > 0 || tooManyWarnings ? exitCodes.findings : exitCodes.clean;
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

function printTimings(timings: ProjectAnalysis['timings'], total: number, reportTime: number): void {
  const rows: [string, number][] = [['load', timings.load], ...Object.entries(timings.rules).map(([ruleId, time]): [string, number] => [`rule ${ruleId}`, time]), ['report', reportTime]];
  const width = Math.max(...rows.map(([name]) => name.length));
  const lines = rows.map(([name, time]) => `  ${name.padEnd(width)}  ${time.toFixed(1).padStart(9)} ms`);
  process.stderr.write(`poolguard timing (rules share one walk per file; the first rule to run pays for it):\n${lines.join('\n')}\n  ${'total'.padEnd(width)}  ${(total + reportTime).toFixed(1).padStart(9)} ms\n`);
}
