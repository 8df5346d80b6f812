/** One walk per file: every call, `new` and tagged template that the knowledge base knows. */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';
import type { Invocation } from './file-nodes.js';
import type { CallTarget } from './resolve.js';

import { createContextMemo } from './context-memo.js';
import { getFileNodes } from './file-nodes.js';
import { getDatabaseModule } from './generated-clients.js';
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
    || (!context.typed && importsDatabaseCode(sourceFile, context, (module) => mayUseDatabase(module, context)));
}

/** Cheap prefilter: untyped, only files that import a database module can hold database calls. */
export function mayUseDatabase(sourceFile: ts.SourceFile, context: Pick<AnalysisContext, 'ts' | 'typed' | 'knowledge'>): boolean {
  const { ts } = context;
  let found = false;
  const visitSpecifier = (specifier: ts.Node | undefined): void => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return;
    if (context.typed ? true : getDatabaseModule(specifier.text, sourceFile.fileName, context.knowledge) !== undefined) found = true;
  };
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) visitSpecifier(statement.moduleSpecifier);
    if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
      visitSpecifier(statement.moduleReference.expression);
    }
    if (found) return true;
  }
  // require() anywhere in the file (CommonJS), and import() (dynamic, or a JSDoc type `import('pg').Pool`).
  const text = sourceFile.text;
  for (const keyword of ['require(', 'import(']) {
    let index = text.indexOf(keyword);
    while (index !== -1 && !found) {
      const match = /^(?:require|import)\(\s*(['"])([^'"]+)\1\s*\)/.exec(text.slice(index, index + 200));
      if (match?.[2] !== undefined && (context.typed || context.knowledge.getModule(match[2]))) found = true;
      index = text.indexOf(keyword, index + keyword.length);
    }
  }
  return found;
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
