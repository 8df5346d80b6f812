/** Builds a TypeScript program with ts-morph's bundled compiler: for a tsconfig, or for loose files with defaults. */
import { createRequire } from 'node:module';
import path from 'node:path';

import type { ts as tsTypes } from 'ts-morph';

import { ts } from '../ts-morph-compiler.js';

import type { DeclarationCache } from './declaration-cache.js';
import type { FileSystemCache } from './cached-file-system.js';

import { createFileSystemCache, useCachedFileSystem } from './cached-file-system.js';
import { getLanguageClass, getModuleOptionsKey, getScriptOptionsKey, isModuleBySyntax } from './source-keys.js';
import { createResolutionCache, useWorkspaceResolution } from './workspace-resolution.js';

/** For a directory without tsconfig.json: JS and TS, `import` and `require`, extensionless specifiers. */
export const looseFileOptions: tsTypes.CompilerOptions = {
  allowJs: true,
  checkJs: false,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.Preserve,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  esModuleInterop: true,
  resolveJsonModule: false,
  jsx: ts.JsxEmit.Preserve,
  skipLibCheck: true,
  experimentalDecorators: true,
};

export interface LoadedProgram {
  readonly program: tsTypes.Program;
  /** Root files the compiler could not read. */
  readonly unreadable: readonly string[];
}

/** Parsed files shared by the programs of one scan. */
export type SourceFileCache = Map<string, tsTypes.SourceFile>;

/** What the programs of one scan share. */
export interface ScanCaches {
  readonly sourceFiles: SourceFileCache;
  readonly fileSystem: FileSystemCache;
  /** Module resolutions, per set of resolution options (see createResolutionCache). */
  readonly resolution: tsTypes.ModuleResolutionCache;
  /** Parsed declaration files kept beyond the scan, if the caller keeps them. */
  readonly declarations?: DeclarationCache | undefined;
}

export function createScanCaches(declarations?: DeclarationCache): ScanCaches {
  return { sourceFiles: new Map(), fileSystem: createFileSystemCache(), resolution: createResolutionCache(), declarations };
}

/** Never emits: `noEmit` is forced. Only the given root files (already filtered) are roots. */
export function createProgram(rootNames: readonly string[], options: tsTypes.CompilerOptions, caches: ScanCaches = createScanCaches()): LoadedProgram {
  const programOptions: tsTypes.CompilerOptions = { ...options, noEmit: true, declaration: false, composite: false, incremental: false };
  // No parent pointers at parse time: the checker's binder sets them on every file, and the engine reads a tree
  // only through the context, which builds the checker first. An extra walk of every file (lib.d.ts included) saved.
  const host = ts.createCompilerHost(programOptions, false);
  // As tsc parses: JSDoc only where it says types (JavaScript). In TypeScript it is documentation the checker and
  // the engine never read, and lib.d.ts and library declarations are mostly JSDoc.
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  useInstalledLibFiles(host);
  useCachedFileSystem(host, caches.fileSystem);
  forgetSourcesOfOtherOptions(caches.sourceFiles, programOptions);
  shareSourceFiles(host, programOptions, caches.sourceFiles, caches.declarations);
  useWorkspaceResolution(host, programOptions, caches.resolution);
  // No `projectReferences`: with them the compiler reads a referenced project's files from its built
  // declarations, which a fresh clone does not have. The scan loads each referenced project itself.
  const program = ts.createProgram({ rootNames, options: programOptions, host });
  forgetUnusedSources(caches.sourceFiles, program);
  const unreadable = rootNames.filter((fileName) => program.getSourceFile(fileName) === undefined);
  return { program, unreadable };
}

/**
 * ts-morph's bundled compiler ships no `lib.*.d.ts` files on disk (ts-morph serves them from memory), so a
 * plain compiler host finds no `Array` or `Promise` and every element type is an error type. Read them from
 * the installed `typescript` package (a peer dependency) instead.
 */
