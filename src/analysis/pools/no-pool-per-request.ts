/** `no-pool-per-request`: a pool or ORM client built in code that runs per request, per item or per call,
 * instead of once per process. */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';
import type { Finding } from '../core/finding.js';
import type { PerCallInstance } from './per-call-instances.js';
import type { PoolSite } from './pool-sites.js';

import { commonCloseMethods } from '../../knowledge/close-methods.js';

import { describeModules, findDuplicateModuleClients } from './duplicate-module-clients.js';
import { findHotReloadedClients } from './hot-reload-clients.js';
import { findPerCallInstances } from './per-call-instances.js';
import { getPerRequestConstruction } from './per-request-construction.js';
import { getConnectionOpeningSites } from './pool-sites.js';

export type PoolPerRequestMessageId = 'poolPerRequest' | 'poolPerCall' | 'poolPerCallClosed' | 'poolPerInstance' | 'poolPerModule' | 'poolPerReload';

const ruleId = 'no-pool-per-request';

export function findPoolsPerRequest(sourceFile: ts.SourceFile, context: AnalysisContext): Finding<PoolPerRequestMessageId>[] {
  const findings: Finding<PoolPerRequestMessageId>[] = [];
  for (const site of getConnectionOpeningSites(sourceFile, context)) {
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
  for (const instance of findPerCallInstances(sourceFile, context)) {
    findings.push({
      ruleId,
      messageId: 'poolPerInstance',
      data: describeInstance(instance),
      fileName: sourceFile.fileName,
      start: instance.node.getStart(),
      end: instance.node.expression.getEnd(),
    });
  }
  for (const { client, others, packageRoot } of findDuplicateModuleClients(sourceFile, context)) {
    findings.push({
      ruleId,
      messageId: 'poolPerModule',
      data: {
        noun: client.site.pool.noun,
        construction: describeConstruction(client.site, context),
        others: `${describeModules(others.map((other) => other.fileName), packageRoot)} ${others.length === 1 ? 'builds' : 'each build'} another`,
        count: others.length + 1,
      },
      fileName: sourceFile.fileName,
      ...client.site.callee,
      related: others.map((other) => ({ fileName: other.fileName, ...other.client.site.callee, message: `another ${client.site.pool.noun} built at module scope` })),
    });
  }
  for (const { client, framework } of findHotReloadedClients(sourceFile, context)) {
    findings.push({
      ruleId,
      messageId: 'poolPerReload',
      data: { noun: client.site.pool.noun, construction: describeConstruction(client.site, context), framework },
      fileName: sourceFile.fileName,
      ...client.site.callee,
    });
  }
  return findings;
}

/** `new Repo()` …, and its `db()` opens …; the advice names the class's own closing method when it has one. */
function describeInstance({ owner, reason, holder }: PerCallInstance): Record<string, string> {
  const closer = [...owner.closeMethods].sort((a, b) => closerRank(a) - closerRank(b))[0];
  const target = holder ?? `the ${owner.name}`;
  return {
    construction: `new ${owner.name}()`,
    className: owner.name,
    noun: owner.site.pool.noun,
    reason,
    opener: owner.builtIn ? `its \`${owner.builtIn}()\`` : 'its constructor',
    fix: closer ? `call \`${holder ?? owner.name.charAt(0).toLowerCase() + owner.name.slice(1)}.${closer}()\` in a \`finally\` block` : `give ${owner.name} a method that closes its ${owner.site.pool.noun} and call it on ${target} in a \`finally\` block`,
  };
}

/** The plain close verbs first (`close` over a `find` that also closes after use). */
function closerRank(method: string): number {
  const index = commonCloseMethods.indexOf(method);
  return index === -1 ? commonCloseMethods.length : index;
}

function describeConstruction(site: PoolSite, context: AnalysisContext): string {
  const { ts } = context;
  const text = site.node.expression.getText().replace(/\s+/g, ' ');
  return ts.isNewExpression(site.node) ? `new ${text}()` : `${text}()`;
}
