/**
 * Computed result fields (Prisma client extensions' `result` component): reading `post.author` on a record of the
 * extended client calls the field's `compute`, so a `compute` that queries runs one query per record read.
 */
import type * as ts from 'typescript';

import type { LibraryDefinition, ResultExtensionDefinition } from '../../knowledge/library-definition.js';
import type { AnalysisContext, TypeScript } from '../core/analysis-context.js';
import type { QuerySummary } from './query-summaries.js';

import { createContextMemo } from '../core/context-memo.js';
import { getDatabaseCallSites } from '../core/database-call-sites.js';
import { getRecordQuery } from '../core/records.js';
import { getFunctionDeclaration } from '../core/resolve.js';
import { getShorthandValueSymbol } from '../core/property-sources.js';
import { getSymbol } from '../core/symbols.js';
import { getMemberName, getReturnedExpressions, skipOuterExpressions } from '../core/syntax.js';
import { isExecuted } from './query-sites.js';
import { getFunctionQuerySummary } from './query-summaries.js';

/** A read of a computed field (or a call of a computed method) whose `compute` runs a query. */
export interface ComputedFieldQuery {
  readonly library: LibraryDefinition;
  readonly extension: ResultExtensionDefinition;
  /** The field's name and the model key it is declared under (`post`, or `$allModels`). */
  readonly field: string;
  readonly model: string;
  /** `compute` returns a function: the record calls it (`post.author()`). */
  readonly method: boolean;
  /** The query the field's computation runs, and the helpers it goes through. */
  readonly summary: QuerySummary;
}

/** Steps followed from a client back to its `$extends` calls (variables, factories, `??` fallbacks, chains). */
const maxSteps = 8;
/** Helper calls followed from `compute` to a query, as for any function's summary. */
const summaryDepth = 3;

const fieldQueries = createContextMemo<ts.Node, ComputedFieldQuery | undefined>();

/** The query `node` runs by reading a computed field (`await post.author`) or calling a computed method (`post.author()`). */
export function getComputedFieldQuery(node: ts.Node, context: AnalysisContext): ComputedFieldQuery | undefined {
  const { ts } = context;
  if (!context.knowledge.libraries.some((library) => library.resultExtensions)) return undefined;
  const callee = ts.isCallExpression(node) ? skipOuterExpressions(node.expression, ts) : undefined;
  const read = callee ?? node;
  if (!ts.isPropertyAccessExpression(read)) return undefined;
  if (!callee && ts.isCallExpression(read.parent) && skipOuterExpressions(read.parent.expression, ts) === read) return undefined;
  return fieldQueries.get(context, node, () => {
    try {
      return findComputedFieldQuery(read, callee !== undefined, context);
    } catch {
      return undefined;
    }
  });
}

function findComputedFieldQuery(read: ts.PropertyAccessExpression, called: boolean, context: AnalysisContext): ComputedFieldQuery | undefined {
  const { ts } = context;
  const query = getRecordQuery(read.expression, context);
  const target = query && getDatabaseCallSites(query.getSourceFile(), context).byNode.get(query);
  const extension = target?.library.resultExtensions;
  if (!target || !extension || !target.definition.query || !target.receiver) return undefined;
  // `client.post.findMany()`: the model is the client's property the query goes through.
  const delegate = getMemberName(skipOuterExpressions(target.receiver, ts), ts);
  if (!delegate) return undefined;
  const field = read.name.text;
  for (const component of findResultComponents(delegate.object, target.library, extension, context)) {
    const found = findCompute(component, delegate.name, field, extension, context);
    if (!found) continue;
    const returnedFunction = getReturnedExpressions(found.compute, ts).map((expression) => skipOuterExpressions(expression, ts))
      .find((expression): expression is ts.ArrowFunction | ts.FunctionExpression => ts.isArrowFunction(expression) || ts.isFunctionExpression(expression));
    // A method field runs when called, a value field when read; the other use runs nothing.
    if (called !== (returnedFunction !== undefined)) return undefined;
    const computation = returnedFunction ?? found.compute;
    const summary = getFunctionQuerySummary(computation, context, summaryDepth);
    if (!summary) return undefined;
    // A builder handed back unexecuted by a `compute` that is not async runs only when the read is awaited.
    if (!called && summary.site.lazyBuilder && summary.through.length === 0 && !isAsync(computation, ts) && !isExecuted(read, context)) return undefined;
    return { library: target.library, extension, field, model: found.model, method: called, summary };
  }
  return undefined;
}

