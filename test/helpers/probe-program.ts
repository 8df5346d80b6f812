/**
 * In-memory programs for analysis unit tests: the given files and TypeScript's own lib files (read from disk, parsed
 * once per worker), and the argument of the file's one `probe(…)` call, the expression a test asks about.
 */
import path from 'node:path';
import ts from 'typescript';

import type { AnalysisContext, TypeScript } from '../../src/analysis/core/analysis-context.js';

import { getAnalysisContext } from '../../src/analysis/core/analysis-context.js';

const typescript = ts as unknown as TypeScript;
const libFiles = new Map<string, ts.SourceFile>();

function isLibFile(name: string): boolean {
  return name.startsWith(path.dirname(typescript.getDefaultLibFilePath({})));
}

function getLibFile(name: string): ts.SourceFile | undefined {
  if (!isLibFile(name)) return undefined;
  let sourceFile = libFiles.get(name);
  const text = sourceFile ? undefined : typescript.sys.readFile(name);
  if (!sourceFile && text !== undefined) {
    sourceFile = typescript.createSourceFile(name, text, typescript.ScriptTarget.Latest, true);
    libFiles.set(name, sourceFile);
  }
  return sourceFile;
}

export interface ProbeProgram {
  readonly context: AnalysisContext;
  readonly argument: ts.Expression;
  /** Another program of the same files, whose checker no analysis has asked anything: what the checker itself answers. */
  readonly createFreshProgram: () => ts.Program;
}

/** A typed program of `texts` (file name under /app → text) rooted at `root`, and the argument of `probe(…)` in `root`. */
export function createProbeProgram(texts: Record<string, string>, root: string, extraOptions: ts.CompilerOptions = {}): ProbeProgram {
  const files = new Map(Object.entries(texts).map(([name, text]) => [name, typescript.createSourceFile(name, text, typescript.ScriptTarget.Latest, true)]));
  const options: ts.CompilerOptions = { lib: ['lib.es2022.d.ts'], types: [], strict: true, ...extraOptions };
  const host: ts.CompilerHost = {
    getSourceFile: (name) => files.get(name) ?? getLibFile(name),
    getDefaultLibFileName: () => typescript.getDefaultLibFilePath(options),
    writeFile: () => undefined,
    getCurrentDirectory: () => '/app',
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (name) => files.has(name) || (isLibFile(name) && typescript.sys.fileExists(name)),
    readFile: (name) => files.get(name)?.text ?? (isLibFile(name) ? typescript.sys.readFile(name) : undefined),
  };
  const createFreshProgram = (): ts.Program => typescript.createProgram([root], options, host);
  const context = getAnalysisContext(typescript, createFreshProgram(), true, {});
  let argument: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (typescript.isCallExpression(node) && typescript.isIdentifier(node.expression) && node.expression.text === 'probe') argument = node.arguments[0];
    typescript.forEachChild(node, visit);
  };
  const rootFile = files.get(root);
  if (rootFile) visit(rootFile);
  if (!argument) throw new Error('no probe(…) call');
  return { context, argument, createFreshProgram };
}
