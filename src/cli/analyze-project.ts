/**
 * The programmatic core of the CLI: find the projects under a path, load each in turn with ts-morph's
 * compiler, run the detectors on the files a database module reaches, and return plain findings.
 * It reads files only: the scanned code is never run and nothing is written.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { ts } from 'ts-morph';

import type * as typescript from 'typescript';

import type { AnalysisContext, TypeScript } from '../analysis/analysis-context.js';
import type { Detector } from '../analysis/detectors/index.js';
import type { Finding, TextEdit } from '../analysis/finding.js';
import type { PoolGuardSettings } from '../knowledge/user-settings.js';
import type { RuleSetting } from './config/load-config.js';
import type { DeclarationFileCache } from './project/create-program.js';
import type { Severity } from './rule-catalog.js';

import { getAnalysisContext } from '../analysis/analysis-context.js';
import { detectors, detectorsWithOptions } from '../analysis/detectors/index.js';
import { applyEdits, formatMessage, normalizeEdits } from '../analysis/finding.js';
import { computeFingerprints } from './baseline.js';
import { createProgram, looseFileOptions } from './project/create-program.js';
import { discoverTree, resolveScanTarget } from './project/discover-projects.js';
import { IgnoredPaths, isInside } from './project/ignored-paths.js';
import { getFilesReachingDatabase } from './project/reachable-files.js';
import { readTsconfig } from './project/read-tsconfig.js';
import { getDefaultSeverity, getRuleMeta } from './rule-catalog.js';
import { getSuppressions } from './suppressions.js';
import { UsageError } from './usage-error.js';

export interface AnalyzeProjectOptions {
  /** Directory to scan (its tsconfig.json, workspaces' tsconfig.json files, or every source file), or a tsconfig file. */
  readonly path: string;
  /** A tsconfig file (or directory holding tsconfig.json) to load instead of discovering projects. */
  readonly project?: string;
  /** Rules to run: ids (each at its default severity) or id → severity and options. Default: every rule. */
  readonly rules?: readonly string[] | ReadonlyMap<string, RuleSetting>;
  readonly settings?: PoolGuardSettings;
  /** Called as files are analysed: files done so far, files known so far. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Called before each project loads (parsing a large one takes a while): its tsconfig, relative to the root. */
  readonly onProjectLoad?: (project: string) => void;
  /** Called for every analysed file with its program's context (the `pools` inventory walks files this way). */
  readonly visitFile?: (sourceFile: typescript.SourceFile, context: AnalysisContext) => void;
}

export interface ReportedLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface RelatedReportedLocation extends ReportedLocation {
  readonly message: string;
}

/** A rewrite as ESLint's formatters give it: replace `range` (offsets into the file text, UTF-16 code units,
 * after any byte order mark) with `text`. `location` is the same range in lines and columns. */
export interface ReportedFix {
  readonly range: readonly [number, number];
  readonly text: string;
  readonly location: Omit<ReportedLocation, 'file'>;
}

export interface ReportedSuggestion {
  readonly messageId: string;
  /** The suggestion's description. */
  readonly desc: string;
  readonly fix: ReportedFix;
}

export interface ReportedFinding extends ReportedLocation {
  readonly ruleId: string;
  readonly messageId: string;
  /** Path relative to the scanned directory, forward slashes. */
  readonly file: string;
  readonly message: string;
  readonly severity: Severity;
  /** Stable across unrelated edits: rule, file, flagged text and occurrence index (see baseline.ts). */
  readonly fingerprint: string;
  readonly related?: readonly RelatedReportedLocation[];
  /** The safe fix `--fix` applies. */
  readonly fix?: ReportedFix;
  /** Rewrites to review before applying; `--fix` never applies them. */
  readonly suggestions?: readonly ReportedSuggestion[];
}

export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
}

export interface ProjectAnalysis {
  readonly root: string;
  readonly findings: readonly ReportedFinding[];
  /** Files in scope (inside the path, not ignored), whether or not a database module reaches them. */
  readonly filesAnalyzed: number;
  /** Files that do not parse or cannot be read: skipped, the scan goes on. */
  readonly filesSkipped: readonly SkippedFile[];
  /** Findings hidden by `eslint-disable` comments. */
  readonly suppressedByComments: number;
  /** Problems that did not stop the scan, e.g. a broken tsconfig found in a subdirectory. */
  readonly warnings: readonly string[];
  /** Milliseconds: loading (configs, parsing, binding) and each rule's detector. */
  readonly timings: { readonly load: number; readonly rules: Readonly<Record<string, number>> };
}

