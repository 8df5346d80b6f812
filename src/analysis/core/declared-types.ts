/**
 * Can a declared type in this program name a database object at all? A type matches a kind only when its
 * symbol (or a base class's) is declared in a file of the kind's library, or, for kinds whose type names
 * count anywhere, carries one of those names. A program without such a file and without such a name (a
 * fresh clone, no `node_modules`) never matches, so asking the checker for types there is wasted work.
 */
import type { AnalysisContext } from './analysis-context.js';

import { createContextMemo } from './context-memo.js';

const possible = createContextMemo<AnalysisContext, boolean>();

/** False when no declared type of the program can resolve to a database object (computed once per program). */
export function mayDeclareDatabaseTypes(context: AnalysisContext): boolean {
  return possible.get(context, context, () => findDeclaringFile(context));
}

function findDeclaringFile(context: AnalysisContext): boolean {
  const { knowledge } = context;
  const anywhereNames = new Set<string>();
  for (const library of knowledge.libraries) {
    for (const [name, object] of Object.entries(library.objects)) {
      if (object.typeNamesAnywhere) for (const typeName of object.typeNames ?? [name]) anywhereNames.add(typeName);
    }
  }
  for (const sourceFile of context.program.getSourceFiles()) {
    if (knowledge.libraries.some((library) => knowledge.isLibraryFile(library, sourceFile.fileName))) return true;
    // A symbol's name is written in the file that declares it.
    for (const name of anywhereNames) if (sourceFile.text.includes(name)) return true;
  }
  return false;
}
