/** Where a file takes connections: acquiring calls, what holds the result, and what gives it back. */
import type * as ts from 'typescript';

import type { CallbackAcquireDefinition, ResourceDefinition } from '../../knowledge/library-definition.js';
import type { AnalysisContext } from '../core/analysis-context.js';
import type { CallTarget } from '../core/resolve.js';
import type { ReturnedAcquisition } from './function-summaries.js';

import { acquiringCalls, getAcquiringCallNames } from '../core/call-member-names.js';
import { createContextMemo } from '../core/context-memo.js';
import { createKnowledgeDiskMemo } from '../core/disk-memo.js';
import { getDatabaseCallSites } from '../core/database-call-sites.js';
import { getFileNodes } from '../core/file-nodes.js';
import { createMemberCallGate } from '../core/member-call-gate.js';
import { mayMention } from '../core/module-files.js';
import { getQuestionCallFilter } from '../core/plain-calls.js';
import { promiseChainMethods } from '../core/method-names.js';
import { getCallTarget, getFunctionDeclaration, skipReceiverReturningCalls } from '../core/resolve.js';
import { getAcquirePattern } from '../core/resource-vocabulary.js';
import { getSymbolAt } from '../core/symbols.js';
import { climbOuterExpressions, containsNode, getEnclosingFunction, skipOuterExpressions } from '../core/syntax.js';
import { answerForImportedFunction } from '../core/untyped-imports.js';
import { moduleReachesDatabase } from '../core/untyped-reach.js';
import { getAcquiredResource } from './acquired-resource.js';
import { getReturnedAcquisition, mayReturnAcquisition } from './function-summaries.js';

/** One acquisition: the call that takes the resource and how this function holds it. */
export interface Acquisition {
  /** The acquiring call. */
  readonly call: ts.CallExpression;
  /** Where to report: the call, or the `new Client()` that built a receiver-acquired resource. */
  readonly reportNode: ts.Node;
  readonly resource: ResourceDefinition;
  /** `pool.connect()`, for messages. */
  readonly acquireText: string;
  readonly holder: Holder;
  /** Found by the code's own release rather than by knowledge: where it releases the value. */
  readonly evidence?: { readonly releaseText: string; readonly releaseLine: number };
}

/** How the acquiring function holds the resource. */
export type Holder =
  | { readonly type: 'variable'; readonly symbol: ts.Symbol; readonly name: string; readonly scope: ts.FunctionLikeDeclaration }
  | { readonly type: 'callback'; readonly callback: ts.FunctionLikeDeclaration; readonly parameters: CallbackAcquireDefinition }
  | { readonly type: 'discarded' }
  /** Returned, stored in a field or outer variable, passed on, or disposed by `using`: not this function's duty. */
  | { readonly type: 'handedOff' };

/** Both the leak rule and the transaction rules' held connections ask for a file's acquisitions. */
const acquisitionsByFile = createContextMemo<ts.SourceFile, readonly Acquisition[]>();

/** Every acquisition in the file: library calls whose definition acquires, and calls of project functions
 * that return an acquired resource (the caller must release it). Memoized per context and file. */
export function findAcquisitions(sourceFile: ts.SourceFile, context: AnalysisContext): readonly Acquisition[] {
  return acquisitionsByFile.get(context, sourceFile, () => collectAcquisitions(sourceFile, context));
}

function collectAcquisitions(sourceFile: ts.SourceFile, context: AnalysisContext): Acquisition[] {
  const acquisitions: Acquisition[] = [];
  // No early return when the file has no library call: a helper from another module (`getConnection(pool)`)
  // may be its only acquisition.
  const sites = getDatabaseCallSites(sourceFile, context);
  const acquiring = sites.findCalls(getAcquiringCallNames(context.knowledge.libraries), getQuestionCallFilter(sourceFile, context, acquiringCalls));
  for (const site of acquiring) {
    if (!context.ts.isCallExpression(site.node)) continue;
    const acquisition = toLibraryAcquisition(site.node, site.target, context);
    if (acquisition) acquisitions.push(acquisition);
  }
  const { ts } = context;
  const localHelpersMayAcquire = context.typed || acquiring.some((site) => site.target.definition.acquires?.resource === 'result');
  for (const node of getFileNodes(sourceFile, ts).calls) {
    if (isRequire(node, ts)) continue;
    const acquisition = toHelperAcquisition(node, localHelpersMayAcquire, context);
    // A library call's own definition said what it does (above); whether it is one is asked last, as it can cost the
    // receiver's type.
    if (acquisition && !sites.byNode.has(node)) acquisitions.push(acquisition);
  }
  return acquisitions;
}

