/**
 * Before a program is built: can any of its files reach a database module? The scan's prefilter (reachable-files.ts)
 * skips every file of a program none of whose imports reach one (a frontend's), but only after parsing and resolving
 * them all. This answers first, from the texts of the root files and of the modules their imports lead to (relative,
 * workspace packages, tsconfig aliases), and from the manifests of the installed packages they import. Any doubt
 * answers yes, and the program is built as before.
 */
import path from 'node:path';

import type { ts as tsTypes } from 'ts-morph';

import type { AnalysisContext, TypeScript } from '../../analysis/core/analysis-context.js';
import type { KnowledgeIndex } from '../../analysis/core/knowledge-index.js';
import type { PathAliasOptions } from '../../analysis/core/path-aliases.js';
import type { InstalledPackages } from './installed-packages.js';

import { moduleMayUseDatabase } from '../../analysis/core/database-imports.js';
import { getAnywhereTypeNames } from '../../analysis/core/declared-types.js';
import { startDiskCheck } from '../../analysis/core/disk-checks.js';
import { getModuleImports, resolveRelative } from '../../analysis/core/module-files.js';
import { mapPathAlias } from '../../analysis/core/path-aliases.js';
import { textQueriesAndReleasesOneVariable } from '../../analysis/core/resource-vocabulary.js';
import { resolveImportedFile } from '../../analysis/core/untyped-imports.js';
import { createInstalledPackages, getPackageName } from './installed-packages.js';

/** Beyond this many modules the answer is yes: the program decides. */
const maxModules = 20_000;

/** `/// <reference types="pg" />` and `/// <reference path="../global.d.ts" />` (groups: the kind, the name). */
const referenceDirective = /^\/\/\/\s*<reference\s+(types|path)\s*=\s*['"]([^'"]+)['"]/gm;

/** For the root files and options of a program: could it hold a file that reaches a database module (or that queries
 * through and releases a variable of its own, or names a type the knowledge base recognises anywhere)? */
export type ProgramReach = (rootNames: readonly string[], options: tsTypes.CompilerOptions) => boolean;

/** The answers of one scan: installed packages are read once, and what the disk holds is read afresh. */
export function createProgramReach(ts: TypeScript, knowledge: KnowledgeIndex): ProgramReach {
  startDiskCheck();
  const scan: Scan = {
    context: { ts, typed: false, knowledge },
    anywhereNames: getAnywhereTypeNames(knowledge),
    packages: createInstalledPackages(knowledge),
  };
  return (rootNames, options) => {
    try {
      return mayReach(rootNames, options, scan);
    } catch {
      // A file that cannot be read, a manifest that cannot be parsed: the program decides.
      return true;
    }
  };
}

interface Scan {
  /** Untyped, as module texts are read. */
  readonly context: Pick<AnalysisContext, 'ts' | 'typed' | 'knowledge'>;
  readonly anywhereNames: readonly string[];
  readonly packages: InstalledPackages;
}

function mayReach(rootNames: readonly string[], options: tsTypes.CompilerOptions, scan: Scan): boolean {
  const { context } = scan;
  const { ts, knowledge } = context;
  const visited = new Set<string>();
  const queue = [...rootNames];
  for (let fileName = queue.pop(); fileName !== undefined; fileName = queue.pop()) {
    if (visited.has(fileName)) continue;
    visited.add(fileName);
    if (visited.size > maxModules) return true;
    const imports = getModuleImports(fileName, ts);
    // Too large to read here: the program decides.
    if (!imports) return true;
    const { text } = imports;
    if (moduleMayUseDatabase(fileName, context) || textQueriesAndReleasesOneVariable(text, knowledge)
      || scan.anywhereNames.some((name) => text.includes(name))) return true;
    for (const specifier of [...imports.specifiers, ...getReferences(text)]) {
      const target = resolveImportedFile(specifier, fileName, ts);
      if (target !== undefined) queue.push(target);
      // A relative module that is not on disk is no file of the program either (a generated client's folder was
      // asked about above).
      if (specifier.startsWith('.')) continue;
      // The program's own `paths` (the untyped resolver read the nearest tsconfig's), then `node_modules`.
      const aliased = getAliasTargets(specifier, options);
      if (aliased === undefined) return true;
      queue.push(...aliased);
      if (target === undefined && aliased.length === 0 && mayNameReachingPackage(specifier, fileName, scan)) return true;
    }
  }
  return false;
}

/** The references of a file as specifiers: a referenced path is relative to the file, with or without `./`. */
function getReferences(text: string): string[] {
  if (!text.includes('<reference')) return [];
  return Array.from(text.matchAll(referenceDirective), ([, kind, name]) => (kind === 'path' && !/^\.{0,2}\//.test(name!) ? `./${name!}` : name!));
}

/**
 * The files the options' `paths` and `baseUrl` map a bare specifier to, as the compiler tries them before `node_modules`;
 * undefined when the compiler may resolve it in a way not followed here (an absolute path, a package's `#imports`,
 * `paths` without a folder to read them from).
 */
function getAliasTargets(specifier: string, options: tsTypes.CompilerOptions): string[] | undefined {
  if (specifier.startsWith('/') || specifier.startsWith('#')) return undefined;
  const aliases = options as PathAliasOptions;
  if (aliases.paths && typeof (aliases.baseUrl ?? aliases.pathsBasePath) !== 'string') return undefined;
  const mapped = [...mapPathAlias(specifier, aliases), ...aliases.baseUrl !== undefined ? [path.resolve(aliases.baseUrl, specifier)] : []];
  return mapped.flatMap(findFile);
}

/** The source file a path names, with or without its extension, or its folder's index. */
function findFile(fileName: string): string[] {
  const found = resolveRelative(path.dirname(fileName), `./${path.basename(fileName)}`);
  return found === undefined ? [] : [found];
}

/** A bare specifier no alias maps: does it name a database module, or an installed package that can lead to one? */
function mayNameReachingPackage(specifier: string, fileName: string, scan: Scan): boolean {
  const packageName = getPackageName(specifier);
  return packageName === undefined || scan.context.knowledge.getModule(packageName) !== undefined || scan.packages.mayReachDatabase(packageName, fileName);
}
