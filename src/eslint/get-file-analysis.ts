/** The ESLint host: the TypeScript source file and analysis context for the file being linted. */
import type { TSESLint } from '@typescript-eslint/utils';
import type * as tsTypes from 'typescript';

import { createRequire } from 'node:module';

import type { AnalysisContext, TypeScript } from '../analysis/core/analysis-context.js';
import type { PoolGuardSettings } from '../knowledge/user-settings.js';
import type { LintedFile } from './reused-findings.js';

import { getAnalysisContext, getKnowledge } from '../analysis/core/analysis-context.js';
import { mayUseDatabase } from '../analysis/core/database-imports.js';
import { reachesDatabase } from '../analysis/core/reachable-files.js';
import { textQueriesAndReleasesOneVariable } from '../analysis/core/resource-vocabulary.js';
import { getLintedModule, startLintedFile } from '../analysis/core/module-files.js';
import { refreshImportedModules } from '../analysis/core/untyped-imports.js';
import { importsReachDatabase } from '../analysis/core/untyped-reach.js';
import { settingsSchema } from '../knowledge/user-settings.js';
import { getSchemaProblems } from '../schema-problems.js';
import { rememberReach, stillReachesDatabase } from './reused-findings.js';

export interface FileAnalysis {
  readonly sourceFile: tsTypes.SourceFile;
  readonly analysisContext: AnalysisContext;
}

let typescript: TypeScript | undefined;
/** The peer-dependency TypeScript (the copy typescript-eslint parsed with), loaded with the first linted file:
 * the CLI reads the rules' metadata but runs on ts-morph's copy, and must not load a second one. */
function getTypeScript(): TypeScript {
  typescript ??= createRequire(import.meta.url)('typescript') as TypeScript;
  return typescript;
}
const parsedFiles = new Map<string, { text: string; sourceFile: tsTypes.SourceFile }>();
const maxParsedFiles = 8;
const noSettings: PoolGuardSettings = {};
const reportedSettingsProblems = new Set<string>();
/** Untyped, the answer for one lint of a file (its `SourceCode`), which every rule asks for in turn. */
const untypedAnalyses = new WeakMap<object, { readonly settings: PoolGuardSettings; readonly analysis: FileAnalysis | undefined }>();

/**
 * Typed linting gives the program and checker; otherwise the tree typescript-eslint built (or, for
 * another parser, one TypeScript parses from the text) goes into a one-file program. Undefined for a file
 * that cannot hold a finding, before any checker work: typed, no chain of its imports reaches a database
 * module (the CLI's prefilter); untyped, it imports no database module (the knowledge's or one the settings name), no
 * chain of the relative modules and workspace packages it imports reaches one, and it queries through and releases no
 * variable of its own.
 */
export function getFileAnalysis(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  typedFile = getTypedFile(context),
): FileAnalysis | undefined {
  const ts = getTypeScript();
  if (typedFile) {
    const { program, sourceFile, settings } = typedFile;
    startLintedFile(sourceFile);
    const analysisContext = getAnalysisContext(ts, program, true, settings);
    return reachesDatabaseSinceLastLint(typedFile, analysisContext) ? { sourceFile, analysisContext } : undefined;
  }
  const sourceCode = context.sourceCode;
  const settings = getSettings(context.settings.poolguard);
  const known = untypedAnalyses.get(sourceCode);
  if (known?.settings === settings) return known.analysis;
  const analysis = getUntypedAnalysis(context, settings, ts);
  untypedAnalyses.set(sourceCode, { settings, analysis });
  return analysis;
}

function getUntypedAnalysis(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  settings: PoolGuardSettings,
  ts: TypeScript,
): FileAnalysis | undefined {
  const sourceCode = context.sourceCode;
  const services = sourceCode.parserServices as ParserServices | undefined;
  const tree = toSourceFile(services?.esTreeNodeToTSNodeMap?.get(sourceCode.ast));
  const sourceFile = tree && !needsJsDoc(tree) ? tree : parseText(context.filename, sourceCode.text);
  startLintedFile(sourceFile, sourceCode);
  const untyped = { ts, typed: false, knowledge: getKnowledge(settings) };
  if (!mayUseDatabase(sourceFile, untyped) && !textQueriesAndReleasesOneVariable(sourceFile.text, untyped.knowledge)
    && !importsReachDatabase(sourceFile, untyped)) {
    return undefined;
  }
  const linted = getLintedModule(ts, sourceFile, () => refreshImportedModules(sourceFile, ts));
  return { sourceFile: linted.sourceFile, analysisContext: getAnalysisContext(ts, linted.program, false, settings) };
}

