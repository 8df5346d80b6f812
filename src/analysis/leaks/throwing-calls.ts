/**
 * Which synchronous calls the leak walk treats as exception edges. An `await` always is one; a call that is not
 * awaited is one only when it is known to throw on bad input: a call the knowledge base lists (`JSON.parse`,
 * `assert`, a zod schema's `parse`), or a project function whose body throws where nothing inside it catches
 * (directly or through such calls). Any other synchronous call (`log.info`, `format(row)`) is assumed not to throw,
 * so code between an acquisition and its `try` is not reported for it.
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';

import { throwingGlobals, throwingModules } from '../../knowledge/throwing-calls.js';
import { getCallee } from '../core/called-functions.js';
import { getTypeOf } from '../core/constructed-types.js';
import { createContextMemo } from '../core/context-memo.js';
import { getDatabaseCallSites } from '../core/database-call-sites.js';
import { getImportBinding } from '../core/imported-names.js';
import { getSymbol, getSymbolAt } from '../core/symbols.js';
import { getMemberName, isNullishLiteral, skipOuterExpressions } from '../core/syntax.js';
import { findImportedFunction, findImportedValue } from '../core/untyped-imports.js';

/** How many project functions deep a throw is looked for (`handler` → `validate` → `fail`). */
const maxCallDepth = 4;
/** How many variables, fields and imports are followed back to the module a schema was built with. */
const maxOriginSteps = 6;

/**
 * How a call can throw: `always` (an unconditional `throw`, an assertion, a schema's check), `onInput` (a check on
 * what it is given: `JSON.parse`, a helper's `if (!valid) throw`), or `never` as far as the analysis knows.
 */
type ThrowSummary = 'never' | 'onInput' | 'always';

/** Can this call, not awaited, throw before it returns? */
export function mayThrowSynchronously(call: ts.CallExpression | ts.NewExpression, context: AnalysisContext): boolean {
  try {
    return throwsAt(call, context, 0);
  } catch {
    return false;
  }
}

/** A call that throws `onInput` is assumed to pass its checks when every argument is written in the call itself. */
function throwsAt(call: ts.CallExpression | ts.NewExpression, context: AnalysisContext, depth: number): boolean {
  const summary = getCallSummary(call, context, depth);
  return summary === 'always' || (summary === 'onInput' && !(call.arguments ?? []).every((argument) => isWrittenValue(argument, context.ts)));
}

function getCallSummary(call: ts.CallExpression | ts.NewExpression, context: AnalysisContext, depth: number): ThrowSummary {
  const { ts } = context;
  const known = getKnownThrowingCall(call, context);
  if (known !== 'never' || !ts.isCallExpression(call) || depth >= maxCallDepth) return known;
  if (getDatabaseCallSites(call.getSourceFile(), context).byNode.has(call)) return 'never';
  const fn = getCallee(call, context);
  const called = fn ? { fn, context } : findImportedFunction(call.expression, context);
  return called ? getFunctionSummary(called.fn, called.context, depth + 1) : 'never';
}

/** Per function: how calling it throws synchronously. Remembered per context. */
const functionSummaries = createContextMemo<ts.FunctionLikeDeclaration, ThrowSummary>();

function getFunctionSummary(fn: ts.FunctionLikeDeclaration, context: AnalysisContext, depth: number): ThrowSummary {
  const { ts } = context;
  const body = fn.body;
  // An async function or a generator turns a throw into a rejection or a later `next()`; awaits are edges already.
  if (!body || fn.asteriskToken || hasModifier(fn, ts.SyntaxKind.AsyncKeyword, ts)) return 'never';
  // `assertNever(x: never)`: the type system says the call is never reached.
  if (fn.parameters.some((parameter) => parameter.type?.kind === ts.SyntaxKind.NeverKeyword)) return 'never';
  const cache = functionSummaries.cacheOf(context);
  const known = cache.get(fn);
  if (known !== undefined) return known;
  cache.set(fn, 'never'); // recursion: a function that calls itself throws only if something else in it does
  const summary = getBodySummary(body, context, depth);
  cache.set(fn, summary);
  return summary;
}

/**
 * A `throw` or a throwing call in a function body that no `catch` inside it handles (nested functions do not run
 * here): `always` when it is reached on every path (outside branches, loops and catches), else `onInput`.
 */
