/**
 * Can an installed package lead to a database module? A package's declarations can only import the packages its
 * manifest depends on, so the answer is read from the manifests of its dependencies, followed to the end: a wrapper
 * (`@acme/db-client` depending on `pg`) can, a UI library cannot. A package that is not installed cannot: the compiler
 * would not resolve it either.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { KnowledgeIndex } from '../../analysis/core/knowledge-index.js';

import { readManifest } from '../../analysis/core/package-root.js';

/** Beyond this many manifests the answer is yes: the compiler decides. */
const maxPackages = 5_000;

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`), or undefined for another specifier. */
export function getPackageName(specifier: string): string | undefined {
  return /^(?:@[^/@.][^/]*\/[^/]+|[^/@.#~][^/]*)/.exec(specifier)?.[0];
}

export interface InstalledPackages {
  /** Does the package, installed where `fromFile` finds it (or its `@types` package), depend on a database module,
   * directly or through its dependencies? */
  mayReachDatabase(packageName: string, fromFile: string): boolean;
}

/** Answers for one scan: what is installed is read once. */
export function createInstalledPackages(knowledge: KnowledgeIndex): InstalledPackages {
  const answers = new Map<string, boolean>();
  const disk: InstalledDisk = { nodeModules: new Map(), packages: new Map() };
  return {
    mayReachDatabase(packageName, fromFile) {
      const walk: Walk = { answers, disk, visited: new Set(), knowledge };
      if (reachesInstalled(packageName, path.dirname(fromFile), walk)) return true;
      // Every package visited had its dependencies followed to the end (a cycle included), none to a database module.
      for (const directory of walk.visited) answers.set(directory, false);
      return false;
    },
  };
}

/** The package, or its `@types` package, is installed where `directory` finds it and reaches a database module. */
function reachesInstalled(packageName: string, directory: string, walk: Walk): boolean {
  return [packageName, toTypesPackage(packageName)].some((name) => {
    const installed = name === undefined ? undefined : findInstalled(name, directory, walk.disk);
    return installed !== undefined && reaches(installed, walk);
  });
}

/** What the disk holds, asked once per scan: every import of every file asks its way up. */
interface InstalledDisk {
  /** Whether each folder holds a `node_modules` folder (most do not). */
  readonly nodeModules: Map<string, boolean>;
  /** Whether each package folder (`…/node_modules/react`) holds a manifest. */
  readonly packages: Map<string, boolean>;
}

interface Walk {
  readonly answers: Map<string, boolean>;
  readonly disk: InstalledDisk;
  readonly visited: Set<string>;
  readonly knowledge: KnowledgeIndex;
}

function reaches(directory: string, walk: Walk): boolean {
  const known = walk.answers.get(directory);
  if (known !== undefined) return known;
  if (walk.visited.has(directory)) return false;
  walk.visited.add(directory);
  // Too many to follow: the compiler decides (a yes, never remembered).
  if (walk.visited.size > maxPackages) return true;
  const dependencies = readDependencies(directory);
  const reached = dependencies === undefined
    || dependencies.some((name) => walk.knowledge.getModule(toTypedPackage(name)) !== undefined || reachesInstalled(name, directory, walk));
  // Only a yes is certain here: a no met inside a cycle may still turn into a yes further up.
  if (reached && walk.visited.size <= maxPackages) walk.answers.set(directory, true);
  return reached;
}

/** The names the manifest depends on (dependencies, peer and optional); undefined when it cannot be read. */
function readDependencies(directory: string): string[] | undefined {
  const manifest = readManifest(directory);
  return manifest && ['dependencies', 'peerDependencies', 'optionalDependencies'].flatMap((field) => {
    const value = manifest[field];
    return typeof value === 'object' && value !== null ? Object.keys(value) : [];
  });
}

/** The folder of the installed package, looked up in `node_modules` from `directory` upwards as Node does. */
function findInstalled(packageName: string, directory: string, disk: InstalledDisk): string | undefined {
  for (let current = directory; ; current = path.dirname(current)) {
    let holds = disk.nodeModules.get(current);
    if (holds === undefined) {
      holds = path.basename(current) !== 'node_modules' && fs.existsSync(path.join(current, 'node_modules'));
      disk.nodeModules.set(current, holds);
    }
    if (holds) {
      const candidate = path.join(current, 'node_modules', packageName);
      let installed = disk.packages.get(candidate);
      if (installed === undefined) {
        installed = fs.existsSync(path.join(candidate, 'package.json'));
        disk.packages.set(candidate, installed);
      }
      if (installed) return candidate;
    }
    if (path.dirname(current) === current) return undefined;
  }
}

/** `pg` for `@types/pg`, `@scope/name` for `@types/scope__name`; any other name as it is. */
function toTypedPackage(packageName: string): string {
  if (!packageName.startsWith('@types/')) return packageName;
  const name = packageName.slice('@types/'.length);
  return name.includes('__') ? `@${name.replace('__', '/')}` : name;
}

/** `@types/pg` for `pg`, `@types/scope__name` for `@scope/name`; undefined for a `@types` package itself. */
function toTypesPackage(packageName: string): string | undefined {
  if (packageName.startsWith('@types/')) return undefined;
  return `@types/${packageName.startsWith('@') ? packageName.slice(1).replace('/', '__') : packageName}`;
}
