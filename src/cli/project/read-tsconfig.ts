/** Reads a tsconfig file with TypeScript's own parser; only problems that make it unusable are errors. */
import path from 'node:path';

import type { ts as tsTypes } from 'ts-morph';

import { ts } from '../ts-morph-compiler.js';

import { UsageError } from '../usage-error.js';
import { mapInstalledWorkspacePath } from '../../workspace/workspace-map.js';
import { looseFileOptions } from './create-program.js';
import { toConfigFile } from './discover-projects.js';

export interface ParsedTsconfig {
  readonly file: string;
  readonly options: tsTypes.CompilerOptions;
  readonly fileNames: readonly string[];
  readonly references: readonly string[];
  /** Problems that did not stop the load: an `extends` base that is not installed or not on disk. */
  readonly warnings: readonly string[];
}

/** Codes that mean the file cannot be used: unreadable, not found, not an object. */
const fatalCodes = new Set([5083, 6053, 18001, 5092, 6114]);
/** Codes TypeScript gives for an `extends` it cannot follow: not found, unreadable, not a path. */
const extendsCodes = new Set([6053, 5083, 18001]);

export function readTsconfig(file: string): ParsedTsconfig {
  const shown = path.relative(process.cwd(), file) || file;
  const read = ts.readConfigFile(file, (name) => ts.sys.readFile(name));
  if (read.error) throw new UsageError(`invalid tsconfig ${shown}: ${describe(read.error)}`);
  if (typeof read.config !== 'object' || read.config === null || Array.isArray(read.config)) {
    throw new UsageError(`invalid tsconfig ${shown}: the root value must be an object`);
  }
  const parsed = ts.parseJsonConfigFileContent(read.config, workspaceConfigHost, path.dirname(file), undefined, file);
  // On a fresh clone an `extends` naming a package (`@tsconfig/node20`, a workspace preset) is not installed:
  // TypeScript keeps the file's own options, and the loose defaults fill in what the base would have set.
  const hasExtends = 'extends' in (read.config as object);
  const missingBases = hasExtends ? parsed.errors.filter((diagnostic) => extendsCodes.has(diagnostic.code)) : [];
  const fatal = parsed.errors.find((diagnostic) => fatalCodes.has(diagnostic.code) && !missingBases.includes(diagnostic));
  if (fatal) throw new UsageError(`invalid tsconfig ${shown}: ${describe(fatal)}`);
  const warnings = missingBases.map(
    (diagnostic) => `tsconfig ${shown}: its "extends" base ${getMissingName(diagnostic)} cannot be resolved (not installed, or missing); scanning with the options the file sets and defaults for the rest`,
  );
  const options = missingBases.length > 0 ? { ...withoutFileSelection(looseFileOptions), ...parsed.options } : parsed.options;
  const references = (parsed.projectReferences ?? []).map((reference) => toConfigFile(reference.path));
  return { file, options, fileNames: parsed.fileNames, references, warnings };
}

/** `allowJs` decides which files a tsconfig includes: the base's choice is unknown, so keep the file's. */
function withoutFileSelection(options: tsTypes.CompilerOptions): tsTypes.CompilerOptions {
  const { allowJs: _allowJs, checkJs: _checkJs, ...rest } = options;
  return rest;
}

function getMissingName(diagnostic: tsTypes.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  const quoted = /'([^']+)'/.exec(message)?.[1];
  if (!quoted) return `(${message})`;
  return `"${path.isAbsolute(quoted) ? path.relative(process.cwd(), quoted) || quoted : quoted}"`;
}

/**
 * `extends: "@acme/tsconfig/base.json"` names a workspace package that install would link into
 * node_modules: read it from the package's folder instead, anywhere in the `extends` chain.
 */
const workspaceConfigHost: tsTypes.ParseConfigHost = {
  useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
  readDirectory: (...args) => ts.sys.readDirectory(...args),
  fileExists: (fileName) => ts.sys.fileExists(fileName) || isWorkspaceFile(fileName),
  readFile: (fileName) => ts.sys.readFile(fileName) ?? readWorkspaceFile(fileName),
  trace: undefined,
};

function isWorkspaceFile(fileName: string): boolean {
  const mapped = mapInstalledWorkspacePath(fileName);
  return mapped !== undefined && ts.sys.fileExists(mapped);
}

function readWorkspaceFile(fileName: string): string | undefined {
  const mapped = mapInstalledWorkspacePath(fileName);
  return mapped === undefined ? undefined : ts.sys.readFile(mapped);
}

function describe(diagnostic: tsTypes.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ').replace(/\s+/g, ' ');
  if (!diagnostic.file || diagnostic.start === undefined) return message;
  return `line ${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1}: ${message}`;
}