type UnfingerprintedFinding = Omit<ReportedFinding, 'fingerprint'> & { readonly scope: string };

/** Scans a directory with whole-program knowledge. Throws {@link UsageError} for bad input. */
export function analyzeProject(options: AnalyzeProjectOptions): ProjectAnalysis {
  const target = resolveScanTarget(options.path, options.project);
  const root = target.root;
  const ruleSettings = toRuleSettings(options.rules);
  const settings = options.settings ?? {};
  const ignored = new IgnoredPaths(root);
  const state: ScanState = {
    root,
    ignored,
    settings,
    ruleSettings,
    analyzed: new Set(),
    declarationFiles: new Map(),
    findings: [],
    lines: new Map(),
    skipped: [],
    suppressedByComments: 0,
    warnings: [],
    filesAnalyzed: 0,
    filesKnown: 0,
    loadTime: 0,
    ruleTimes: Object.fromEntries([...ruleSettings.keys()].map((ruleId) => [ruleId, 0])),
    onProgress: options.onProgress,
    visitFile: options.visitFile,
  };
  const loadStart = performance.now();
  const tree = target.configFiles.length === 0 ? discoverTree(root, ignored) : undefined;
  state.loadTime += performance.now() - loadStart;
  const queue = [...(tree?.configFiles ?? target.configFiles)];
  const seenConfigs = new Set<string>();
  const covered = new Set<string>();
  for (let configFile = queue.shift(); configFile !== undefined; configFile = queue.shift()) {
    if (seenConfigs.has(configFile)) continue;
    seenConfigs.add(configFile);
    const start = performance.now();
    let config: ReturnType<typeof readTsconfig>;
    try {
      config = readTsconfig(configFile);
    } catch (error) {
      // A tsconfig the user named (or the scanned directory's own) must load; one found while walking a
      // tree (a workspace, a test fixture) is reported and its files are scanned with defaults instead.
      if (!tree || !(error instanceof UsageError)) throw error;
      state.warnings.push(`${error.message.replace(/\.$/, '')}; its files are scanned with default compiler options`);
      continue;
    }
    queue.push(...config.references);
    for (const fileName of config.fileNames) covered.add(fileName);
    for (const option of [config.options.outDir, config.options.declarationDir]) {
      if (option && !isInside(option, root)) ignored.addDirectory(option);
    }
    const rootNames = config.fileNames.filter((fileName) => !state.analyzed.has(fileName) && !ignored.isIgnored(fileName));
    state.filesKnown += rootNames.length;
    if (rootNames.length === 0) {
      state.loadTime += performance.now() - start;
      continue;
    }
    // Each project is loaded, analysed and dropped before the next, to bound memory.
    options.onProjectLoad?.(toRelative(root, configFile) || configFile);
    analyzeProgram(createProgram(rootNames, config.options, config, state.declarationFiles), state, start);
  }
  const loose = (tree?.sourceFiles ?? []).filter((fileName) => !covered.has(fileName) && !state.analyzed.has(fileName));
  if (loose.length > 0) {
    state.filesKnown += loose.length;
    options.onProjectLoad?.(`${loose.length} files without tsconfig`);
    analyzeProgram(createProgram(loose, looseFileOptions, undefined, state.declarationFiles), state, performance.now());
  }
  const findings = [...state.findings].sort(compareFindings);
  const fingerprints = computeFingerprints(findings, (file) => state.lines.get(file) ?? []);
  return {
    root,
    findings: findings.map(({ scope: _scope, ...finding }, index) => ({ ...finding, fingerprint: fingerprints[index] ?? '' })),
    filesAnalyzed: state.filesAnalyzed,
    filesSkipped: [...state.skipped].sort((a, b) => compareText(a.file, b.file)),
    suppressedByComments: state.suppressedByComments,
    warnings: state.warnings,
    timings: { load: state.loadTime, rules: state.ruleTimes },
  };
}

interface ScanState {
  readonly root: string;
  readonly ignored: IgnoredPaths;
  readonly settings: PoolGuardSettings;
  readonly ruleSettings: ReadonlyMap<string, RuleSetting>;
  /** Files already analysed by an earlier project: a file in two projects is reported once. */
  readonly analyzed: Set<string>;
  /** lib and `@types` files parsed once for all the scan's programs, dropped with the scan. */
  readonly declarationFiles: DeclarationFileCache;
  readonly findings: UnfingerprintedFinding[];
  /** Lines of files with findings, for fingerprints. */
  readonly lines: Map<string, readonly string[]>;
  readonly skipped: SkippedFile[];
  suppressedByComments: number;
  readonly warnings: string[];
  filesAnalyzed: number;
  filesKnown: number;
  loadTime: number;
  readonly ruleTimes: Record<string, number>;
  readonly onProgress: ((done: number, total: number) => void) | undefined;
  readonly visitFile: AnalyzeProjectOptions['visitFile'];
}

