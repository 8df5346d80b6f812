/** `no-unbounded-pool`: a pool with no size bound, a size over budget, an acquire wait that never times out,
 * or a wait queue without limit, as far as the options can be evaluated. */
import type * as ts from 'typescript';

import type { LimitDefinition, PoolLimits } from '../../knowledge/pool-definition.js';
import type { AnalysisContext } from '../core/analysis-context.js';
import type { DetectorOptions } from '../core/detector.js';
import type { Finding, RelatedLocation } from '../core/finding.js';
import type { LimitReading, PoolConfiguration, PoolSite } from './pool-sites.js';

import { getSymbolAt } from '../core/symbols.js';
import { skipOuterExpressions } from '../core/syntax.js';
import { suggestLimit } from './pool-limit-suggestions.js';
import { getPoolConfiguration, getPoolSites, isMoot, readLimit, worstReading } from './pool-sites.js';

export type UnboundedPoolMessageId = 'unboundedSize' | 'overBudget' | 'waitsForever' | 'unboundedQueue' | 'unknownLimit' | 'rejectedValue' | 'setLimit';

export type UnboundedPoolOptions = {
  /** Connections one pool may open (default: `settings.poolguard.maxPoolSize`, else 100). */
  readonly maxPoolSize?: number;
  /** Also report limits read from an environment variable with no fallback. */
  readonly reportUnknown?: boolean;
};

export const defaultMaxPoolSize = 100;
const ruleId = 'no-unbounded-pool';

export function findUnboundedPools(sourceFile: ts.SourceFile, context: AnalysisContext, options: DetectorOptions): Finding<UnboundedPoolMessageId>[] {
  const { maxPoolSize, reportUnknown } = readOptions(options);
  const budget = maxPoolSize ?? context.settings.maxPoolSize ?? defaultMaxPoolSize;
  const findings: Finding<UnboundedPoolMessageId>[] = [];
  for (const site of getPoolSites(sourceFile, context)) {
    if (site.pool.singleConnection) continue;
    let configuration: PoolConfiguration;
    try {
      configuration = getPoolConfiguration(site, context);
    } catch {
      continue;
    }
    if (configuration.type !== 'known' || !configuration.limits) continue;
    const report: Report = (messageId, reading, data, limit) => {
      const span = reading.node && reading.node.getSourceFile() === sourceFile ? { start: reading.node.getStart(), end: reading.node.getEnd() }
        : (reading.source === 'default' ? getSpreadConfigSpan(configuration, sourceFile, context) : undefined) ?? site.callee;
      const suggestion = limit && typeof data.option === 'string' ? suggestLimit(site, configuration, limit, reading, data.option, context) : undefined;
      const suggestions = suggestion ? [{ messageId: 'setLimit' as const, data: { option: suggestion.option, value: suggestion.value }, edits: suggestion.edits }] : [];
      const related = getRelatedLocations(reading, sourceFile);
      findings.push({ ruleId, messageId, data: { noun: site.pool.noun, ...data }, fileName: sourceFile.fileName, ...span,
        ...(related.length > 0 ? { related } : {}), ...(suggestions.length > 0 ? { suggestions } : {}) });
    };
    checkLimits(site, configuration, configuration.limits, budget, reportUnknown === true, report, context);
  }
  return findings;
}

/**
 * `new DataSource({ ...ormConfig, logging })` with `const ormConfig = { type: 'postgres', … }` in the same file: a
 * missing limit belongs in the shared config the options spread (other pools and modules spread it too), so the
 * finding points there rather than at the constructor.
 */
function getSpreadConfigSpan(configuration: Extract<PoolConfiguration, { type: 'known' }>, sourceFile: ts.SourceFile, context: AnalysisContext):
  { start: number; end: number } | undefined {
  const { ts } = context;
  const options = configuration.options;
  if (options?.kind !== 'object' || !ts.isObjectLiteralExpression(options.node) || options.node.getSourceFile() !== sourceFile) return undefined;
  const spreads = options.node.properties.filter((property) => ts.isSpreadAssignment(property));
  const spread = spreads.length === 1 ? spreads[0] : undefined;
  if (!spread || !ts.isSpreadAssignment(spread) || !ts.isIdentifier(spread.expression)) return undefined;
  const declaration = getSymbolAt(spread.expression, context)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || declaration.getSourceFile() !== sourceFile || !declaration.initializer) return undefined;
  if (!ts.isObjectLiteralExpression(skipOuterExpressions(declaration.initializer, ts))) return undefined;
  return { start: declaration.name.getStart(), end: declaration.name.getEnd() };
}

