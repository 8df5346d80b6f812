/**
 * Several modules of one application each building their own pool or ORM client at module scope (`const prisma =
 * new PrismaClient()` in four resolver files): one process that loads them holds as many pools, each with its
 * own connections. Needs the whole program (the CLI, typed linting): the other modules and who imports them.
 *
 * "One process" is judged by the code: the modules belong to one package (the nearest package.json), none is a
 * seed, script, migration or test, and some module of the package that is not a test either imports all of them
 * (directly or through others). Two services of a monorepo, or a migration config next to the app's client, are
 * not one process. The clients must build the same thing: the same library and kind, written with arguments the
 * code shows to be equal (see construction-identity.ts).
 */
import path from 'node:path';

import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';
import type { ModuleScopeClient } from './module-scope-clients.js';

import { createContextMemo } from '../core/context-memo.js';
import { getTransitiveImporters } from '../core/import-graph.js';
import { findPackageRoot } from '../core/package-root.js';
import { isScriptOrTest } from '../core/scripts-and-tests.js';
import { getConstructionIdentity } from './construction-identity.js';
import { getModuleScopeClients } from './module-scope-clients.js';

export interface DuplicateModuleClient {
  readonly client: ModuleScopeClient;
  /** The same construction in the other modules, in file order. */
  readonly others: readonly { readonly fileName: string; readonly client: ModuleScopeClient }[];
  readonly packageRoot: string;
}

/** This file's module-scope clients that other modules of the same process build again. */
export function findDuplicateModuleClients(sourceFile: ts.SourceFile, context: AnalysisContext): DuplicateModuleClient[] {
  if (!context.typed) return [];
  const own = getModuleScopeClients(sourceFile, context);
  if (own.length === 0) return [];
  const packageRoot = findPackageRoot(sourceFile.fileName);
  if (packageRoot === undefined || isScriptOrTest(sourceFile.fileName, packageRoot)) return [];
  const results: DuplicateModuleClient[] = [];
  for (const client of own) {
    const identity = getConstructionIdentity(client.site, context);
    if (identity === undefined) continue;
    const others = findSameConstructions(sourceFile, client, identity, packageRoot, context);
    if (others.length === 0) continue;
    const group = [{ fileName: sourceFile.fileName, client }, ...others];
    // When some of them are exported and imported (the shared client) and others are not, the others are the
    // extra ones; otherwise none is more the shared one than the rest, and each is reported.
    const shared = group.filter((member) => isImportedShared(member.fileName, member.client, packageRoot, context));
    if (shared.length > 0 && shared.length < group.length && shared.some((member) => member.client === client)) continue;
    results.push({ client, others, packageRoot });
  }
  return results;
}

function findSameConstructions(sourceFile: ts.SourceFile, client: ModuleScopeClient, identity: string, packageRoot: string, context: AnalysisContext):
  { fileName: string; client: ModuleScopeClient }[] {
  const ownImporters = getImporters(sourceFile.fileName, context);
  if (!ownImporters) return [];
  const group = getGroup(getCalleeName(client, context), identity, packageRoot, context);
  // Another module is in the same process when a module of the package that is not a script or test imports both.
  const found = new Set<string>();
  for (const importer of ownImporters) {
    for (const fileName of group.byImporter.get(importer) ?? []) if (fileName !== sourceFile.fileName) found.add(fileName);
  }
  return [...found].sort(compareText).map((fileName) => ({ fileName, client: group.members.get(fileName) as ModuleScopeClient }));
}

/** The modules of one package (not scripts or tests) that build the same construction, each with its first such
 * client, and for each module of the package that is not a script or test, the members it imports (directly or not). */
interface ConstructionGroup {
  readonly members: ReadonlyMap<string, ModuleScopeClient>;
  readonly byImporter: ReadonlyMap<string, readonly string[]>;
}

/** Indexed once per program, callee, identity and package: each file then looks up only the modules its own
 * importers reach, instead of testing every other construction (which grew with the square of the files). */
function getGroup(calleeName: string | undefined, identity: string, packageRoot: string, context: AnalysisContext): ConstructionGroup {
  return groups.get(context, `${calleeName ?? ''}\u0000${identity}\u0000${packageRoot}`, () => {
    const members = new Map<string, ModuleScopeClient>();
    const byImporter = new Map<string, string[]>();
    for (const other of getConstructions(calleeName, context)) {
      if (other.identity !== identity || members.has(other.fileName)) continue;
      if (findPackageRoot(other.fileName) !== packageRoot || isScriptOrTest(other.fileName, packageRoot)) continue;
      members.set(other.fileName, other.client);
      for (const importer of getImporters(other.fileName, context) ?? []) {
        if (isScriptOrTest(importer, packageRoot) || findPackageRoot(importer) !== packageRoot) continue;
        const list = byImporter.get(importer);
        if (list) list.push(other.fileName);
        else byImporter.set(importer, [other.fileName]);
      }
    }
    return { members, byImporter };
  });
}

const groups = createContextMemo<string, ConstructionGroup>();
const importerSets = createContextMemo<string, ReadonlySet<string> | undefined>();

/** The file and the files that import it, directly or through others (asked once per file with a client). */
function getImporters(fileName: string, context: AnalysisContext): ReadonlySet<string> | undefined {
  return importerSets.get(context, fileName, () => getTransitiveImporters(fileName, context));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Construction {
  readonly fileName: string;
  readonly client: ModuleScopeClient;
  readonly identity: string;
}

/**
 * The module-scope clients of the program's own files whose text names the callee, with their identities, in file
 * order: computed once per program and callee, not once per file that asks (which grew with the square of the files).
 */
function getConstructions(calleeName: string | undefined, context: AnalysisContext): readonly Construction[] {
  return constructionsByCallee.get(context, calleeName ?? '', () => {
    const constructions: Construction[] = [];
    for (const other of context.program.getSourceFiles()) {
      if (other.isDeclarationFile || other.fileName.includes('/node_modules/')) continue;
      if (calleeName !== undefined && !other.text.includes(calleeName)) continue;
      for (const candidate of getModuleScopeClients(other, context)) {
        const identity = getConstructionIdentity(candidate.site, context);
        if (identity !== undefined) constructions.push({ fileName: other.fileName, client: candidate, identity });
      }
    }
    return constructions;
  });
}

const constructionsByCallee = createContextMemo<string, readonly Construction[]>();

/** Exported, and its module is imported by a module of the package that is not a test. */
function isImportedShared(fileName: string, client: ModuleScopeClient, packageRoot: string, context: AnalysisContext): boolean {
  if (!client.exported) return false;
  const importers = getImporters(fileName, context);
  return importers !== undefined && [...importers].some((importer) => importer !== fileName && !isScriptOrTest(importer, packageRoot));
}

/** `PrismaClient` of `new PrismaClient()`, `createPool` of `mysql.createPool()`: a cheap filter on other files' text. */
function getCalleeName(client: ModuleScopeClient, context: AnalysisContext): string | undefined {
  const { ts } = context;
  const callee = client.site.node.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** Paths of the other modules from the package folder, for messages. */
export function describeModules(fileNames: readonly string[], packageRoot: string): string {
  const names = fileNames.map((fileName) => `\`${path.relative(packageRoot, fileName).split(path.sep).join('/')}\``);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}
