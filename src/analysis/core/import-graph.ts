/** Which files of the program import which: the compiler's own module resolution (tsconfig `paths`, workspace
 * packages, `require` in JavaScript), read once per program. */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';

import { createContextMemo } from './context-memo.js';

interface InternalSourceFile {
  readonly imports?: readonly ts.StringLiteralLike[];
}

interface InternalProgram {
  getResolvedModuleFromModuleSpecifier?(specifier: ts.StringLiteralLike, sourceFile: ts.SourceFile): { resolvedModule?: { resolvedFileName: string } } | undefined;
}

export interface ModuleImport {
  readonly specifier: string;
  /** The file the compiler resolved it to, if any. */
  readonly resolved?: string;
}

/** A file's import specifiers (`import`, `export … from`, `import()`, `require` in JavaScript) and where each
 * resolves, or undefined when this TypeScript does not expose them. */
export function getModuleImports(program: ts.Program, sourceFile: ts.SourceFile): ModuleImport[] | undefined {
  const internal = program as unknown as InternalProgram;
  const imports = (sourceFile as unknown as InternalSourceFile).imports;
  if (!imports || typeof internal.getResolvedModuleFromModuleSpecifier !== 'function') return undefined;
  return imports.map((specifier) => {
    const resolved = internal.getResolvedModuleFromModuleSpecifier?.(specifier, sourceFile)?.resolvedModule?.resolvedFileName;
    return { specifier: specifier.text, ...(resolved ? { resolved } : {}) };
  });
}

const importerGraphs = createContextMemo<ts.Program, ReadonlyMap<string, readonly string[]> | undefined>();

/** Source file → the program's source files that import it directly (declaration files left out). */
function getImporterGraph(context: AnalysisContext): ReadonlyMap<string, readonly string[]> | undefined {
  return importerGraphs.get(context, context.program, () => {
    const importers = new Map<string, string[]>();
    for (const sourceFile of context.program.getSourceFiles()) {
      if (sourceFile.isDeclarationFile) continue;
      const imports = getModuleImports(context.program, sourceFile);
      if (!imports) return undefined;
      for (const { resolved } of imports) {
        if (!resolved) continue;
        const list = importers.get(resolved) ?? [];
        list.push(sourceFile.fileName);
        importers.set(resolved, list);
      }
    }
    return importers;
  });
}

/** The file and every source file that imports it, directly or through others; undefined when unknown. */
export function getTransitiveImporters(fileName: string, context: AnalysisContext): ReadonlySet<string> | undefined {
  const graph = getImporterGraph(context);
  if (!graph) return undefined;
  const seen = new Set([fileName]);
  const queue = [fileName];
  for (let current = queue.pop(); current !== undefined; current = queue.pop()) {
    for (const importer of graph.get(current) ?? []) {
      if (seen.has(importer)) continue;
      seen.add(importer);
      queue.push(importer);
    }
  }
  return seen;
}
