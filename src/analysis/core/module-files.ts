/**
 * Project modules read from disk for untyped analysis (see untyped-imports.ts), shared with the linted files: a module
 * an importer parsed serves as the tree of its own lint when the texts match, and a linted file's tree serves its
 * importers while the disk holds its text. One parse and one one-file program per module text, within a bounded cache.
 */
import fs from 'node:fs';
import path from 'node:path';

import type * as ts from 'typescript';

import type { TypeScript } from './analysis-context.js';

import { createSingleFileProgram } from './analysis-context.js';
import { getAnswerMaxAgeMs, getDiskCheck, startLintedFileCheck } from './disk-checks.js';
import { escapeRegExp } from './regexp-text.js';
import { isFile } from '../../workspace/is-file.js';
import { SegmentedCache } from './segmented-cache.js';
import { isJavaScriptFile } from './syntax.js';

export interface ModuleFile {
  readonly sourceFile: ts.SourceFile;
  /** The module's one-file program, created on first use. */
  readonly program: ts.Program;
}

/** A module's text as last read from disk or linted, with what was learnt from the text alone. */
interface ModuleText {
  /** Undefined for a file too large to analyse. */
  readonly text: string | undefined;
  /** The file's mtime when the disk last held `text`; undefined for a linted text not yet compared with the disk. */
  mtimeMs: number | undefined;
  /** The disk check (disk-checks.ts) during which the text was last compared with the disk. */
  checkedIn: number;
  /** Can the text hold an `export … from`? */
  reexports?: boolean;
  /** Can the text declare a variable of this name (or `default`: export a value)? */
  values?: Map<string, boolean>;
  /** The words declared after `const`, `let`, `var`, `using` or a comma (readDeclaredWords). */
  declaredWords?: ReadonlySet<string>;
  /** Does the text mention `exports` (false: no), and assign `module.exports`? */
  commonJs?: { readonly assignsModuleExports: boolean } | false;
  /** The specifiers of its imports and re-exports. */
  specifiers?: readonly string[];
  /** Does the text match the pattern (mayMention)? */
  mentions?: Map<RegExp, boolean>;
}

/** A module parsed because an analysis needed more than its text. */
interface ModuleTree {
  readonly text: string;
  readonly sourceFile: ts.SourceFile;
  program: ts.Program | undefined;
  /** When `program` was made: its analyses' memos hold what other modules said then. */
  programStamp?: AnswerStamp;
}

/**
 * Texts, least recently used first, bounded by their total length: a barrel (`export * from './a'` …) is answered from
 * the texts of every module it re-exports, for each file that imports it, so the window must hold a project's barrels
 * and their modules, or each lint reads them from disk again.
 */
const texts = new Map<string, ModuleText>();
const maxTextLength = 8_000_000;
let textLength = 0;
/**
 * Trees, bounded by count: a tree can hold a program, its checker and its analyses' memos, so a cache that grew with the
 * project would make memory grow with it. Imports mostly stay among neighbouring files, which lint one after another, so a
 * small window of recent trees keeps most of the sharing; a module that many files import (a logger, a model index) is
 * asked for again and again across the project, and keeps its place in a second window (on outline, untyped, 224 of
 * 457 parses were such modules parsed again).
 */
const trees = new SegmentedCache<string, ModuleTree>(32, 32, 3);
/** A digest of the last text seen of every module read or linted whose text `texts` let go: one number per file, taken when the
 * text goes, so that a module read only once is never hashed. */
const digests = new Map<string, number>();
/** Counts the times a module's text was seen to change (see `getTextGeneration`). */
let textGeneration = 0;
const maxModuleLength = 1_000_000;
/** Relative specifiers resolved (directory and specifier to file) since the current disk check started. */
const resolutions = new Map<string, string | undefined>();
/** Between two tokens: white space and comments. (A name written with escapes, `\u0061`, defeats these patterns; a text
 * with any escape is parsed.) */
const gap = String.raw`(?:\s|/\*[^]*?\*/|//[^\n]*)*`;
/** A quoted specifier on one line (groups: the quote, the text). */
const quoted = (group: number): string => `(['"\`])([^'"\`\\n]+)\\${group}`;
/**
 * `from '…'`, `import '…'`, `declare module '…'`, `require('…')`, `import('…')`: each match is the word alone, the rest a
 * lookahead, so no match hides the next word, whatever quotes it read around it (in a comment, a string).
 */
