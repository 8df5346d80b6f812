/**
 * The programmatic core of the CLI: find the projects under a path, load each in turn with ts-morph's
 * compiler, run the detectors on the files a database module reaches, and return plain findings.
 * It reads files only: the scanned code is never run and nothing is written.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { ts } from './ts-morph-compiler.js';

import type * as typescript from 'typescript';

import type { AnalysisContext, TypeScript } from '../analysis/core/analysis-context.js';
import type { Detector, DetectorOptions } from '../analysis/core/detector.js';
import type { Finding, TextEdit } from '../analysis/core/finding.js';
import type { PoolGuardSettings } from '../knowledge/user-settings.js';
import type { RuleSetting } from './config/load-config.js';
import type { ScanCaches } from './project/create-program.js';
import type { DeclarationCache } from './project/declaration-cache.js';
import type { ProgramGroup } from './project/program-groups.js';
import type { ProgramReach } from './project/program-reach.js';
import type { ParsedTsconfig } from './project/read-tsconfig.js';
import type { Severity } from './rule-catalog.js';

import { getAnalysisContext, getKnowledge } from '../analysis/core/analysis-context.js';
import { getReachingFiles } from '../analysis/core/reachable-files.js';
import { sortFindings } from '../analysis/core/detector.js';
import { applyEdits, formatMessage, normalizeEdits } from '../analysis/core/finding.js';
import { detectors, wholeProgramFiles } from '../analysis/detectors.js';
import { computeFingerprints } from './baseline.js';
import { createProgram, createScanCaches, looseFileOptions } from './project/create-program.js';
import { discoverTree, isDeclarationFile, resolveScanTarget, sourceFilePattern } from './project/discover-projects.js';
import { IgnoredPaths, isInside } from './project/ignored-paths.js';
import { NearestTsconfig } from './project/nearest-tsconfig.js';
import { groupByProgramOptions } from './project/program-groups.js';
import { createProgramReach } from './project/program-reach.js';
import { readTsconfig } from './project/read-tsconfig.js';
import { orderForSharedSources } from './project/source-keys.js';
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
  /** Keeps parsed declaration files for the next scan in this process (see {@link DeclarationCache}). */
  readonly declarationCache?: DeclarationCache;
  /** Called before each program loads, when the one before it is garbage: the binary collects the heap there. */
  readonly betweenPrograms?: () => void;
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
  /** The `scriptsAndTests` glob the file matched (a seed, script, migration or test), if any. */
  readonly scriptsAndTests?: string;
}

export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
}