function toLibraryAcquisition(call: ts.CallExpression, target: CallTarget, context: AnalysisContext): Acquisition | undefined {
  const acquired = getAcquiredResource(call, target, context);
  if (!acquired) return undefined;
  const acquireText = toCallText(call, context);
  if (acquired.callback && acquired.callbackParameters) {
    return {
      call,
      reportNode: call,
      resource: acquired.resource,
      acquireText,
      holder: { type: 'callback', callback: acquired.callback, parameters: acquired.callbackParameters },
    };
  }
  if (target.definition.acquires?.resource === 'receiver') return toReceiverAcquisition(call, target, acquired.resource, acquireText, context);
  return { call, reportNode: call, resource: acquired.resource, acquireText, holder: getResultHolder(call, acquired.resource, context) };
}

function mayAcquire(fileName: string, context: AnalysisContext): boolean {
  return mayMention(fileName, getAcquirePattern(context.knowledge)) && moduleReachesDatabase(fileName, context);
}

/** Untyped: what the functions project modules export return, kept across linted files (an answer holds no tree). */
const getImportedAcquisitions = createKnowledgeDiskMemo<ReturnedAcquisition | null>();

// The summary can cost the types of what the function returns: asked only when its syntax allows an acquisition.
const mayCallAcquiringHelper = createMemberCallGate((fn, context) => mayReturnAcquisition(fn, context, (name) => mayCallAcquiringHelper.mayName(name, context))
  && getReturnedAcquisition(fn, context) !== undefined);

/**
 * `localHelpersMayAcquire`: untyped, the file's own program holds only its own functions, whose returned acquisitions
 * end at an acquiring library call of this file; with none, looking up each callee's declaration (a symbol from the
 * checker, costly in JavaScript) cannot find one.
 */
function toHelperAcquisition(call: ts.CallExpression, localHelpersMayAcquire: boolean, context: AnalysisContext): Acquisition | undefined {
  if (!mayCallAcquiringHelper(call.expression, context)) return undefined;
  const fn = localHelpersMayAcquire ? getFunctionDeclaration(call.expression, context) : undefined;
  if (fn && isInside(call, fn)) return undefined;
  // Untyped, a helper of another project module (`db.getClient()`), read from disk in its own program. Most calls name
  // no such helper, and parsing each module is costly: only one whose text names an acquiring call (`connect`) and
  // whose imports lead to a database module can hold one.
  const returned = fn ? getReturnedAcquisition(fn, context) : answerForImportedFunction(call.expression, context, {
    memo: getImportedAcquisitions(context.knowledge),
    mayHold: (fileName) => mayAcquire(fileName, context),
    answer: (imported) => getReturnedAcquisition(imported.fn, imported.context),
  });
  if (!returned) return undefined;
  return { call, reportNode: call, resource: returned.resource, acquireText: toCallText(call, context), holder: getResultHolder(call, returned.resource, context) };
}

