/** The programmatic core of the CLI: load a project with ts-morph, run the detectors, return findings. */
import fs from 'node:fs';
import path from 'node:path';

import { Project, ts } from 'ts-morph';

import type * as typescript from 'typescript';

import type { AnalysisContext, TypeScript } from '../analysis/analysis-context.js';
import type { Finding } from '../analysis/finding.js';
import type { PoolGuardSettings } from '../knowledge/user-settings.js';

import { rules } from '../../rules/index.js';
import { getAnalysisContext } from '../analysis/analysis-context.js';
import { detectors } from '../analysis/detectors/index.js';
import { formatMessage } from '../analysis/finding.js';
import { UsageError } from './usage-error.js';

export interface AnalyzeProjectOptions {
  /** Directory to scan (its tsconfig.json, or every source file below it). */
  readonly path: string;
  /** Rule ids to run; default every rule. */
  readonly rules?: readonly string[];
  readonly settings?: PoolGuardSettings;
}

export interface ReportedFinding {
  readonly ruleId: string;
  readonly messageId: string;
  /** Path relative to the scanned directory, forward slashes. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export interface ProjectAnalysis {
  readonly root: string;
  readonly findings: readonly ReportedFinding[];
  readonly filesAnalyzed: number;
}

const sourceExtensions = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;
const skippedDirectories = new Set(['node_modules', '.git', 'dist', 'build', 'out', 'coverage', '.next']);

/** Scans a directory with whole-program knowledge. Throws {@link UsageError} for bad input. */
export function analyzeProject(options: AnalyzeProjectOptions): ProjectAnalysis {
  const root = path.resolve(options.path);
  if (!fs.existsSync(root)) throw new UsageError(`path not found: ${options.path}`);
  if (!fs.statSync(root).isDirectory()) throw new UsageError(`not a directory: ${options.path}`);
  const project = loadProject(root);
  // Host boundary: ts-morph bundles its own TypeScript; the engine takes whichever copy built the program.
  const program = project.getProgram().compilerObject as unknown as typescript.Program;
  const context = getAnalysisContext(ts as unknown as TypeScript, program, true, options.settings ?? {});
  const ruleIds = options.rules ?? Object.keys(detectors);
  const findings: ReportedFinding[] = [];
  let filesAnalyzed = 0;
  for (const sourceFile of program.getSourceFiles()) {
    if (sourceFile.isDeclarationFile || sourceFile.fileName.includes('/node_modules/')) continue;
    if (!isInside(root, sourceFile.fileName)) continue;
    filesAnalyzed += 1;
    for (const ruleId of ruleIds) {
      const detector = detectors[ruleId];
      if (!detector) continue;
      for (const finding of runDetector(detector, sourceFile, context)) findings.push(toReported(finding, sourceFile, root));
    }
  }
  findings.sort(compareFindings);
  return { root, findings, filesAnalyzed };
}

function loadProject(root: string): Project {
  const tsconfig = path.join(root, 'tsconfig.json');
  if (fs.existsSync(tsconfig)) {
    try {
      const project = new Project({ tsConfigFilePath: tsconfig, compilerOptions: { allowJs: true, noEmit: true } });
      const diagnostics = project.getConfigFileParsingDiagnostics();
      const first = diagnostics[0];
      if (first) throw new UsageError(`invalid tsconfig ${tsconfig}: ${ts.flattenDiagnosticMessageText(first.getMessageText() as string | ts.DiagnosticMessageChain, ' ')}`);
      return project;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`cannot load ${tsconfig}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  const project = new Project({ compilerOptions: { allowJs: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, esModuleInterop: true, skipLibCheck: true } });
  for (const file of listSourceFiles(root)) project.addSourceFileAtPath(file);
  project.resolveSourceFileDependencies();
  return project;
}

function listSourceFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    if (entry.name.startsWith('.') && entry.isDirectory()) continue;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!skippedDirectories.has(entry.name)) files.push(...listSourceFiles(full));
    } else if (sourceExtensions.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      files.push(full);
    }
  }
  return files;
}

function runDetector(detector: (typeof detectors)[string], sourceFile: typescript.SourceFile, context: AnalysisContext): Finding[] {
  try {
    return detector(sourceFile, context);
  } catch (error) {
    if (process.env.POOLGUARD_DEBUG) console.error(`poolguard: analysis of ${sourceFile.fileName} failed`, error);
    return [];
  }
}

function toReported(finding: Finding, sourceFile: typescript.SourceFile, root: string): ReportedFinding {
  const start = sourceFile.getLineAndCharacterOfPosition(finding.start);
  const end = sourceFile.getLineAndCharacterOfPosition(finding.end);
  const rule = (rules as Record<string, { meta: { messages: Record<string, string> } }>)[finding.ruleId];
  const template = rule?.meta.messages[finding.messageId] ?? finding.messageId;
  return {
    ruleId: finding.ruleId,
    messageId: finding.messageId,
    file: path.relative(root, sourceFile.fileName).split(path.sep).join('/'),
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    message: formatMessage(template, finding.data),
    severity: 'error',
  };
}

function isInside(root: string, fileName: string): boolean {
  const relative = path.relative(root, fileName);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

function compareFindings(a: ReportedFinding, b: ReportedFinding): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}