export interface ProjectAnalysis {
  readonly root: string;
  readonly findings: readonly ReportedFinding[];
  /** Files in scope (inside the path, not ignored) that the rules analysed. */
  readonly filesAnalyzed: number;
  /** Files in scope skipped by the import prefilter: no chain of imports reaches a database module. */
  readonly filesWithoutDatabaseImports: number;
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
    configs: new Map(),
    owners: new Map(),
    caches: createScanCaches(options.declarationCache),
    findings: [],
    lines: new Map(),
    skipped: [],
    suppressedByComments: 0,
    warnings: [],
    filesAnalyzed: 0,
    filesPrefiltered: 0,
    filesKnown: 0,
    loadTime: 0,
    ruleTimes: Object.fromEntries([...ruleSettings.keys()].map((ruleId) => [ruleId, 0])),
    onProgress: options.onProgress,
    visitFile: options.visitFile,
  };
  const loadStart = performance.now();
  const tree = target.discover ? discoverTree(root, ignored) : undefined;
  // The tsconfig the user named (or the scanned directory's own) must load: read it first to fail fast.
  const explicitConfigs = new Set(target.configFiles);
  // Kept for the loop below: reading one expands its `include` globs, a walk of the whole tree for a root tsconfig.
  const readFirst = new Map(target.configFiles.map((configFile) => [configFile, readTsconfig(configFile)]));
  state.loadTime += performance.now() - loadStart;
  // The deepest tsconfig first: a file gets the options of its own package, and a root tsconfig that
  // includes everything only picks up what no package's tsconfig took.
  const queue = [...new Set([...target.configFiles, ...(tree?.configFiles ?? [])])].sort(compareDepth);
  const configs = readConfigs(queue, readFirst, explicitConfigs, state);
  const groups = orderForSharedSources(groupByProgramOptions(configs), (group) => group.options);
  assignOwners(configs, groups, state.owners, state.ignored);
  for (const group of groups) {
    const start = performance.now();
    const rootNames = [...new Set(group.configs.flatMap((config) => config.fileNames))].filter((fileName) => state.owners.get(fileName) === group && !state.analyzed.has(fileName));
    state.filesKnown += rootNames.length;
    if (rootNames.length === 0) {
      state.loadTime += performance.now() - start;
      continue;
    }
    if (skipUnreachingProgram(rootNames, group.options, state, start)) continue;
    // Each program is loaded, analysed and dropped before the next, to bound memory.
    options.onProjectLoad?.(describeGroup(root, group));
    options.betweenPrograms?.();
    analyzeProgram(createProgram(rootNames, group.options, state.caches), state, start, group);
  }
  analyzeUncoveredFiles(tree?.sourceFiles ?? [], state, options);
  for (const fileName of tree?.sourceFiles ?? []) {
    if (!state.analyzed.has(fileName)) state.skipped.push({ file: toRelative(root, fileName), reason: 'no program could load it' });
  }
  if (state.analyzed.size === 0 && state.skipped.length === 0) {
    // As ESLint's "No files matching the pattern": a scan of nothing is a mistake in the path, not a clean result.
    throw new UsageError(`No files matching "${options.project ?? options.path}" were found: no .ts, .tsx, .mts, .cts, .js, .jsx, .mjs or .cjs file outside node_modules, build output and ignored paths`);
  }
  const findings = [...state.findings].sort(compareFindings);
  const fingerprints = computeFingerprints(findings, (file) => state.lines.get(file) ?? []);
  return {
    root,
    findings: findings.map(({ scope: _scope, ...finding }, index) => ({ ...finding, fingerprint: fingerprints[index] ?? '' })),
    filesAnalyzed: state.filesAnalyzed,
    filesWithoutDatabaseImports: state.filesPrefiltered,
    filesSkipped: [...state.skipped].sort((a, b) => compareText(a.file, b.file)),
    suppressedByComments: state.suppressedByComments,
    warnings: state.warnings,
    timings: { load: state.loadTime, rules: state.ruleTimes },
  };
}

/** Reads every tsconfig, following references, in scan order. A broken one found by the walk is a warning. */
function readConfigs(queue: string[], readFirst: ReadonlyMap<string, ParsedTsconfig>, explicitConfigs: ReadonlySet<string>, state: ScanState): ParsedTsconfig[] {
  const start = performance.now();
  const configs: ParsedTsconfig[] = [];
  const seenConfigs = new Set<string>();
  for (let configFile = queue.shift(); configFile !== undefined; configFile = queue.shift()) {
    if (seenConfigs.has(configFile)) continue;
    seenConfigs.add(configFile);
    let config: ParsedTsconfig;
    try {
      config = readFirst.get(configFile) ?? readTsconfig(configFile);
      state.configs.set(configFile, config);
    } catch (error) {
      // A tsconfig found while walking a tree (a workspace, a test fixture) is reported and its files are
      // scanned with the nearest other tsconfig's options or the defaults instead.
      if (explicitConfigs.has(configFile) || !(error instanceof UsageError)) throw error;
      state.warnings.push(`${error.message.replace(/\.$/, '')}; its files are scanned with default compiler options`);
      continue;
    }
    state.warnings.push(...config.warnings);
    queue.push(...config.references);
    for (const option of [config.options.outDir, config.options.declarationDir]) {
      if (option && !isInside(option, state.root)) state.ignored.addDirectory(option);
    }
    configs.push(config);
  }
  state.loadTime += performance.now() - start;
  return configs;
}

