/** no-query-in-loop: a query that runs once per element of a collection (N+1), directly, lazily or through helpers. */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';
import type { Finding, RelatedLocation } from '../core/finding.js';
import type { ComputedFieldQuery } from './computed-fields.js';
import type { LoopContext } from './loop-context.js';
import type { QuerySite } from './query-sites.js';
import type { QuerySummary } from './query-summaries.js';

import { mayUseDatabase } from '../core/database-imports.js';
import { getFileNodes } from '../core/file-nodes.js';
import { getSymbolAt } from '../core/symbols.js';
import { skipOuterExpressions } from '../core/syntax.js';
import { hasFollowableImport } from '../core/untyped-imports.js';
import { getComputedFieldQuery } from './computed-fields.js';
import { dependsOnIteration, isConcurrencyLimited, sharesTransaction } from './loop-query-advice.js';
import { isFirstMatchSearch } from './first-match-search.js';
import { getLoopContext } from './loop-context.js';
import { isMemoised } from './query-guards.js';
import { describe, getQuerySite } from './query-sites.js';
import { getCallQuerySummary, isAwaitedOrReturned } from './query-summaries.js';

export type QueryInLoopMessageId = 'queryInLoop' | 'queryInRecordChain' | 'queryInCallback' | 'queryInFanOut' | 'queryInAsyncForEach' | 'queryInResolver';

const ruleId = 'no-query-in-loop';
const defaultAdvice = 'load all the rows in one query before the loop, or batch the calls with a DataLoader';
const defaultChainAdvice = 'load the whole chain in one query with a recursive CTE (`WITH RECURSIVE`), or keep the ancestors\' ids on each row and load them at once';

/** One query (or call of a querying helper) that runs once per element. */
interface LoopQuery {
  /** The flagged call, tagged template or awaited property. */
  readonly node: ts.Node;
  readonly loop: LoopContext;
  /** The query itself (inside the helper, for a helper call). */
  readonly site: QuerySite;
  /** `X.findByPk(…)` or `helper()`, for listing. */
  readonly label: string;
  readonly what: string;
  readonly related: readonly RelatedLocation[];
  /** The project function a helper call runs. */
  readonly callee?: ts.FunctionLikeDeclaration;
  /** Advice that fits this query better than its library's batching advice (a computed field's). */
  readonly advice?: string;
}

/**
 * One finding per loop: every query that runs once per element of the same loop (or of the same recursion)
 * is named in one finding, reported at the first of them, with the others as related locations.
 */
export function findQueriesInLoops(sourceFile: ts.SourceFile, context: AnalysisContext): Finding<QueryInLoopMessageId>[] {
  const { ts } = context;
  // Untyped, a file without database imports can only reach a query through a helper in a module read from disk.
  if (!context.typed && !hasFollowableImport(sourceFile, context) && !mayUseDatabase(sourceFile, context)) return [];
  const queries: LoopQuery[] = [];
  const seenStarts = new Set<number>();
  // Parents first, so a chain (`findUnique(…).posts()`) is reported once, for its outermost query.
  for (const node of getFileNodes(sourceFile, ts).invocationsAndAccesses) {
    const loop = mayBeQuerySite(node, context) ? getLoopContext(node, context) : undefined;
    const query = loop && getLoopQuery(node, loop, context);
    if (query && !seenStarts.has(query.node.getStart())) {
      seenStarts.add(query.node.getStart());
      queries.push(query);
    }
  }
  return groupByLoop(queries).map((group) => toFinding(group, context));
}

/**
 * Groups the queries by loop. A recursive walker (`walk(node)` calling `walk(child)` per child) is one
 * repetition: the loop holding the recursive call and every loop that calls into the recursion form one group.
 */
function groupByLoop(queries: readonly LoopQuery[]): LoopQuery[][] {
  const recursiveLoops = new Map<ts.Node, ts.Node>();
  for (const query of queries) {
    if (query.callee && query.node.pos >= query.callee.pos && query.node.end <= query.callee.end) recursiveLoops.set(query.loop.node, query.callee);
  }
  const recursions = new Set(recursiveLoops.values());
  const groups = new Map<ts.Node, LoopQuery[]>();
  for (const query of queries) {
    const key = recursiveLoops.get(query.loop.node) ?? (query.callee && recursions.has(query.callee) ? query.callee : query.loop.node);
    const group = groups.get(key);
    if (group) group.push(query);
    else groups.set(key, [query]);
  }
  return [...groups.values()].map((group) => group.sort((a, b) => a.node.getStart() - b.node.getStart()));
}

