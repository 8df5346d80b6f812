/** Does the program turn on a library's implicit transaction joining (Sequelize `Sequelize.useCLS(namespace)`)? */
import type * as ts from 'typescript';

import type { LibraryDefinition } from '../../knowledge/library-definition.js';
import type { AnalysisContext } from '../core/analysis-context.js';

import { findPackageRoot } from '../core/package-root.js';
import { escapeRegExp } from '../core/regexp-text.js';
import { someSourceFileOfPackage } from './package-files.js';

const caches = new WeakMap<ts.Program, Map<LibraryDefinition, boolean>>();
/** Untyped: the package's own source texts, read once per package directory and pattern. */
const packageCaches = new Map<string, boolean>();

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
  const root = findPackageRoot(fileName);
  if (!root) return false;
  const key = `${root}\0${pattern.source}`;
  const cached = packageCaches.get(key);
  if (cached !== undefined) return cached;
  const imports = new RegExp(`(?:from\\s*|require\\(\\s*)['"](${modules.map(escapeRegExp).join('|')})['"]`);
  let enabled = false;
  try {
    enabled = someSourceFileOfPackage(root, (text) => pattern.test(text) && imports.test(text));
  } catch {
    enabled = false;
  }
  packageCaches.set(key, enabled);
  return enabled;
}