/** `reachesDatabase`, which walks every file's imports for each new program, or its last answer when an edit inside a
 * function cannot have changed it (an editor's re-lint). */
function reachesDatabaseSinceLastLint(file: LintedFile, analysisContext: AnalysisContext): boolean {
  const { knowledge } = analysisContext;
  const reaches = stillReachesDatabase(file, knowledge) || reachesDatabase(file.sourceFile, analysisContext);
  rememberReach(file, knowledge, reaches);
  return reaches;
}

type ParserServices = Partial<{
  program: tsTypes.Program | null;
  esTreeNodeToTSNodeMap: { get(node: unknown): tsTypes.Node | undefined };
}>;

/** Typed linting's program and the file's source file in it; undefined without type information. */
export function getTypedFile(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): LintedFile & { settings: PoolGuardSettings } | undefined {
  const sourceCode = context.sourceCode;
  const services = sourceCode.parserServices as ParserServices | undefined;
  const program = services?.program ?? undefined;
  if (!program) return undefined;
  const sourceFile = program.getSourceFile(context.filename) ?? toSourceFile(services?.esTreeNodeToTSNodeMap?.get(sourceCode.ast));
  return sourceFile ? { ts: getTypeScript(), program, sourceFile, settings: getSettings(context.settings.poolguard) } : undefined;
}

function toSourceFile(node: tsTypes.Node | undefined): tsTypes.SourceFile | undefined {
  const ts = getTypeScript();
  return node && ts.isSourceFile(node) ? node : undefined;
}

/** JavaScript whose JSDoc names types (`@type {Pool}`): typescript-eslint skips JSDoc without a project, so parse it again. */
function needsJsDoc(sourceFile: tsTypes.SourceFile): boolean {
  const ts = getTypeScript();
  const kind = getScriptKind(sourceFile.fileName);
  return (kind === ts.ScriptKind.JS || kind === ts.ScriptKind.JSX) && /@(?:type|param|returns?)\s*\{/.test(sourceFile.text);
}

/** For files another parser handled (espree on .js): parse once per text. Every rule of a file asks in turn, so a few
 * trees suffice; each keeps its program alive (see `lintedModules`), so more would cost memory. */
function parseText(fileName: string, text: string): tsTypes.SourceFile {
  const ts = getTypeScript();
  const cached = parsedFiles.get(fileName);
  if (cached?.text === text) return cached.sourceFile;
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, getScriptKind(fileName));
  parsedFiles.delete(fileName);
  if (parsedFiles.size >= maxParsedFiles) parsedFiles.delete(parsedFiles.keys().next().value as string);
  parsedFiles.set(fileName, { text, sourceFile });
  return sourceFile;
}

function getScriptKind(fileName: string): tsTypes.ScriptKind {
  const ts = getTypeScript();
  if (/\.tsx$/.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/.test(fileName)) return ts.ScriptKind.TS;
  if (/\.jsx$/.test(fileName)) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

const settingsObjects = new WeakMap<object, PoolGuardSettings>();

/** Validated settings; an invalid object is reported once on stderr and ignored, never thrown. */
function getSettings(value: unknown): PoolGuardSettings {
  if (value === undefined || value === null) return noSettings;
  if (typeof value !== 'object') {
    reportSettingsProblem(getSettingsProblems(value).join('; '));
    return noSettings;
  }
  const known = settingsObjects.get(value);
  if (known) return known;
  // Every problem at once: fixing them one ESLint run at a time is slow.
  const problems = getSettingsProblems(value);
  const settings = problems.length > 0 ? noSettings : (value as PoolGuardSettings);
  if (problems.length > 0) reportSettingsProblem(problems.join('; '));
  settingsObjects.set(value, settings);
  return settings;
}

function getSettingsProblems(value: unknown): string[] {
  return getSchemaProblems(value, settingsSchema, { where: 'settings.poolguard', noun: 'setting' });
}

function reportSettingsProblem(problem: string): void {
  if (reportedSettingsProblems.has(problem)) return;
  reportedSettingsProblems.add(problem);
  console.error(`eslint-plugin-poolguard: ignoring invalid settings: ${problem}.`);
}
