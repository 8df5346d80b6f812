/**
 * An editor re-lints a file after every edit, and typed linting hands over a new program each time, so every fact
 * the engine memoized per program is gone. When the program's other files are the very same source files as at the
 * file's last lint, and the edit is inert (`inert-edits.ts`: inside a function no analysis can see), the last
 * findings still hold, moved by the edit's length: no checker work at all. When the edit is inside a self-contained
 * function (`function-reuse.ts`), the findings of the file's other self-contained functions hold, and only the rest
 * of the file is analysed again.
 */
import type * as ts from 'typescript';

import type { TypeScript } from '../analysis/core/analysis-context.js';
import type { Detector, DetectorOptions } from '../analysis/core/detector.js';
import type { Finding, TextEdit } from '../analysis/core/finding.js';
import type { KnowledgeIndex } from '../analysis/core/knowledge-index.js';
import type { FunctionReusePlan, TextRange } from './function-reuse.js';
import type { InertEdit } from './inert-edits.js';

import { textQueriesAndReleasesOneVariable } from '../analysis/core/resource-vocabulary.js';
import { callsProgramSwitch, planFunctionReuse } from './function-reuse.js';
import { findEditedFunction, findInertEdit } from './inert-edits.js';

/** A typed file as ESLint lints it: the program typescript-eslint built and the rule's settings. */
export interface LintedFile {
  readonly ts: TypeScript;
  readonly program: ts.Program;
  readonly sourceFile: ts.SourceFile;
  readonly settings: object;
}

/**
 * The program's files but the linted one, in order: what an answer was computed against. Held as the program's own
 * file list, which every file and rule of the program shares: copying it for each would cost time and memory in
 * proportion to files × files in a whole-project lint.
 */
interface OtherFiles {
  readonly files: readonly ts.SourceFile[];
  readonly except: string;
}

interface LastLint {
  readonly text: string;
  readonly otherFiles: OtherFiles;
  readonly compilerOptions: ts.CompilerOptions;
  readonly settings: object;
  readonly options: string;
  readonly findings: readonly Finding[];
  /** The file was analysed (it reaches a database module), so its findings are complete for every function. */
  readonly analysed: boolean;
}

/** What a re-lint keeps of the last one: the findings of unchanged functions it need not analyse again. */
export interface PartialReuse<MessageId extends string> {
  readonly plan: FunctionReusePlan;
  /** The kept functions' findings, moved by the edit. */
  readonly kept: Finding<MessageId>[];
  /** Where the kept functions are: findings of the new analysis there are dropped. */
  readonly keptRanges: readonly TextRange[];
}

/** Per file name, per detector; the files an editor has open, so few. */
const lastLints = new Map<string, Map<Detector<string>, LastLint>>();
const maxFiles = 32;
const inertEdits = new WeakMap<ts.SourceFile, Map<string, InertEdit | null>>();
const reusePlans = new WeakMap<ts.SourceFile, Map<string, FunctionReusePlan | null>>();
const wordsByFile = new WeakMap<ts.SourceFile, ReadonlySet<string>>();
const otherFilesWordsByProgram = new WeakMap<ts.Program, { sourceFile: ts.SourceFile; words: ReadonlySet<string> }>();
const otherFilesWords = new Map<string, { files: readonly ts.SourceFile[]; words: ReadonlySet<string> }>();

/** The findings of the file's last lint by this detector, moved past the edit since; undefined when they may have changed. */
export function getReusedFindings<MessageId extends string>(
  file: LintedFile,
  detector: Detector<MessageId>,
  options: DetectorOptions,
): Finding<MessageId>[] | undefined {
  const last = getComparableLastLint(file, detector, options);
  const edit = last && getInertEdit(last.text, file);
  return last && edit ? moveFindings(last.findings, edit, file.sourceFile.fileName) as Finding<MessageId>[] | undefined : undefined;
}

