/**
 * Transactions a request middleware holds for the rest of the request: `app.use(async (req, res, next) =>
 * db.transaction(async (trx) => { req.trx = trx; await next(); }))`. The route handlers registered after it on the
 * same app or router (and the handlers of routers mounted there after it) run while that connection is held. They
 * usually reach the transaction through the request or AsyncLocalStorage, so only slow I/O is checked in them, as in
 * a transaction wrapper's callback. Handlers in this file only: a finding must land in the file being checked.
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';
import type { HeldConnection } from './held-connections.js';

import { routeRegistration, transactionMiddleware } from '../../knowledge/frameworks.js';
import { getFileNodes } from '../core/file-nodes.js';
import { getFunctionDeclaration } from '../core/resolve.js';
import { getSymbol } from '../core/symbols.js';
import { climbOuterExpressions, getEnclosingFunction, getMemberName, getOuterParent, skipOuterExpressions } from '../core/syntax.js';
import { getTransactionHeldConnections } from './held-connections.js';

export interface Registration {
  readonly call: ts.CallExpression;
  readonly method: string;
  /** The app or router: its symbol, or its text when it has none (`this.router`). */
  readonly receiver: ts.Symbol | string;
  readonly receiverText: string;
  /** The arguments after the path. */
  readonly handlers: readonly ts.Expression[];
}

const holdingCaches = new WeakMap<AnalysisContext, Map<ts.FunctionLikeDeclaration, HeldConnection | null>>();

export function findMiddlewareHeldHandlers(sourceFile: ts.SourceFile, context: AnalysisContext): HeldConnection[] {
  const registrations = findRegistrations(sourceFile, context);
  if (registrations.length === 0) return [];
  const held: HeldConnection[] = [];
  const seen = new Set<ts.Node>();
  const add = (handler: ts.Expression, transaction: HeldConnection, registration: Registration, middleware: ts.Expression): void => {
    const fn = getFunctionDeclaration(handler, context);
    if (!fn?.body || fn.getSourceFile() !== sourceFile || seen.has(fn)) return;
    seen.add(fn);
    const name = context.ts.isIdentifier(skipOuterExpressions(middleware, context.ts)) ? middleware.getText() : '…';
    held.push({
      library: transaction.library,
      form: 'request',
      call: registration.call,
      callText: `${registration.receiverText}.${registration.method}(${name})`,
      noun: 'request transaction',
      root: undefined,
      body: fn.body,
      start: fn.body.getStart(),
      end: fn.body.getEnd(),
    });
  };
  registrations.forEach((registration, index) => {
    const isUse = (transactionMiddleware.useMethods as readonly string[]).includes(registration.method);
    registration.handlers.forEach((middleware, position) => {
      // The last handler of a route (`router.get('/a', handler)`, also `map.get(key)`) runs before nothing else: its
      // transaction would cover no handler, so its function is not looked up (which can cost the type of `key`).
      if (!isUse && position === registration.handlers.length - 1) return;
      const transaction = getHoldingTransaction(middleware, context);
      if (!transaction) return;
      for (const handler of registration.handlers.slice(position + 1)) add(handler, transaction, registration, middleware);
      if (!isUse) return;
      const covers = getPathMatcher(registration.call, middleware, context);
      for (const later of registrations.slice(index + 1)) {
        if (later.receiver !== registration.receiver) continue;
        const path = getPath(later.call, context);
        const mounts = (transactionMiddleware.mountMethods as readonly string[]).includes(later.method);
        for (const handler of later.handlers) {
          if (covers(path)) add(handler, transaction, registration, middleware);
          if (!mounts) continue;
          for (const mounted of getMountedRegistrations(handler, registrations, context)) {
            if (!covers(joinPaths(path, getPath(mounted.call, context)))) continue;
            for (const mountedHandler of mounted.handlers) add(mountedHandler, transaction, registration, middleware);
          }
        }
      }
    });
  });
  return held;
}

/** `app.get('/a', h)`, `router.use(mw)`, `app.route('/', sub)`: calls of router methods on a named receiver. */
export function findRegistrations(sourceFile: ts.SourceFile, context: AnalysisContext): Registration[] {
  const { ts } = context;
  const methods = new Set<string>([...routeRegistration.methods, ...transactionMiddleware.mountMethods]);
  const registrations: Registration[] = [];
  for (const node of getFileNodes(sourceFile, ts).calls) {
    const member = getMemberName(skipOuterExpressions(node.expression, ts), ts);
    const receiver = member && skipOuterExpressions(member.object, ts);
    if (member && receiver && methods.has(member.name) && (ts.isIdentifier(receiver) || ts.isPropertyAccessExpression(receiver))) {
      const key = ts.isIdentifier(receiver) ? getSymbol(receiver, context) ?? receiver.text : receiver.getText();
      const first = node.arguments[0] && skipOuterExpressions(node.arguments[0], ts);
      const handlers = first && (ts.isStringLiteralLike(first) || ts.isTemplateExpression(first) || ts.isArrayLiteralExpression(first)) ? node.arguments.slice(1) : node.arguments;
      registrations.push({ call: node, method: member.name, receiver: key, receiverText: receiver.getText(), handlers });
    }
  }
  return registrations;
}

/** A registration's literal path (`'/invoices/*'`), `''` when it has none, undefined when it is not a literal. */
export function getPath(call: ts.CallExpression, context: AnalysisContext): string | undefined {
  const { ts } = context;
  const first = call.arguments[0] && skipOuterExpressions(call.arguments[0], ts);
  if (!first || ts.isFunctionLike(first) || ts.isIdentifier(first) || ts.isCallExpression(first)) return '';
  return ts.isStringLiteralLike(first) ? first.text : undefined;
}

