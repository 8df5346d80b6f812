/** A typed analysis context over in-memory files: no default library, nothing read from disk. */
import ts from 'typescript';

import type { AnalysisContext, TypeScript } from '../../src/analysis/core/analysis-context.js';

import { getAnalysisContext } from '../../src/analysis/core/analysis-context.js';

const typescript = ts as unknown as TypeScript;

/**
 * `files`: absolute file name → text; every file is a root unless `roots` names them. `setParentNodes: false` parses as a
 * program's host does, leaving parents (and symbol tables) to the checker's creation.
 */
export function createInMemoryContext(files: Record<string, string>, options: ts.CompilerOptions = {}, roots?: readonly string[], setParentNodes = true): AnalysisContext {
  const sourceFiles = new Map(Object.entries(files).map(([name, text]) => [name, typescript.createSourceFile(name, text, typescript.ScriptTarget.Latest, setParentNodes)]));
  const host: ts.CompilerHost = {
    getSourceFile: (name) => sourceFiles.get(name),
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (name) => sourceFiles.has(name),
    readFile: (name) => sourceFiles.get(name)?.text,
  };
  const program = typescript.createProgram(roots ?? [...sourceFiles.keys()], { noLib: true, types: [], ...options }, host);
  return getAnalysisContext(typescript, program, true, {});
}