const resultComponents = createContextMemo<ts.Node, readonly ts.ObjectLiteralExpression[]>();

/**
 * The `result` objects of the extensions a client was built with, the last applied first (it wins a conflict):
 * `base.$extends(a).$extends(b)` → b's, a's; through variables, imports, factory functions and `x ?? y`.
 */
function findResultComponents(client: ts.Expression, library: LibraryDefinition, extension: ResultExtensionDefinition, context: AnalysisContext): readonly ts.ObjectLiteralExpression[] {
  return resultComponents.get(context, client, () => {
    const found: ts.ObjectLiteralExpression[] = [];
    const seen = new Set<ts.Node>();
    const visit = (expression: ts.Expression, steps: number): void => {
      const { ts } = context;
      const node = skipOuterExpressions(expression, ts);
      if (steps > maxSteps || seen.has(node)) return;
      seen.add(node);
      if (ts.isIdentifier(node)) {
        const value = getDeclaredValue(node, context);
        if (value) visit(value, steps + 1);
        return;
      }
      if (ts.isBinaryExpression(node) && isFallbackOperator(node.operatorToken.kind, ts)) {
        visit(node.left, steps + 1);
        visit(node.right, steps + 1);
        return;
      }
      if (ts.isConditionalExpression(node)) {
        visit(node.whenTrue, steps + 1);
        visit(node.whenFalse, steps + 1);
        return;
      }
      if (!ts.isCallExpression(node)) return;
      const target = getDatabaseCallSites(node.getSourceFile(), context).byNode.get(node);
      if (target?.library === library && target.name === extension.method && target.receiver) {
        const argument = node.arguments[0];
        if (argument) found.push(...findExtensionResults(argument, extension, context, 0));
        visit(target.receiver, steps + 1);
        return;
      }
      // A factory (`const createClient = () => new PrismaClient().$extends(…)`): what it returns.
      const factory = getFunctionDeclaration(node.expression, context);
      if (factory) for (const returned of getReturnedExpressions(factory, ts)) visit(returned, steps + 1);
    };
    visit(client, 0);
    return found;
  });
}

/** The `result` objects of one extension: an object literal, a variable holding one, `Prisma.defineExtension(…)`,
 * or an extension function (`(client) => client.$extends({ result })`). */
function findExtensionResults(expression: ts.Expression, extension: ResultExtensionDefinition, context: AnalysisContext, steps: number): ts.ObjectLiteralExpression[] {
  const { ts } = context;
  const node = skipOuterExpressions(expression, ts);
  if (steps > maxSteps) return [];
  if (ts.isObjectLiteralExpression(node)) {
    const component = findPropertyValue(node, extension.component, context);
    const value = component && resolveObject(component, context);
    return value ? [value] : [];
  }
  if (ts.isIdentifier(node)) {
    const value = getDeclaredValue(node, context);
    return value ? findExtensionResults(value, extension, context, steps + 1) : [];
  }
  if (ts.isCallExpression(node)) {
    const name = getMemberName(skipOuterExpressions(node.expression, ts), ts)?.name
      ?? (ts.isIdentifier(node.expression) ? node.expression.text : undefined);
    const argument = node.arguments[0];
    if (!argument || name === undefined) return [];
    // `Prisma.defineExtension(ext)` hands back `ext`; inside an extension function, `client.$extends(ext)` applies it.
    if (extension.definers.includes(name) || name === extension.method) return findExtensionResults(argument, extension, context, steps + 1);
    return [];
  }
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
    return getReturnedExpressions(node, ts).flatMap((returned) => findExtensionResults(returned, extension, context, steps + 1));
  }
  return [];
}