/** `client.connect()`, `tx.begin()`: the receiver variable holds the connection from now on. */
function toReceiverAcquisition(
  call: ts.CallExpression,
  target: CallTarget,
  resource: ResourceDefinition,
  acquireText: string,
  context: AnalysisContext,
): Acquisition | undefined {
  const { ts } = context;
  const receiver = target.receiver ? skipReceiverReturningCalls(target.receiver, context) : undefined;
  const scope = getEnclosingFunction(call, ts, { stopAt: 'static-block' });
  if (receiver && scope && isThisField(receiver, ts)) return toFieldAcquisition(call, receiver, resource, acquireText, scope, context);
  if (!receiver || !scope || !ts.isIdentifier(receiver)) return undefined;
  const symbol = getSymbolAt(receiver, context);
  const declaration = symbol?.valueDeclaration;
  // A local variable, or a parameter the function begins a transaction on (`em.begin()`).
  const isLocal = declaration && (ts.isVariableDeclaration(declaration) ? getEnclosingFunction(declaration, ts, { stopAt: 'static-block' }) === scope
    : ts.isParameter(declaration) && declaration.parent === scope);
  if (!symbol || !declaration || !isLocal) return undefined;
  const initializer = ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuterExpressions(declaration.initializer, ts) : undefined;
  // `const client = (this.client = new Client())`: stored in a field too, so someone else may end it.
  if (initializer && ts.isBinaryExpression(initializer) && initializer.operatorToken.kind === ts.SyntaxKind.EqualsToken) return undefined;
  const reportNode = initializer && ts.isNewExpression(initializer) ? initializer : call;
  return { call, reportNode, resource, acquireText, holder: { type: 'variable', symbol, name: receiver.text, scope } };
}

/** What receives the value of an acquiring call. */
function getResultHolder(call: ts.CallExpression, resource: ResourceDefinition, context: AnalysisContext): Holder {
  const { ts } = context;
  const outer = climbOuterExpressions(call, ts, true);
  const parent = outer.parent;
  const scope = getEnclosingFunction(call, ts, { stopAt: 'static-block' });
  if (!scope) return { type: 'handedOff' };
  if (ts.isVariableDeclaration(parent) && parent.initializer === outer) {
    if (!ts.isIdentifier(parent.name)) return { type: 'handedOff' };
    const declarationKind: ts.NodeFlags = parent.parent.flags & ts.NodeFlags.BlockScoped;
    if (declarationKind === ts.NodeFlags.Using || declarationKind === ts.NodeFlags.AwaitUsing) return { type: 'handedOff' };
    const symbol = getSymbolAt(parent.name, context);
    return symbol ? { type: 'variable', symbol, name: parent.name.text, scope } : { type: 'handedOff' };
  }
  if (ts.isBinaryExpression(parent) && parent.right === outer && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    if (isThisField(parent.left, ts)) return toFieldHolder(parent.left, scope, resource, context) ?? { type: 'handedOff' };
    if (!ts.isIdentifier(parent.left)) return { type: 'handedOff' };
    const symbol = getSymbolAt(parent.left, context);
    const declaration = symbol?.valueDeclaration;
    if (!symbol || !declaration || getEnclosingFunction(declaration, ts, { stopAt: 'static-block' }) !== scope) return { type: 'handedOff' };
    return { type: 'variable', symbol, name: parent.left.text, scope };
  }
  if (ts.isExpressionStatement(parent) || ts.isVoidExpression(parent)) return { type: 'discarded' };
  if (isUsedInline(outer, context)) return { type: 'discarded' };
  // `pool.connect().then((client) => …)`: the callback holds the resource.
  const then = parent.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name.text === 'then' && ts.isCallExpression(then) && then.expression === parent) {
    const first = then.arguments[0];
    const callback = first ? getFunctionDeclaration(first, context) : undefined;
    if (callback) return { type: 'callback', callback, parameters: { resourceParameter: 0 } };
  }
  return { type: 'handedOff' };
}

/** `this.em.begin()` in a method that also commits or rolls back `this.em`: the method owns the transaction. */
function toFieldAcquisition(
  call: ts.CallExpression,
  field: ts.PropertyAccessExpression,
  resource: ResourceDefinition,
  acquireText: string,
  scope: ts.FunctionLikeDeclaration,
  context: AnalysisContext,
): Acquisition | undefined {
  const symbol = getSymbolAt(field.name, context);
  if (!symbol || !releasesField(scope, symbol, resource, context)) return undefined;
  return { call, reportNode: call, resource, acquireText, holder: { type: 'variable', symbol, name: `this.${field.name.text}`, scope } };
}

