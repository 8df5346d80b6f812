/**
 * Untyped ESLint's prefilter, the counterpart of the typed one (reachable-files.ts): a file whose imports, followed
 * through the relative modules and workspace packages untyped analysis reads from disk, never reach a database module
 * can hold no finding that following them would give, so it is neither bound nor analysed. Read from the modules' texts
 * (their import specifiers), never from their trees.
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';
import type { KnowledgeIndex } from './knowledge-index.js';

import { moduleMayUseDatabase } from './database-imports.js';
import { getModuleImports, getTextGeneration } from './module-files.js';
import { getImportSpecifiers, resolveImportedFile } from './untyped-imports.js';

/**
 * A walk through more modules than this is taken to reach one, and the analysis decides. A monorepo's workspace packages
 * and their barrels make a closure of thousands of modules (logto's: 2,281), walked once: every module of a walk that
 * reaches nothing is remembered as reaching nothing, while a walk cut short teaches nothing.
 */
const maxModules = 20_000;
/**
 * How long answers are kept when no text is seen to change: a module changed on disk that no lint reads again (a branch
 * switched under an open editor) is read again after this long. A lint that changes a module's text starts anew at once.
 */
const maxMemoAgeMs = 5_000;

interface ReachMemo {
  generation: number;
  startedAt: number;
  readonly byFile: Map<string, boolean>;
}
const memos = new WeakMap<KnowledgeIndex, ReachMemo>();

type UntypedContext = Pick<AnalysisContext, 'ts' | 'typed' | 'knowledge'>;

/**
 * Does an import of the file (`import … from './db'`, `require('./db')`, or from a workspace package) lead, through the imports of the
 * modules it names, to a database module? Each module's answer is kept until some module's text is seen to change, and
 * for a few seconds at most.
 */
export function importsReachDatabase(sourceFile: ts.SourceFile, context: UntypedContext): boolean {
  return walkFrom(getImportSpecifiers(sourceFile, context.ts).map((specifier) => resolveImport(specifier, sourceFile.fileName, context.ts)), context);
}

/** Does the module import a database module, or lead to one through its imports (as importsReachDatabase)? */
export function moduleReachesDatabase(fileName: string, context: UntypedContext): boolean {
  return walkFrom([fileName], context);
}

function walkFrom(fileNames: readonly (string | undefined)[], context: UntypedContext): boolean {
  const memo = getMemo(context.knowledge);
  const walk: Walk = { visited: new Set(), cut: false };
  try {
    for (const fileName of fileNames) {
      if (fileName !== undefined && reaches(fileName, context, memo, walk)) return true;
    }
  } catch {
    // A chain of imports deeper than the stack: the analysis decides.
    return true;
  }
  // Every module visited had its imports followed to the end, none to a database module.
  if (!walk.cut) for (const visited of walk.visited) memo.byFile.set(visited, false);
  return walk.cut;
}

interface Walk {
  readonly visited: Set<string>;
  /** The walk stopped early (too many modules): a module left on the way is not known not to reach. */
  cut: boolean;
}

function reaches(fileName: string, context: UntypedContext, memo: ReachMemo, walk: Walk): boolean {
  const known = memo.byFile.get(fileName);
  if (known !== undefined) return known;
  if (walk.visited.has(fileName)) return false;
  walk.visited.add(fileName);
  if (walk.visited.size > maxModules) {
    walk.cut = true;
    return true;
  }
  if (moduleMayUseDatabase(fileName, context) || importsReachingModule(fileName, context, memo, walk)) {
    // A walk cut short answers "reaches" for every module on its way back, and knows it of none of them.
    if (!walk.cut) memo.byFile.set(fileName, true);
    return true;
  }
  return false;
}

function importsReachingModule(fileName: string, context: UntypedContext, memo: ReachMemo, walk: Walk): boolean {
  for (const specifier of getModuleImports(fileName, context.ts)?.specifiers ?? []) {
    const target = resolveImport(specifier, fileName, context.ts);
    if (target !== undefined && reaches(target, context, memo, walk)) return true;
  }
  return false;
}

/** `resolveImportedFile`, undefined when the disk cannot say (a workspace manifest that cannot be read). */
function resolveImport(specifier: string, containingFile: string, ts: UntypedContext['ts']): string | undefined {
  try {
    return resolveImportedFile(specifier, containingFile, ts);
  } catch {
    return undefined;
  }
}

function getMemo(knowledge: KnowledgeIndex): ReachMemo {
  const generation = getTextGeneration();
  const now = performance.now();
  let memo = memos.get(knowledge);
  if (!memo) {
    memo = { generation, startedAt: now, byFile: new Map() };
    memos.set(knowledge, memo);
  }
  if (memo.generation !== generation || now - memo.startedAt > maxMemoAgeMs) {
    memo.byFile.clear();
    memo.generation = generation;
    memo.startedAt = now;
  }
  return memo;
}
