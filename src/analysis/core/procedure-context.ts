/**
 * What a tRPC procedure's `ctx` holds, read from the source: `initTRPC.context<Context>().create()` names the
 * context type, and every resolver or middleware of a procedure built from that instance receives `{ ctx }` of
 * that type. With `@trpc/server` installed the checker says so itself; on a fresh clone it types `ctx` as `any`,
 * so `ctx.db` would otherwise stay unknown. Only values that reach such a resolver's options get a source here.
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';
import type { PropertySource } from './property-sources.js';

import { trpcContext } from '../../knowledge/frameworks.js';
import { createContextMemo } from './context-memo.js';
import { findPropertySource } from './property-sources.js';
import { getSymbol, getSymbolAt } from './symbols.js';
import { skipOuterExpressions } from './syntax.js';
import { getMiddlewareContribution } from './trpc-middlewares.js';

/** What a procedure's steps see as `ctx`: the type `context<…>()` names, as changed by the middlewares that run
 * before the step (nearest first). */
interface ProcedureContext {
  readonly type?: ts.TypeNode;
  readonly middlewares: readonly ts.Expression[];
}

/** A resolver's options object, its `ctx`, or a property source reached from one. */
type Shape = { readonly options: ProcedureContext } | { readonly ctx: ProcedureContext } | PropertySource;

const resolverMethods = new Set<string>(trpcContext.resolverMethods);
const middlewareMethods = new Set<string>(trpcContext.middlewareMethods);
const builderModules = new Set<string>(trpcContext.modules);
const maxChain = 24;

/** `ctx.db`, `opts.ctx.db` in a tRPC resolver: where property `name` of `object` comes from. */
export function findProcedureMemberSource(object: ts.Expression, name: string, context: AnalysisContext): PropertySource | undefined {
  const owner = shapeOf(object, context, 0);
  return owner ? toSource(memberOf(owner, name, context)) : undefined;
}

/** `({ ctx: { db } }) => …`, `const { db } = ctx`: where a destructured name comes from. */
export function findProcedureBindingSource(element: ts.BindingElement, context: AnalysisContext): PropertySource | undefined {
  return toSource(shapeOfBinding(element, context, 0));
}

function toSource(shape: Shape | undefined): PropertySource | undefined {
  return shape && !('options' in shape) && !('ctx' in shape) ? shape : undefined;
}

function shapeOf(expression: ts.Expression, context: AnalysisContext, depth: number): Shape | undefined {
  const { ts } = context;
  if (depth > maxChain) return undefined;
  const node = skipOuterExpressions(expression, ts);
  if (ts.isPropertyAccessExpression(node)) {
    const owner = shapeOf(node.expression, context, depth + 1);
    return owner ? memberOf(owner, node.name.text, context) : undefined;
  }
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = getSymbolAt(node, context)?.valueDeclaration;
  if (!declaration) return undefined;
  if (ts.isParameter(declaration)) return shapeOfParameter(declaration, context);
  if (ts.isBindingElement(declaration)) return shapeOfBinding(declaration, context, depth + 1);
  if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) && declaration.initializer) {
    return shapeOf(declaration.initializer, context, depth + 1);
  }
  return undefined;
}

function shapeOfBinding(element: ts.BindingElement, context: AnalysisContext, depth: number): Shape | undefined {
  const { ts } = context;
  const pattern = element.parent;
  const name = element.propertyName ?? element.name;
  if (!ts.isObjectBindingPattern(pattern) || element.dotDotDotToken || !(ts.isIdentifier(name) || ts.isStringLiteralLike(name))) return undefined;
  const owner = pattern.parent;
  let shape: Shape | undefined;
  if (ts.isParameter(owner)) shape = shapeOfParameter(owner, context);
  else if (ts.isBindingElement(owner)) shape = shapeOfBinding(owner, context, depth + 1);
  else if (ts.isVariableDeclaration(owner) && owner.initializer) shape = shapeOf(owner.initializer, context, depth + 1);
  return shape ? memberOf(shape, name.text, context) : undefined;
}