function getBodySummary(body: ts.ConciseBody, context: AnalysisContext, depth: number): ThrowSummary {
  const { ts } = context;
  const summarize = (node: ts.Node, conditional: boolean): ThrowSummary => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return 'never';
    if (ts.isThrowStatement(node)) return conditional ? 'onInput' : 'always';
    if (ts.isTryStatement(node)) {
      const inTry = summarize(node.tryBlock, conditional);
      // A catch handles what its try throws, and runs (to rethrow, perhaps) only when the try can throw at all.
      const handled = node.catchClause ? (inTry === 'never' ? 'never' : summarize(node.catchClause.block, true)) : inTry;
      return node.finallyBlock ? maxSummary(handled, summarize(node.finallyBlock, conditional)) : handled;
    }
    let summary: ThrowSummary = 'never';
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && throwsAt(node, context, depth)) {
      summary = !conditional && getCallSummary(node, context, depth) === 'always' ? 'always' : 'onInput';
    }
    const branches = isBranching(node, ts);
    ts.forEachChild(node, (child) => {
      if (summary === 'always') return true;
      summary = maxSummary(summary, summarize(child, conditional || (branches && !isEvaluatedFirst(node, child, ts))));
      return undefined;
    });
    return summary;
  };
  return summarize(body, false);
}

function maxSummary(a: ThrowSummary, b: ThrowSummary): ThrowSummary {
  return a === 'always' || b === 'always' ? 'always' : a === 'onInput' || b === 'onInput' ? 'onInput' : 'never';
}

/** Nodes whose children (past the first, evaluated one) run on some paths only. */
function isBranching(node: ts.Node, typescript: typeof ts): boolean {
  if (typescript.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    return operator === typescript.SyntaxKind.AmpersandAmpersandToken || operator === typescript.SyntaxKind.BarBarToken
      || operator === typescript.SyntaxKind.QuestionQuestionToken;
  }
  return typescript.isIfStatement(node) || typescript.isConditionalExpression(node) || typescript.isSwitchStatement(node)
    || typescript.isIterationStatement(node, false) || typescript.isCatchClause(node);
}

/** The condition of an `if`, the left side of `&&`, the discriminant of a `switch`: evaluated on every path. */
function isEvaluatedFirst(node: ts.Node, child: ts.Node, typescript: typeof ts): boolean {
  if (typescript.isBinaryExpression(node)) return child === node.left;
  if (typescript.isIfStatement(node) || typescript.isSwitchStatement(node)) return child === node.expression;
  if (typescript.isConditionalExpression(node)) return child === node.condition;
  return false;
}

/** An argument written in the call: a literal, an object or array literal, a function. */
function isWrittenValue(argument: ts.Expression, typescript: typeof ts): boolean {
  const node = skipOuterExpressions(argument, typescript);
  return typescript.isStringLiteralLike(node) || typescript.isNumericLiteral(node) || typescript.isBigIntLiteral(node)
    || typescript.isObjectLiteralExpression(node) || typescript.isArrayLiteralExpression(node) || typescript.isRegularExpressionLiteral(node)
    || typescript.isArrowFunction(node) || typescript.isFunctionExpression(node)
    || node.kind === typescript.SyntaxKind.TrueKeyword || node.kind === typescript.SyntaxKind.FalseKeyword
    || isNullishLiteral(node, typescript);
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind, typescript: typeof ts): boolean {
  return typescript.canHaveModifiers(node) && (typescript.getModifiers(node)?.some((modifier) => modifier.kind === kind) ?? false);
}

/**
 * `JSON.parse(…)`, `new URL(…)` (`onInput`: a literal argument parses); `assert.equal(…)`, `invariant(…)`,
 * `Joi.attempt(…)`, `schema.parse(…)` (`always`: checking what they are given is their job, literal or not).
 */
function getKnownThrowingCall(call: ts.CallExpression | ts.NewExpression, context: AnalysisContext): ThrowSummary {
  return isGlobalThrowingCall(call, context) ? 'onInput' : isLibraryThrowingCall(call, context) ? 'always' : 'never';
}

function isGlobalThrowingCall(call: ts.CallExpression | ts.NewExpression, context: AnalysisContext): boolean {
  const { ts } = context;
  const callee = skipOuterExpressions(call.expression, ts);
  if (ts.isNewExpression(call)) return ts.isIdentifier(callee) && throwingGlobals.constructors.includes(callee.text) && isGlobal(callee, context);
  if (ts.isIdentifier(callee)) return throwingGlobals.functions.includes(callee.text) && isGlobal(callee, context);
  const member = getMemberName(callee, ts);
  const object = member ? skipOuterExpressions(member.object, ts) : undefined;
  return member !== undefined && object !== undefined && ts.isIdentifier(object)
    && throwingGlobals.members[object.text]?.includes(member.name) === true && isGlobal(object, context);
}

