/** What every analysis may use: the TypeScript namespace, the program, the checker and the knowledge base. */
import type * as ts from 'typescript';

import type { LibraryDefinition } from '../../knowledge/library-definition.js';
import type { PoolGuardSettings } from '../../knowledge/user-settings.js';
import type { KnowledgeIndex } from './knowledge-index.js';

import { builtInLibraries } from '../../knowledge/index.js';
import { toLibraryDefinitions } from '../../knowledge/user-settings.js';
import { getKnowledgeIndex } from './knowledge-index.js';

/** The TypeScript namespace, as passed in by a host. */
export type TypeScript = typeof ts;

/** Everything a detector may use. Hosts build it; detectors never reach for globals. */
export interface AnalysisContext {
  /** The TypeScript namespace that created `program` (ts-morph bundles its own copy). */
  readonly ts: typeof ts;
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  /** True when the checker knows other files and the libraries' declared types. Untyped, the program
   * holds one file and serves only to resolve local names. */
  readonly typed: boolean;
  readonly knowledge: KnowledgeIndex;
  readonly settings: PoolGuardSettings;
  /** The host analyses the whole program at once (the CLI's scan), so a finding may come from code in other files
   * than the one it lands in (a middleware's transaction around a router mounted elsewhere). Editors lint one file:
   * there a finding must follow from what that file's analysis reaches. */
  readonly wholeProgram?: boolean;
}

const librariesBySettings = new WeakMap<PoolGuardSettings, readonly LibraryDefinition[]>();
const contexts = new WeakMap<ts.Program, Map<PoolGuardSettings, AnalysisContext>>();

/** The context for a program: memoized per program and settings object, so every rule shares it. */
export function getAnalysisContext(
  typescript: typeof ts,
  program: ts.Program,
  typed: boolean,
  settings: PoolGuardSettings,
  wholeProgram = false,
): AnalysisContext {
  let bySettings = contexts.get(program);
  if (!bySettings) {
    bySettings = new Map();
    contexts.set(program, bySettings);
  }
  let context = bySettings.get(settings);
  if (!context || (context.wholeProgram ?? false) !== wholeProgram) {
    context = {
      ts: typescript,
      program,
      // Created (and the program bound) when an analysis first asks: untyped, many files that pass the prefilter never do.
      get checker() {
        return program.getTypeChecker();
      },
      typed,
      knowledge: getKnowledge(settings),
      settings,
      ...(wholeProgram ? { wholeProgram } : {}),
    };
    bySettings.set(settings, context);
  }
  return context;
}

/** The knowledge base with the settings' in-house modules, as every context of these settings holds it. */
export function getKnowledge(settings: PoolGuardSettings): KnowledgeIndex {
  return getKnowledgeIndex(getLibraries(settings));
}

function getLibraries(settings: PoolGuardSettings): readonly LibraryDefinition[] {
  let libraries = librariesBySettings.get(settings);
  if (!libraries) {
    const userLibraries = toLibraryDefinitions(settings);
    libraries = userLibraries.length === 0 ? builtInLibraries : [...userLibraries, ...builtInLibraries];
    librariesBySettings.set(settings, libraries);
  }
  return libraries;
}

/** A program over one source file, for untyped analysis (see single-file-programs.ts). */
export { createSingleFileProgram } from './single-file-programs.js';