/** `this.trx = await this.db.transaction()` is kept for other methods, unless this method releases it itself. */
function toFieldHolder(field: ts.PropertyAccessExpression, scope: ts.FunctionLikeDeclaration, resource: ResourceDefinition, context: AnalysisContext): Holder | undefined {
  const symbol = getSymbolAt(field.name, context);
  if (!symbol || !releasesField(scope, symbol, resource, context)) return undefined;
  return { type: 'variable', symbol, name: `this.${field.name.text}`, scope };
}

/** Does the function itself release the field (`this.em.commit()`, `pool.release(this.conn)`)? */
function releasesField(scope: ts.FunctionLikeDeclaration, symbol: ts.Symbol, resource: ResourceDefinition, context: AnalysisContext): boolean {
  const { ts } = context;
  const isField = (node: ts.Node): boolean => {
    const inner = skipOuterExpressions(node as ts.Expression, ts);
    return isThisField(inner, ts) && getSymbolAt(inner.name, context) === symbol;
  };
  const releasesIt = (node: ts.Node): boolean => {
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
    const method = node.expression.name.text;
    const first = node.arguments[0];
    return (resource.releasedBy.includes(method) && isField(node.expression.expression))
      || (first !== undefined && resource.releasedByPassingTo?.includes(method) === true && isField(first));
  };
  return scope.body !== undefined && containsNode(scope.body, releasesIt, ts);
}

function isThisField(node: ts.Node, typescript: typeof ts): node is ts.PropertyAccessExpression {
  return typescript.isPropertyAccessExpression(node) && node.expression.kind === typescript.SyntaxKind.ThisKeyword;
}

/**
 * `(await pool.connect()).query(…)`, `dataSource.createQueryRunner().query(…)`: a method of the resource
 * called on the acquiring expression itself, so nothing keeps it to release afterwards.
 */
function isUsedInline(acquired: ts.Node, context: AnalysisContext): boolean {
  const { ts } = context;
  const access = acquired.parent;
  if (!ts.isPropertyAccessExpression(access) || access.expression !== acquired) return false;
  const call = access.parent;
  if (!ts.isCallExpression(call) || call.expression !== access) return false;
  // A promise's own methods are the chain, not a use (`pool.connect().then(…)`): only an awaited or synchronous
  // result is the resource itself.
  if (!ts.isAwaitExpression(skipOuterExpressions(acquired as ts.Expression, ts)) && promiseChainMethods.has(access.name.text)) return false;
  const target = getCallTarget(call, context);
  if (!target?.receiverKind?.object.resource || target.definition.acquires) return false;
  return !target.receiverKind.object.resource.releasedBy.includes(access.name.text);
}

/** `pool.connect()`, `pool.request().input(…).query(…)`: the call with its arguments elided, for messages. */
export function toCallText(call: ts.CallExpression, context: AnalysisContext): string {
  const text = toShortText(call, context.ts);
  return text.length > 60 ? `…${text.slice(-59)}` : text;
}

function toShortText(node: ts.Expression, typescript: typeof ts): string {
  if (typescript.isCallExpression(node)) return `${toShortText(node.expression, typescript)}(${node.arguments.length > 0 ? '…' : ''})`;
  if (typescript.isPropertyAccessExpression(node)) return `${toShortText(node.expression, typescript)}.${node.name.text}`;
  if (typescript.isElementAccessExpression(node)) return `${toShortText(node.expression, typescript)}[…]`;
  if (typescript.isParenthesizedExpression(node) || typescript.isAwaitExpression(node) || typescript.isNonNullExpression(node)) {
    return toShortText(node.expression, typescript);
  }
  if (typescript.isIdentifier(node) || node.kind === typescript.SyntaxKind.ThisKeyword) return node.getText();
  if (typescript.isTaggedTemplateExpression(node)) return `${toShortText(node.tag, typescript)}\`…\``;
  return '…';
}

function isInside(node: ts.Node, container: ts.Node): boolean {
  return node.pos >= container.pos && node.end <= container.end && node.getSourceFile() === container.getSourceFile();
}

function isRequire(call: ts.CallExpression, typescript: typeof ts): boolean {
  return typescript.isIdentifier(call.expression) && call.expression.text === 'require';
}