const importSpecifier = new RegExp(`\\b(?:from|import|module)(?=${gap}${quoted(1)})|\\b(?:require|import)(?=${gap}\\(${gap}${quoted(3)})`, 'g');
const extensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '/index.ts', '/index.js'];
/** The disk check (disk-checks.ts) the resolutions belong to. */
let resolutionsCheck = 0;
const startedLints = new WeakSet<object>();

/**
 * Called before each lint of a file is analysed (each rule asks; `lint` is what one lint shares, its tree unless the host
 * has something better): the disk may have changed since the last one. The host's own parse of a text (another parser's
 * file) is the same tree lint after lint.
 */
export function startLintedFile(sourceFile: ts.SourceFile, lint: object = sourceFile): void {
  if (startedLints.has(lint)) return;
  startedLints.add(lint);
  startLintedFileCheck(sourceFile.fileName);
}

/**
 * The tree and one-file program to analyse a linted file with: when an importer parsed the same text earlier, or the
 * file was linted with it before, that tree and its program (already bound, its analyses remembered, while they are
 * fresh: see toModuleFile); otherwise the linted tree, kept for the importers that follow. `refreshImports` reads the
 * modules the file imports again (once per disk check) before a tree with a program is reused, so that a change there
 * is seen.
 */
export function getLintedModule(typescript: TypeScript, sourceFile: ts.SourceFile, refreshImports: () => void = () => undefined): ModuleFile {
  const { fileName, text } = sourceFile;
  const known = trees.get(fileName);
  if (known?.text === text && known.sourceFile !== sourceFile && !isSameParse(known.sourceFile, getJsDocParsing(sourceFile, typescript), typescript)) {
    // A JavaScript module parsed with another JSDoc mode: the lint keeps its own tree.
    return { sourceFile, program: createSingleFileProgram(typescript, sourceFile) };
  }
  // Importers analysed while this file is linted read the linted text, not the disk's.
  if (texts.get(fileName)?.text !== text) rememberText(fileName, { text, mtimeMs: undefined, checkedIn: getDiskCheck() });
  const tree = known?.text === text ? known : { text, sourceFile, program: undefined };
  if (tree.program) refreshImports();
  trees.set(fileName, tree);
  return toModuleFile(tree, typescript);
}

/** The module's tree (and program, when asked for), parsed once per text; undefined for a file too large. */
export function loadModule(fileName: string, typescript: TypeScript): ModuleFile | undefined {
  const { text } = getText(fileName);
  if (text === undefined) return undefined;
  const jsDocParsing = getModuleJsDocParsing(fileName, typescript);
  let tree = trees.get(fileName);
  if (tree?.text !== text || !isSameParse(tree.sourceFile, jsDocParsing, typescript)) {
    const sourceFile = typescript.createSourceFile(fileName, text, { languageVersion: typescript.ScriptTarget.Latest, jsDocParsingMode: jsDocParsing }, true);
    tree = { text, sourceFile, program: undefined };
  }
  trees.set(fileName, tree);
  return toModuleFile(tree, typescript);
}

/**
 * The module's text and the specifiers of its imports, re-exports, `require(…)` and `import(…)` calls, read from the
 * text by pattern: what a module imports, without the cost of its tree. A specifier read from a comment or a string makes
 * the list longer, never shorter.
 */
export function getModuleImports(fileName: string, typescript: TypeScript): { readonly text: string; readonly specifiers: readonly string[] } | undefined {
  const entry = getText(fileName);
  if (entry.text === undefined) return undefined;
  entry.specifiers ??= readImportSpecifiers(entry.text, typescript);
  return { text: entry.text, specifiers: entry.specifiers };
}

/** The patterns find every specifier the compiler's pre-parse scanner does, at a thirtieth of its cost; the scanner is
 * asked too where they cannot: AMD's `define([…])`, and specifiers written with escapes (`'./db\x2ejs'`). */
function readImportSpecifiers(text: string, typescript: TypeScript): readonly string[] {
  const specifiers = new Set<string>();
  for (const match of text.matchAll(importSpecifier)) specifiers.add((match[2] ?? match[4]) as string);
  if (text.includes('define(') || [...specifiers].some((specifier) => specifier.includes('\\'))) {
    for (const file of typescript.preProcessFile(text, true, true).importedFiles) specifiers.add(file.fileName);
  }
  return [...specifiers];
}