/** The rule's options, as the schema allows them (`{}` when none are given). */
function readOptions(options: DetectorOptions): UnboundedPoolOptions {
  const { maxPoolSize, reportUnknown } = options;
  return {
    ...(typeof maxPoolSize === 'number' ? { maxPoolSize } : {}),
    ...(typeof reportUnknown === 'boolean' ? { reportUnknown } : {}),
  };
}

/** `limit`: the limit a suggestion would set (none for an over-budget size: how far to lower it is the user's call). */
type Report = (messageId: UnboundedPoolMessageId, reading: LimitReading, data: Record<string, string | number>, limit?: LimitDefinition) => void;

type UnsetConsequence = { readonly unlimited: string; readonly notKnown: string };

/** What each bounded limit is, and what the rule says when it is missing: size, acquire wait, wait queue. */
const limitChecks: readonly {
  readonly limit: keyof PoolLimits;
  /** Reported when the limit is unlimited. */
  readonly messageId: UnboundedPoolMessageId;
  /** "pg Pool opens connections without limit by default (max unset)". */
  readonly behaviour: string;
  /** When an environment variable with no fallback sets it: what happens unset, and when its value is not known. */
  readonly unset: UnsetConsequence;
  /** A bounded size can still be over the budget. */
  readonly hasBudget?: boolean;
}[] = [
  {
    limit: 'size',
    messageId: 'unboundedSize',
    behaviour: 'opens connections without limit',
    unset: { unlimited: 'it opens connections without limit', notKnown: 'its size may be unbounded' },
    hasBudget: true,
  },
  {
    limit: 'acquireTimeout',
    messageId: 'waitsForever',
    behaviour: 'waits forever for a free connection',
    unset: { unlimited: 'callers wait forever for a free connection', notKnown: 'callers may wait forever for a connection' },
  },
  {
    limit: 'queue',
    messageId: 'unboundedQueue',
    behaviour: 'queues waiting requests without limit',
    unset: { unlimited: 'requests queue for a connection without limit', notKnown: 'its wait queue may be unbounded' },
  },
];

function checkLimits(
  site: PoolSite,
  configuration: Extract<PoolConfiguration, { type: 'known' }>,
  limits: PoolLimits,
  budget: number,
  reportUnknown: boolean,
  report: Report,
  context: AnalysisContext,
): void {
  const noun = site.pool.noun;
  for (const check of limitChecks) {
    const limit = limits[check.limit];
    if (!limit) continue;
    const reading = isMoot(configuration, limit) ? undefined : worstReading(readLimit(configuration, limit, context));
    const option = reading?.option ?? firstOption(limit);
    if (reading?.status === 'rejected' && limit.rejectedUpTo !== undefined) {
      const written = reading.written ?? limit.rejectedUpTo;
      const fix = written === 0 ? ' (`|| …`: a `?? …` keeps 0)' : '';
      report('rejectedValue', reading, { option, written, bound: limit.rejectedUpTo, via: describePassedBy(reading, context.ts), fix });
    } else if (reading?.status === 'unlimited') {
      report(check.messageId, reading, { reason: describeUnlimited(noun, reading, limit, check.behaviour, context.ts), option }, limit);
    } else if (check.hasBudget && reading?.status === 'bounded' && reading.value !== undefined && reading.value > budget) {
      const origin = reading.source === 'default' ? ', its default' : reading.source === 'env-fallback' ? `, the fallback when ${reading.env ?? 'the variable'} is unset`
        : describePassedBy(reading, context.ts).replace(/^ \((.*)\)$/, ', $1');
      report('overBudget', reading, { value: reading.value, option, origin, budget });
    } else if (reportUnknown && reading?.status === 'unknown' && reading.env) {
      reportUnset(reading, reading.env, option, limit, check.unset, report);
    }
  }
}

