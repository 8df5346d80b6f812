/**
 * `new Repo(uri)` in a request handler or a per-call function, where `Repo` builds a pool or client of its own and
 * keeps it on the instance (see pool-owning-classes.ts): each instance opens connections that only one of the
 * class's methods can close. Reported when the code that builds the instance uses it and drops it without calling
 * such a method; an instance that is kept (module scope, a cache, a field), returned or handed on is not.
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';
import type { PoolOwningClass } from './pool-owning-classes.js';
import type { PoolSite } from './pool-sites.js';

import { getFileNodes } from '../core/file-nodes.js';
import { getSymbol } from '../core/symbols.js';
import { climbOuterExpressions, skipOuterExpressions } from '../core/syntax.js';
import { getPerRequestConstruction } from './per-request-construction.js';
import { getPoolOwningClass } from './pool-owning-classes.js';

export interface PerCallInstance {
  readonly node: ts.NewExpression;
  readonly owner: PoolOwningClass;
  /** "on every request to `GET /users`", "every time `lookup` is called". */
  readonly reason: string;
  /** The variable that holds the instance, for the advice. */
  readonly holder?: string;
}

/** The instances of pool-owning classes that `sourceFile` builds per request or per call and never closes. */
export function findPerCallInstances(sourceFile: ts.SourceFile, context: AnalysisContext): PerCallInstance[] {
  const found: PerCallInstance[] = [];
  for (const node of getFileNodes(sourceFile, context.ts).news) {
    const instance = toPerCallInstance(node, context);
    if (instance) found.push(instance);
  }
  return found;
}

function toPerCallInstance(node: ts.NewExpression, context: AnalysisContext): PerCallInstance | undefined {
  const { ts } = context;
  const declaration = getClassDeclaration(node.expression, context);
  const owner = declaration && getPoolOwningClass(declaration, context);
  // Inside the class itself (`new Repo()` in a static factory) the class decides how it is kept.
  if (!owner || (declaration.getSourceFile() === node.getSourceFile() && declaration.pos <= node.pos && node.end <= declaration.end)) return undefined;
  // A pool the constructor builds is already reported where it is built when the class is built per request.
  if (getPerRequestConstruction(owner.site, context)) return undefined;
  const holder = getUsedHolder(node, ts);
  if (!holder || (holder.inlineCall !== undefined && owner.closeMethods.has(holder.inlineCall))) return undefined;
  const construction = getPerRequestConstruction(toInstanceSite(node, owner), context);
  if (!construction || construction.closed) return undefined;
  return { node, owner, reason: construction.reason, ...(holder.name ? { holder: holder.name } : {}) };
}

/** The class `new X()` builds, when its declaration is visible. */
function getClassDeclaration(expression: ts.Expression, context: AnalysisContext): ts.ClassLikeDeclaration | undefined {
  const { ts } = context;
  const callee = skipOuterExpressions(expression, ts);
  if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return undefined;
  return getSymbol(callee, context)?.declarations?.find((declaration): declaration is ts.ClassDeclaration => ts.isClassDeclaration(declaration));
}

/**
 * Only an instance the code visibly keeps to itself: held in a variable (`const repo = new Repo()`), or used inline
 * (`await new Repo().find(id)`, the method named). An instance passed to a call, put in an object or returned may be
 * closed by whoever gets it: undefined.
 */
function getUsedHolder(node: ts.NewExpression, typescript: typeof ts): { name?: string; inlineCall?: string } | undefined {
  const outer = climbOuterExpressions(node, typescript);
  const parent = outer.parent;
  if (typescript.isVariableDeclaration(parent) && parent.initializer === outer) return typescript.isIdentifier(parent.name) ? { name: parent.name.text } : undefined;
  if (typescript.isPropertyAccessExpression(parent) && parent.expression === outer && typescript.isCallExpression(parent.parent) && parent.parent.expression === parent) {
    return { inlineCall: parent.name.text };
  }
  return undefined;
}

/** The instance seen as a pool site of its own: closed by the class's closing methods, whatever the library's. */
function toInstanceSite(node: ts.NewExpression, owner: PoolOwningClass): PoolSite {
  const { site } = owner;
  return {
    ...site,
    node,
    shared: false,
    // A class that closes its pool when asked is a short-lived client when its user asks: not reported.
    pool: { ...site.pool, openedBy: [], closedBy: [...owner.closeMethods], onePerProcess: false },
    callee: { start: node.getStart(), end: node.expression.getEnd() },
  };
}
