/**
 * Where a function holds a pool connection: a managed transaction's callback, and the span from an acquiring call
 * (`pool.connect()`, `createQueryRunner()`, `await knex.transaction()`, `sql.reserve()`) to its first release.
 */
import type * as ts from 'typescript';

import type { LibraryDefinition, ResourceDefinition } from '../../knowledge/library-definition.js';
import type { AnalysisContext, TypeScript } from '../core/analysis-context.js';
import type { ConnectionRoot } from './connection-roots.js';

import { findAcquisitions, toCallText } from '../leaks/acquisitions.js';
import { getTransactionCallNames, transactionCalls } from '../core/call-member-names.js';
import { getDatabaseCallSites } from '../core/database-call-sites.js';
import { getQuestionCallFilter } from '../core/plain-calls.js';
import { getPerItemCallback, isRunInPlace } from '../queries/loop-context.js';
import { getSymbol } from '../core/symbols.js';
import { climbOuterExpressions, getFunctionValue, getMemberName, getOuterParent, skipOuterExpressions } from '../core/syntax.js';
import { getConnectionRoot } from './connection-roots.js';
import { findMiddlewareHeldHandlers } from './middleware-transactions.js';
import { findWrappedCallbacks } from './transaction-wrappers.js';

export interface HeldConnection {
  readonly library: LibraryDefinition;
  /** `managed`: the library commits when the callback settles; `acquired`: held until released by the code;
   * `wrapped`: a callback given to a project function that runs it in a transaction (see transaction-wrappers);
   * `request`: a route handler that runs after a middleware holding a transaction (see middleware-transactions). */
  readonly form: 'managed' | 'acquired' | 'wrapped' | 'request';
  /** The call that took it: `db.transaction(…)`, `pool.connect()`, `dataSource.createQueryRunner()`. */
  readonly call: ts.CallExpression;
  readonly callText: string;
  /** An acquired resource's definition (its transaction control, its lazy connection). */
  readonly resource?: ResourceDefinition;
  /** A resource that connects at its first use: the call that uses it first (`runner.connect()`), where the connection
   * is taken; undefined when the code shows no such use, and the connection is taken somewhere we do not see. */
  readonly connectedBy?: ts.CallExpression;
  /** What holds it: `trx`, `client`; undefined when the callback takes no handle (`$transaction(async () => …)`). */
  readonly handleName?: string;
  readonly handleSymbol?: ts.Symbol;
  /** `transaction`, `client`, `query runner`, … for messages. */
  readonly noun: string;
  /** The pool (or client, or ORM) it was taken from. */
  readonly root: ConnectionRoot | undefined;
  /** The code that runs while it is held: a callback body, or a function body between `start` and `end`. */
  readonly body: ts.Node;
  readonly start: number;
  readonly end: number;
}

const caches = new WeakMap<AnalysisContext, WeakMap<ts.SourceFile, readonly HeldConnection[]>>();
const transactionCaches = new WeakMap<AnalysisContext, WeakMap<ts.SourceFile, readonly HeldConnection[]>>();
const ownCaches = new WeakMap<AnalysisContext, WeakMap<ts.SourceFile, readonly HeldConnection[]>>();

/** Every held connection of a file, memoized per context and file (both rules share them). */
export function getHeldConnections(sourceFile: ts.SourceFile, context: AnalysisContext): readonly HeldConnection[] {
  return memoizeByFile(caches, sourceFile, context, () => [...getTransactionHeldConnections(sourceFile, context), ...findMiddlewareHeldHandlers(sourceFile, context)]);
}

/** The connections the file's code holds in place: its own, and the callbacks it gives transaction wrappers (not the
 * route handlers a middleware's transaction covers). */
export function getTransactionHeldConnections(sourceFile: ts.SourceFile, context: AnalysisContext): readonly HeldConnection[] {
  return memoizeByFile(transactionCaches, sourceFile, context, () => [...getOwnHeldConnections(sourceFile, context), ...findWrappedCallbacks(sourceFile, context)]);
}