/** The first tsconfig in scan order that includes a file owns it: its group loads it as a root and analyses it. */
function assignOwners(configs: readonly ParsedTsconfig[], groups: readonly ProgramGroup[], owners: Map<string, ProgramGroup>, ignored: IgnoredPaths): void {
  const groupOf = new Map(groups.flatMap((group) => group.configs.map((config) => [config, group] as const)));
  for (const config of configs) {
    const group = groupOf.get(config);
    if (!group) continue;
    for (const fileName of config.fileNames) {
      if (!owners.has(fileName) && !ignored.isIgnored(fileName)) owners.set(fileName, group);
    }
  }
}

function describeGroup(root: string, group: ProgramGroup): string {
  const first = toRelative(root, group.configs[0]!.file) || group.configs[0]!.file;
  const others = group.configs.length - 1;
  return others === 0 ? first : `${first} and ${others} more with the same compiler options`;
}

interface ScanState {
  readonly root: string;
  readonly ignored: IgnoredPaths;
  readonly settings: PoolGuardSettings;
  readonly ruleSettings: ReadonlyMap<string, RuleSetting>;
  /** Files already analysed by an earlier project: a file in two projects is reported once. */
  readonly analyzed: Set<string>;
  /** The tsconfig files read so far, by path. */
  readonly configs: Map<string, ParsedTsconfig>;
  /** The program group each tsconfig-included file belongs to (see assignOwners). */
  readonly owners: Map<string, ProgramGroup>;
  /** Parsed files and file-system answers shared by the scan's programs (see createProgram), dropped with the scan. */
  readonly caches: ScanCaches;
  readonly findings: UnfingerprintedFinding[];
  /** Lines of files with findings, for fingerprints. */
  readonly lines: Map<string, readonly string[]>;
  readonly skipped: SkippedFile[];
  suppressedByComments: number;
  readonly warnings: string[];
  filesAnalyzed: number;
  filesPrefiltered: number;
  filesKnown: number;
  loadTime: number;
  readonly ruleTimes: Record<string, number>;
  readonly onProgress: ((done: number, total: number) => void) | undefined;
  readonly visitFile: AnalyzeProjectOptions['visitFile'];
  /** Created when the first program is about to load (see skipUnreachingProgram). */
  programReach?: ProgramReach;
}

/**
 * Source files under the root that no tsconfig included: grouped by the nearest tsconfig above them and
 * analysed with its options (JavaScript allowed), or with the loose defaults when there is none.
 */
function analyzeUncoveredFiles(sourceFiles: readonly string[], state: ScanState, { onProjectLoad, betweenPrograms }: AnalyzeProjectOptions): void {
  const start = performance.now();
  const nearest = new NearestTsconfig(state.configs);
  const groups = new Map<string, { config: ParsedTsconfig | undefined; files: string[] }>();
  for (const fileName of sourceFiles) {
    if (state.analyzed.has(fileName)) continue;
    const config = nearest.find(fileName);
    const key = config?.file ?? '';
    const group = groups.get(key) ?? { config, files: [] };
    group.files.push(fileName);
    groups.set(key, group);
  }
  state.loadTime += performance.now() - start;
  for (const { config, files } of groups.values()) {
    const rootNames = files.filter((fileName) => !state.analyzed.has(fileName));
    if (rootNames.length === 0) continue;
    const groupStart = performance.now();
    state.filesKnown += rootNames.length;
    const compilerOptions = config ? { ...config.options, allowJs: true, checkJs: false } : looseFileOptions;
    if (skipUnreachingProgram(rootNames, compilerOptions, state, groupStart)) continue;
    const shownConfig = config ? ` (options of ${toRelative(state.root, config.file)})` : '';
    onProjectLoad?.(`${rootNames.length} files no tsconfig includes${shownConfig}`);
    betweenPrograms?.();
    analyzeProgram(createProgram(rootNames, compilerOptions, state.caches), state, groupStart);
  }
}

/**
 * A program none of whose files can reach a database module holds no finding: its root files count as prefiltered
 * without parsing any of them. (Their syntax errors then go unreported, as a file with no database code needs no
 * analysis.) False when the program must be built.
 */
