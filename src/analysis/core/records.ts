/** Records a query returned (model instances, documents): which object kind an expression holds, by following
 * variables back to the query that produced them, or (typed) by the library class its type extends. */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';
import type { ObjectKind } from './knowledge-index.js';

import { getDatabaseCallSites } from './database-call-sites.js';
import { cannotHoldKind } from './call-return-types.js';
import { getTypeOf } from './constructed-types.js';
import { hasObjectLiteralType, holdsPlainValue } from './plain-values.js';
import { getSymbolAt } from './symbols.js';
import { skipOuterExpressions } from './syntax.js';

const maxSteps = 4;

/** The record kind of `expression` (`user` in `for (const user of await User.findAll())`), if known. */
export function getRecord(expression: ts.Expression, context: AnalysisContext): ObjectKind | undefined {
  try {
    if (holdsPlainValue(expression, context)) return undefined;
    return getRecordSyntactically(expression, context, 0) ?? getRecordByType(expression, context);
  } catch {
    return undefined;
  }
}

function getRecordSyntactically(expression: ts.Expression, context: AnalysisContext, steps: number): ObjectKind | undefined {
  const { ts } = context;
  if (steps > maxSteps) return undefined;
  const node = skipOuterExpressions(expression, ts);
  if (ts.isPropertyAccessExpression(node)) {
    // `author.books` on an entity: the kind its properties hold
    const owner = getRecordSyntactically(node.expression, context, steps + 1);
    const kind = owner && (owner.object.properties?.[node.name.text] ?? owner.object.otherProperties);
    return kind && owner ? context.knowledge.getKind(owner.library, kind) : undefined;
  }
  if (!ts.isIdentifier(node)) return undefined;
  const origin = getRecordOrigin(node, context);
  return origin ? getYieldedKind(origin, context, steps + 1) : undefined;
}

/**
 * The query call whose result a record comes from: `prisma.post.findMany()` for `post` in
 * `for (const post of await prisma.post.findMany())` or `posts.map((post) => …)`.
 */
export function getRecordQuery(expression: ts.Expression, context: AnalysisContext): ts.CallExpression | undefined {
  const { ts } = context;
  let node = skipOuterExpressions(expression, ts);
  for (let steps = 0; steps <= maxSteps; steps++) {
    if (ts.isAwaitExpression(node)) node = skipOuterExpressions(node.expression, ts);
    if (ts.isCallExpression(node)) return node;
    const origin = ts.isIdentifier(node) ? getRecordOrigin(node, context) : undefined;
    if (!origin) return undefined;
    node = skipOuterExpressions(origin, ts);
  }
  return undefined;
}

/** What a name's records come from, one step back: the loop's collection, the initializer, or the collection whose
 * element-wise callback (`users.map((user) => …)`) takes it as first parameter. */
function getRecordOrigin(name: ts.Identifier, context: AnalysisContext): ts.Expression | undefined {
  const { ts } = context;
  const declaration = getSymbolAt(name, context)?.valueDeclaration;
  if (!declaration) return undefined;
  if (ts.isVariableDeclaration(declaration)) {
    const list = declaration.parent;
    const statement = list.parent;
    if ((ts.isForOfStatement(statement) || ts.isForInStatement(statement)) && statement.initializer === list) return statement.expression;
    return declaration.initializer;
  }
  if (ts.isParameter(declaration)) {
    const fn = declaration.parent;
    const call = fn.parent;
    if (fn.parameters[0] !== declaration || !ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return undefined;
    return call.expression.expression;
  }
  return undefined;
}

/** The kind of the records an expression's query yields: `await User.findAll()`, `users` holding one. */
function getYieldedKind(expression: ts.Expression, context: AnalysisContext, steps: number): ObjectKind | undefined {
  const { ts } = context;
  let node = skipOuterExpressions(expression, ts);
  if (ts.isAwaitExpression(node)) node = skipOuterExpressions(node.expression, ts);
  if (ts.isIdentifier(node)) return getRecordSyntactically(node, context, steps);
  const sites = getDatabaseCallSites(node.getSourceFile(), context).byNode;
  // Down the chain: `Model.find().sort().lean()` yields what `find` yields.
  while (ts.isCallExpression(node)) {
    const target = sites.get(node);
    const yields = target?.definition.yields;
    if (target && yields) return context.knowledge.getKind(target.library, yields);
    if (!ts.isPropertyAccessExpression(node.expression)) return undefined;
    node = skipOuterExpressions(node.expression.expression, ts);
  }
  return undefined;
}

/** Typed: a class type that extends a library class known as a record kind (`class User extends Model`). */
function getRecordByType(expression: ts.Expression, context: AnalysisContext): ObjectKind | undefined {
  if (!context.typed || hasObjectLiteralType(expression, context)) return undefined;
  // `customersById` from `indexById(rows)`, declared to return a `Map`: no type it can have is a record's, which its declared
  // types say without inference.
  if (cannotHoldKind(expression, context, (type) => findRecordKind(type, context) !== undefined, false)) return undefined;
  return findRecordKind(getTypeOf(expression, context), context);
}

function findRecordKind(start: ts.Type, context: AnalysisContext): ObjectKind | undefined {
  const { ts, checker, knowledge } = context;
  const seen = new Set<ts.Type>();
  const queue: ts.Type[] = [start];
  while (queue.length > 0 && seen.size < 16) {
    const type = queue.shift()!;
    if (seen.has(type)) continue;
    seen.add(type);
    if (type.isUnionOrIntersection()) {
      queue.push(...type.types);
      continue;
    }
    const symbol = type.getSymbol();
    if (!symbol) continue;
    for (const kind of knowledge.getKindsByTypeName(symbol.name)) {
      if (!kind.object.queryMethodPatterns) continue;
      if (symbol.declarations?.some((declaration) => knowledge.isLibraryFile(kind.library, declaration.getSourceFile().fileName))) return kind;
    }
    if (symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface)) {
      queue.push(...(checker.getBaseTypes(type as ts.InterfaceType) ?? []));
    }
  }
  return undefined;
}
