/**
 * A resource released only in a listener for a response event that an aborted request never emits
 * (`res.on('finish', () => client.release())`): the walk counts the listener as the release, but a client that
 * hangs up gets 'close' without 'finish', and the connection stays checked out.
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';
import type { TrackedResource } from './resource-uses.js';

import { responseEvents } from '../../knowledge/response-events.js';
import { isResponseParameter } from '../core/request-handlers.js';
import { getSymbolAt } from '../core/symbols.js';
import { climbOuterExpressions, skipOuterExpressions } from '../core/syntax.js';
import { isReleaseCall } from './resource-uses.js';

const listenerMethods = new Set<string>(responseEvents.listenerMethods);
const completionOnlyEvents = new Set<string>(responseEvents.completionOnlyEvents);

/** The registration (`res.on('finish', …)`) when every release of the resource in `fn` runs only in listeners for a
 * completion-only event of a request's response; undefined when any release runs another way. */
export function findCompletionOnlyRelease(fn: ts.FunctionLikeDeclaration, tracked: TrackedResource, context: AnalysisContext): ts.CallExpression | undefined {
  const { ts } = context;
  if (!fn.body) return undefined;
  let registration: ts.CallExpression | undefined;
  let otherRelease = false;
  const visit = (node: ts.Node): void => {
    if (otherRelease) return;
    if (ts.isIdentifier(node) && tracked.releaseFunction && getSymbolAt(node, context) === tracked.releaseFunction && !isCallee(node, ts)) {
      otherRelease = true; // `done` handed somewhere as a value: it may run on any path
      return;
    }
    if (ts.isCallExpression(node) && isReleaseCall(node, tracked, context)) {
      const found = findCompletionOnlyListener(node, fn, context);
      if (found) registration ??= found;
      else otherRelease = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(fn.body);
  return otherRelease ? undefined : registration;
}

/** The completion-only registration of a function between `release` and `fn` that runs only as such a listener. */
function findCompletionOnlyListener(release: ts.Node, fn: ts.FunctionLikeDeclaration, context: AnalysisContext): ts.CallExpression | undefined {
  const { ts } = context;
  for (let node: ts.Node = release.parent; node !== fn; node = node.parent) {
    if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node) && !ts.isFunctionDeclaration(node)) continue;
    const registrations = getRegistrations(node, fn, context);
    if (registrations && registrations.length > 0 && registrations.every((call) => isCompletionOnlyRegistration(call, context))) return registrations[0];
  }
  return undefined;
}

/** Where a function literal is registered as a listener: as the argument itself, or through a local `const` every use
 * of which is a listener argument. Undefined when it is used any other way. */
function getRegistrations(listener: ts.FunctionLikeDeclaration, fn: ts.FunctionLikeDeclaration, context: AnalysisContext): ts.CallExpression[] | undefined {
  const { ts } = context;
  const outer = climbOuterExpressions(listener, ts);
  const direct = getListenerCall(outer, ts);
  if (direct) return [direct];
  const name = ts.isFunctionDeclaration(listener) ? listener.name
    : ts.isVariableDeclaration(outer.parent) && outer.parent.initializer === outer && ts.isIdentifier(outer.parent.name) ? outer.parent.name : undefined;
  const symbol = name ? getSymbolAt(name, context) : undefined;
  if (!name || !symbol || !fn.body) return undefined;
  const calls: ts.CallExpression[] = [];
  let elsewhere = false;
  const visit = (node: ts.Node): void => {
    if (elsewhere) return;
    if (ts.isIdentifier(node) && node !== name && getSymbolAt(node, context) === symbol) {
      const call = getListenerCall(climbOuterExpressions(node, ts), ts);
      if (call) calls.push(call);
      else elsewhere = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(fn.body);
  return elsewhere ? undefined : calls;
}

/** `emitter.on(event, <node>)`: the call when `node` is its listener argument. */
function getListenerCall(node: ts.Node, typescript: typeof ts): ts.CallExpression | undefined {
  const call = node.parent;
  if (!typescript.isCallExpression(call) || call.arguments[1] !== node || !typescript.isPropertyAccessExpression(call.expression)) return undefined;
  return listenerMethods.has(call.expression.name.text) ? call : undefined;
}

function isCompletionOnlyRegistration(call: ts.CallExpression, context: AnalysisContext): boolean {
  const { ts } = context;
  const [event] = call.arguments;
  if (!event || !ts.isStringLiteralLike(event) || !completionOnlyEvents.has(event.text)) return false;
  return ts.isPropertyAccessExpression(call.expression) && isResponseParameter(skipOuterExpressions(call.expression.expression, ts), context);
}

function isCallee(node: ts.Identifier, typescript: typeof ts): boolean {
  const outer = climbOuterExpressions(node, typescript);
  return typescript.isCallExpression(outer.parent) && outer.parent.expression === outer;
}