/** The findings of the last lint that an edit inside one self-contained function left as they were, and where. */
export function getPartialReuse<MessageId extends string>(
  file: LintedFile,
  detector: Detector<MessageId>,
  options: DetectorOptions,
  knowledge: KnowledgeIndex,
): PartialReuse<MessageId> | undefined {
  const last = getComparableLastLint(file, detector, options);
  if (!last?.analysed) return undefined;
  const plan = getReusePlan(last.text, file);
  if (!plan || callsProgramSwitch(plan, knowledge)) return undefined;
  const inKept = last.findings.filter((finding) => plan.keptOld.some((range) => range.start <= finding.start && finding.end <= range.end));
  const kept = moveFindings(inKept, plan.edit, file.sourceFile.fileName) as Finding<MessageId>[] | undefined;
  return kept && { plan, kept, keptRanges: plan.keptNew };
}

/** The detector's last lint of the file, when it ran with the same settings, options and other files. */
function getComparableLastLint(file: LintedFile, detector: Detector<string>, options: DetectorOptions): LastLint | undefined {
  const last = lastLints.get(file.sourceFile.fileName)?.get(detector);
  if (!last || last.settings !== file.settings || last.options !== JSON.stringify(options)) return undefined;
  if (last.compilerOptions !== file.program.getCompilerOptions() || !hasSameOtherFiles(last.otherFiles, file)) return undefined;
  return last;
}

/** Remembers a lint's findings for the next lint of the file. */
export function rememberFindings(file: LintedFile, detector: Detector<string>, options: DetectorOptions, findings: readonly Finding[], analysed: boolean): void {
  const { fileName } = file.sourceFile;
  let byDetector = lastLints.get(fileName);
  if (byDetector) {
    lastLints.delete(fileName);
  } else {
    byDetector = new Map();
    const oldest = lastLints.keys().next();
    if (lastLints.size >= maxFiles && !oldest.done) lastLints.delete(oldest.value);
  }
  lastLints.set(fileName, byDetector);
  byDetector.set(detector, {
    text: file.sourceFile.text,
    otherFiles: getOtherFiles(file),
    compilerOptions: file.program.getCompilerOptions(),
    settings: file.settings,
    options: JSON.stringify(options),
    findings,
    analysed,
  });
}

/** The file's last answer to "does it reach a database module?" (`reachable-files.ts`), and what it was computed from. */
interface LastReach {
  readonly text: string;
  readonly otherFiles: OtherFiles;
  readonly compilerOptions: ts.CompilerOptions;
  readonly knowledge: KnowledgeIndex;
  readonly reaches: boolean;
}

const lastReaches = new Map<string, LastReach>();
const ownEvidenceByText = new WeakMap<KnowledgeIndex, Map<string, boolean>>();

/**
 * The file still reaches a database module when it did at its last lint, with the same other files, options and
 * knowledge, and the edit stays inside one function's body without changing what the answer reads of the file: its
 * imports (no `require` or `import` written in the function, before or after; the rest is unchanged), a `require` of
 * a database module in its text (the same), and whether its text queries through and releases one variable.
 */
export function stillReachesDatabase(file: LintedFile, knowledge: KnowledgeIndex): boolean {
  const last = lastReaches.get(file.sourceFile.fileName);
  if (!last?.reaches || last.knowledge !== knowledge || last.compilerOptions !== file.program.getCompilerOptions()) return false;
  if (!hasSameOtherFiles(last.otherFiles, file)) return false;
  if (last.text === file.sourceFile.text) return true;
  const edited = findEditedFunction(last.text, file.sourceFile, file.ts);
  if (!edited) return false;
  const texts = [last.text.slice(edited.start, edited.oldEnd), file.sourceFile.text.slice(edited.start, edited.statement.end)];
  if (texts.some((text) => /require|import/.test(text))) return false;
  return hasOwnEvidence(last.text, knowledge) === hasOwnEvidence(file.sourceFile.text, knowledge);
}

