/** Does the program turn on a library's implicit transaction joining (Sequelize `Sequelize.useCLS(namespace)`)? */
import fs from 'node:fs';
import path from 'node:path';

import type * as ts from 'typescript';

import type { LibraryDefinition } from '../../knowledge/library-definition.js';
import type { AnalysisContext } from '../core/analysis-context.js';

const caches = new WeakMap<ts.Program, Map<LibraryDefinition, boolean>>();
/** Untyped: the package's own source texts, read once per package directory and pattern. */
const packageCaches = new Map<string, boolean>();
const sourceExtension = /\.[cm]?[jt]sx?$/;
/** Build output, and tests and fixtures: they do not configure the application. */
const skippedDirectories = new Set(['node_modules', 'dist', 'build', 'coverage', '.git', '.next', 'out', 'test', 'tests', '__tests__', 'fixtures', 'spec']);
const maxFiles = 5000;

/**
 * A call of one of the enabling methods anywhere in the program's own files. Untyped linting sees one file, and the
 * switch usually sits in the application's setup: there the package around the file (up to its package.json) is read.
 */
export function isImplicitJoinEnabled(library: LibraryDefinition, context: AnalysisContext, sourceFile: ts.SourceFile): boolean {
  const names = library.transactions?.implicitJoinEnabledBy;
  if (!names?.length) return false;
  let byLibrary = caches.get(context.program);
  if (!byLibrary) {
    byLibrary = new Map();
    caches.set(context.program, byLibrary);
  }
  const cached = byLibrary.get(library);
  if (cached !== undefined) return cached;
  const pattern = new RegExp(`\\b(${names.join('|')})\\s*\\(`);
  const enabled = context.program.getSourceFiles().some((file) => !file.isDeclarationFile && !file.fileName.includes('/node_modules/') && pattern.test(file.text))
    || (!context.typed && isEnabledInPackage(sourceFile.fileName, pattern, Object.keys(library.modules)));
  byLibrary.set(library, enabled);
  return enabled;
}

/** A file of the package that imports the library and calls the switch. */
function isEnabledInPackage(fileName: string, pattern: RegExp, modules: readonly string[]): boolean {
  const root = findPackageRoot(path.dirname(fileName));
  if (!root) return false;
  const key = `${root}\0${pattern.source}`;
  const cached = packageCaches.get(key);
  if (cached !== undefined) return cached;
  const imports = new RegExp(`(?:from\\s*|require\\(\\s*)['"](${modules.map((module) => module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})['"]`);
  let enabled = false;
  try {
    enabled = searchDirectory(root, (text) => pattern.test(text) && imports.test(text), { files: 0 });
  } catch {
    enabled = false;
  }
  packageCaches.set(key, enabled);
  return enabled;
}

function findPackageRoot(directory: string): string | undefined {
  for (let current = directory; ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, 'package.json'))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

function searchDirectory(directory: string, matches: (text: string) => boolean, budget: { files: number }): boolean {
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    if (budget.files >= maxFiles) return false;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!skippedDirectories.has(entry.name) && !entry.name.startsWith('.') && searchDirectory(full, matches, budget)) return true;
    } else if (entry.isFile() && sourceExtension.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      budget.files += 1;
      if (matches(fs.readFileSync(full, 'utf8'))) return true;
    }
  }
  return false;
}
