/** One walk per file: every call, `new` and tagged template that the knowledge base knows. */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';
import type { Invocation } from './file-nodes.js';
import type { CallTarget } from './resolve.js';

import { createContextMemo } from './context-memo.js';
import { mayUseDatabase, moduleMayUseDatabase } from './database-imports.js';
import { getFileNodes } from './file-nodes.js';
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