/** Remembers whether the file reaches a database module, for the next lint's `stillReachesDatabase`. */
export function rememberReach(file: LintedFile, knowledge: KnowledgeIndex, reaches: boolean): void {
  const { fileName } = file.sourceFile;
  lastReaches.delete(fileName);
  const oldest = lastReaches.keys().next();
  if (lastReaches.size >= maxFiles && !oldest.done) lastReaches.delete(oldest.value);
  lastReaches.set(fileName, {
    text: file.sourceFile.text,
    otherFiles: getOtherFiles(file),
    compilerOptions: file.program.getCompilerOptions(),
    knowledge,
    reaches,
  });
}

/** `textQueriesAndReleasesOneVariable`, once per text: the last lint's text is asked again after the edit. */
function hasOwnEvidence(text: string, knowledge: KnowledgeIndex): boolean {
  let byText = ownEvidenceByText.get(knowledge);
  if (!byText) {
    byText = new Map();
    ownEvidenceByText.set(knowledge, byText);
  }
  let evidence = byText.get(text);
  if (evidence === undefined) {
    evidence = textQueriesAndReleasesOneVariable(text, knowledge);
    if (byText.size >= maxFiles) byText.clear();
    byText.set(text, evidence);
  }
  return evidence;
}

function getOtherFiles(file: LintedFile): OtherFiles {
  return { files: file.program.getSourceFiles(), except: file.sourceFile.fileName };
}

/** The last comparison of two programs' lists: every rule of a re-lint compares the same two (lists never change). */
let lastComparison: { readonly files: readonly ts.SourceFile[]; readonly fileName: string; readonly otherFiles: OtherFiles; readonly same: boolean } | undefined;

/** The same list (a program never changes its files) is the same files; another program's list is compared file by file. */
function hasSameOtherFiles(otherFiles: OtherFiles, file: LintedFile): boolean {
  const { fileName } = file.sourceFile;
  const files = file.program.getSourceFiles();
  if (files === otherFiles.files && otherFiles.except === fileName) return true;
  const last = lastComparison;
  if (last?.files === files && last.fileName === fileName && last.otherFiles.files === otherFiles.files && last.otherFiles.except === otherFiles.except) return last.same;
  const same = compareOtherFiles(otherFiles, files, fileName);
  lastComparison = { files, fileName, otherFiles, same };
  return same;
}

function compareOtherFiles(otherFiles: OtherFiles, files: readonly ts.SourceFile[], fileName: string): boolean {
  let index = 0;
  for (const sourceFile of files) {
    if (sourceFile.fileName === fileName) continue;
    while (otherFiles.files[index]?.fileName === otherFiles.except) index += 1;
    if (otherFiles.files[index] !== sourceFile) return false;
    index += 1;
  }
  while (otherFiles.files[index]?.fileName === otherFiles.except) index += 1;
  return index === otherFiles.files.length;
}

/** Once per new source file and old text: every rule asks the same. */
function getInertEdit(oldText: string, file: LintedFile): InertEdit | undefined {
  return rememberPerEdit(inertEdits, oldText, file, () => findInertEdit(oldText, file.sourceFile, file.ts, (name) => isNamedInOtherFiles(name, file)));
}

/** Once per new source file and old text, like the inert edit. */
function getReusePlan(oldText: string, file: LintedFile): FunctionReusePlan | undefined {
  return rememberPerEdit(reusePlans, oldText, file, () => planFunctionReuse(oldText, file.sourceFile, file.ts, (name) => isNamedInOtherFiles(name, file)));
}

/** `compute()`'s answer for this source file and old text, remembered (`null` stands for "none"). */
function rememberPerEdit<Value>(cache: WeakMap<ts.SourceFile, Map<string, Value | null>>, oldText: string, file: LintedFile, compute: () => Value | undefined): Value | undefined {
  let byText = cache.get(file.sourceFile);
  if (!byText) {
    byText = new Map();
    cache.set(file.sourceFile, byText);
  }
  let value = byText.get(oldText);
  if (value === undefined) {
    value = compute() ?? null;
    byText.set(oldText, value);
  }
  return value ?? undefined;
}