/**
 * Can the module hold an `export … from` (`export * from`, `export { a } from`, `export type { A } from`)? Read from the
 * text, so that a module nobody needs parsed is not: every such declaration starts with `export` and then `{` or `*`.
 */
export function mayReexport(fileName: string): boolean {
  const entry = getText(fileName);
  if (entry.text === undefined) return false;
  entry.reexports ??= entry.text.includes('\\u') || new RegExp(`\\bexport${gap}(?:type\\b${gap})?[{*]`).test(entry.text);
  return entry.reexports;
}

/**
 * Can the module declare `name` as a variable or export it by that name (mayDeclareValueIn)? Read from the text, so that
 * a module whose import names a function is not parsed to learn it holds no such value.
 */
export function mayDeclareValue(fileName: string, name: string): boolean {
  // Every pattern but those of `default` and `module.exports` holds the name as written: a text without it fails them all.
  const mayHoldName = (text: string): boolean => name === 'default' || name === 'module.exports' || text.includes(name);
  return askText(fileName, (entry) => (entry.values ??= new Map<string, boolean>()), name, (text, entry) => mayHoldName(text) && mayDeclareValueIn(text, entry, name));
}

/** A word pattern per name (mayDeclareName), so each text's answers are remembered by it. */
const namePatterns = new Map<string, RegExp>();

/**
 * Can the module declare or export anything by the name (a function, a class, a variable, `exports.name`)? Only if its
 * text mentions the name as a word; `default` and the whole of a CommonJS module (`module.exports`) can be anonymous.
 * Read from the text, so that the modules a barrel re-exports (`export * from './spec'`, hundreds of them) are not each
 * parsed to learn that they hold no such function.
 */
export function mayDeclareName(fileName: string, name: string): boolean {
  if (name === 'default' || name === 'module.exports') return true;
  let pattern = namePatterns.get(name);
  if (!pattern) {
    // Escaped whole: an export can be named by a string (`export { a as 'a-b' }`).
    pattern = new RegExp(`(?<![\\w$])${escapeRegExp(name)}(?![\\w$])`);
    namePatterns.set(name, pattern);
  }
  return mayMention(fileName, pattern);
}

/** Does the module's text match the pattern (one of the names some code must mention)? Remembered with the text. */
export function mayMention(fileName: string, pattern: RegExp): boolean {
  return askText(fileName, (entry) => (entry.mentions ??= new Map<RegExp, boolean>()), pattern, (text) => pattern.test(text));
}

/** A question about the module's text, answered once per text (false for a file that cannot be read; true for a text
 * with escapes, which defeat the patterns). */
function askText<Key>(fileName: string, answers: (entry: ModuleText) => Map<Key, boolean>, key: Key, test: (text: string, entry: ModuleText) => boolean): boolean {
  const entry = getText(fileName);
  if (entry.text === undefined) return false;
  if (entry.text.includes('\\u')) return true;
  const known = answers(entry);
  let found = known.get(key);
  if (found === undefined) {
    found = test(entry.text, entry);
    known.set(key, found);
  }
  return found;
}

const moduleExports = new RegExp(`\\bmodule${gap}\\.${gap}exports${gap}=`);

/** `export default <expression>` or `export =`: not `export default class` or `function`, a declaration, which is no
 * value untyped analysis resolves (its default export is an expression). */
const defaultExport = new RegExp(`\\bexport${gap}(?:default\\b(?!${gap}(?:(?:abstract${gap})?class|(?:async${gap})?function|interface)\\b)|=)`);

/**
 * How a module's text can declare a value by the name: `default` as an `export default <expression>`, `export =`, or
 * CommonJS's `module.exports = …`; the whole of a CommonJS module (`module.exports`) only so; another name as a
 * variable, CommonJS's `exports.name = …`, or (in a module that assigns `module.exports`) a property `name: value`.
 */
