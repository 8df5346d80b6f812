/** The ESLint plugin object: meta, rules and flat configs (`recommended`, `strict`), typed with ESLint's own
 * `ESLint.Plugin` and `Linter.Config` so `defineConfig()` and `satisfies Linter.Config[]` accept it. The
 * default export is the only export: tools that load the module namespace (eslint-doc-generator, `require()`
 * of ESM) then see the plugin itself. */
import type { ESLint, Linter } from 'eslint';

import { rules } from '../rules/index.js';
import type { ConfigName } from './configs.js';

import { createConfigs } from './configs.js';
import { packageVersion } from './package-version.js';

/** A rule as ESLint's own types declare it. typescript-eslint's `RuleModule` is the same object at run time,
 * but its `create` expects a context with the deprecated ESLint 8 methods, so the two types do not match. */
type EslintRule = NonNullable<ESLint.Plugin['rules']>[string];

export interface PoolGuardPlugin extends ESLint.Plugin {
  readonly meta: { readonly name: string; readonly version: string };
  readonly rules: Readonly<Record<keyof typeof rules, EslintRule>>;
  readonly configs: Readonly<Record<ConfigName, Linter.Config>>;
}

const configs = {} as Record<ConfigName, Linter.Config>;
const plugin: PoolGuardPlugin = {
  meta: { name: 'eslint-plugin-poolguard', version: packageVersion },
  rules: rules as unknown as PoolGuardPlugin['rules'],
  configs,
};
Object.assign(configs, createConfigs(plugin));

export default plugin;