/** Does a project file other than this one write the name (declaration files of packages cannot name a project function)? */
function isNamedInOtherFiles(name: string, file: LintedFile): boolean {
  // Words are runs of ASCII identifier characters: another name is not looked for.
  return /[^\w$]/.test(name) || getOtherFilesWords(file).has(name);
}

/** The words of the project's other files, kept while they are the very same source files: a re-lint asks about every
 * function of the file. */
function getOtherFilesWords(file: LintedFile): ReadonlySet<string> {
  const inProgram = otherFilesWordsByProgram.get(file.program);
  if (inProgram?.sourceFile === file.sourceFile) return inProgram.words;
  const words = collectOtherFilesWords(file);
  otherFilesWordsByProgram.set(file.program, { sourceFile: file.sourceFile, words });
  return words;
}

function collectOtherFilesWords(file: LintedFile): ReadonlySet<string> {
  const { fileName } = file.sourceFile;
  const files = file.program.getSourceFiles().filter((sourceFile) => sourceFile !== file.sourceFile && !sourceFile.fileName.includes('/node_modules/'));
  const known = otherFilesWords.get(fileName);
  if (known && known.files.length === files.length && known.files.every((sourceFile, index) => sourceFile === files[index])) return known.words;
  const words = new Set<string>();
  for (const sourceFile of files) for (const word of getFileWords(sourceFile)) words.add(word);
  if (otherFilesWords.size >= maxFiles) otherFilesWords.clear();
  otherFilesWords.set(fileName, { files, words });
  return words;
}

/** The words of a file, once per source file: it outlives the program when unchanged. */
function getFileWords(sourceFile: ts.SourceFile): ReadonlySet<string> {
  let words = wordsByFile.get(sourceFile);
  if (!words) {
    words = new Set(sourceFile.text.match(/[\w$]+/g));
    wordsByFile.set(sourceFile, words);
  }
  return words;
}

/** Findings before the edited function stay, those after it move; one that reaches into it cannot be reused. */
function moveFindings(findings: readonly Finding[], edit: InertEdit, fileName: string): Finding[] | undefined {
  const moved: Finding[] = [];
  for (const finding of findings) {
    const range = moveRange(finding, edit);
    const fix = finding.fix && moveEdits(finding.fix, edit);
    const suggestions = finding.suggestions?.map((suggestion) => ({ ...suggestion, edits: moveEdits(suggestion.edits, edit) }));
    const related = finding.related?.map((location) => {
      if (location.fileName !== fileName) return location;
      const moved = moveRange(location, edit);
      return moved && { ...location, ...moved };
    });
    if (!range || (finding.fix && !fix) || suggestions?.some((suggestion) => !suggestion.edits) || related?.some((location) => !location)) {
      return undefined;
    }
    moved.push({
      ...finding,
      ...range,
      ...(fix ? { fix } : {}),
      ...(suggestions ? { suggestions: suggestions as Finding['suggestions'] } : {}),
      ...(related ? { related: related as Finding['related'] } : {}),
    });
  }
  return moved;
}

function moveEdits(edits: readonly TextEdit[], edit: InertEdit): TextEdit[] | undefined {
  const moved: TextEdit[] = [];
  for (const textEdit of edits) {
    const range = moveRange(textEdit, edit);
    if (!range) return undefined;
    moved.push({ ...textEdit, ...range });
  }
  return moved;
}

function moveRange(range: { readonly start: number; readonly end: number }, edit: InertEdit): { start: number; end: number } | undefined {
  if (range.end <= edit.start) return { start: range.start, end: range.end };
  if (range.start >= edit.oldEnd) return { start: range.start + edit.delta, end: range.end + edit.delta };
  return undefined;
}
