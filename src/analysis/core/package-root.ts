/** The package a file belongs to, read from disk: its folder (the nearest package.json above the file), the
 * packages its manifest depends on, and the files at its root. Both hosts have the disk; untyped linting has no
 * program that would hold the manifest. Answers are cached for the process: a manifest rarely changes under a
 * running linter. */
import fs from 'node:fs';
import path from 'node:path';

export interface PackageInfo {
  readonly root: string;
  /** Names in `dependencies`, `devDependencies` and `peerDependencies`. */
  readonly dependencies: ReadonlySet<string>;
  /** The version range each of those names asks for, as written (the first field that names it). */
  readonly ranges: ReadonlyMap<string, string>;
}

const roots = new Map<string, string | undefined>();
const packages = new Map<string, PackageInfo | undefined>();
const existing = new Map<string, boolean>();

/** The folder of the nearest package.json above a file. */
export function findPackageRoot(fileName: string): string | undefined {
  const directory = path.dirname(fileName);
  if (roots.has(directory)) return roots.get(directory);
  let root: string | undefined;
  try {
    if (fs.existsSync(path.join(directory, 'package.json'))) root = directory;
    else if (path.dirname(directory) !== directory) root = findPackageRoot(directory);
  } catch {
    root = undefined;
  }
  roots.set(directory, root);
  return root;
}

/** The package that holds a file, or undefined when there is none or its manifest does not parse. */
export function getPackageInfo(fileName: string): PackageInfo | undefined {
  const root = findPackageRoot(fileName);
  if (root === undefined) return undefined;
  if (packages.has(root)) return packages.get(root);
  let info: PackageInfo | undefined;
  const manifest = readManifest(root);
  if (manifest) {
    const dependencies = new Set<string>();
    const ranges = new Map<string, string>();
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
      const value = manifest[field];
      if (typeof value !== 'object' || value === null) continue;
      for (const [name, range] of Object.entries(value)) {
        dependencies.add(name);
        if (typeof range === 'string' && !ranges.has(name)) ranges.set(name, range);
      }
    }
    info = { root, dependencies, ranges };
  }
  packages.set(root, info);
  return info;
}

/** The parsed package.json of a package folder; undefined when it cannot be read or parsed, or is not an object. */
export function readManifest(directory: string): Record<string, unknown> | undefined {
  try {
    const manifest: unknown = JSON.parse(fs.readFileSync(path.join(directory, 'package.json'), 'utf8'));
    return typeof manifest === 'object' && manifest !== null ? (manifest as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The major version the nearest manifest that declares one of these packages asks for, from the file's package up
 * to the workspace root: `5` for `5.9.7`, `^5.2.0`, `~5.9` or `>=5 <6`. Undefined when none declares them or the
 * range does not start with a version (`workspace:*`, `latest`, `*`, a git URL).
 */
export function getDeclaredMajorVersion(fileName: string, packageNames: readonly string[]): number | undefined {
  let info = getPackageInfo(fileName);
  while (info) {
    const range = packageNames.map((name) => info?.ranges.get(name)).find((value) => value !== undefined);
    if (range !== undefined) {
      const major = /^\s*(?:[\^~=v]|>=?)?\s*(\d+)(?:[.\s]|$)/.exec(range)?.[1];
      return major === undefined ? undefined : Number(major);
    }
    const parent = path.dirname(info.root);
    info = parent === info.root ? undefined : getPackageInfo(path.join(parent, 'package.json'));
  }
  return undefined;
}

/** Does one of these files exist in the folder? */
export function hasAnyFile(directory: string, names: readonly string[]): boolean {
  return names.some((name) => {
    const full = path.join(directory, name);
    let found = existing.get(full);
    if (found === undefined) {
      try {
        found = fs.existsSync(full);
      } catch {
        found = false;
      }
      existing.set(full, found);
    }
    return found;
  });
}
