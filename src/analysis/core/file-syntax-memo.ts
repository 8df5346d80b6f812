/**
 * A fact computed from a file's syntax alone, once per file and namespace: syntax outlives programs (an editor's next
 * program keeps its unchanged files), and a re-lint's namespace (`hidden-statements.ts`) hides some statements from
 * every walk, so each namespace gets its own answer. Held weakly by both; most memos keep only the files asked about last.
 */
import type * as ts from 'typescript';

import type { TypeScript } from './analysis-context.js';

export type FileSyntaxMemo<Value> = (sourceFile: ts.SourceFile, typescript: TypeScript) => Value;

/**
 * Files whose facts a memo keeps per namespace, at least: a program holds all of its files (typed linting, a scan), so a
 * memo held only weakly by them grew with the project (on the generated 2,002-file project, about 4 MB of identifier
 * maps and name sets that nothing asked again). The analyses of a file ask about it and the modules it imports, which
 * neighbouring files share; a file not asked for while this many others were computed twice over is walked again.
 */
const filesPerGeneration = 64;

/**
 * Two generations of answers, each held weakly by its files: when the newer one holds `filesPerGeneration` files, the
 * older one goes whole. (A queue of the files would hold them, or need `WeakRef`s, which a synchronous scan keeps alive
 * to its end.)
 */
interface Generations<Value> {
  newer: WeakMap<ts.SourceFile, Value>;
  older: WeakMap<ts.SourceFile, Value>;
  newerFiles: number;
}

/** `every file`: for facts that a program-wide pass asks of every file before each file's own lint asks again. */
export type KeptFiles = 'recent files' | 'every file';

export function createFileSyntaxMemo<Value>(compute: (sourceFile: ts.SourceFile, typescript: TypeScript) => Value, kept: KeptFiles = 'recent files'): FileSyntaxMemo<Value> {
  const perGeneration = kept === 'every file' ? Infinity : filesPerGeneration;
  const byNamespace = new WeakMap<TypeScript, Generations<Value>>();
  return (sourceFile, typescript) => {
    let generations = byNamespace.get(typescript);
    if (!generations) {
      generations = { newer: new WeakMap(), older: new WeakMap(), newerFiles: 0 };
      byNamespace.set(typescript, generations);
    }
    const known = generations.newer.get(sourceFile);
    if (known !== undefined) return known;
    const value = generations.older.get(sourceFile) ?? compute(sourceFile, typescript);
    if (generations.newerFiles >= perGeneration) {
      generations.older = generations.newer;
      generations.newer = new WeakMap();
      generations.newerFiles = 0;
    }
    generations.newer.set(sourceFile, value);
    generations.newerFiles += 1;
    return value;
  };
}