function mayDeclareValueIn(text: string, entry: ModuleText, name: string): boolean {
  if (name === 'module.exports') return moduleExports.test(text);
  if (name === 'default') return defaultExport.test(text) || moduleExports.test(text);
  const escaped = name.replace(/\$/g, '\\$');
  const declared = /^[\w$]+$/.test(name)
    ? (entry.declaredWords ??= readDeclaredWords(text)).has(name)
    : new RegExp(`(?:\\b(?:const|let|var|using)|,)${gap}${escaped}(?![\\w$])`).test(text);
  if (declared) return true;
  // CommonJS: `exports.name = …`, and `{ name: value }` only where there is such an object (`{ name }` names a variable,
  // read above). Most texts are no CommonJS module: asked once per text, not once per name.
  // `false`, not `null`, for a text without it: `??=` would read `null` as not asked yet and search the text again.
  entry.commonJs ??= text.includes('exports') ? { assignsModuleExports: moduleExports.test(text) } : false;
  if (!entry.commonJs) return false;
  return new RegExp(`\\bexports${gap}\\.${gap}${escaped}${gap}=`).test(text)
    || (entry.commonJs.assignsModuleExports && new RegExp(`[{,]${gap}${escaped}${gap}:`).test(text));
}

/** After `const`, `let`, `var`, `using` or a comma, past white space and comments: the word there. */
const declaredWord = new RegExp(`(?:\\b(?:const|let|var|using)|,)(?=${gap}([\\w$]+))`, 'g');

/**
 * Every word a declaration list can name (`const a = 1, b = 2`), read in one pass over the text rather than once per
 * name asked: a module a barrel passes on is asked for every name its importers read through the barrel. A keyword or
 * comma in a string or a comment counts too, so the set can hold more than the module declares, never less.
 */
function readDeclaredWords(text: string): ReadonlySet<string> {
  const words = new Set<string>();
  for (const match of text.matchAll(declaredWord)) words.add(match[1] as string);
  return words;
}

/** Module files below a folder (nested folders too, not `node_modules`), at most `max`, for untyped analyses that read a
 * folder a loader reads; none when the folder cannot be read. */
export function listModuleFiles(folder: string, max: number): string[] {
  const found: string[] = [];
  const visit = (directory: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (found.length >= max) return;
      const fileName = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) visit(fileName);
      } else if (/\.[cm]?[jt]s$/.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) {
        found.push(fileName);
      }
    }
  };
  visit(folder);
  return found;
}

/** The file a relative specifier names (`./users`, `./users.js`, `./users/index`), if it exists. */
export function resolveRelative(directory: string, specifier: string): string | undefined {
  if (resolutionsCheck !== getDiskCheck()) {
    resolutions.clear();
    resolutionsCheck = getDiskCheck();
  }
  const key = `${directory}\0${specifier}`;
  if (resolutions.has(key)) return resolutions.get(key);
  const resolved = findRelativeFile(directory, specifier);
  resolutions.set(key, resolved);
  return resolved;
}

function findRelativeFile(directory: string, specifier: string): string | undefined {
  const base = path.resolve(directory, specifier);
  const withoutJs = base.replace(/\.[cm]?js$/, '');
  for (const candidate of [base, ...extensions.map((extension) => withoutJs + extension)]) {
    if (isFile(candidate)) return candidate;
  }
  return undefined;
}


/** The file's text, compared with the disk once per disk check (disk-checks.ts): its mtime, then (changed) its text. */
function getText(fileName: string): ModuleText {
  let entry = texts.get(fileName);
  const check = getDiskCheck();
  if (entry?.checkedIn !== check) {
    const mtimeMs = fs.statSync(fileName).mtimeMs;
    if (entry?.mtimeMs !== mtimeMs) {
      const read = fs.readFileSync(fileName, 'utf8');
      const text = read.length > maxModuleLength ? undefined : read;
      if (entry && entry.text === text) entry.mtimeMs = mtimeMs;
      else entry = { text, mtimeMs, checkedIn: check };
    }
    entry.checkedIn = check;
  }
  rememberText(fileName, entry);
  return entry;
}

/** Compares the module's text with the disk (once per disk check, as every read does): a change there moves the text
 * generation, so answers kept across linted files (disk-memo.ts) about the module are dropped. */
export function refreshText(fileName: string): void {
  try {
    getText(fileName);
  } catch {
    // Gone from disk: nothing to compare.
  }
}