/** Calls, tagged templates and awaited property reads (lazy relations): the nodes that can run a query. */
function mayBeQuerySite(node: ts.Node, context: AnalysisContext): boolean {
  const { ts } = context;
  if (ts.isCallExpression(node) || ts.isTaggedTemplateExpression(node)) return true;
  return ts.isPropertyAccessExpression(node) && isAwaitedOrReturned(node, context);
}

/** The query a node runs once per element, itself or through a helper. */
function getLoopQuery(node: ts.Node, loop: LoopContext, context: AnalysisContext): LoopQuery | undefined {
  const { ts } = context;
  const site = getQuerySite(node, context);
  if (site) {
    if (site.batchedInSameTick && isSameTickFanOut(site.node, loop, context)) return undefined;
    // A walk up a chain that stops at the first ancestor that matches still runs one lookup per link on the way.
    if (runsEachStatement(site.node, loop, context) || (!loop.recordChain && isFirstMatchSearch(node, loop, context))) return undefined;
    if (isMemoised(node, loop.node, context)) return undefined;
    return { node, loop, site, label: site.description, what: describeSite(site), related: [] };
  }
  const computed = getComputedFieldQuery(node, context);
  if (computed) {
    if (computed.summary.site.batchedInSameTick && isSameTickFanOut(node, loop, context)) return undefined;
    if (isMemoised(node, loop.node, context)) return undefined;
    return {
      node,
      loop,
      site: computed.summary.site,
      label: describe(node, ts),
      what: describeComputedField(node, computed, context),
      related: [relatedQuery(computed.summary)],
      advice: computed.extension.advice,
    };
  }
  if (!ts.isCallExpression(node)) return undefined;
  const summary = getCallQuerySummary(node, context);
  if (!summary) return undefined;
  if (summary.site.batchedInSameTick && (loop.fanOut || loop.kind === 'resolver')) return undefined;
  if (!loop.recordChain && isFirstMatchSearch(node, loop, context)) return undefined;
  if (isMemoised(node, loop.node, context)) return undefined;
  return {
    node,
    loop,
    site: summary.site,
    label: `${describe(node.expression, ts)}()`,
    what: describeHelper(node, summary, context),
    related: [relatedQuery(summary)],
    callee: summary.callee,
  };
}

/**
 * `for (const statement of script.split(';')) await conn.execute(statement)`: each element is the SQL text itself,
 * a script of different statements, not one lookup per element that an `IN` list could batch.
 */
function runsEachStatement(site: ts.Node, loop: LoopContext, context: AnalysisContext): boolean {
  const { ts } = context;
  if (!ts.isCallExpression(site) || loop.kind !== 'loop' || !ts.isForOfStatement(loop.node)) return false;
  const first = site.arguments[0];
  const declarations = loop.node.initializer;
  const declaration = ts.isVariableDeclarationList(declarations) && declarations.declarations.length === 1 ? declarations.declarations[0] : undefined;
  if (!first || !declaration || !ts.isIdentifier(declaration.name)) return false;
  const argument = skipOuterExpressions(first, ts);
  if (!ts.isIdentifier(argument) || getSymbolAt(argument, context) !== getSymbolAt(declaration.name, context)) return false;
  return isSplitText(loop.node.expression, context);
}

/** `text.split(…)`, maybe filtered or trimmed element-wise: statements cut out of one string. */
function isSplitText(expression: ts.Expression, context: AnalysisContext): boolean {
  const { ts } = context;
  let node = skipOuterExpressions(expression, ts);
  if (ts.isIdentifier(node)) {
    const declaration = getSymbolAt(node, context)?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
    node = skipOuterExpressions(declaration.initializer, ts);
  }
  while (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    const method = node.expression.name.text;
    if (method === 'split') return true;
    if (method !== 'filter' && method !== 'map') return false;
    node = skipOuterExpressions(node.expression.expression, ts);
  }
  return false;
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
  return `\`${describe(call.expression, ts)}()\` runs a query${through} (\`${summary.site.description}\` in ${where(summary.site.node)})`;
}

/** `` `post.author` runs a query: the computed field `author` of `post` runs `base.user.findUnique(…)` (prisma.ts:7) ``. */
function describeComputedField(node: ts.Node, computed: ComputedFieldQuery, context: AnalysisContext): string {
  const through = computed.summary.through.map((name) => ` through \`${name}\``).join('');
  const kind = computed.method ? 'computed method' : 'computed field';
  const model = computed.model === computed.extension.allModels ? 'every model' : `\`${computed.model}\``;
  return `\`${describe(node, context.ts)}\` runs a query: the ${kind} \`${computed.field}\` of ${model} runs \`${computed.summary.site.description}\`${through} (${where(computed.summary.site.node)})`;
}

