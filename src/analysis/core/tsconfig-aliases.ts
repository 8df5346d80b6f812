/**
 * Untyped linting reads the project modules a file imports from disk; many projects name them through their tsconfig's
 * `paths` (`@/lib/db`, `@server/models`) or `baseUrl` (`server/models`). The nearest tsconfig.json (or jsconfig.json)
 * above the importing file says how, read on its own: its options only, with the files it extends, never the files it
 * includes.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { TypeScript } from './analysis-context.js';
import type { PathAliasOptions } from './path-aliases.js';

import { isFile } from '../../workspace/is-file.js';
import { mapPathAlias } from './path-aliases.js';

interface ConfigOptions {
  readonly mtimeMs: number;
  readonly options: PathAliasOptions | undefined;
  /** When the disk was last asked (every import of every linted file asks for the options). */
  checkedAt: number;
}
/** The disk is asked again for a config's mtime after this long. */
const recheckAfterMs = 1_000;

const configNames = ['tsconfig.json', 'jsconfig.json'];
/** Folder → the config file that applies there (null: none up to the file system's root). */
const nearestConfigs = new Map<string, string | null>();
const configOptions = new Map<string, ConfigOptions>();

/** The absolute paths the config nearest to the importing file maps a non-relative specifier to; none without one. */
export function mapConfiguredAlias(specifier: string, containingFile: string, ts: TypeScript): readonly string[] {
  const config = findNearestConfig(path.dirname(containingFile));
  const options = config ? readAliasOptions(config, ts) : undefined;
  if (!options) return [];
  const mapped = mapPathAlias(specifier, options);
  if (mapped.length > 0 || typeof options.baseUrl !== 'string') return mapped;
  return [path.resolve(options.baseUrl, specifier)];
}

function findNearestConfig(directory: string): string | undefined {
  const known = nearestConfigs.get(directory);
  if (known !== undefined) return known ?? undefined;
  let found: string | null = null;
  for (const name of configNames) {
    const candidate = path.join(directory, name);
    if (isFile(candidate)) {
      found = candidate;
      break;
    }
  }
  const parent = path.dirname(directory);
  if (found === null && parent !== directory && path.basename(directory) !== 'node_modules') found = findNearestConfig(parent) ?? null;
  nearestConfigs.set(directory, found);
  return found ?? undefined;
}

/** A config's `paths`, `baseUrl` and where `paths` resolve from, read again when the file changes on disk (asked at most once a second). */
function readAliasOptions(fileName: string, ts: TypeScript): PathAliasOptions | undefined {
  const now = performance.now();
  const known = configOptions.get(fileName);
  if (known && now - known.checkedAt < recheckAfterMs) return known.options;
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(fileName).mtimeMs;
  } catch {
    return undefined;
  }
  if (known?.mtimeMs === mtimeMs) {
    known.checkedAt = now;
    return known.options;
  }
  const options = parseAliasOptions(fileName, ts);
  configOptions.set(fileName, { mtimeMs, options, checkedAt: now });
  return options;
}

function parseAliasOptions(fileName: string, ts: TypeScript): PathAliasOptions | undefined {
  try {
    const read: { config?: unknown } = ts.readConfigFile(fileName, (name) => ts.sys.readFile(name));
    if (!read.config) return undefined;
    const config = read.config;
    // No directory is read: only the options are wanted, not the files the config includes.
    const host = {
      useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
      readDirectory: () => [],
      fileExists: (name: string) => ts.sys.fileExists(name),
      readFile: (name: string) => ts.sys.readFile(name),
    };
    const { options } = ts.parseJsonConfigFileContent(config, host, path.dirname(fileName), undefined, fileName);
    return options.paths || typeof options.baseUrl === 'string' ? options : undefined;
  } catch {
    return undefined;
  }
}
