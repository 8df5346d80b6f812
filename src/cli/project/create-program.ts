/** Builds a TypeScript program with ts-morph's bundled compiler: for a tsconfig, or for loose files with defaults. */
import { ts } from 'ts-morph';

import type { ParsedTsconfig } from './read-tsconfig.js';

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
export function createProgram(rootNames: readonly string[], options: ts.CompilerOptions, config?: ParsedTsconfig): LoadedProgram {
  const programOptions: ts.CompilerOptions = { ...options, noEmit: true, declaration: false, composite: false, incremental: false };
  const host = ts.createCompilerHost(programOptions, true);
  const program = ts.createProgram({ rootNames, options: programOptions, host, projectReferences: config?.projectReferences });
  const unreadable = rootNames.filter((fileName) => program.getSourceFile(fileName) === undefined);
  return { program, unreadable };
}
