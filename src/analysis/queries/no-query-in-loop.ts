/** no-query-in-loop: a query that runs once per element of a collection (N+1), directly, lazily or through helpers. */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';
import type { Finding, RelatedLocation } from '../core/finding.js';
import type { LoopContext } from './loop-context.js';
import type { QuerySite } from './query-sites.js';
import type { QuerySummary } from './query-summaries.js';

import { mayUseDatabase } from '../core/database-call-sites.js';
import { hasFollowableImport } from '../core/untyped-imports.js';
import { getLoopContext } from './loop-context.js';
import { describe, getQuerySite } from './query-sites.js';
import { getCallQuerySummary, isAwaitedOrReturned } from './query-summaries.js';

export type QueryInLoopMessageId = 'queryInLoop' | 'queryInCallback' | 'queryInFanOut' | 'queryInAsyncForEach' | 'queryInResolver';

const ruleId = 'no-query-in-loop';
const defaultAdvice = 'load all the rows in one query before the loop, or batch the calls with a DataLoader';

/** Every query site (or call of a querying helper) that runs once per element, reported at that site. */
export function findQueriesInLoops(sourceFile: ts.SourceFile, context: AnalysisContext): Finding<QueryInLoopMessageId>[] {
  const { ts } = context;
  // Untyped, a file without database imports can only reach a query through a helper in a module read from disk.
  if (!context.typed && !mayUseDatabase(sourceFile, context) && !hasFollowableImport(sourceFile, context)) return [];
  const findings: Finding<QueryInLoopMessageId>[] = [];
  const reportedStarts = new Set<number>();
  const visit = (node: ts.Node): void => {
    const loop = mayBeQuerySite(node, context) ? getLoopContext(node, context) : undefined;
    const finding = loop && getQueryInLoopFinding(node, loop, context);
    if (finding && !reportedStarts.has(finding.start)) {
      reportedStarts.add(finding.start);
      findings.push(finding);
    }
    ts.forEachChild(node, visit);
  };
  // Parents first, so a chain (`findUnique(…).posts()`) is reported once, for its outermost query.
  visit(sourceFile);
  return findings;
}

/** Calls, tagged templates and awaited property reads (lazy relations): the nodes that can run a query. */
function mayBeQuerySite(node: ts.Node, context: AnalysisContext): boolean {
  const { ts } = context;
  if (ts.isCallExpression(node) || ts.isTaggedTemplateExpression(node)) return true;
  return ts.isPropertyAccessExpression(node) && isAwaitedOrReturned(node, context);
}

/** The finding for a node that runs once per element, when it runs a query itself or through a helper. */
function getQueryInLoopFinding(node: ts.Node, loop: LoopContext, context: AnalysisContext): Finding<QueryInLoopMessageId> | undefined {
  const { ts } = context;
  const site = getQuerySite(node, context);
  if (site) {
    if (site.batchedInSameTick && isSameTickFanOut(site.node, loop, context)) return undefined;
    return toFinding(node, loop, site, describeSite(site), []);
  }
  if (!ts.isCallExpression(node)) return undefined;
  const summary = getCallQuerySummary(node, context);
  if (!summary) return undefined;
  if (summary.site.batchedInSameTick && (loop.fanOut || loop.kind === 'resolver')) return undefined;
  return toFinding(node, loop, summary.site, describeHelper(node, summary, context), [relatedQuery(summary)]);
}

/** Prisma-style batching: the call is issued synchronously in a callback whose results run through `Promise.all`. */
function isSameTickFanOut(site: ts.Node, loop: LoopContext, context: AnalysisContext): boolean {
  const { ts } = context;
  // GraphQL runs the resolvers of sibling objects in the same tick, like `Promise.all`.
  if (loop.kind === 'loop' || (loop.kind === 'callback' && !loop.fanOut)) return false;
  let awaitedBefore = false;
  const visit = (node: ts.Node): void => {
    if (awaitedBefore || node.getStart() >= site.getStart()) return;
    if (ts.isFunctionLike(node) && node !== loop.node) return;
    if (ts.isAwaitExpression(node) && node.end <= site.getStart()) awaitedBefore = true;
    ts.forEachChild(node, visit);
  };
  visit(loop.node);
  return !awaitedBefore;
}

function describeSite(site: QuerySite): string {
  return site.lazyRelation
    ? `Awaiting the lazy relation \`${site.description}\` runs a query`
    : `\`${site.description}\` runs a query`;
}

function describeHelper(call: ts.CallExpression, summary: QuerySummary, context: AnalysisContext): string {
  const { ts } = context;
  const through = summary.through.map((name) => ` through \`${name}\``).join('');
  const file = summary.site.node.getSourceFile();
  const line = file.getLineAndCharacterOfPosition(summary.site.node.getStart()).line + 1;
  const where = `${baseName(file.fileName)}:${line}`;
  return `\`${describe(call.expression, ts)}()\` runs a query${through} (\`${summary.site.description}\` in ${where})`;
}

function relatedQuery(summary: QuerySummary): RelatedLocation {
  const node = summary.site.node;
  return { fileName: node.getSourceFile().fileName, start: node.getStart(), end: node.getEnd(), message: 'the query' };
}

function toFinding(
  node: ts.Node,
  loop: LoopContext,
  site: QuerySite,
  what: string,
  related: RelatedLocation[],
): Finding<QueryInLoopMessageId> {
  const sourceFile = node.getSourceFile();
  const messageId: QueryInLoopMessageId = loop.kind === 'resolver' ? 'queryInResolver'
    : loop.unawaited ? 'queryInAsyncForEach'
    : loop.fanOut ? 'queryInFanOut'
      : loop.kind === 'callback' ? 'queryInCallback' : 'queryInLoop';
  return {
    ruleId,
    messageId,
    data: {
      what,
      item: loop.item,
      method: loop.method ?? '',
      fanOut: loop.fanOut ?? '',
      advice: site.library.batchAdvice ?? defaultAdvice,
    },
    fileName: sourceFile.fileName,
    start: node.getStart(),
    end: node.getEnd(),
    ...(related.length ? { related } : {}),
  };
}

function baseName(fileName: string): string {
  return fileName.replace(/\\/g, '/').split('/').at(-1) ?? fileName;
}
