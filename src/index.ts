/** The ESLint plugin object: meta, rules and flat configs (`recommended`, `strict`). */
import type { TSESLint } from '@typescript-eslint/utils';

import { rules } from '../rules/index.js';
import { createConfigs } from './configs.js';
import { packageVersion } from './package-version.js';

const plugin = {
  meta: { name: 'eslint-plugin-poolguard', version: packageVersion },
  rules,
  configs: {} as Record<'recommended' | 'strict', TSESLint.FlatConfig.Config>,
};
plugin.configs = createConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin);

export default plugin;
export { rules };