function analyzeProgram(loaded: ReturnType<typeof createProgram>, state: ScanState, loadStart: number): void {
  // Host boundary: ts-morph bundles its own TypeScript; the engine takes whichever copy built the program.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc sees two TypeScripts' Program types here; the lint's project does not
  const program = loaded.program as unknown as typescript.Program;
  const tsNamespace = ts as unknown as TypeScript;
  const context = getAnalysisContext(tsNamespace, program, true, state.settings);
  for (const fileName of loaded.unreadable) {
    state.analyzed.add(fileName);
    state.skipped.push({ file: toRelative(state.root, fileName), reason: 'cannot be read' });
  }
  const inScope = program
    .getSourceFiles()
    .filter((sourceFile) => !sourceFile.isDeclarationFile && !state.analyzed.has(sourceFile.fileName) && !state.ignored.isIgnored(sourceFile.fileName));
  const reaching = getFilesReachingDatabase(program, context.knowledge);
  state.loadTime += performance.now() - loadStart;
  const rootNames = new Set(program.getRootFileNames());
  state.filesKnown += inScope.filter((sourceFile) => !rootNames.has(sourceFile.fileName)).length;
  for (const sourceFile of inScope) {
    state.analyzed.add(sourceFile.fileName);
    state.filesAnalyzed += 1;
    state.onProgress?.(state.filesAnalyzed, Math.max(state.filesKnown, state.filesAnalyzed));
    // Plain syntax errors first: the 8000s ("types can only be used in .ts files") are their consequences in JS.
    const parseError = [...program.getSyntacticDiagnostics(sourceFile)].sort((a, b) => Number(a.code >= 8000) - Number(b.code >= 8000) || (a.start ?? 0) - (b.start ?? 0))[0];
    if (parseError) {
      const line = parseError.start === undefined ? 1 : sourceFile.getLineAndCharacterOfPosition(parseError.start).line + 1;
      state.skipped.push({ file: toRelative(state.root, sourceFile.fileName), reason: `does not parse (line ${line}: ${tsNamespace.flattenDiagnosticMessageText(parseError.messageText, ' ')})` });
      continue;
    }
    if (reaching !== 'all' && !reaching.has(sourceFile.fileName)) continue;
    state.visitFile?.(sourceFile, context);
    analyzeFile(sourceFile, context, state);
  }
}

function analyzeFile(sourceFile: typescript.SourceFile, context: AnalysisContext, state: ScanState): void {
  let suppressions: ReturnType<typeof getSuppressions> | undefined;
  for (const [ruleId, setting] of state.ruleSettings) {
    const detector = getDetector(ruleId, setting);
    if (!detector) continue;
    const start = performance.now();
    const findings = runDetector(detector, sourceFile, context);
    state.ruleTimes[ruleId] = (state.ruleTimes[ruleId] ?? 0) + performance.now() - start;
    for (const finding of findings) {
      if (finding.start < 0 || finding.end > sourceFile.text.length) continue;
      suppressions ??= getSuppressions(context.ts, sourceFile);
      if (suppressions.isSuppressed(ruleId, finding.start)) {
        state.suppressedByComments += 1;
        continue;
      }
      const reported = toReported(finding, sourceFile, context, state.root, setting.severity);
      if (!state.lines.has(reported.file)) state.lines.set(reported.file, sourceFile.text.split(/\r?\n/));
      state.findings.push(reported);
    }
  }
}

/** The rule's detector, given the options from the config file when the rule takes any. */
function getDetector(ruleId: string, setting: RuleSetting): Detector | undefined {
  const withOptions = detectorsWithOptions[ruleId];
  if (withOptions && setting.options.length > 0) return (sourceFile, context) => withOptions(sourceFile, context, setting.options[0]);
  return detectors[ruleId];
}

function runDetector(detector: Detector, sourceFile: typescript.SourceFile, context: AnalysisContext): Finding[] {
  try {
    return detector(sourceFile, context);
  } catch (error) {
    // A detector bug costs findings in one file, never the scan.
    if (process.env.POOLGUARD_DEBUG) console.error(`poolguard: analysis of ${sourceFile.fileName} failed`, error);
    return [];
  }
}

