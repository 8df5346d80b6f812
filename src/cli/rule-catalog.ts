/** The rules the CLI knows: every registered detector, with the ESLint rule's metadata when there is one. */
import { rules } from '../../rules/index.js';
import { detectors } from '../analysis/detectors.js';

export type Severity = 'error' | 'warning';

export interface RuleMeta {
  readonly type?: string;
  readonly docs?: { readonly description?: string; readonly recommended?: boolean; readonly url?: string };
  readonly messages: Readonly<Record<string, string>>;
  readonly schema?: unknown;
}

/** Rule ids that have a detector, sorted. */
export function getRuleIds(): string[] {
  return Object.keys(detectors).sort();
}

export function getRuleMeta(ruleId: string): RuleMeta | undefined {
  return (rules as Readonly<Record<string, { readonly meta: RuleMeta } | undefined>>)[ruleId]?.meta;
}

/** Without configuration: recommended rules are errors, the others warnings. */
export function getDefaultSeverity(ruleId: string): Severity {
  return getRuleMeta(ruleId)?.docs?.recommended === false ? 'warning' : 'error';
}

export function getDocsUrl(ruleId: string): string {
  return getRuleMeta(ruleId)?.docs?.url ?? `https://github.com/poolguard/eslint-plugin-poolguard/blob/main/docs/rules/${ruleId}.md`;
}

/** CWE weaknesses by rule, for SARIF tags: leaks exhaust a resource (772), unbounded or per-request pools
 * allocate without limits (770), an N+1 is a loop that repeats an expensive data access (1050), a second connection
 * taken while one is held deadlocks the pool (833), a connection held across slow I/O exhausts it (400). */
const cweByRule: Readonly<Record<string, string>> = {
  'no-leaked-connection': 'CWE-772',
  'no-unbounded-pool': 'CWE-770',
  'no-pool-per-request': 'CWE-770',
  'no-query-in-loop': 'CWE-1050',
  'no-query-outside-transaction': 'CWE-833',
  'no-io-in-transaction': 'CWE-400',
};

export function getCwe(ruleId: string): string | undefined {
  return cweByRule[ruleId];
}
