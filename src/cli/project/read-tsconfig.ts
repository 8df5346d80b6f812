/** Reads a tsconfig file with TypeScript's own parser; only problems that make it unusable are errors. */
import path from 'node:path';

import { ts } from 'ts-morph';

import { UsageError } from '../usage-error.js';
import { toConfigFile } from './discover-projects.js';

export interface ParsedTsconfig {
  readonly file: string;
  readonly options: ts.CompilerOptions;
  readonly fileNames: readonly string[];
  readonly references: readonly string[];
  readonly projectReferences: readonly ts.ProjectReference[] | undefined;
}

/** Codes that mean the file cannot be used: unreadable, not found, `extends` that points nowhere, not an object. */
const fatalCodes = new Set([5083, 6053, 18001, 5092, 6114]);

export function readTsconfig(file: string): ParsedTsconfig {
  const shown = path.relative(process.cwd(), file) || file;
  const read = ts.readConfigFile(file, (name) => ts.sys.readFile(name));
  if (read.error) throw new UsageError(`invalid tsconfig ${shown}: ${describe(read.error)}`);
  if (typeof read.config !== 'object' || read.config === null || Array.isArray(read.config)) {
    throw new UsageError(`invalid tsconfig ${shown}: the root value must be an object`);
  }
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(file), undefined, file);
  const fatal = parsed.errors.find((diagnostic) => fatalCodes.has(diagnostic.code));
  if (fatal) {
    const isExtends = 'extends' in (read.config as object) && (fatal.code === 6053 || fatal.code === 5083 || fatal.code === 18001);
    throw new UsageError(`invalid tsconfig ${shown}: ${isExtends ? 'its "extends" cannot be resolved: ' : ''}${describe(fatal)}`);
  }
  const references = (parsed.projectReferences ?? []).map((reference) => toConfigFile(reference.path));
  return { file, options: parsed.options, fileNames: parsed.fileNames, references, projectReferences: parsed.projectReferences };
}

function describe(diagnostic: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ').replace(/\s+/g, ' ');
  if (!diagnostic.file || diagnostic.start === undefined) return message;
  return `line ${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1}: ${message}`;
}
