/**
 * A file's calls, `new`s and tagged templates that the knowledge base knows, each resolved when first asked: most calls
 * of a file are no database call, and telling so can cost the checker the type of their receiver.
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';
import type { Invocation } from './file-nodes.js';
import type { CallTarget } from './resolve.js';

import { createContextMemo } from './context-memo.js';
import { mayUseDatabase } from './database-imports.js';
import { getFileNodes } from './file-nodes.js';
import { getCallTarget } from './resolve.js';
import { getMemberName, skipOuterExpressions } from './syntax.js';
import { importsDatabaseCode } from './untyped-imports.js';
import { moduleReachesDatabase } from './untyped-reach.js';

export type DatabaseCall = Invocation;

export interface DatabaseCallSite {
  readonly node: DatabaseCall;
  readonly target: CallTarget;
}

/** The database call a node of the file makes (undefined for any other node). */
export interface CallTargets {
  get(node: ts.Node): CallTarget | undefined;
  has(node: ts.Node): boolean;
}

export interface DatabaseCallSites {
  readonly byNode: CallTargets;
  /**
   * The file's database calls, in walk order, leaving out (unresolved) the calls of a member not in `memberNames`
   * (`call-member-names.ts`), and those `mayBe` rejects by their syntax alone; every one when neither is given.
   */
  findCalls(memberNames: ReadonlySet<string> | undefined, mayBe?: (node: DatabaseCall) => boolean): readonly DatabaseCallSite[];
}

const empty: DatabaseCallSites = { byNode: { get: () => undefined, has: () => false }, findCalls: () => [] };
const callSites = createContextMemo<ts.SourceFile, DatabaseCallSites>();

/** The database call sites of a file, memoized per context and file so every rule shares each resolution. */
export function getDatabaseCallSites(sourceFile: ts.SourceFile, context: AnalysisContext): DatabaseCallSites {
  return callSites.get(context, sourceFile, () => (holdsDatabaseCode(sourceFile, context) ? createCallSites(sourceFile, context) : empty));
}

/**
 * Untyped, a file also holds database code when a relative module or workspace package it imports leads to a database
 * module: `db` from './db', or from './lib', whose index re-exports './db'.
 */
function holdsDatabaseCode(sourceFile: ts.SourceFile, context: AnalysisContext): boolean {
  return mayUseDatabase(sourceFile, context)
    || (!context.typed && importsDatabaseCode(sourceFile, context, (fileName) => moduleReachesDatabase(fileName, context)));
}

function createCallSites(sourceFile: ts.SourceFile, context: AnalysisContext): DatabaseCallSites {
  const { ts } = context;
  const invocations = getFileNodes(sourceFile, ts).invocations;
  // The walk's nodes only: a re-lint's namespace hides some statements from every walk (`hidden-statements.ts`).
  let walked: ReadonlySet<ts.Node> | undefined;
  const targets = new Map<ts.Node, CallTarget | null>();
  const resolve = (node: DatabaseCall): CallTarget | undefined => {
    let target = targets.get(node);
    if (target === undefined) {
      target = safeGetCallTarget(node, context) ?? null;
      targets.set(node, target);
    }
    return target ?? undefined;
  };
  const byNode: CallTargets = {
    get: (node) => {
      walked ??= new Set(invocations);
      return walked.has(node) ? resolve(node as DatabaseCall) : undefined;
    },
    has: (node) => byNode.get(node) !== undefined,
  };
  const findCalls = (memberNames: ReadonlySet<string> | undefined, mayBe?: (node: DatabaseCall) => boolean): DatabaseCallSite[] => {
    const calls: DatabaseCallSite[] = [];
    for (const node of invocations) {
      if (mayBe && !mayBe(node)) continue;
      if (memberNames && ts.isCallExpression(node)) {
        const member = getMemberName(skipOuterExpressions(node.expression, ts), ts);
        if (member && !memberNames.has(member.name)) continue;
      }
      const target = resolve(node);
      if (target) calls.push({ node, target });
    }
    return calls;
  };
  return { byNode, findCalls };
}

function safeGetCallTarget(node: DatabaseCall, context: AnalysisContext): CallTarget | undefined {
  try {
    return getCallTarget(node, context);
  } catch {
    return undefined;
  }
}
