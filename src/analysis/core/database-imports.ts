/** Which files and modules import a database module (one the knowledge base or the settings name), read off their imports. */
import type * as ts from 'typescript';

import type { ModuleExports } from '../../knowledge/library-definition.js';
import type { AnalysisContext } from './analysis-context.js';

import { getDatabaseModule } from './generated-clients.js';
import { getModuleImports } from './module-files.js';

/**
 * Which database modules count: every one, or (for a question about some exports, `plain-calls.ts`) only those
 * whose exports `matches` passes.
 */
export type ModuleFilter = (exports: ModuleExports) => boolean;

/** Cheap prefilter: untyped, only files that import a database module can hold database calls. */
export function mayUseDatabase(sourceFile: ts.SourceFile, context: Pick<AnalysisContext, 'ts' | 'typed' | 'knowledge'>, matches?: ModuleFilter): boolean {
  const { ts } = context;
  for (const statement of sourceFile.statements) {
    let specifier: ts.Expression | undefined;
    if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) specifier = statement.moduleSpecifier;
    if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) specifier = statement.moduleReference.expression;
    if (specifier && ts.isStringLiteralLike(specifier) && (context.typed || isDatabaseSpecifier(specifier.text, sourceFile.fileName, context, matches))) return true;
  }
  return requiresDatabaseModule(sourceFile.text, context, matches);
}

/** `mayUseDatabase` for a module read from disk but not parsed: its imports as its text lists them (getModuleImports). */
export function moduleMayUseDatabase(fileName: string, context: Pick<AnalysisContext, 'ts' | 'typed' | 'knowledge'>, matches?: ModuleFilter): boolean {
  const imports = getModuleImports(fileName, context.ts);
  return imports !== undefined
    && (imports.specifiers.some((specifier) => isDatabaseSpecifier(specifier, fileName, context, matches)) || requiresDatabaseModule(imports.text, context, matches));
}

function isDatabaseSpecifier(specifier: string, containingFile: string, context: Pick<AnalysisContext, 'knowledge'>, matches: ModuleFilter | undefined): boolean {
  return counts(getDatabaseModule(specifier, containingFile, context.knowledge), matches);
}

function counts(module: { readonly exports: ModuleExports } | undefined, matches: ModuleFilter | undefined): boolean {
  return module !== undefined && (!matches || matches(module.exports));
}

/** require() anywhere in the file (CommonJS), and import() (dynamic, or a JSDoc type `import('pg').Pool`). */
function requiresDatabaseModule(text: string, context: Pick<AnalysisContext, 'typed' | 'knowledge'>, matches: ModuleFilter | undefined): boolean {
  for (const keyword of ['require(', 'import(']) {
    for (let index = text.indexOf(keyword); index !== -1; index = text.indexOf(keyword, index + keyword.length)) {
      const match = /^(?:require|import)\(\s*(['"])([^'"]+)\1\s*\)/.exec(text.slice(index, index + 200));
      const specifier = match?.[2];
      if (specifier !== undefined && (context.typed || counts(context.knowledge.getModule(specifier), matches))) return true;
    }
  }
  return false;
}
