/** Which files and modules import a database module (one the knowledge base or the settings name), read off their imports. */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';

import { getDatabaseModule } from './generated-clients.js';
import { getModuleImports } from './module-files.js';

/** Cheap prefilter: untyped, only files that import a database module can hold database calls. */
export function mayUseDatabase(sourceFile: ts.SourceFile, context: Pick<AnalysisContext, 'ts' | 'typed' | 'knowledge'>): boolean {
  const { ts } = context;
  for (const statement of sourceFile.statements) {
    let specifier: ts.Expression | undefined;
    if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) specifier = statement.moduleSpecifier;
    if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) specifier = statement.moduleReference.expression;
    if (specifier && ts.isStringLiteralLike(specifier) && (context.typed || isDatabaseSpecifier(specifier.text, sourceFile.fileName, context))) return true;
  }
  return requiresDatabaseModule(sourceFile.text, context);
}

/** `mayUseDatabase` for a module read from disk but not parsed: its imports as its text lists them (getModuleImports). */
export function moduleMayUseDatabase(fileName: string, context: Pick<AnalysisContext, 'ts' | 'typed' | 'knowledge'>): boolean {
  const imports = getModuleImports(fileName, context.ts);
  return imports !== undefined
    && (imports.specifiers.some((specifier) => isDatabaseSpecifier(specifier, fileName, context)) || requiresDatabaseModule(imports.text, context));
}

function isDatabaseSpecifier(specifier: string, containingFile: string, context: Pick<AnalysisContext, 'knowledge'>): boolean {
  return getDatabaseModule(specifier, containingFile, context.knowledge) !== undefined;
}

/** require() anywhere in the file (CommonJS), and import() (dynamic, or a JSDoc type `import('pg').Pool`). */
function requiresDatabaseModule(text: string, context: Pick<AnalysisContext, 'typed' | 'knowledge'>): boolean {
  for (const keyword of ['require(', 'import(']) {
    for (let index = text.indexOf(keyword); index !== -1; index = text.indexOf(keyword, index + keyword.length)) {
      const match = /^(?:require|import)\(\s*(['"])([^'"]+)\1\s*\)/.exec(text.slice(index, index + 200));
      if (match?.[2] !== undefined && (context.typed || context.knowledge.getModule(match[2]))) return true;
    }
  }
  return false;
}