function skipUnreachingProgram(rootNames: readonly string[], options: typescript.CompilerOptions, state: ScanState, start: number): boolean {
  state.programReach ??= createProgramReach(ts as unknown as TypeScript, getKnowledge(state.settings));
  if (state.programReach(rootNames, options)) return false;
  for (const fileName of rootNames) {
    state.analyzed.add(fileName);
    if (isDeclarationFile(fileName) || !sourceFilePattern.test(fileName) || state.ignored.isIgnored(fileName)) continue;
    state.filesPrefiltered += 1;
    state.onProgress?.(state.analyzed.size, Math.max(state.filesKnown, state.analyzed.size));
  }
  state.loadTime += performance.now() - start;
  return true;
}

/**
 * Host boundary: ts-morph bundles its own TypeScript, whose declarations match the installed `typescript`; the engine
 * takes whichever copy built the program. Whether tsc proves the two copies' Program types assignable depends on the
 * order it compares types in, so neither an implicit conversion nor a direct cast (then "unnecessary") is stable:
 * the program passes as a plain object.
 */
function toEngineProgram(program: object): typescript.Program {
  return program as typescript.Program;
}

/** Analyses the program's files no earlier program did, except those another group owns (its own program will). */
function analyzeProgram(loaded: ReturnType<typeof createProgram>, state: ScanState, loadStart: number, group?: ProgramGroup): void {
  const program = toEngineProgram(loaded.program);
  const tsNamespace = ts as unknown as TypeScript;
  const context = getAnalysisContext(tsNamespace, program, true, state.settings, true);
  for (const fileName of loaded.unreadable) {
    state.analyzed.add(fileName);
    state.skipped.push({ file: toRelative(state.root, fileName), reason: 'cannot be read' });
  }
  const inScope = program
    .getSourceFiles()
    // Source files only: a JSON module (`resolveJsonModule`) is in the program but holds no code.
    .filter((sourceFile) => !sourceFile.isDeclarationFile && sourceFilePattern.test(sourceFile.fileName) && !state.analyzed.has(sourceFile.fileName) && (state.owners.get(sourceFile.fileName) ?? group) === group && !state.ignored.isIgnored(sourceFile.fileName));
  const reaching = getReachingFiles(context);
  state.loadTime += performance.now() - loadStart;
  const reportedInto = getWholeProgramFiles(context, state);
  const rootNames = new Set(program.getRootFileNames());
  state.filesKnown += inScope.filter((sourceFile) => !rootNames.has(sourceFile.fileName)).length;
  for (const sourceFile of inScope) {
    state.analyzed.add(sourceFile.fileName);
    const done = state.analyzed.size;
    state.onProgress?.(done, Math.max(state.filesKnown, done));
    // Plain syntax errors first: the 8000s ("types can only be used in .ts files") are their consequences in JS.
    const parseError = [...program.getSyntacticDiagnostics(sourceFile)].sort((a, b) => Number(a.code >= 8000) - Number(b.code >= 8000) || (a.start ?? 0) - (b.start ?? 0))[0];
    if (parseError) {
      const line = parseError.start === undefined ? 1 : sourceFile.getLineAndCharacterOfPosition(parseError.start).line + 1;
      state.skipped.push({ file: toRelative(state.root, sourceFile.fileName), reason: `does not parse (line ${line}: ${tsNamespace.flattenDiagnosticMessageText(parseError.messageText, ' ')})` });
      continue;
    }
    if (reaching !== 'all' && !reaching.has(sourceFile.fileName)) {
      const rules = reportedInto(sourceFile.fileName);
      if (rules.size === 0) {
        state.filesPrefiltered += 1;
        continue;
      }
      state.filesAnalyzed += 1;
      analyzeFile(sourceFile, context, state, rules);
      continue;
    }
    state.filesAnalyzed += 1;
    state.visitFile?.(sourceFile, context);
    analyzeFile(sourceFile, context, state);
  }
}

/**
 * The rules whose whole-program pass reports into a file the prefilter skips, file by file. Asked only when such a
 * file comes up, and timed as the rule's work (the pass runs once per program, for whichever file asks first).
 */
