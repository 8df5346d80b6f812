/**
 * The packages of the workspace a file belongs to, read from disk without install: the workspace root is
 * the nearest folder upwards whose package.json declares `workspaces` or that holds pnpm-workspace.yaml.
 * An import of a workspace package by name (`@acme/db`, `@acme/db/client`) resolves to its source file.
 * Shared by the CLI's module resolution and untyped ESLint's import following.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { PackageManifest } from './package-entry.js';

import { expandWorkspacePatterns } from './expand-patterns.js';
import { isFile } from './is-file.js';
import { resolvePackageEntry } from './package-entry.js';
import { getPackageJsonWorkspaces, parsePnpmWorkspacePackages } from './workspace-patterns.js';

export interface WorkspacePackage {
  readonly name: string;
  readonly directory: string;
  readonly manifest: PackageManifest;
}

export interface Workspace {
  readonly root: string;
  readonly packages: ReadonlyMap<string, WorkspacePackage>;
}

const workspaceByRoot = new Map<string, Workspace | null>();
const rootByDirectory = new Map<string, string | null>();
const entryCache = new Map<string, string | null>();
/** Folder and specifier → `resolveWorkspaceImport`'s answer, which the caches above decide: every import of every module
 * an untyped lint reads asks. */
const importCache = new Map<string, string | null>();
/** Past this many answers, `importCache` starts again: a long-lived editor process lints project after project. */
const maxCachedImports = 50_000;

/** The workspace whose root is `directory` or one of its ancestors, or undefined. */
export function findWorkspace(directory: string): Workspace | undefined {
  const root = findWorkspaceRoot(path.resolve(directory));
  if (root === undefined) return undefined;
  let workspace = workspaceByRoot.get(root);
  if (workspace === undefined) {
    workspace = readWorkspace(root);
    workspaceByRoot.set(root, workspace);
  }
  return workspace ?? undefined;
}

/**
 * The source file an import of a workspace package resolves to, seen from `containingFile`; undefined
 * for relative specifiers, packages the workspace does not hold, or entries with no file on disk.
 */
export function resolveWorkspaceImport(specifier: string, containingFile: string): string | undefined {
  const directory = path.dirname(containingFile);
  const key = `${directory}\0${specifier}`;
  let resolved = importCache.get(key);
  if (resolved === undefined) {
    resolved = findWorkspaceImport(specifier, directory) ?? null;
    if (importCache.size >= maxCachedImports) importCache.clear();
    importCache.set(key, resolved);
  }
  return resolved ?? undefined;
}

function findWorkspaceImport(specifier: string, directory: string): string | undefined {
  const parsed = parseSpecifier(specifier);
  if (!parsed) return undefined;
  const workspace = findWorkspace(directory);
  const workspacePackage = workspace?.packages.get(parsed.name);
  if (!workspacePackage) return undefined;
  const key = `${workspacePackage.directory}\0${parsed.subpath}`;
  let entry = entryCache.get(key);
  if (entry === undefined) {
    entry = resolvePackageEntry(workspacePackage.directory, workspacePackage.manifest, parsed.subpath, isFile) ?? null;
    entryCache.set(key, entry);
  }
  return entry ?? undefined;
}

/** Forgets what was read, for a long-lived process whose files changed (and for tests). */
export function clearWorkspaceCache(): void {
  workspaceByRoot.clear();
  rootByDirectory.clear();
  entryCache.clear();
  importCache.clear();
}

function findWorkspaceRoot(directory: string): string | undefined {
  const visited: string[] = [];
  let root: string | null | undefined;
  for (let current = directory; ; current = path.dirname(current)) {
    root = rootByDirectory.get(current);
    if (root !== undefined) break;
    visited.push(current);
    if (isFile(path.join(current, 'pnpm-workspace.yaml')) || getPackageJsonWorkspaces(readJson(path.join(current, 'package.json'))) !== undefined) {
      root = current;
      break;
    }
    // The repository root ends the search: a workspace never spans repositories.
    if (path.dirname(current) === current || fs.existsSync(path.join(current, '.git'))) {
      root = null;
      break;
    }
  }
  for (const visitedDirectory of visited) rootByDirectory.set(visitedDirectory, root);
  return root ?? undefined;
}

function readWorkspace(root: string): Workspace | null {
  const patterns = [...(getPackageJsonWorkspaces(readJson(path.join(root, 'package.json'))) ?? [])];
  const pnpm = readText(path.join(root, 'pnpm-workspace.yaml'));
  if (pnpm !== undefined) patterns.push(...parsePnpmWorkspacePackages(pnpm));
  const packages = new Map<string, WorkspacePackage>();
  for (const directory of [root, ...expandWorkspacePatterns(root, patterns)]) {
    const manifest = readJson(path.join(directory, 'package.json'));
    if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) continue;
    const name = (manifest as PackageManifest).name;
    if (typeof name === 'string' && name !== '' && !packages.has(name)) packages.set(name, { name, directory, manifest: manifest as PackageManifest });
  }
  return packages.size === 0 ? null : { root, packages };
}

/** `@scope/name/sub/path` → name `@scope/name`, subpath `./sub/path`; undefined for relative or absolute paths. */
function parseSpecifier(specifier: string): { name: string; subpath: string } | undefined {
  const match = /^((?:@[^/]+\/)?[^/.@][^/]*)(\/.*)?$/.exec(specifier) ?? /^(@[^/]+\/[^/]+)(\/.*)?$/.exec(specifier);
  if (!match?.[1] || specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  return { name: match[1], subpath: match[2] ? `.${match[2]}` : '.' };
}

function readJson(file: string): unknown {
  const text = readText(file);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Absent files are the common answer on the way up to a workspace root: asked without an exception, which costs more
 * than the system call. */
function readText(file: string): string | undefined {
  if (!isFile(file)) return undefined;
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}


/**
 * Where a path inside an absent `node_modules` would point after install when it names a workspace
 * package (`<root>/node_modules/@acme/tsconfig/base.json` → `<root>/packages/tsconfig/base.json`), as
 * the package manager's symlink would; undefined for anything else.
 */
export function mapInstalledWorkspacePath(fileName: string): string | undefined {
  const marker = `${path.sep}node_modules${path.sep}`;
  const index = fileName.lastIndexOf(marker);
  if (index === -1) return undefined;
  const inside = fileName.slice(index + marker.length).split(path.sep);
  const nameLength = inside[0]?.startsWith('@') ? 2 : 1;
  const name = inside.slice(0, nameLength).join('/');
  const workspacePackage = findWorkspace(fileName.slice(0, index) || path.sep)?.packages.get(name);
  return workspacePackage ? path.join(workspacePackage.directory, ...inside.slice(nameLength)) : undefined;
}
