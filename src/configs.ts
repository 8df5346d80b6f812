/** Flat configs derived from rule metadata: `recommended` (the rules marked so) and `strict` (all). */
import type { TSESLint } from '@typescript-eslint/utils';

import { rules } from '../rules/index.js';

export type RuleSeverity = 'error' | 'warn';

/** `poolguard/<id>` → severity for each rule the filter keeps. */
export function toRuleEntries(filter: (recommended: boolean) => boolean, severity: RuleSeverity): Record<string, RuleSeverity> {
  return Object.fromEntries(
    Object.entries(rules)
      .filter(([, rule]) => filter(rule.meta.docs?.recommended === true))
      .map(([id]) => [`poolguard/${id}`, severity]),
  );
}

export function createConfigs(plugin: TSESLint.FlatConfig.Plugin): Record<'recommended' | 'strict', TSESLint.FlatConfig.Config> {
  return {
    recommended: { name: 'poolguard/recommended', plugins: { poolguard: plugin }, rules: toRuleEntries((recommended) => recommended, 'error') },
    strict: { name: 'poolguard/strict', plugins: { poolguard: plugin }, rules: toRuleEntries(() => true, 'error') },
  };
}