function useInstalledLibFiles(host: tsTypes.CompilerHost): void {
  let libDirectory: string;
  try {
    libDirectory = path.dirname(createRequire(import.meta.url).resolve('typescript/lib/lib.d.ts'));
  } catch {
    return;
  }
  host.getDefaultLibLocation = () => libDirectory;
  host.getDefaultLibFileName = (options) => path.join(libDirectory, ts.getDefaultLibFileName(options));
}

/**
 * Projects are loaded one after another; each would parse (and bind) again the lib and `@types` files and,
 * in a monorepo, the sources of every workspace package it imports. Like the language service's document
 * registry, share the parsed files between the programs of one scan, under the keys of source-keys.ts: a file is
 * shared between programs whose options parse and bind it alike. Each program's checker keeps its own types.
 */
function shareSourceFiles(host: tsTypes.CompilerHost, options: tsTypes.CompilerOptions, sourceFiles: SourceFileCache, declarations: DeclarationCache | undefined): void {
  const getSourceFile = host.getSourceFile.bind(host);
  const scriptOptions = getScriptOptionsKey(options);
  const moduleOptions = getModuleOptionsKey(options);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile) => {
    if (shouldCreateNewSourceFile) return getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
    const parseOptions = typeof languageVersionOrOptions === 'object' ? languageVersionOrOptions : { languageVersion: languageVersionOrOptions };
    const isDeclarationFile = /\.d\.[cm]?ts$/.test(fileName);
    const read = [fileName, parseOptions.impliedNodeFormat, parseOptions.jsDocParsingMode, options.moduleDetection];
    const sharedKey = [...read, getLanguageClass(parseOptions.languageVersion), isDeclarationFile ? '' : moduleOptions].join('\0');
    const scriptKey = [...read, parseOptions.languageVersion, scriptOptions].join('\0');
    // A source file cached under the shared key is a module by syntax (see below); any other, under its script key.
    let sourceFile = isDeclarationFile
      ? sourceFiles.get(sharedKey) ?? declarations?.get(sharedKey, fileName)
      : sourceFiles.get(sharedKey) ?? sourceFiles.get(scriptKey);
    if (!sourceFile) {
      sourceFile = getSourceFile(fileName, languageVersionOrOptions, onError);
      if (sourceFile && isDeclarationFile) declarations?.set(sharedKey, fileName, sourceFile);
    }
    if (sourceFile) sourceFiles.set(isDeclarationFile || isModuleBySyntax(sourceFile) ? sharedKey : scriptKey, sourceFile);
    return sourceFile;
  };
}

/**
 * Memory: sources parsed under other parse and bind options than this program's can serve no file of it, and
 * forgetUnusedSources would drop them once it is created. Dropped before, the previous program's trees (a backend's,
 * when a frontend with other options comes next) are freed before this one parses, and nothing is parsed again that
 * would not have been anyway.
 */
export function forgetSourcesOfOtherOptions(sourceFiles: SourceFileCache, options: tsTypes.CompilerOptions): void {
  // A source file's key ends with its options' part (see shareSourceFiles).
  const endings = [`\0${getModuleOptionsKey(options)}`, `\0${getScriptOptionsKey(options)}`];
  forgetSources(sourceFiles, (key) => endings.some((ending) => key.endsWith(ending)));
}

/**
 * Memory: the sources an earlier program parsed and this one did not use (another package's, a frontend's) leave the
 * cache, so the previous program's trees are freed before this one's checker runs, as a project-at-a-time load intends.
 * Declaration files stay (lib files and installed libraries serve every program); a source file a later program
 * imports again is parsed again.
 */
function forgetUnusedSources(sourceFiles: SourceFileCache, program: tsTypes.Program): void {
  const used = new Set(program.getSourceFiles());
  forgetSources(sourceFiles, (_key, sourceFile) => used.has(sourceFile));
}

/** Drops the cached sources `keep` turns down; declaration files always stay. */
function forgetSources(sourceFiles: SourceFileCache, keep: (key: string, sourceFile: tsTypes.SourceFile) => boolean): void {
  for (const [key, sourceFile] of sourceFiles) {
    if (!sourceFile.isDeclarationFile && !keep(key, sourceFile)) sourceFiles.delete(key);
  }
}