function memberOf(owner: Shape, name: string, context: AnalysisContext): Shape | undefined {
  if ('options' in owner) return name === trpcContext.contextProperty ? { ctx: owner.options } : undefined;
  if ('ctx' in owner) return memberOfContext(owner.ctx, name, context);
  return findPropertySource(owner, name, context);
}

/** The nearest middleware that sets the property decides; one whose effect is unclear hides what came before. */
function memberOfContext({ type, middlewares }: ProcedureContext, name: string, context: AnalysisContext): Shape | undefined {
  for (const middleware of middlewares) {
    const contribution = getMiddlewareContribution(middleware, name, context);
    if (contribution === 'unknown') return undefined;
    if (contribution !== 'pass') return contribution;
  }
  return type ? findPropertySource({ type }, name, context) : undefined;
}

/** The first parameter of a function given to `procedure.query(…)` (or `.use(…)`, …) of a tRPC instance. */
function shapeOfParameter(parameter: ts.ParameterDeclaration, context: AnalysisContext): Shape | undefined {
  const { ts } = context;
  const fn = parameter.parent;
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || fn.parameters[0] !== parameter) return undefined;
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn)) return undefined;
  const callee = skipOuterExpressions(call.expression, ts);
  if (!ts.isPropertyAccessExpression(callee) || !resolverMethods.has(callee.name.text)) return undefined;
  const procedure = findProcedureContext(callee.expression, context);
  return procedure ? { options: procedure } : undefined;
}

/** A procedure builder's context: walks `t.procedure.use(…).input(…)` back to `initTRPC.context<T>()` (or to
 * `initTRPC` itself), collecting the middlewares on the way. */
const procedureContexts = createContextMemo<ts.Expression, ProcedureContext | undefined>();

function findProcedureContext(builder: ts.Expression, context: AnalysisContext): ProcedureContext | undefined {
  return procedureContexts.get(context, builder, () => walkToContext(builder, context));
}

function walkToContext(builder: ts.Expression, context: AnalysisContext): ProcedureContext | undefined {
  const { ts } = context;
  const middlewares: ts.Expression[] = [];
  let node = builder;
  for (let step = 0; step < maxChain; step++) {
    node = skipOuterExpressions(node, ts);
    if (isTrpcBuilder(node, context)) return { middlewares };
    if (ts.isCallExpression(node)) {
      const callee = skipOuterExpressions(node.expression, ts);
      if (!ts.isPropertyAccessExpression(callee)) return undefined;
      const typeArgument = node.typeArguments?.[0];
      if (callee.name.text === trpcContext.contextMethod && typeArgument) return isTrpcBuilder(callee.expression, context) ? { type: typeArgument, middlewares } : undefined;
      const middleware = middlewareMethods.has(callee.name.text) ? node.arguments[0] : undefined;
      if (middleware) middlewares.push(middleware);
      node = callee.expression;
    } else if (ts.isPropertyAccessExpression(node)) {
      node = node.expression;
    } else if (ts.isIdentifier(node)) {
      const declaration = getSymbol(node, context)?.valueDeclaration;
      if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
      node = declaration.initializer;
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** `initTRPC` imported from `@trpc/server`, by name or through a namespace import. */
function isTrpcBuilder(expression: ts.Expression, context: AnalysisContext): boolean {
  const { ts } = context;
  const node = skipOuterExpressions(expression, ts);
  if (ts.isIdentifier(node)) {
    const declaration = getSymbolAt(node, context)?.declarations?.[0];
    return declaration !== undefined && ts.isImportSpecifier(declaration)
      && (declaration.propertyName ?? declaration.name).text === trpcContext.builderExport
      && isBuilderModule(declaration.parent.parent.parent.moduleSpecifier, ts);
  }
  if (ts.isPropertyAccessExpression(node) && node.name.text === trpcContext.builderExport && ts.isIdentifier(node.expression)) {
    const declaration = getSymbolAt(node.expression, context)?.declarations?.[0];
    return declaration !== undefined && ts.isNamespaceImport(declaration) && isBuilderModule(declaration.parent.parent.moduleSpecifier, ts);
  }
  return false;
}

function isBuilderModule(specifier: ts.Expression, typescript: typeof ts): boolean {
  return typescript.isStringLiteralLike(specifier) && builderModules.has(specifier.text);
}