/** A limit read from an environment variable with no fallback is reported when, while the variable is unset, the
 * library leaves it unlimited or opens no connection at all (or what it does is not known). It is not when the
 * library then uses a bound (pg `NaN || 10`) or throws while building the pool (tarn rejects a NaN `max`). */
function reportUnset(reading: LimitReading, env: string, option: string, limit: LimitDefinition, consequences: UnsetConsequence, report: Report): void {
  const converted = reading.whileUnset?.converted === true;
  const outcome = reading.whileUnset?.outcome?.status;
  const consequence = outcome === undefined ? consequences.notKnown
    : outcome === 'unlimited' ? consequences.unlimited
    : outcome === 'no-connections' ? `it never opens a connection (\`${option}\` is NaN), so every caller waits` : undefined;
  if (consequence === undefined) return;
  const value = limit.suggestedValue ?? '…';
  const fallback = converted
    ? `before the conversion, \`Number(process.env.${env} ?? ${value})\`: a \`??\` after \`Number()\` never applies, NaN is not nullish`
    : `\`process.env.${env} ?? ${value}\``;
  report('unknownLimit', reading, { option, env, unset: converted ? 'unset or not a number' : 'unset', consequence, fallback });
}

/** The option when another file sets it, and the call that passes its value from a parameter. */
function getRelatedLocations(reading: LimitReading, sourceFile: ts.SourceFile): RelatedLocation[] {
  const related: RelatedLocation[] = [];
  const option = reading.node;
  if (option && option.getSourceFile() !== sourceFile) {
    related.push({ fileName: option.getSourceFile().fileName, start: option.getStart(), end: option.getEnd(), message: 'the option is set here' });
  }
  if (reading.passedBy) {
    const call = reading.passedBy;
    related.push({ fileName: call.getSourceFile().fileName, start: call.getStart(), end: call.getEnd(), message: 'this call passes the value' });
  }
  return related;
}

/** " (passed by `new Database({…})` in server.ts on line 51)": the caller whose argument the option holds. */
function describePassedBy(reading: LimitReading, typescript: typeof ts): string {
  const call = reading.passedBy;
  if (!call) return '';
  const sourceFile = call.getSourceFile();
  const line = sourceFile.getLineAndCharacterOfPosition(call.getStart(sourceFile)).line + 1;
  const callee = call.expression.getText(sourceFile).replace(/\s+/g, '');
  const file = sourceFile.fileName.split(/[\\/]/).pop() ?? sourceFile.fileName;
  const isNew = call.kind === typescript.SyntaxKind.NewExpression;
  return ` (passed by \`${isNew ? 'new ' : ''}${callee}(…)\` in ${file} on line ${line})`;
}

function firstOption(limit: LimitDefinition): string {
  return limit.options[0] ?? limit.urlParameters?.[0] ?? '';
}

/** "pg Pool waits forever for a free connection by default (connectionTimeoutMillis 0)". */
function describeUnlimited(noun: string, reading: LimitReading, limit: LimitDefinition, behaviour: string, typescript: typeof ts): string {
  if (reading.source === 'default') {
    const names = limit.options.length > 1 ? `${limit.options.join(' or ')} unset` : firstOption(limit);
    const shown = typeof limit.default === 'number' ? (limit.options.length > 1 ? `${names}, ${limit.default}` : `${names} ${limit.default}`) : `no ${firstOption(limit)}`;
    return `${noun} ${behaviour} by default (${shown})`;
  }
  const written = reading.written !== undefined ? String(reading.written) : 'this value';
  const where = reading.source === 'url' ? ` in the connection URL` : reading.source === 'env-fallback' ? ` (the fallback when ${reading.env ?? 'the variable'} is unset)` : '';
  return `\`${reading.option ?? firstOption(limit)}: ${written}\`${where}${describePassedBy(reading, typescript)} means ${noun} ${behaviour}`;
}