/** The `compute` of `field` for `model` (or for every model) in one `result` object. */
function findCompute(
  component: ts.ObjectLiteralExpression,
  model: string,
  field: string,
  extension: ResultExtensionDefinition,
  context: AnalysisContext,
): { compute: ts.FunctionLikeDeclaration; model: string } | undefined {
  const { ts } = context;
  for (const property of component.properties) {
    const key = getPropertyName(property, ts);
    // Models are keyed by their client property (`post`, `userProfile`); Prisma also takes the model's own name.
    if (key === undefined || (key !== extension.allModels && lowerFirst(key) !== lowerFirst(model))) continue;
    const models = getPropertyValue(property, context);
    const fields = models && resolveObject(models, context);
    const definition = fields && findPropertyValue(fields, field, context);
    const object = definition && resolveObject(definition, context);
    if (!object) continue;
    const compute = object.properties.find((candidate) => getPropertyName(candidate, ts) === extension.compute);
    if (compute && ts.isMethodDeclaration(compute) && compute.body) return { compute, model: key };
    const value = compute && ts.isPropertyAssignment(compute) ? skipOuterExpressions(compute.initializer, ts) : undefined;
    if (value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value))) return { compute: value, model: key };
  }
  return undefined;
}

/** An object literal, or the one a name was declared with. */
function resolveObject(expression: ts.Expression, context: AnalysisContext): ts.ObjectLiteralExpression | undefined {
  const { ts } = context;
  let node = skipOuterExpressions(expression, ts);
  if (ts.isIdentifier(node)) {
    const value = getDeclaredValue(node, context);
    node = value ? skipOuterExpressions(value, ts) : node;
  }
  return ts.isObjectLiteralExpression(node) ? node : undefined;
}

function findPropertyValue(object: ts.ObjectLiteralExpression, name: string, context: AnalysisContext): ts.Expression | undefined {
  const property = object.properties.find((candidate) => getPropertyName(candidate, context.ts) === name);
  return property && getPropertyValue(property, context);
}

/** `key: value`, or the value the name of a shorthand `{ dto }` was declared with. */
function getPropertyValue(property: ts.ObjectLiteralElementLike, context: AnalysisContext): ts.Expression | undefined {
  const { ts } = context;
  if (ts.isPropertyAssignment(property)) return property.initializer;
  return ts.isShorthandPropertyAssignment(property) ? getDeclaredValue(property, context) : undefined;
}

/** The value a name was declared with (`const name = …`, or the module's `export default …`), across imports. */
function getDeclaredValue(name: ts.Identifier | ts.ShorthandPropertyAssignment, context: AnalysisContext): ts.Expression | undefined {
  const { ts, checker } = context;
  let symbol = ts.isShorthandPropertyAssignment(name) ? getShorthandValueSymbol(name, context) : getSymbol(name, context);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias && context.typed) {
    try {
      symbol = checker.getAliasedSymbol(symbol);
    } catch {
      return undefined;
    }
  }
  const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  if (!declaration) return undefined;
  if (ts.isVariableDeclaration(declaration)) return declaration.initializer;
  return ts.isExportAssignment(declaration) ? declaration.expression : undefined;
}

function getPropertyName(property: ts.ObjectLiteralElementLike, ts: TypeScript): string | undefined {
  const name = property.name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name)) return name.text;
  return ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression) ? name.expression.text : undefined;
}

function isFallbackOperator(operator: ts.SyntaxKind, ts: TypeScript): boolean {
  return operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken;
}

function isAsync(fn: ts.FunctionLikeDeclaration, ts: TypeScript): boolean {
  return ts.canHaveModifiers(fn) && (ts.getModifiers(fn)?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword) ?? false);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
