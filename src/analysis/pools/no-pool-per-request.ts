/** `no-pool-per-request`: a pool or ORM client built in code that runs per request, per item or per call,
 * instead of once per process. */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';
import type { Finding } from '../core/finding.js';
import type { PoolSite } from './pool-sites.js';

import { getPerRequestConstruction } from './per-request-construction.js';
import { getPoolConfiguration, getPoolSites } from './pool-sites.js';

export type PoolPerRequestMessageId = 'poolPerRequest' | 'poolPerCall' | 'poolPerCallClosed';

const ruleId = 'no-pool-per-request';

export function findPoolsPerRequest(sourceFile: ts.SourceFile, context: AnalysisContext): Finding<PoolPerRequestMessageId>[] {
  const findings: Finding<PoolPerRequestMessageId>[] = [];
  const sites = getPoolSites(sourceFile, context).filter((site) => !site.shared);
  const counted = sites.filter((site) => opensConnections(site, sites, context));
  for (const site of counted) {
    if (counted.some((outer) => outer !== site && isInsideArguments(site.node, outer.node))) continue;
    const construction = getPerRequestConstruction(site, context);
    if (!construction) continue;
    findings.push({
      ruleId,
      messageId: construction.per === 'request' ? 'poolPerRequest' : construction.closed ? 'poolPerCallClosed' : 'poolPerCall',
      data: { noun: site.pool.noun, reason: construction.reason, construction: describeConstruction(site, context) },
      fileName: sourceFile.fileName,
      ...site.callee,
    });
  }
  return findings;
}

/** Does this call open connections of its own (not just wrap a pool built elsewhere)? */
function opensConnections(site: PoolSite, sites: readonly PoolSite[], context: AnalysisContext): boolean {
  const nested = sites.some((other) => other !== site && isInsideArguments(other.node, site.node));
  if (site.pool.wrapsOnly) return nested;
  try {
    const configuration = getPoolConfiguration(site, context);
    return configuration.type !== 'wraps' || nested;
  } catch {
    return true;
  }
}

function isInsideArguments(inner: ts.Node, outer: ts.CallExpression | ts.NewExpression): boolean {
  return (outer.arguments ?? []).some((argument) => inner.getStart() >= argument.getStart() && inner.getEnd() <= argument.getEnd());
}

function describeConstruction(site: PoolSite, context: AnalysisContext): string {
  const { ts } = context;
  const text = site.node.expression.getText().replace(/\s+/g, ' ');
  return ts.isNewExpression(site.node) ? `new ${text}()` : `${text}()`;
}