/**
 * Changes whenever a module's text (on disk or linted) is seen to differ from the last text seen of it: an answer
 * computed from many modules' texts (which of them reach a database module) holds while this stays the same. A file
 * created or deleted since does not change it.
 */
export function getTextGeneration(): number {
  return textGeneration;
}

/** When an answer read from other modules was made (isAnswerFresh). */
export interface AnswerStamp {
  readonly generation: number;
  readonly madeAt: number;
}

export function stampAnswer(): AnswerStamp {
  return { generation: textGeneration, madeAt: performance.now() };
}

/** Does an answer read from other modules still hold: no module's text seen to change since it was made, and no older
 * than `getAnswerMaxAgeMs` (a file created or deleted changes no text that was read)? */
export function isAnswerFresh(stamp: AnswerStamp): boolean {
  return stamp.generation === textGeneration && performance.now() - stamp.madeAt <= getAnswerMaxAgeMs();
}

/** Most recently used last; the least recently used go while the texts are longer than the budget. */
function rememberText(fileName: string, entry: ModuleText): void {
  const previous = texts.get(fileName);
  if (previous?.text !== entry.text) noteText(fileName, previous, entry.text);
  if (previous) {
    texts.delete(fileName);
    textLength -= previous.text?.length ?? 0;
  }
  texts.set(fileName, entry);
  textLength += entry.text?.length ?? 0;
  while (textLength > maxTextLength && texts.size > 1) {
    const [oldest, evicted] = texts.entries().next().value as [string, ModuleText];
    texts.delete(oldest);
    textLength -= evicted.text?.length ?? 0;
    digests.set(oldest, digestOf(evicted.text));
  }
}

/** A text seen for the file, other than the one `texts` holds (`previous`, when it holds one). */
function noteText(fileName: string, previous: ModuleText | undefined, text: string | undefined): void {
  if (previous) {
    textGeneration += 1;
    return;
  }
  const evicted = digests.get(fileName);
  if (evicted === undefined) return;
  digests.delete(fileName);
  if (evicted !== digestOf(text)) textGeneration += 1;
}

/** FNV-1a over the UTF-16 code units; -1 for a text too large to keep. */
function digestOf(text: string | undefined): number {
  if (text === undefined) return -1;
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return hash >>> 0;
}

function toModuleFile(tree: ModuleTree, typescript: TypeScript): ModuleFile {
  const { sourceFile } = tree;
  // The program only for modules whose functions are analysed; re-export and import checks need the tree alone.
  return {
    sourceFile,
    get program(): ts.Program {
      // A program's analyses remember what they read of other modules (a helper's summary, an import's value), so they
      // hold only as long as answers kept across linted files do. Without this, a file linted again with the same text
      // would keep reporting what a helper module it imports did before it changed.
      if (!tree.program || !tree.programStamp || !isAnswerFresh(tree.programStamp)) {
        // The tree stays bound: a new program costs no bind, only its analyses again.
        tree.program = createSingleFileProgram(typescript, sourceFile);
        tree.programStamp = stampAnswer();
      }
      return tree.program;
    },
  };
}

/** JSDoc says types only in JavaScript (`@type {Pool}`): a TypeScript module is parsed without it, as typescript-eslint
 * parses without type information; JavaScript keeps it. */
function getModuleJsDocParsing(fileName: string, typescript: TypeScript): ts.JSDocParsingMode {
  return isJavaScriptFile(fileName) ? typescript.JSDocParsingMode.ParseAll : typescript.JSDocParsingMode.ParseNone;
}

/** Can the tree stand for one parsed in this JSDoc mode? In TypeScript JSDoc is documentation only. */
function isSameParse(tree: ts.SourceFile, jsDocParsing: ts.JSDocParsingMode, typescript: TypeScript): boolean {
  return !isJavaScriptFile(tree.fileName) || getJsDocParsing(tree, typescript) === jsDocParsing;
}

/** The JSDoc mode a tree was parsed in (a field the compiler API does not declare; absent, the default: all). */
function getJsDocParsing(sourceFile: ts.SourceFile, typescript: TypeScript): ts.JSDocParsingMode {
  return (sourceFile as { jsDocParsingMode?: ts.JSDocParsingMode }).jsDocParsingMode ?? typescript.JSDocParsingMode.ParseAll;
}
