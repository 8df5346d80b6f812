/** One walk per file: every call, `new` and tagged template that the knowledge base knows. */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';
import type { Invocation } from './file-nodes.js';
import type { CallTarget } from './resolve.js';

import { createContextMemo } from './context-memo.js';
import { getFileNodes } from './file-nodes.js';
import { getDatabaseModule } from './generated-clients.js';
import { getModuleImports } from './module-files.js';
import { getCallTarget } from './resolve.js';
import { importsDatabaseCode } from './untyped-imports.js';

export type DatabaseCall = Invocation;

export interface DatabaseCallSite {
  readonly node: DatabaseCall;
  readonly target: CallTarget;
}

export interface DatabaseCallSites {
  readonly calls: readonly DatabaseCallSite[];
  readonly byNode: ReadonlyMap<ts.Node, CallTarget>;
}

const empty: DatabaseCallSites = { calls: [], byNode: new Map() };
const callSites = createContextMemo<ts.SourceFile, DatabaseCallSites>();

/** The database call sites of a file, memoized per context and file so every rule shares one walk. */
export function getDatabaseCallSites(sourceFile: ts.SourceFile, context: AnalysisContext): DatabaseCallSites {
  return callSites.get(context, sourceFile, () => (holdsDatabaseCode(sourceFile, context) ? findCallSites(sourceFile, context) : empty));
}

/** Untyped, a file also holds database code when a relative module or workspace package it imports does (`db` from './db'). */
function holdsDatabaseCode(sourceFile: ts.SourceFile, context: AnalysisContext): boolean {
  return mayUseDatabase(sourceFile, context)
    || (!context.typed && importsDatabaseCode(sourceFile, context, (fileName) => moduleMayUseDatabase(fileName, context)));
}

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

/** `mayUseDatabase` for a module read from disk but not parsed: its imports as the compiler's pre-parse scanner lists them. */
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

function findCallSites(sourceFile: ts.SourceFile, context: AnalysisContext): DatabaseCallSites {
  const calls: DatabaseCallSite[] = [];
  const byNode = new Map<ts.Node, CallTarget>();
  for (const node of getFileNodes(sourceFile, context.ts).invocations) {
    const target = safeGetCallTarget(node, context);
    if (target) {
      calls.push({ node, target });
      byNode.set(node, target);
    }
  }
  return { calls, byNode };
}

function safeGetCallTarget(node: DatabaseCall, context: AnalysisContext): CallTarget | undefined {
  try {
    return getCallTarget(node, context);
  } catch {
    return undefined;
  }
}
