/**
 * Can a declared type in this program name a database object at all? A type matches a kind only when its
 * symbol (or a base class's) is declared in a file of the kind's library, or, for kinds whose type names
 * count anywhere, carries one of those names. A program without such a file and without such a name (a
 * fresh clone, no `node_modules`) never matches, so asking the checker for types there is wasted work.
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';
import type { KnowledgeIndex } from './knowledge-index.js';

import { createContextMemo } from './context-memo.js';

const possible = createContextMemo<AnalysisContext, boolean>();

/** False when no declared type of the program can resolve to a database object (computed once per program). */
export function mayDeclareDatabaseTypes(context: AnalysisContext): boolean {
  return possible.get(context, context, () => findDeclaringFile(context));
}

/** Whether a file's text holds a generated-client type name, per knowledge base: source files outlive programs
 * (an editor's re-lint builds a new program around mostly the same files). */
const mentionsByKnowledge = new WeakMap<KnowledgeIndex, WeakMap<ts.SourceFile, boolean>>();

/** The file that answered last, per knowledge base: an editor's next program holds the same source file. */
const lastDeclaringFiles = new WeakMap<KnowledgeIndex, ts.SourceFile>();

function findDeclaringFile(context: AnalysisContext): boolean {
  const { knowledge, program } = context;
  const last = lastDeclaringFiles.get(knowledge);
  if (last && program.getSourceFile(last.fileName) === last) return true;
  const sourceFiles = program.getSourceFiles();
  for (const sourceFile of sourceFiles) {
    if (knowledge.libraries.some((library) => knowledge.isLibraryFile(library, sourceFile.fileName))) {
      lastDeclaringFiles.set(knowledge, sourceFile);
      return true;
    }
  }
  const anywhereNames = getAnywhereTypeNames(knowledge);
  if (anywhereNames.length === 0) return false;
  let mentionsAnywhereName = mentionsByKnowledge.get(knowledge);
  if (!mentionsAnywhereName) {
    mentionsAnywhereName = new WeakMap();
    mentionsByKnowledge.set(knowledge, mentionsAnywhereName);
  }
  for (const sourceFile of sourceFiles) {
    let mentions = mentionsAnywhereName.get(sourceFile);
    if (mentions === undefined) {
      // A symbol's name is written in the file that declares it.
      mentions = anywhereNames.some((name) => sourceFile.text.includes(name));
      mentionsAnywhereName.set(sourceFile, mentions);
    }
    if (mentions) return true;
  }
  return false;
}

/** Type names the knowledge base recognises wherever they are declared (a generated client's `PrismaClient`). */
export function getAnywhereTypeNames(knowledge: KnowledgeIndex): readonly string[] {
  const names = new Set<string>();
  for (const library of knowledge.libraries) {
    for (const [name, object] of Object.entries(library.objects)) {
      if (object.typeNamesAnywhere) for (const typeName of object.typeNames ?? [name]) names.add(typeName);
    }
  }
  return [...names];
}
