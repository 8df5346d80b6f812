/**
 * Request transactions a middleware opens for routers mounted from other files: `invoices.use('*', authMiddleware)`
 * then `invoices.route('/', stripeRoutes)`, whose handlers live in another file and call a service that awaits a
 * payment API. Nothing in the handler's file or the service's shows the transaction (it reaches them through
 * AsyncLocalStorage or the request), so slow I/O found this way is reported at the slow call itself, naming the way
 * back to the handler and the middleware. Reading every file's route registrations needs the whole program: only a
 * host that scans one (the CLI) asks for these (`context.wholeProgram`). Handlers in the middleware's own file are
 * middleware-transactions.ts's, reported in that file.
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';
import type { Finding } from '../core/finding.js';
import type { HeldConnection } from './held-connections.js';
import type { Registration } from './middleware-transactions.js';

import { transactionMiddleware } from '../../knowledge/frameworks.js';
import { createContextMemo } from '../core/context-memo.js';
import { mayHoldDatabaseCalls } from '../core/reachable-files.js';
import { getFunctionDeclaration } from '../core/resolve.js';
import { getSymbol } from '../core/symbols.js';
import { skipOuterExpressions } from '../core/syntax.js';
import { getPerItemCallback, isRunInPlace } from '../queries/loop-context.js';
import { describe, isExecuted } from '../queries/query-sites.js';
import { describeThrough, describeWhere, relatedHeld, relatedNode } from './held-description.js';
import { findRegistrations, getHoldingTransaction, getPath, getPathMatcher, joinPaths } from './middleware-transactions.js';
import { describeSlowCall, getSlowIoCall } from './slow-io-calls.js';
import { getCalledFunctions, getSlowIoUse } from './transaction-summaries.js';

/** A route handler in another file than the middleware that holds a transaction around it. */
interface AmbientHandler {
  readonly handler: ts.FunctionLikeDeclaration;
  readonly route: Registration;
  readonly transaction: HeldConnection;
  readonly middleware: ts.Expression;
  readonly use: Registration;
}

const maxMountDepth = 4;
const registrationsByFile = createContextMemo<ts.SourceFile, readonly Registration[]>();
const findingsByProgram = createContextMemo<ts.Program, ReadonlyMap<string, readonly Finding<'ioInAmbientTransaction'>[]>>();

/** The slow I/O findings of the program's ambient request transactions that land in this file. */
export function findAmbientIo(sourceFile: ts.SourceFile, context: AnalysisContext): readonly Finding<'ioInAmbientTransaction'>[] {
  if (!context.wholeProgram) return [];
  return getAmbientIoByFile(context).get(sourceFile.fileName) ?? [];
}

/** The files these findings land in. A service that only calls an SDK imports no database module, so the CLI's
 * import prefilter would skip the file its finding lands in; the CLI analyses these files too. */
export function getAmbientIoFiles(context: AnalysisContext): ReadonlySet<string> {
  return context.wholeProgram ? new Set(getAmbientIoByFile(context).keys()) : new Set();
}

function getAmbientIoByFile(context: AnalysisContext): ReadonlyMap<string, readonly Finding<'ioInAmbientTransaction'>[]> {
  // Summaries are memoized per context, and a call cycle cut short depends on where the walk entered it: a context
  // of its own keeps this pass from changing what the per-file analysis finds.
  // A request transaction is a database call: a program that cannot hold one (a frontend's) has no middleware to
  // look for, and asking each `.use(…)` would build its checker for nothing.
  return findingsByProgram.get(context, context.program, () => (mayHoldDatabaseCalls(context) ? findAllAmbientIo({ ...context }) : new Map()));
}

function findAllAmbientIo(context: AnalysisContext): ReadonlyMap<string, readonly Finding<'ioInAmbientTransaction'>[]> {
  const byFile = new Map<string, Finding<'ioInAmbientTransaction'>[]>();
  const reported = new Set<ts.Node>();
  for (const ambient of findAmbientHandlers(context)) {
    forEachNodeOfHandler(ambient.handler, context, (node) => {
      const found = findSlowIo(node, context);
      if (!found || reported.has(found.node)) return;
      reported.add(found.node);
      const finding = toFinding(found, ambient, context);
      const list = byFile.get(finding.fileName) ?? [];
      list.push(finding);
      byFile.set(finding.fileName, list);
    });
  }
  return byFile;
}

interface FoundIo {
  readonly node: ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression;
  readonly what: string;
  readonly io: string;
  /** The handler's call, then the helpers' calls, down to the slow call. */
  readonly through: readonly string[];
}

function findSlowIo(node: ts.Node, context: AnalysisContext): FoundIo | undefined {
  const { ts } = context;
  const direct = getSlowIoCall(node, context);
  if (direct) return { node: direct.node, what: describeSlowCall(direct, context), io: direct.io, through: [] };
  if (!ts.isCallExpression(node) || !isExecuted(node, context)) return undefined;
  for (const called of getCalledFunctions(node, context)) {
    const use = getSlowIoUse(called.fn, called.context);
    if (use) return { node: use.call.node, what: use.description, io: use.call.io, through: [`${describe(node.expression, ts)}()`, ...use.through] };
  }
  return undefined;
}