function where(node: ts.Node): string {
  const file = node.getSourceFile();
  return `${baseName(file.fileName)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
}

function relatedQuery(summary: QuerySummary): RelatedLocation {
  const node = summary.site.node;
  return { fileName: node.getSourceFile().fileName, start: node.getStart(), end: node.getEnd(), message: 'the query' };
}

function toFinding(group: readonly LoopQuery[], context: AnalysisContext): Finding<QueryInLoopMessageId> {
  const [first, ...others] = group as [LoopQuery, ...LoopQuery[]];
  const { node, loop } = first;
  const sourceFile = node.getSourceFile();
  const limited = group.some((query) => isConcurrencyLimited(query.node, query.loop, context));
  const shared = group.every((query) => sharesTransaction(query.node, query.loop, context));
  // One pool connection per element is only true of an unlimited fan-out outside a shared transaction.
  const fanOut = loop.fanOut && !limited && !shared ? loop.fanOut : undefined;
  const messageId: QueryInLoopMessageId = loop.kind === 'resolver' ? 'queryInResolver'
    : loop.unawaited ? 'queryInAsyncForEach'
    : fanOut ? 'queryInFanOut'
      : loop.kind === 'callback' ? 'queryInCallback' : loop.recordChain ? 'queryInRecordChain' : 'queryInLoop';
  const related = [...first.related];
  for (const other of others) {
    related.push(toRelated(other.node, `\`${other.label}\` also runs a query once per element`), ...other.related);
  }
  const rest = others.length === 0 ? undefined : listOthers(first.label, others);
  return {
    ruleId,
    messageId,
    data: {
      what: rest ? `${first.what}, and so ${rest.plural ? 'do' : 'does'} ${rest.text},` : first.what,
      item: loop.item,
      method: loop.method ?? '',
      fanOut: fanOut ?? '',
      advice: getAdvice(group, context),
    },
    fileName: sourceFile.fileName,
    start: node.getStart(),
    end: node.getEnd(),
    ...(related.length ? { related } : {}),
  };
}

/** Advice that fits the calls: hoist a query that does not change per element, one bulk insert for creates. */
function getAdvice(group: readonly LoopQuery[], context: AnalysisContext): string {
  const first = group[0]!;
  if (group.every((query) => query.loop.kind !== 'resolver' && !dependsOnIteration(query.node, query.loop, context))) {
    return `it does not depend on ${first.loop.item}, so hoist it out of the loop: run it once before the loop and reuse the result`;
  }
  const advice = first.advice;
  if (advice !== undefined && group.every((query) => query.advice === advice)) return advice;
  const library = first.site.library;
  if (first.loop.recordChain) return library.chainAdvice ?? defaultChainAdvice;
  const kind = first.site.kind;
  const byKind = kind && group.every((query) => query.site.kind === kind && query.site.library === library) ? library.batchAdviceByKind?.[kind] : undefined;
  return byKind ?? library.batchAdvice ?? defaultAdvice;
}

/**
 * The loop's other queries, each distinct call once: `` `b()` ``, `` `b()`, `c()` and 3 more ``; a call that reads as the
 * first (`run.update(…)` in both branches of an `if`) as `` another `run.update(…)` `` or `` 2 other `pool.query(…)` calls ``.
 */
function listOthers(firstLabel: string, others: readonly LoopQuery[]): { text: string; plural: boolean } {
  const labels = [...new Set(others.filter((other) => other.label !== firstLabel).map((other) => `\`${other.label}\``))];
  const repeats = others.filter((other) => other.label === firstLabel).length;
  const items = labels.slice(0, 3);
  if (labels.length > 3) items.push(`${labels.length - 3} more`);
  if (repeats === 1) items.push(`another \`${firstLabel}\``);
  if (repeats > 1) items.push(`${repeats} other \`${firstLabel}\` calls`);
  const text = items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
  return { text, plural: items.length > 1 || repeats > 1 };
}

function toRelated(node: ts.Node, message: string): RelatedLocation {
  return { fileName: node.getSourceFile().fileName, start: node.getStart(), end: node.getEnd(), message };
}

function baseName(fileName: string): string {
  return fileName.replace(/\\/g, '/').split('/').at(-1) ?? fileName;
}
