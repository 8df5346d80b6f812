/**
 * Classes that build a pool or client of their own and keep it on the instance: in the constructor, in a field
 * initializer, or lazily in a method (`if (!this.client) this.client = await MongoClient.connect(uri)`). Every
 * instance then owns one, so building the class per request or per call builds the pool per request or per call,
 * and only a method of the class can close it again.
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';
import type { PoolSite } from './pool-sites.js';

import { commonCloseMethods } from '../../knowledge/close-methods.js';
import { createContextMemo } from '../core/context-memo.js';
import { containsNode, skipOuterExpressions } from '../core/syntax.js';
import { climbToOpenedPool, getConnectionOpeningSites } from './pool-sites.js';

export interface PoolOwningClass {
  readonly name: string;
  /** The construction inside the class. */
  readonly site: PoolSite;
  /** The member that builds it (`db`), or undefined for the constructor and field initializers. */
  readonly builtIn?: string;
  /** Methods that close it, directly or through another method of the class (`close`, or a `find` that
   * closes after use). */
  readonly closeMethods: ReadonlySet<string>;
}

const owningClasses = createContextMemo<ts.ClassLikeDeclaration, PoolOwningClass | undefined>();

/** What `declaration` builds and keeps on its instances, or undefined when it builds no pool of its own. */
export function getPoolOwningClass(declaration: ts.ClassLikeDeclaration, context: AnalysisContext): PoolOwningClass | undefined {
  return owningClasses.get(context, declaration, () => {
    try {
      return findPoolOwningClass(declaration, context);
    } catch {
      return undefined;
    }
  });
}

function findPoolOwningClass(declaration: ts.ClassLikeDeclaration, context: AnalysisContext): PoolOwningClass | undefined {
  const { ts } = context;
  if (!declaration.name) return undefined;
  const inside = getConnectionOpeningSites(declaration.getSourceFile(), context)
    .filter((site) => site.node.pos >= declaration.pos && site.node.end <= declaration.end);
  for (const site of inside) {
    const member = getInstanceMember(site.node, declaration, ts);
    const field = member && getInstanceField(site, context);
    if (!member || !field) continue;
    const builtIn = ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member) ? member.name.getText() : undefined;
    return { name: declaration.name.text, site, ...(builtIn ? { builtIn } : {}), closeMethods: getCloseMethods(declaration, field, site, ts) };
  }
  return undefined;
}

/** The member whose `this` is the instance: the first enclosing non-arrow function (or field) must be a
 * non-static member of the class itself. */
function getInstanceMember(node: ts.Node, declaration: ts.ClassLikeDeclaration, typescript: typeof ts): ts.ClassElement | undefined {
  for (let current = node.parent; current && current !== declaration; current = current.parent) {
    if (typescript.isArrowFunction(current)) continue;
    const isMember = typescript.isMethodDeclaration(current) || typescript.isConstructorDeclaration(current)
      || typescript.isGetAccessorDeclaration(current) || typescript.isPropertyDeclaration(current);
    if (isMember) {
      const isStatic = typescript.canHaveModifiers(current) && typescript.getModifiers(current)?.some((modifier) => modifier.kind === typescript.SyntaxKind.StaticKeyword);
      return current.parent === declaration && !isStatic ? current as ts.ClassElement : undefined;
    }
    if (typescript.isFunctionLike(current) || typescript.isClassLike(current)) return undefined;
  }
  return undefined;
}

/** `this.client = …`, `this.client ??= …` or a field initializer: the name of the field that keeps it. */
function getInstanceField(site: PoolSite, context: AnalysisContext): string | undefined {
  const { ts } = context;
  const opened = climbToOpenedPool(site.node, site, context);
  const parent = opened.parent;
  if (ts.isPropertyDeclaration(parent) && parent.initializer === opened) return ts.isIdentifier(parent.name) || ts.isPrivateIdentifier(parent.name) ? parent.name.text : undefined;
  if (!ts.isBinaryExpression(parent) || parent.right !== opened) return undefined;
  const operator = parent.operatorToken.kind;
  if (operator !== ts.SyntaxKind.EqualsToken && operator !== ts.SyntaxKind.QuestionQuestionEqualsToken && operator !== ts.SyntaxKind.BarBarEqualsToken) return undefined;
  return getThisFieldName(parent.left, ts);
}

function getThisFieldName(node: ts.Expression, typescript: typeof ts): string | undefined {
  const inner = skipOuterExpressions(node, typescript);
  return typescript.isPropertyAccessExpression(inner) && inner.expression.kind === typescript.SyntaxKind.ThisKeyword ? inner.name.text : undefined;
}

/** Methods that call a close method on the field (`this.client?.close()`), or another such method (`this.close()`). */
function getCloseMethods(declaration: ts.ClassLikeDeclaration, field: string, site: PoolSite, typescript: typeof ts): Set<string> {
  const closers = new Set([...site.pool.closedBy, ...commonCloseMethods]);
  const methods = declaration.members.filter((member): member is ts.MethodDeclaration => typescript.isMethodDeclaration(member) && member.body !== undefined);
  const closing = new Set<string>();
  const closesField = (node: ts.Node): boolean => {
    if (!typescript.isCallExpression(node)) return false;
    const callee = skipOuterExpressions(node.expression, typescript);
    if (!typescript.isPropertyAccessExpression(callee)) return false;
    if (closers.has(callee.name.text) && getThisFieldName(callee.expression, typescript) === field) return true;
    // `this.close()`: a method already known to close it.
    return callee.expression.kind === typescript.SyntaxKind.ThisKeyword && closing.has(callee.name.text);
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const method of methods) {
      const name = method.name.getText();
      if (closing.has(name) || !method.body || !containsNode(method.body, closesField, typescript)) continue;
      closing.add(name);
      changed = true;
    }
  }
  return closing;
}