function isLibraryThrowingCall(call: ts.CallExpression | ts.NewExpression, context: AnalysisContext): boolean {
  const { ts } = context;
  if (!ts.isCallExpression(call)) return false;
  const callee = skipOuterExpressions(call.expression, ts);
  if (ts.isIdentifier(callee)) {
    const binding = getImportBinding(callee, context);
    return binding !== undefined && exportThrows(binding.module, binding.name === 'namespace' ? 'default' : binding.name);
  }
  const member = getMemberName(callee, ts);
  if (!member) return false;
  const object = skipOuterExpressions(member.object, ts);
  if (ts.isIdentifier(object)) {
    const binding = getImportBinding(object, context);
    if (binding && (binding.name === 'namespace' || binding.name === 'default' ? exportThrows(binding.module, member.name) : everyExportThrows(binding.module))) {
      return true;
    }
  }
  const modules = throwingModules.filter((definition) => definition.methods?.includes(member.name)).flatMap((definition) => definition.modules);
  if (modules.length === 0) return false;
  const origin = getOriginModule(member.object, context, 0);
  return origin !== undefined && modules.includes(origin);
}

function exportThrows(module: string, name: string): boolean {
  return throwingModules.some((definition) => definition.modules.includes(module) && (definition.everyExport === true || definition.exports?.includes(name) === true));
}

function everyExportThrows(module: string): boolean {
  return throwingModules.some((definition) => definition.modules.includes(module) && definition.everyExport === true);
}

/** `JSON`, `decodeURIComponent`: the language's own, not a local of that name. */
function isGlobal(identifier: ts.Identifier, context: AnalysisContext): boolean {
  const declarations = getSymbolAt(identifier, context)?.declarations ?? [];
  return declarations.every((declaration) => declaration.getSourceFile().isDeclarationFile);
}

/**
 * The module a value was built from: `z` in `z.object({ … }).strict()`, through variables, fields, written types
 * (`schema: ZodType`), imports of project modules, and with types, the package that declares the value's type.
 */
function getOriginModule(expression: ts.Expression, context: AnalysisContext, steps: number): string | undefined {
  const { ts } = context;
  if (steps > maxOriginSteps) return undefined;
  let node = skipOuterExpressions(expression, ts);
  while (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) break;
    node = skipOuterExpressions(node.expression, ts);
  }
  if (!ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node)) return undefined;
  const name = ts.isPropertyAccessExpression(node) ? node.name : node;
  const binding = ts.isIdentifier(node) ? getImportBinding(node, context) : undefined;
  if (binding && !binding.module.startsWith('.')) return binding.module;
  if (binding && !context.typed) {
    const imported = findImportedValue(binding.module, binding.name, node.getSourceFile().fileName, context);
    return imported ? getOriginModule(imported.expression, imported.context, steps + 1) : undefined;
  }
  const symbol = getSymbol(name, context);
  for (const declaration of symbol?.declarations ?? []) {
    const found = getDeclarationOrigin(declaration, context, steps);
    if (found) return found;
  }
  return context.typed ? getDeclaringPackage(node, context) : undefined;
}

function getDeclarationOrigin(declaration: ts.Declaration, context: AnalysisContext, steps: number): string | undefined {
  const { ts } = context;
  if (!ts.isVariableDeclaration(declaration) && !ts.isPropertyDeclaration(declaration) && !ts.isParameter(declaration)) return undefined;
  if (declaration.initializer) {
    const found = getOriginModule(declaration.initializer, context, steps + 1);
    if (found) return found;
  }
  const type = declaration.type;
  if (type && ts.isTypeReferenceNode(type)) {
    let root: ts.EntityName = type.typeName;
    while (ts.isQualifiedName(root)) root = root.left;
    const binding = getImportBinding(root, context);
    if (binding && !binding.module.startsWith('.')) return binding.module;
  }
  return undefined;
}

/** With types: the package whose declaration files declare the value's type (`node_modules/zod/…`). */
function getDeclaringPackage(node: ts.Expression, context: AnalysisContext): string | undefined {
  const type = getTypeOf(node, context);
  const symbol = type.aliasSymbol ?? type.getSymbol();
  for (const declaration of symbol?.declarations ?? []) {
    const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(declaration.getSourceFile().fileName);
    if (match?.[1]) return match[1];
  }
  return undefined;
}
