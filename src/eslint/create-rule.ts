/** `createRule`: typescript-eslint's RuleCreator with PoolGuard's docs URL and docs fields. */
// The subpath, not the package root: the root also loads ESLint itself, which the CLI (reading the
// rules' metadata) never needs.
import type { TSESLint } from '@typescript-eslint/utils';
import type { RuleWithMetaAndName } from '@typescript-eslint/utils/eslint-utils';

import { applyDefault, RuleCreator } from '@typescript-eslint/utils/eslint-utils';

export interface PoolGuardDocs {
  /** `recommended` rules are on in `configs.recommended`; every rule is on in `configs.strict`. */
  readonly recommended: boolean;
  /** Always false: every rule works without type information and gets sharper with it. */
  readonly requiresTypeChecking: false;
}

const creator = RuleCreator<PoolGuardDocs>(
  (name) => `https://github.com/poolguard/eslint-plugin-poolguard/blob/main/docs/rules/${name}.md`,
);

/**
 * RuleCreator's rule, whose `create` merges the defaults into the configured options for each rule of each file (a deep
 * clone and merge): here once per configured options, whose merged value the rules only read.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<RuleWithMetaAndName<Options, MessageIds, PoolGuardDocs>>,
): ReturnType<typeof creator<Options, MessageIds>> {
  const module = creator(rule);
  const defaults = (rule.meta.defaultOptions ?? rule.defaultOptions ?? []) as Options;
  const withDefaults = new Map<string, Options>();
  return {
    ...module,
    create(context: Readonly<TSESLint.RuleContext<MessageIds, Options>>): TSESLint.RuleListener {
      const key = JSON.stringify(context.options);
      let options = withDefaults.get(key);
      if (!options) {
        options = applyDefault<Options, Options>(defaults, context.options);
        withDefaults.set(key, options);
      }
      return rule.create(context, options);
    },
  };
}
