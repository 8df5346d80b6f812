/** Finds connections, transactions and sessions that some path of their function never releases. */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';
import type { Finding } from '../core/finding.js';
import type { Acquisition } from './acquisitions.js';
import type { LeakSuggestionMessageId } from './leak-suggestions.js';
import type { LeakPath } from './resource-flow.js';
import type { TrackedResource } from './resource-uses.js';

import { getSymbolAt } from '../core/symbols.js';
import { getMemberName, skipOuterExpressions } from '../core/syntax.js';
import { findAcquisitions, toCallText } from './acquisitions.js';
import { findEvidenceAcquisitions } from './evidence-acquisitions.js';
import { suggestLeakFixes } from './leak-suggestions.js';
import { findLeakPaths, held, notAcquired } from './resource-flow.js';
import { findCompletionOnlyRelease } from './response-listeners.js';
import { listensForKeptOpenEvents } from './resource-uses.js';

export type LeakedConnectionMessageId =
  | LeakSuggestionMessageId
  | 'leakOnException'
  | 'leakOnThrow'
  | 'leakOnReturn'
  | 'leakAtEnd'
  | 'leakOnNextIteration'
  | 'leakOnRejection'
  | 'neverReleased'
  | 'discarded'
  | 'leakBesideOwnRelease'
  | 'releasedOnlyOnFinish';

const ruleId = 'no-leaked-connection';

export function findLeakedConnections(sourceFile: ts.SourceFile, context: AnalysisContext): Finding<LeakedConnectionMessageId>[] {
  const findings: Finding<LeakedConnectionMessageId>[] = [];
  const reported = new Set<ts.Node>();
  const acquisitions = findAcquisitions(sourceFile, context);
  for (const acquisition of [...acquisitions, ...findEvidenceAcquisitions(sourceFile, context, acquisitions)]) {
    if (reported.has(acquisition.reportNode)) continue;
    const finding = toFinding(acquisition, sourceFile, context);
    if (finding) {
      findings.push(finding);
      reported.add(acquisition.reportNode);
    }
  }
  return findings;
}

function toFinding(acquisition: Acquisition, sourceFile: ts.SourceFile, context: AnalysisContext): Finding<LeakedConnectionMessageId> | undefined {
  const holder = acquisition.holder;
  const base = { ruleId, fileName: sourceFile.fileName, start: acquisition.reportNode.getStart(sourceFile), end: acquisition.reportNode.getEnd() };
  const data = { noun: acquisition.resource.noun, acquire: acquisition.acquireText };
  if (holder.type === 'handedOff') return undefined;
  if (holder.type === 'discarded') {
    return { ...base, messageId: 'discarded', data: { ...data, release: getReleaseText(acquisition, 'it', undefined, context) } };
  }
  const tracked = toTrackedResource(acquisition, context);
  if (!tracked) return undefined;
  const fn = holder.type === 'variable' ? holder.scope : holder.callback;
  if (listensForKeptOpenEvents(fn, tracked.resource, context)) return undefined;
  const result = findLeakPaths(fn, holder.type === 'variable' ? notAcquired : held, tracked.resource, context);
  const leak = result.leaks.toSorted((a, b) => a.origin.getStart(sourceFile) - b.origin.getStart(sourceFile))[0];
  if (!leak) return toCompletionOnlyFinding(fn, tracked.resource, base, { ...data, name: tracked.name }, sourceFile, context);
  const named = { ...data, name: tracked.name, release: getReleaseText(acquisition, tracked.name, tracked.releaseName, context) };
  const related = [{ fileName: sourceFile.fileName, start: leak.origin.getStart(sourceFile), end: leak.origin.getEnd(), message: describeLeakPath(leak) }];
  if (acquisition.evidence) {
    const line = sourceFile.getLineAndCharacterOfPosition(leak.origin.getStart(sourceFile)).line + 1;
    return { ...base, messageId: 'leakBesideOwnRelease', data: { name: tracked.name, acquire: acquisition.acquireText,
      release: acquisition.evidence.releaseText, releaseLine: acquisition.evidence.releaseLine, line, path: describeLeakPath(leak) }, related };
  }
  const suggestions = suggestLeakFixes(tracked.resource, tracked.name, result.leaks, context);
  const withSuggestions = suggestions.length > 0 ? { suggestions } : {};
  if (!result.everReleased) return { ...base, messageId: 'neverReleased', data: named, related, ...withSuggestions };
  const line = sourceFile.getLineAndCharacterOfPosition(leak.origin.getStart(sourceFile)).line + 1;
  return { ...base, messageId: toMessageId(leak), data: { ...named, line, call: getThrowingCallText(leak.origin, context) }, related, ...withSuggestions };
}

/** Released only in `res.on('finish', …)`: every path of the function hands the release to that listener, which an
 * aborted request never calls. */