function toFinding(found: FoundIo, ambient: AmbientHandler, context: AnalysisContext): Finding<'ioInAmbientTransaction'> {
  const { ts } = context;
  const middleware = skipOuterExpressions(ambient.middleware, ts);
  const routeText = `${ambient.route.receiverText}.${ambient.route.method}(${describeRoutePath(ambient.route.call, ts)})`;
  return {
    ruleId: 'no-io-in-transaction',
    messageId: 'ioInAmbientTransaction',
    data: {
      what: found.what,
      io: found.io,
      middleware: ts.isIdentifier(middleware) ? middleware.text : describe(middleware, ts),
      use: `${ambient.use.receiverText}.${ambient.use.method}(…)`,
      useWhere: describeWhere(ambient.use.call),
      route: routeText,
      routeWhere: describeWhere(ambient.route.call),
      through: describeThrough(found.through),
      advice: 'Run it outside the request\'s transaction: opt the route out of it, or make the call before the transaction opens or after it commits.',
    },
    fileName: found.node.getSourceFile().fileName,
    start: found.node.getStart(),
    end: found.node.getEnd(),
    related: [
      relatedNode(ambient.use.call, 'the middleware that holds a transaction for the request is registered here'),
      relatedHeld(ambient.transaction),
      relatedNode(ambient.route.call, 'the route handler that reaches the call'),
    ],
  };
}

/** `'/:id/pay-link'` for messages, or `…` when the route has no literal path. */
function describeRoutePath(call: ts.CallExpression, typescript: typeof ts): string {
  const first = call.arguments[0] && skipOuterExpressions(call.arguments[0], typescript);
  return first && typescript.isStringLiteralLike(first) ? `'${first.text}', …` : '…';
}

/** Every handler that runs behind a transaction-holding middleware but sits in another file than its registration. */
function findAmbientHandlers(context: AnalysisContext): AmbientHandler[] {
  const found: AmbientHandler[] = [];
  const seen = new Set<ts.Node>();
  for (const sourceFile of context.program.getSourceFiles()) {
    if (sourceFile.isDeclarationFile || sourceFile.fileName.includes('/node_modules/')) continue;
    if (!transactionMiddleware.useMethods.some((method) => sourceFile.text.includes(`.${method}(`))) continue;
    const registrations = getRegistrations(sourceFile, context);
    registrations.forEach((use, index) => {
      if (!(transactionMiddleware.useMethods as readonly string[]).includes(use.method)) return;
      for (const middleware of use.handlers) {
        const transaction = getHoldingTransaction(middleware, context);
        if (!transaction) continue;
        const add = (route: Registration, handler: ts.FunctionLikeDeclaration): void => {
          if (seen.has(handler)) return;
          seen.add(handler);
          found.push({ handler, route, transaction, middleware, use });
        };
        const covers = getPathMatcher(use.call, middleware, context);
        for (const later of registrations.slice(index + 1)) {
          if (later.receiver !== use.receiver || !(transactionMiddleware.mountMethods as readonly string[]).includes(later.method)) continue;
          const prefix = getPath(later.call, context);
          for (const mounted of later.handlers) collectMountedHandlers(mounted, sourceFile, context, 0, prefix, (route, handler, path) => {
            if (covers(path)) add(route, handler);
          });
        }
      }
    });
  }
  return found;
}

/** The handlers of a router mounted by name and declared in another file (`route('/', stripeRoutes)`), and of the
 * routers it mounts in turn. */
function collectMountedHandlers(
  mounted: ts.Expression,
  mountingFile: ts.SourceFile,
  context: AnalysisContext,
  depth: number,
  prefix: string | undefined,
  add: (route: Registration, handler: ts.FunctionLikeDeclaration, path: string | undefined) => void,
): void {
  const { ts } = context;
  const node = skipOuterExpressions(mounted, ts);
  if (depth > maxMountDepth || !ts.isIdentifier(node)) return;
  const symbol = getSymbol(node, context);
  const declaration = symbol?.valueDeclaration;
  if (!symbol || !declaration || !ts.isVariableDeclaration(declaration)) return;
  const routerFile = declaration.getSourceFile();
  if (routerFile === mountingFile || routerFile.isDeclarationFile) return;
  for (const registration of getRegistrations(routerFile, context)) {
    if (registration.receiver !== symbol) continue;
    const path = joinPaths(prefix, getPath(registration.call, context));
    for (const handler of registration.handlers) {
      if ((transactionMiddleware.mountMethods as readonly string[]).includes(registration.method) && ts.isIdentifier(skipOuterExpressions(handler, ts))) {
        collectMountedHandlers(handler, routerFile, context, depth + 1, path, add);
        continue;
      }
      const fn = getFunctionDeclaration(handler, context);
      if (fn?.body && fn.getSourceFile() === routerFile) add(registration, fn, path);
    }
  }
}

function getRegistrations(sourceFile: ts.SourceFile, context: AnalysisContext): readonly Registration[] {
  return registrationsByFile.get(context, sourceFile, () => findRegistrations(sourceFile, context));
}

/** The handler's own code and the callbacks it runs in place (not functions kept for later). */
function forEachNodeOfHandler(handler: ts.FunctionLikeDeclaration, context: AnalysisContext, visit: (node: ts.Node) => void): void {
  const { ts } = context;
  const walk = (node: ts.Node): void => {
    if (ts.isClassLike(node)) return;
    if (ts.isFunctionLike(node) && !isRunInPlace(node, context) && !getPerItemCallback(node, context)) return;
    visit(node);
    ts.forEachChild(node, walk);
  };
  if (handler.body) ts.forEachChild(handler.body, walk);
}