/** The connections the file's own code takes: managed transactions and acquisitions (not wrapped callbacks). */
export function getOwnHeldConnections(sourceFile: ts.SourceFile, context: AnalysisContext): readonly HeldConnection[] {
  return memoizeByFile(ownCaches, sourceFile, context, () => [...findManagedTransactions(sourceFile, context), ...findAcquiredConnections(sourceFile, context)]);
}

function memoizeByFile(
  cache: WeakMap<AnalysisContext, WeakMap<ts.SourceFile, readonly HeldConnection[]>>,
  sourceFile: ts.SourceFile,
  context: AnalysisContext,
  compute: () => readonly HeldConnection[],
): readonly HeldConnection[] {
  let byFile = cache.get(context);
  if (!byFile) {
    byFile = new WeakMap();
    cache.set(context, byFile);
  }
  let held = byFile.get(sourceFile);
  if (!held) {
    held = compute();
    byFile.set(sourceFile, held);
  }
  return held;
}

function findManagedTransactions(sourceFile: ts.SourceFile, context: AnalysisContext): HeldConnection[] {
  const { ts } = context;
  const held: HeldConnection[] = [];
  // Only a call given a function runs it in a transaction (`transaction(async (trx) => …)`): no other is resolved.
  const mayBe = getQuestionCallFilter(sourceFile, context, transactionCalls);
  const calls = getDatabaseCallSites(sourceFile, context).findCalls(getTransactionCallNames(context.knowledge.libraries), (node) =>
    mayBe(node) && getCallback(node, ts) !== undefined);
  for (const site of calls) {
    const transaction = site.target.definition.transaction;
    if (!transaction || !site.target.library.transactions || !ts.isCallExpression(site.node)) continue;
    const callback = getCallback(site.node, ts);
    if (!callback) continue;
    const handle = callback.parameters[transaction.handleParameter];
    const handleSymbol = handle && ts.isIdentifier(handle.name) ? getSymbol(handle.name, context) : undefined;
    const receiver = getMemberName(skipOuterExpressions(site.node.expression, ts), ts)?.object;
    held.push({
      library: site.target.library,
      form: 'managed',
      call: site.node,
      callText: toCallText(site.node, context),
      ...(handle && ts.isIdentifier(handle.name) ? { handleName: handle.name.text } : {}),
      ...(handleSymbol ? { handleSymbol } : {}),
      noun: 'transaction',
      root: receiver ? getConnectionRoot(receiver, { library: site.target.library }, context) : undefined,
      body: callback.body,
      start: callback.body.getStart(),
      end: callback.body.getEnd(),
    });
  }
  return held;
}

/** The function written as an argument of the call (`async (trx) => …`). */
function getCallback(call: ts.CallExpression, ts: TypeScript): ts.ArrowFunction | ts.FunctionExpression | undefined {
  for (const argument of call.arguments) {
    const callback = getFunctionValue(argument, ts);
    if (callback) return callback;
  }
  return undefined;
}

