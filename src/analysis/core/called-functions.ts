/** Which project functions a call runs: its callee, a function found in an imported module (untyped), or the implementations of an interface method. */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';

import { getDatabaseCallSites } from './database-call-sites.js';
import { getImplementations } from './implementations.js';
import { getFunctionDeclaration } from './resolve.js';
import { findImportedFunction } from './untyped-imports.js';

/** A function a call may run and the context to analyse it in (its own one-file program when found untyped). */
export interface CalledFunction {
  readonly fn: ts.FunctionLikeDeclaration;
  readonly context: AnalysisContext;
}

/** The function a call runs, when it is a project function (not a declaration file's). */
export function getCallee(call: ts.CallExpression, context: AnalysisContext): ts.FunctionLikeDeclaration | undefined {
  const { ts } = context;
  const callee = call.expression;
  if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return undefined;
  let fn: ts.FunctionLikeDeclaration | undefined;
  try {
    fn = getFunctionDeclaration(callee, context);
  } catch {
    return undefined;
  }
  if (!fn?.body || fn.getSourceFile().isDeclarationFile || fn.getSourceFile().fileName.includes('/node_modules/')) return undefined;
  return fn;
}

/** The functions a call may run: its callee, or the implementations of the interface or abstract method it calls. */
export function getCalledFunctions(call: ts.CallExpression, context: AnalysisContext): readonly CalledFunction[] {
  if (getDatabaseCallSites(call.getSourceFile(), context).byNode.has(call)) return [];
  const fn = getCallee(call, context);
  if (fn) return [{ fn, context }];
  const imported = findImportedFunction(call.expression, context);
  if (imported) return [imported];
  return getImplementations(call, context).map((implementation) => ({ fn: implementation, context }));
}
