/**
 * Untyped ESLint's prefilter, the counterpart of the typed one (reachable-files.ts): a file whose imports, followed
 * through the relative modules and workspace packages untyped analysis reads from disk, never reach a database module
 * can hold no finding that following them would give, so it is neither bound nor analysed. Read from the modules' texts
 * (their import specifiers), never from their trees.
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';
import type { ModuleFilter } from './database-imports.js';
import type { DiskMemo } from './disk-memo.js';

import { moduleMayUseDatabase } from './database-imports.js';
import { createKnowledgeDiskMemo } from './disk-memo.js';
import { getModuleImports } from './module-files.js';
import { getImportSpecifiers, resolveImportedFile } from './untyped-imports.js';

/**
 * A walk through more modules than this is taken to reach one, and the analysis decides. A monorepo's workspace packages
 * and their barrels make a closure of thousands of modules (logto's: 2,281), walked once: every module of a walk that
 * reaches nothing is remembered as reaching nothing, while a walk cut short teaches nothing.
 */
const maxModules = 20_000;
/** Per knowledge base, each module's answer, kept across linted files (disk-memo.ts). */
const getMemo = createKnowledgeDiskMemo<boolean>();
/** The same for each question about some of the database modules (a `ModuleFilter`). */
const filteredMemos = new WeakMap<ModuleFilter, ReturnType<typeof createKnowledgeDiskMemo<boolean>>>();

type UntypedContext = Pick<AnalysisContext, 'ts' | 'typed' | 'knowledge'>;

/** The database modules a walk looks for: every one, or those `matches` lets through. */
interface Target {
  readonly memo: DiskMemo<boolean>;
  readonly matches: ModuleFilter | undefined;
}

/**
 * Does an import of the file (`import … from './db'`, `require('./db')`, from a workspace package or a tsconfig alias)
 * lead, through the imports of the modules it names, to a database module (with `matches`, one it lets through)? Each
 * module's answer is kept until some module's text is seen to change, and for a few seconds at most.
 */
export function importsReachDatabase(sourceFile: ts.SourceFile, context: UntypedContext, matches?: ModuleFilter): boolean {
  const fileNames = getImportSpecifiers(sourceFile, context.ts).map((specifier) => resolveImport(specifier, sourceFile.fileName, context.ts));
  return walkFrom(fileNames, context, getTarget(context, matches));
}

/** Does the module import a database module, or lead to one through its imports (as importsReachDatabase)? */
export function moduleReachesDatabase(fileName: string, context: UntypedContext): boolean {
  return walkFrom([fileName], context, getTarget(context, undefined));
}

function getTarget(context: UntypedContext, matches: ModuleFilter | undefined): Target {
  if (!matches) return { memo: getMemo(context.knowledge), matches };
  let getFilteredMemo = filteredMemos.get(matches);
  if (!getFilteredMemo) {
    getFilteredMemo = createKnowledgeDiskMemo<boolean>();
    filteredMemos.set(matches, getFilteredMemo);
  }
  return { memo: getFilteredMemo(context.knowledge), matches };
}

function walkFrom(fileNames: readonly (string | undefined)[], context: UntypedContext, target: Target): boolean {
  const { memo } = target;
  const walk: Walk = { visited: new Set(), cut: false };
  try {
    for (const fileName of fileNames) {
      if (fileName !== undefined && reaches(fileName, context, target, walk)) return true;
    }
  } catch {
    // A chain of imports deeper than the stack: the analysis decides.
    return true;
  }
  // Every module visited had its imports followed to the end, none to a database module.
  if (!walk.cut) for (const visited of walk.visited) memo.set(visited, false);
  return walk.cut;
}

interface Walk {
  readonly visited: Set<string>;
  /** The walk stopped early (too many modules): a module left on the way is not known not to reach. */
  cut: boolean;
}

function reaches(fileName: string, context: UntypedContext, target: Target, walk: Walk): boolean {
  const { memo } = target;
  const known = memo.get(fileName);
  if (known !== undefined) return known;
  if (walk.visited.has(fileName)) return false;
  walk.visited.add(fileName);
  if (walk.visited.size > maxModules) {
    walk.cut = true;
    return true;
  }
  if (moduleMayUseDatabase(fileName, context, target.matches) || importsReachingModule(fileName, context, target, walk)) {
    // A walk cut short answers "reaches" for every module on its way back, and knows it of none of them.
    if (!walk.cut) memo.set(fileName, true);
    return true;
  }
  return false;
}

function importsReachingModule(fileName: string, context: UntypedContext, target: Target, walk: Walk): boolean {
  for (const specifier of getModuleImports(fileName, context.ts)?.specifiers ?? []) {
    const imported = resolveImport(specifier, fileName, context.ts);
    if (imported !== undefined && reaches(imported, context, target, walk)) return true;
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