function toCompletionOnlyFinding(
  fn: ts.FunctionLikeDeclaration,
  tracked: TrackedResource,
  base: Pick<Finding<LeakedConnectionMessageId>, 'ruleId' | 'fileName' | 'start' | 'end'>,
  data: { noun: string; acquire: string; name: string },
  sourceFile: ts.SourceFile,
  context: AnalysisContext,
): Finding<LeakedConnectionMessageId> | undefined {
  const registration = findCompletionOnlyRelease(fn, tracked, context);
  if (!registration) return undefined;
  const event = registration.arguments[0];
  const line = sourceFile.getLineAndCharacterOfPosition(registration.getStart(sourceFile)).line + 1;
  const related = [{ fileName: sourceFile.fileName, start: registration.getStart(sourceFile), end: registration.getEnd(),
    message: 'this listener is not called when the client aborts the request' }];
  return { ...base, messageId: 'releasedOnlyOnFinish', data: { ...data, line, event: event && context.ts.isStringLiteralLike(event) ? event.text : 'finish',
    emitter: registration.expression.getText(sourceFile).replace(/\s+/g, '') }, related };
}

function toTrackedResource(
  acquisition: Acquisition,
  context: AnalysisContext,
): { resource: TrackedResource; name: string; releaseName?: string } | undefined {
  const { ts } = context;
  const holder = acquisition.holder;
  if (holder.type === 'variable') return { resource: { acquisition, symbols: new Set([holder.symbol]) }, name: holder.name };
  if (holder.type !== 'callback') return undefined;
  const parameters = holder.callback.parameters;
  const parameterSymbol = (index: number | undefined): ts.Symbol | undefined => {
    const parameter = index === undefined ? undefined : parameters[index];
    if (!parameter || !ts.isIdentifier(parameter.name)) return undefined;
    return getSymbolAt(parameter.name, context);
  };
  const resourceParameter = parameters[holder.parameters.resourceParameter];
  const resourceSymbol = parameterSymbol(holder.parameters.resourceParameter);
  if (!resourceParameter || !resourceSymbol || !ts.isIdentifier(resourceParameter.name)) return undefined;
  const releaseFunction = parameterSymbol(holder.parameters.releaseParameter);
  const errorParameter = parameterSymbol(holder.parameters.errorParameter);
  const releaseParameter = holder.parameters.releaseParameter === undefined ? undefined : parameters[holder.parameters.releaseParameter];
  return {
    resource: { acquisition, symbols: new Set([resourceSymbol]), ...(releaseFunction ? { releaseFunction } : {}), ...(errorParameter ? { errorParameter } : {}) },
    name: resourceParameter.name.text,
    ...(releaseParameter && ts.isIdentifier(releaseParameter.name) ? { releaseName: releaseParameter.name.text } : {}),
  };
}

function toMessageId(leak: LeakPath): LeakedConnectionMessageId {
  switch (leak.kind) {
    case 'exception': return 'leakOnException';
    case 'throw': return 'leakOnThrow';
    case 'return': return 'leakOnReturn';
    case 'iteration': return 'leakOnNextIteration';
    case 'end': return 'leakAtEnd';
    case 'rejection': return 'leakOnRejection';
  }
}

function describeLeakPath(leak: LeakPath): string {
  switch (leak.kind) {
    case 'exception': return 'if this throws, the resource is not released';
    case 'throw': return 'this throw leaves the function with the resource held';
    case 'return': return 'this return leaves the function with the resource held';
    case 'iteration': return 'the next iteration acquires again before releasing';
    case 'end': return 'the function ends with the resource held';
    case 'rejection': return 'if this promise rejects, the chain does not release the resource';
  }
}

/** `client.release()`, `pool.release(socket)` or `done()`: how to give this resource back. */
function getReleaseText(acquisition: Acquisition, name: string, releaseName: string | undefined, context: AnalysisContext): string {
  if (releaseName) return `${releaseName}()`;
  const resource = acquisition.resource;
  const method = resource.releasedBy[0];
  if (method) return `${name}.${method}()`;
  const passing = resource.releasedByPassingTo?.[0] ?? 'release';
  const member = getMemberName(skipOuterExpressions(acquisition.call.expression, context.ts), context.ts);
  const owner = member ? member.object.getText() : 'pool';
  return `${owner}.${passing}(${name})`;
}

/** For an exception path: the awaited call that may throw, as `client.query(…)`. */
function getThrowingCallText(origin: ts.Node, context: AnalysisContext): string {
  const { ts } = context;
  let node: ts.Node = origin;
  if (ts.isAwaitExpression(node)) node = skipOuterExpressions(node.expression, ts);
  if (ts.isCallExpression(node)) return toCallText(node, context);
  // A tagged template query (postgres.js): name the tag, since backticks cannot nest in a message.
  if (ts.isTaggedTemplateExpression(node)) return `${node.tag.getText()} query`;
  if (ts.isForOfStatement(node)) return 'for await';
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