export function joinPaths(prefix: string | undefined, path: string | undefined): string | undefined {
  if (prefix === undefined || path === undefined) return undefined;
  return `${prefix.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`.replace(/\/+$/, '') || '/';
}

/**
 * Which route paths a middleware registered with `use(path, mw)` runs for (paths relative to the router it is on):
 * every path without one (or with `*`, `/*`); with `'/invoices/*'`, `/invoices` and the paths under it; with
 * `'/invoices'`, the same for Express-style middleware and only `/invoices` itself for Hono's (frameworks.ts). A route
 * whose path is not literal only when the middleware runs for every path.
 */
export function getPathMatcher(call: ts.CallExpression, middleware: ts.Expression, context: AnalysisContext): (path: string | undefined) => boolean {
  const path = getPath(call, context);
  if (path === undefined) return () => false;
  if (path === '' || path === '*' || path === '/*') return () => true;
  const prefix = path.replace(/\/\*$/, '').replace(/\/+$/, '');
  const parameterCount = getFunctionDeclaration(middleware, context)?.parameters.length;
  const underneath = path.endsWith('*') || (parameterCount !== undefined && (transactionMiddleware.prefixPathParameterCounts as readonly number[]).includes(parameterCount));
  return (route) => route !== undefined && (route === (prefix || '/') || (underneath && route.startsWith(`${prefix}/`)));
}

/** The registrations of a router mounted by name (`app.use('/api', api)`), when they are in this file. */
function getMountedRegistrations(mounted: ts.Expression, registrations: readonly Registration[], context: AnalysisContext): Registration[] {
  const { ts } = context;
  const node = skipOuterExpressions(mounted, ts);
  if (!ts.isIdentifier(node)) return [];
  const symbol = getSymbol(node, context);
  return symbol ? registrations.filter((registration) => registration.receiver === symbol) : [];
}

/** The transaction a middleware holds while it calls its `next` (its last parameter), or passes it on. */
export function getHoldingTransaction(middleware: ts.Expression, context: AnalysisContext): HeldConnection | undefined {
  const fn = getFunctionDeclaration(middleware, context);
  if (!fn?.body) return undefined;
  let cache = holdingCaches.get(context);
  if (!cache) {
    cache = new Map();
    holdingCaches.set(context, cache);
  }
  let holding = cache.get(fn);
  if (holding === undefined) {
    holding = findHoldingTransaction(fn, context) ?? null;
    cache.set(fn, holding);
  }
  return holding ?? undefined;
}

function findHoldingTransaction(fn: ts.FunctionLikeDeclaration, context: AnalysisContext): HeldConnection | undefined {
  const { ts } = context;
  const count = fn.parameters.length;
  const awaitsNext = (transactionMiddleware.awaitingNextParameterCounts as readonly number[]).includes(count);
  if (!awaitsNext && !(transactionMiddleware.callbackNextParameterCounts as readonly number[]).includes(count)) return undefined;
  const next = fn.parameters.at(-1);
  const nextSymbol = next && ts.isIdentifier(next.name) ? getSymbol(next.name, context) : undefined;
  if (!nextSymbol) return undefined;
  const uses = findNextUses(fn, nextSymbol, context);
  if (uses.length === 0) return undefined;
  const inside = getTransactionHeldConnections(fn.getSourceFile(), context)
    .filter((held) => held.body.pos >= fn.pos && held.body.end <= fn.end);
  return inside.find((held) => {
    const holding = getHoldingFunction(held, context);
    return uses.some((use) => use.getStart() >= held.start && use.getEnd() <= held.end
      && (awaitsNext ? getEnclosingFunction(use, ts) === holding && isWaitedFor(use, ts) : isInWaitedPromise(use, holding, ts)));
  });
}

/** `await next()`, `return next()`, `=> next()`: the holding function goes on only once the call settles. */
function isWaitedFor(node: ts.Node, typescript: typeof ts): boolean {
  const parent = getOuterParent(node, typescript);
  return typescript.isAwaitExpression(parent) || typescript.isReturnStatement(parent) || (typescript.isArrowFunction(parent) && parent.body === climbOuterExpressions(node, typescript));
}

/** `next()` called in the executor of a promise the holding function waits for. */
function isInWaitedPromise(node: ts.Node, holding: ts.Node | undefined, typescript: typeof ts): boolean {
  const executor = getEnclosingFunction(node, typescript);
  if (!executor || getEnclosingFunction(executor, typescript) !== holding) return false;
  const creation = getOuterParent(executor, typescript);
  return typescript.isNewExpression(creation) && typescript.isIdentifier(creation.expression) && creation.expression.text === 'Promise'
    && isWaitedFor(creation, typescript);
}

/** Calls of `next` (`next()`, `await next()`) and calls it is handed to (`guard(c, next)`). */
function findNextUses(fn: ts.FunctionLikeDeclaration, symbol: ts.Symbol, context: AnalysisContext): ts.Node[] {
  const { ts } = context;
  const uses: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === symbol.name && getSymbol(node, context) === symbol) {
      const parent = getOuterParent(node, ts);
      if (ts.isCallExpression(parent) && (skipOuterExpressions(parent.expression, ts) === node || parent.arguments.some((argument) => skipOuterExpressions(argument, ts) === node))) {
        uses.push(parent);
      }
    }
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return uses;
}

/** The function whose own code runs while the connection is held: the transaction's callback, or the function that
 * acquired it. */
function getHoldingFunction(held: HeldConnection, context: AnalysisContext): ts.Node | undefined {
  const { ts } = context;
  return ts.isFunctionLike(held.body.parent) ? held.body.parent : getEnclosingFunction(held.body, ts);
}