function findAcquiredConnections(sourceFile: ts.SourceFile, context: AnalysisContext): HeldConnection[] {
  const { ts } = context;
  const held: HeldConnection[] = [];
  const sites = getDatabaseCallSites(sourceFile, context).byNode;
  for (const acquisition of findAcquisitions(sourceFile, context)) {
    const target = sites.get(acquisition.call);
    // Only libraries whose transactions we know hold pool connections (not MongoDB sessions).
    if (!target?.library.transactions) continue;
    const holder = acquisition.holder;
    const receiver = target.receiver ?? getMemberName(skipOuterExpressions(acquisition.call.expression, ts), ts)?.object;
    const root = receiver ? getConnectionRoot(receiver, { library: target.library }, context) : undefined;
    const resource = acquisition.resource;
    const base = { library: target.library, form: 'acquired' as const, call: acquisition.call, callText: acquisition.acquireText, noun: resource.noun, resource, root };
    if (holder.type === 'variable') {
      const body = holder.scope.body;
      if (!body) continue;
      // A receiver-acquired resource (`client.connect()`) is its own root: a fresh connection, not a pool's; so is a
      // standalone connection (`mysql.createConnection()`).
      if (target.definition.acquires?.resource === 'receiver' || isStandaloneConnection(target.library, target.definition.returns, context)) continue;
      const connectedBy = resource.connectsOnFirstUse ? findFirstUse(body, holder.symbol, acquisition.call.getEnd(), context) : undefined;
      const start = (connectedBy ?? acquisition.call).getEnd();
      held.push({
        ...base,
        ...(connectedBy ? { connectedBy } : {}),
        handleName: holder.name,
        handleSymbol: holder.symbol,
        body,
        start,
        end: Math.min(findFirstRelease(body, holder.symbol, resource.releasedBy, start, context), getScopeEnd(holder.symbol, body, context)),
      });
    } else if (holder.type === 'callback') {
      const body = holder.callback.body;
      if (!body) continue;
      const parameter = holder.callback.parameters[holder.parameters.resourceParameter];
      const symbol = parameter && ts.isIdentifier(parameter.name) ? getSymbol(parameter.name, context) : undefined;
      const end = symbol ? findFirstRelease(body, symbol, acquisition.resource.releasedBy, body.getStart(), context) : body.getEnd();
      held.push({
        ...base,
        ...(parameter && ts.isIdentifier(parameter.name) ? { handleName: parameter.name.text } : {}),
        ...(symbol ? { handleSymbol: symbol } : {}),
        body,
        start: body.getStart(),
        end,
      });
    }
  }
  return held;
}

/** The call that first uses the resource after `from`: a call of one of its methods (`runner.connect()`,
 * `runner.manager.save(…)`) or a call it is passed to. Undefined when its first mention is no call (it is returned or
 * stored), or there is none. */
function findFirstUse(body: ts.Node, symbol: ts.Symbol, from: number, context: AnalysisContext): ts.CallExpression | undefined {
  const { ts } = context;
  let first: ts.Identifier | undefined;
  const visit = (node: ts.Node): void => {
    if (first || node.getEnd() <= from) return;
    if (ts.isIdentifier(node) && node.getStart() >= from && getSymbol(node, context) === symbol) {
      first = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  if (!first) return undefined;
  let node: ts.Node = first;
  for (;;) {
    const parent = getOuterParent(node, ts);
    const continues = (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent) || ts.isCallExpression(parent)) && parent.expression === climbOuterExpressions(node, ts);
    if (!continues) break;
    node = parent;
  }
  if (ts.isCallExpression(node)) return node;
  const parent = getOuterParent(node, ts);
  return ts.isCallExpression(parent) && parent.arguments.some((argument) => skipOuterExpressions(argument, ts) === node) ? parent : undefined;
}

function isStandaloneConnection(library: LibraryDefinition, kindName: string | undefined, context: AnalysisContext): boolean {
  return !!kindName && context.knowledge.getKind(library, kindName)?.object.pool?.singleConnection === true;
}

/** Where a `let`/`const` holding the resource goes out of scope: past the end of its block no code can use it (a
 * connection left there leaked, which no-leaked-connection reports), so e.g. the `catch` of the `try` that acquired
 * it holds nothing. */
function getScopeEnd(symbol: ts.Symbol, body: ts.Node, context: AnalysisContext): number {
  const { ts } = context;
  const declaration = symbol.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isVariableDeclarationList(declaration.parent)) return body.getEnd();
  if (!(declaration.parent.flags & ts.NodeFlags.BlockScoped)) return body.getEnd();
  for (let node: ts.Node = declaration.parent; node !== body && node.parent; node = node.parent) {
    if (ts.isBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) return node.getEnd();
    if (ts.isFunctionLike(node)) break;
  }
  return body.getEnd();
}

/** The start of the first call that gives the resource back after `from` (`client.release()`, `trx.commit()`) or of a
 * `return` that hands it to the caller, or the end of the body. The first one textually: a path that releases early and goes on holds nothing more we can see. */
