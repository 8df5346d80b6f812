/** Builds a TypeScript program with ts-morph's bundled compiler: for a tsconfig, or for loose files with defaults. */
import { createRequire } from 'node:module';
import path from 'node:path';

import { ts } from 'ts-morph';

import { useWorkspaceResolution } from './workspace-resolution.js';

/** For a directory without tsconfig.json: JS and TS, `import` and `require`, extensionless specifiers. */
export const looseFileOptions: ts.CompilerOptions = {
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
  readonly program: ts.Program;
  /** Root files the compiler could not read. */
  readonly unreadable: readonly string[];
}

/** Never emits: `noEmit` is forced. Only the given root files (already filtered) are roots. */
/** Parsed declaration files shared by the programs of one scan. */
export type DeclarationFileCache = Map<string, ts.SourceFile>;

export function createProgram(
  rootNames: readonly string[],
  options: ts.CompilerOptions,
  declarationFiles: DeclarationFileCache = new Map(),
): LoadedProgram {
  const programOptions: ts.CompilerOptions = { ...options, noEmit: true, declaration: false, composite: false, incremental: false };
  const host = ts.createCompilerHost(programOptions, true);
  useInstalledLibFiles(host);
  shareDeclarationFiles(host, programOptions, declarationFiles);
  useWorkspaceResolution(host, programOptions);
  // No `projectReferences`: with them the compiler reads a referenced project's files from its built
  // declarations, which a fresh clone does not have. The scan loads each referenced project itself.
  const program = ts.createProgram({ rootNames, options: programOptions, host });
  const unreadable = rootNames.filter((fileName) => program.getSourceFile(fileName) === undefined);
  return { program, unreadable };
}

/**
 * ts-morph's bundled compiler ships no `lib.*.d.ts` files on disk (ts-morph serves them from memory), so a
 * plain compiler host finds no `Array` or `Promise` and every element type is an error type. Read them from
 * the installed `typescript` package (a peer dependency) instead.
 */
function useInstalledLibFiles(host: ts.CompilerHost): void {
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
 * Projects are loaded one after another; each would parse the same lib and `@types` declaration files
 * again. Like the language service's document registry, share the parsed declaration files between the
 * programs of one scan: a declaration file binds the same way whatever the program's options, and each
 * program's checker keeps its own types.
 */
function shareDeclarationFiles(host: ts.CompilerHost, options: ts.CompilerOptions, declarationFiles: DeclarationFileCache): void {
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile) => {
    if (shouldCreateNewSourceFile || !/\.d\.[cm]?ts$/.test(fileName)) return getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
    const parseOptions = typeof languageVersionOrOptions === 'object' ? languageVersionOrOptions : { languageVersion: languageVersionOrOptions };
    const key = [fileName, parseOptions.languageVersion, parseOptions.impliedNodeFormat, parseOptions.jsDocParsingMode, options.moduleDetection].join('\0');
    let sourceFile = declarationFiles.get(key);
    if (!sourceFile) {
      sourceFile = getSourceFile(fileName, languageVersionOrOptions, onError);
      if (sourceFile) declarationFiles.set(key, sourceFile);
    }
    return sourceFile;
  };
}
