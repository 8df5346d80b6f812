/** What to load for a scan: tsconfig files (with their references) and loose source files no tsconfig covers. */
import fs from 'node:fs';
import path from 'node:path';

import type { IgnoredPaths } from './ignored-paths.js';

import { describeFsError } from '../fs-errors.js';
import { UsageError } from '../usage-error.js';

export const sourceFilePattern = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;
const declarationFilePattern = /\.d\.[cm]?ts$|\.d\.[^.]+\.ts$/;

export interface ScanTarget {
  /** The directory findings are relative to. */
  readonly root: string;
  /** tsconfig files named by the path or `--project`, or the scanned directory's own tsconfig.json. */
  readonly configFiles: readonly string[];
  /** A directory scan (no `--project`, not a tsconfig path): every source file under the root is in scope. */
  readonly discover: boolean;
}

/** Resolves the path argument and `--project`. Throws UsageError for a missing path or a plain file. */
export function resolveScanTarget(targetPath: string, projectPath: string | undefined): ScanTarget {
  const target = path.resolve(targetPath);
  const stat = statOrThrow(target, targetPath);
  let root = target;
  const configFiles: string[] = [];
  if (!stat.isDirectory()) {
    if (!target.endsWith('.json')) throw new UsageError(`not a directory: ${targetPath} (give a directory or a tsconfig file)`);
    root = path.dirname(target);
    configFiles.push(target);
  } else {
    assertReadableDirectory(target, targetPath);
  }
  if (projectPath !== undefined) {
    const project = path.resolve(projectPath);
    const projectStat = statOrThrow(project, projectPath);
    const configFile = projectStat.isDirectory() ? toConfigFile(project) : project;
    if (!fs.existsSync(configFile)) throw new UsageError(`tsconfig not found: ${path.relative(process.cwd(), configFile) || configFile}`);
    configFiles.splice(0, configFiles.length, configFile);
  } else if (stat.isDirectory() && fs.existsSync(path.join(target, 'tsconfig.json'))) {
    configFiles.push(path.join(target, 'tsconfig.json'));
  }
  return { root, configFiles, discover: stat.isDirectory() && projectPath === undefined };
}

export interface DiscoveredTree {
  /** tsconfig.json files found below the root (workspaces of a monorepo). */
  readonly configFiles: readonly string[];
  /** Every source file below the root that is not ignored. */
  readonly sourceFiles: readonly string[];
}

/** Walks the root (skipping ignored directories) for tsconfig.json files and source files. */
export function discoverTree(root: string, ignored: IgnoredPaths): DiscoveredTree {
  const configFiles: string[] = [];
  const sourceFiles: string[] = [];
  const walk = (directory: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(directory, { withFileTypes: true });
    } catch {
      // An unreadable subdirectory holds nothing we can scan.
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!ignored.isSkippedDirectoryName(entry.name) && !ignored.isIgnored(full, true)) walk(full);
      } else if (entry.isFile() && !ignored.isIgnored(full)) {
        if (entry.name === 'tsconfig.json') configFiles.push(full);
        else if (sourceFilePattern.test(entry.name) && !declarationFilePattern.test(entry.name)) sourceFiles.push(full);
      }
    }
  };
  walk(root);
  return { configFiles, sourceFiles };
}

/** A reference or `--project` value names a tsconfig file or a directory holding tsconfig.json. */
export function toConfigFile(referencePath: string): string {
  return referencePath.endsWith('.json') ? referencePath : path.join(referencePath, 'tsconfig.json');
}

export function isDeclarationFile(fileName: string): boolean {
  return declarationFilePattern.test(fileName);
}

function statOrThrow(absolute: string, shown: string): fs.Stats {
  try {
    return fs.statSync(absolute);
  } catch (error) {
    throw new UsageError(`${describeFsError(error) === 'no such file' ? 'path not found' : `cannot read ${shown}: ${describeFsError(error)}`}${describeFsError(error) === 'no such file' ? `: ${shown}` : ''}`);
  }
}

function assertReadableDirectory(absolute: string, shown: string): void {
  try {
    fs.readdirSync(absolute);
  } catch (error) {
    throw new UsageError(`cannot read directory ${shown}: ${describeFsError(error)}`);
  }
}