function findFirstRelease(body: ts.Node, symbol: ts.Symbol, releasedBy: readonly string[], from: number, context: AnalysisContext): number {
  const { ts } = context;
  let end = body.getEnd();
  const visit = (node: ts.Node): void => {
    // Past the first release found nothing can come first: `pos` (before the node's trivia) prunes without scanning the
    // trivia for the node's start, and a node it lets through finds nothing earlier either.
    if (node.pos >= end) return;
    if (ts.isReturnStatement(node) && node.expression && node.getStart() >= from) {
      const returned = skipOuterExpressions(node.expression, ts);
      if (ts.isIdentifier(returned) && getSymbol(returned, context) === symbol) {
        end = Math.min(end, node.getStart());
        return;
      }
    }
    if (ts.isCallExpression(node) && node.getStart() >= from) {
      const member = getMemberName(skipOuterExpressions(node.expression, ts), ts);
      const object = member && skipOuterExpressions(member.object, ts);
      if (member && object && ts.isIdentifier(object) && releasedBy.includes(member.name) && getSymbol(object, context) === symbol) {
        end = Math.min(end, node.getStart());
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return end;
}

/**
 * One rule's findings over every node that runs while one of the file's connections is held: `check` sees each node
 * with the connection held there (the first one that yields a finding wins a node), `skip` leaves connections out.
 * In source order, one finding per node.
 */
export function findWhileHeld<F extends { readonly start: number }>(
  sourceFile: ts.SourceFile,
  context: AnalysisContext,
  check: (node: ts.Node, held: HeldConnection) => F | undefined,
  skip?: (held: HeldConnection) => boolean,
): F[] {
  const findings = new Map<number, F>();
  for (const held of getHeldConnections(sourceFile, context)) {
    if (skip?.(held)) continue;
    const { nodes, starts } = getNodesWhileHeld(held, sourceFile, context);
    nodes.forEach((node, index) => {
      const start = starts[index] as number;
      if (findings.has(start)) return;
      const finding = check(node, held);
      if (finding) findings.set(start, finding);
    });
  }
  return [...findings.values()].sort((a, b) => a.start - b.start);
}

interface NodesWhileHeld {
  readonly nodes: readonly ts.Node[];
  /** Each node's start, in the same order. */
  readonly starts: readonly number[];
}

/**
 * Both rules walk the same held connections, one rule after the other on the same file: one walk per connection, kept
 * while its file is the last one asked about. Kept with the connections (memoized per context), the lists held every
 * node of every transaction of a program's files until the program went.
 */
let lastFileWalks: { readonly sourceFile: ts.SourceFile; readonly byHeld: Map<HeldConnection, NodesWhileHeld> } | undefined;

function getNodesWhileHeld(held: HeldConnection, sourceFile: ts.SourceFile, context: AnalysisContext): NodesWhileHeld {
  if (lastFileWalks?.sourceFile !== sourceFile) lastFileWalks = { sourceFile, byHeld: new Map() };
  const nodesWhileHeld = lastFileWalks.byHeld;
  let found = nodesWhileHeld.get(held);
  if (!found) {
    const nodes: ts.Node[] = [];
    const starts: number[] = [];
    forEachNodeWhileHeld(held, (node, start) => {
      nodes.push(node);
      starts.push(start);
    }, context);
    found = { nodes, starts };
    nodesWhileHeld.set(held, found);
  }
  return found;
}

/**
 * Calls `visit` for every node that runs while the connection is held: inside the span, in the holding function or
 * in callbacks that run in place (`then`, `map`, a nested transaction), not in functions kept for later.
 */
function forEachNodeWhileHeld(held: HeldConnection, visit: (node: ts.Node, start: number) => void, context: AnalysisContext): void {
  const { ts } = context;
  const walk = (node: ts.Node): void => {
    if (node.getEnd() <= held.start) return;
    const start = node.getStart();
    if (start >= held.end) return;
    if (ts.isClassLike(node)) return;
    if (ts.isFunctionLike(node) && node !== held.body.parent && !isRunInPlace(node, context) && !getPerItemCallback(node, context)) return;
    if (start >= held.start) visit(node, start);
    ts.forEachChild(node, walk);
  };
  ts.forEachChild(held.body, walk);
}
