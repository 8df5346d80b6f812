/**
 * A fact computed from a file's syntax alone, once per file and namespace: syntax outlives programs (an editor's next
 * program keeps its unchanged files), and a re-lint's namespace (`hidden-statements.ts`) hides some statements from
 * every walk, so each namespace gets its own answer. Held weakly by both.
 */
import type * as ts from 'typescript';

import type { TypeScript } from './analysis-context.js';

export type FileSyntaxMemo<Value> = (sourceFile: ts.SourceFile, typescript: TypeScript) => Value;

export function createFileSyntaxMemo<Value>(compute: (sourceFile: ts.SourceFile, typescript: TypeScript) => Value): FileSyntaxMemo<Value> {
  const byNamespace = new WeakMap<TypeScript, WeakMap<ts.SourceFile, Value>>();
  return (sourceFile, typescript) => {
    let files = byNamespace.get(typescript);
    if (!files) {
      files = new WeakMap();
      byNamespace.set(typescript, files);
    }
    let value = files.get(sourceFile);
    if (value === undefined) {
      value = compute(sourceFile, typescript);
      files.set(sourceFile, value);
    }
    return value;
  };
}