function toReported(finding: Finding, sourceFile: typescript.SourceFile, context: AnalysisContext, root: string, severity: Severity): UnfingerprintedFinding {
  const messages = getRuleMeta(finding.ruleId)?.messages ?? {};
  const template = messages[finding.messageId] ?? finding.messageId;
  const related = (finding.related ?? []).flatMap((location) => {
    const file = location.fileName === sourceFile.fileName ? sourceFile : context.program.getSourceFile(location.fileName);
    if (!file || location.start < 0 || location.end > file.text.length) return [];
    return [{ ...toLocation(file, location.start, location.end, root), message: location.message }];
  });
  const fix = toReportedFix(sourceFile, finding.fix);
  const suggestions = (finding.suggestions ?? []).flatMap((suggestion) => {
    const suggested = toReportedFix(sourceFile, suggestion.edits);
    const desc = formatMessage(messages[suggestion.messageId] ?? suggestion.messageId, suggestion.data ?? {});
    return suggested ? [{ messageId: suggestion.messageId, desc, fix: suggested }] : [];
  });
  return {
    ruleId: finding.ruleId,
    messageId: finding.messageId,
    ...toLocation(sourceFile, finding.start, finding.end, root),
    message: formatMessage(template, finding.data),
    severity,
    scope: getScopeName(context.ts, sourceFile, finding.start),
    ...(related.length > 0 ? { related } : {}),
    ...(fix ? { fix } : {}),
    ...(suggestions.length > 0 ? { suggestions } : {}),
  };
}

/** One replacement covering every edit, as ESLint merges a report's fixes; undefined when the edits are unusable. */
function toReportedFix(sourceFile: typescript.SourceFile, edits: readonly TextEdit[] | undefined): ReportedFix | undefined {
  const sorted = edits && normalizeEdits(edits, sourceFile.text.length);
  const first = sorted?.[0];
  const last = sorted?.at(-1);
  if (!sorted || !first || !last) return undefined;
  const start = first.start;
  const shifted = sorted.map((edit) => ({ ...edit, start: edit.start - start, end: edit.end - start }));
  const { file: _file, ...location } = toLocation(sourceFile, start, last.end, '');
  return { range: [start, last.end], text: applyEdits(sourceFile.text.slice(start, last.end), shifted), location };
}

/** The names of the declarations around a position, outermost first: part of the baseline fingerprint. */
function getScopeName(tsNamespace: TypeScript, sourceFile: typescript.SourceFile, position: number): string {
  const names: string[] = [];
  const visit = (node: typescript.Node): void => {
    const name = (node as { name?: typescript.Node }).name;
    const isScope =
      tsNamespace.isFunctionLike(node) || tsNamespace.isClassLike(node) || tsNamespace.isVariableDeclaration(node) || tsNamespace.isPropertyAssignment(node);
    if (isScope && name && (tsNamespace.isIdentifier(name) || tsNamespace.isStringLiteral(name) || tsNamespace.isPrivateIdentifier(name))) names.push(name.text);
    const child = tsNamespace.forEachChild(node, (candidate) => (candidate.getStart(sourceFile) <= position && position < candidate.end ? candidate : undefined));
    if (child) visit(child);
  };
  visit(sourceFile);
  return names.join('.');
}

function toLocation(sourceFile: typescript.SourceFile, startOffset: number, endOffset: number, root: string): ReportedLocation {
  const start = sourceFile.getLineAndCharacterOfPosition(startOffset);
  const end = sourceFile.getLineAndCharacterOfPosition(endOffset);
  return {
    file: toRelative(root, sourceFile.fileName),
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
  };
}

function toRuleSettings(rules: AnalyzeProjectOptions['rules']): ReadonlyMap<string, RuleSetting> {
  if (rules instanceof Map) return rules;
  const ids = Array.isArray(rules) ? (rules as readonly string[]) : Object.keys(detectors).sort();
  return new Map(ids.map((ruleId) => [ruleId, { severity: getDefaultSeverity(ruleId), options: [] }]));
}

function toRelative(root: string, fileName: string): string {
  return path.relative(root, fileName).split(path.sep).join('/');
}

function compareFindings(a: UnfingerprintedFinding, b: UnfingerprintedFinding): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.ruleId, b.ruleId) || compareText(a.message, b.message);
}

/** Locale-independent, so output does not depend on the machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
