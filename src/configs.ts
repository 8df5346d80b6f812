/** Flat configs derived from rule metadata: `recommended` (the rules marked so), `strict` (all), and
 * `scripts-and-tests` (the recommended rules as warnings in seeds, scripts, migrations and tests). */
import type { ESLint, Linter } from 'eslint';

import { rules } from '../rules/index.js';
import { scriptsAndTestsFiles } from './knowledge/scripts-and-tests.js';

export type RuleSeverity = 'error' | 'warn';

/** Options the strict config adds: it also reports what the code cannot show (a pool size read from an
 * environment variable with no fallback). */
const strictOptions: Readonly<Record<string, readonly unknown[]>> = {
  'no-unbounded-pool': [{ reportUnknown: true }],
};

/** `poolguard/<id>` → severity for each rule the filter keeps. */
export function toRuleEntries(filter: (recommended: boolean) => boolean, severity: RuleSeverity): Record<string, RuleSeverity> {
  return Object.fromEntries(
    Object.entries(rules)
      .filter(([, rule]) => filter(rule.meta.docs?.recommended === true))
      .map(([id]) => [`poolguard/${id}`, severity]),
  );
}

export type ConfigName = 'recommended' | 'strict' | 'scripts-and-tests';

export function createConfigs(plugin: ESLint.Plugin): Record<ConfigName, Linter.Config> {
  return {
    recommended: { name: 'poolguard/recommended', plugins: { poolguard: plugin }, rules: toRuleEntries((recommended) => recommended, 'error') },
    strict: { name: 'poolguard/strict', plugins: { poolguard: plugin }, rules: withStrictOptions(toRuleEntries(() => true, 'error')) },
    // Only the recommended rules: a severity alone would turn on a rule the earlier config left off. Options
    // set earlier (strict's, the user's) are kept, as ESLint keeps them for a severity-only entry.
    'scripts-and-tests': {
      name: 'poolguard/scripts-and-tests',
      files: [...scriptsAndTestsFiles],
      plugins: { poolguard: plugin },
      rules: toRuleEntries((recommended) => recommended, 'warn'),
    },
  };
}

function withStrictOptions(entries: Record<string, RuleSeverity>): Linter.RulesRecord {
  return Object.fromEntries(Object.entries(entries).map(([key, severity]) => {
    const options = strictOptions[key.replace(/^poolguard\//, '')];
    return [key, options ? [severity, ...options] : severity];
  }));
}
