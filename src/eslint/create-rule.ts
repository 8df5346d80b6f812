/** `createRule`: typescript-eslint's RuleCreator with PoolGuard's docs URL and docs fields. */
// The subpath, not the package root: the root also loads ESLint itself, which the CLI (reading the
// rules' metadata) never needs.
import { RuleCreator } from '@typescript-eslint/utils/eslint-utils';

export interface PoolGuardDocs {
  /** `recommended` rules are on in `configs.recommended`; every rule is on in `configs.strict`. */
  readonly recommended: boolean;
  /** Always false: every rule works without type information and gets sharper with it. */
  readonly requiresTypeChecking: false;
}

export const createRule = RuleCreator<PoolGuardDocs>(
  (name) => `https://github.com/poolguard/eslint-plugin-poolguard/blob/main/docs/rules/${name}.md`,
);