function getWholeProgramFiles(context: AnalysisContext, state: ScanState): (fileName: string) => ReadonlySet<string> {
  let byFile: Map<string, Set<string>> | undefined;
  return (fileName) => {
    if (!byFile) {
      byFile = new Map();
      for (const ruleId of state.ruleSettings.keys()) {
        const files = wholeProgramFiles[ruleId];
        if (!files) continue;
        const start = performance.now();
        for (const file of runSafely(() => files(context), new Set<string>())) {
          const rules = byFile.get(file) ?? new Set();
          rules.add(ruleId);
          byFile.set(file, rules);
        }
        state.ruleTimes[ruleId] = (state.ruleTimes[ruleId] ?? 0) + performance.now() - start;
      }
    }
    return byFile.get(fileName) ?? noRules;
  };
}

const noRules: ReadonlySet<string> = new Set();

function analyzeFile(sourceFile: typescript.SourceFile, context: AnalysisContext, state: ScanState, only?: ReadonlySet<string>): void {
  let suppressions: ReturnType<typeof getSuppressions> | undefined;
  for (const [ruleId, setting] of state.ruleSettings) {
    const detector = detectors[ruleId];
    if (!detector || (only && !only.has(ruleId))) continue;
    const start = performance.now();
    const findings = runDetector(detector, sourceFile, context, toDetectorOptions(setting.options[0]));
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

/** The options object from the config file (checked against the rule's schema when loaded), or none. */
function toDetectorOptions(option: unknown): DetectorOptions {
  return typeof option === 'object' && option !== null && !Array.isArray(option) ? (option as DetectorOptions) : {};
}

function runDetector(detector: Detector, sourceFile: typescript.SourceFile, context: AnalysisContext, options: DetectorOptions): Finding[] {
  return runSafely(() => sortFindings(detector(sourceFile, context, options)), [], sourceFile.fileName);
}

/** A detector bug costs findings (in one file, or a whole-program pass's), never the scan. */
function runSafely<T>(run: () => T, fallback: T, fileName?: string): T {
  try {
    return run();
  } catch (error) {
    if (process.env.POOLGUARD_DEBUG) console.error(`poolguard: analysis${fileName ? ` of ${fileName}` : ''} failed`, error);
    return fallback;
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
  return { range: [start, last.end], text: applyEdits(sourceFile.text.slice(start, last.end), shifted), location: toLineColumns(sourceFile, start, last.end) };
}

/** The names of the declarations around a position, outermost first: part of the baseline fingerprint. */
function getScopeName(tsNamespace: TypeScript, sourceFile: typescript.SourceFile, position: number): string {
  const names: string[] = [];
  const visit = (node: typescript.Node): void => {
    const name = (node as { name?: typescript.Node }).name;
    const isScope =
      tsNamespace.isFunctionLike(node) || tsNamespace.isClassLike(node) || tsNamespace.isVariableDeclaration(node) || tsNamespace.isPropertyAssignment(node);
    if (isScope && name && (tsNamespace.isIdentifier(name) || tsNamespace.isStringLiteral(name) || tsNamespace.isPrivateIdentifier(name))) names.push(name.text);
    // The end first: it is a field, and most children end before the position; the start skips trivia.
    const child = tsNamespace.forEachChild(node, (candidate) => (position < candidate.end && candidate.getStart(sourceFile) <= position ? candidate : undefined));
    if (child) visit(child);
  };
  visit(sourceFile);
  return names.join('.');
}

function toLocation(sourceFile: typescript.SourceFile, startOffset: number, endOffset: number, root: string): ReportedLocation {
  return { file: toRelative(root, sourceFile.fileName), ...toLineColumns(sourceFile, startOffset, endOffset) };
}

function toLineColumns(sourceFile: typescript.SourceFile, startOffset: number, endOffset: number): Omit<ReportedLocation, 'file'> {
  const start = sourceFile.getLineAndCharacterOfPosition(startOffset);
  const end = sourceFile.getLineAndCharacterOfPosition(endOffset);
  return {
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

/** Deepest first (more path segments), then by name, so the order does not depend on the walk. */
function compareDepth(a: string, b: string): number {
  return b.split(path.sep).length - a.split(path.sep).length || compareText(a, b);
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
