/** The configuration file's JSON schema: written to schema.json for editors, and the shape load-config checks. */
import { settingsSchema } from '../../knowledge/user-settings.js';
import { getRuleIds, getRuleMeta } from '../rule-catalog.js';

export type RuleLevel = 'off' | 'warn' | 'error';

/** ESLint's vocabulary: `"warn"`, `2`, `["error", { …options }]`. */
export type RuleEntry = RuleLevel | 0 | 1 | 2 | readonly [RuleLevel | 0 | 1 | 2, ...unknown[]];

export const configFileName = 'poolguard.config.json';

const levelSchema = {
  description: '"off" (or 0), "warn" (or 1), "error" (or 2).',
  enum: ['off', 'warn', 'error', 0, 1, 2],
};

/** The JSON schema of `poolguard.config.json` and of the `poolguard` key in package.json. */
export function getConfigSchema(): Record<string, unknown> {
  const ruleProperties = Object.fromEntries(
    getRuleIds().map((ruleId) => {
      const meta = getRuleMeta(ruleId);
      const optionSchemas = Array.isArray(meta?.schema) ? (meta.schema as unknown[]) : [];
      const entry = {
        description: meta?.docs?.description ?? ruleId,
        oneOf: [
          levelSchema,
          { type: 'array', items: [levelSchema, ...optionSchemas], minItems: 1, maxItems: 1 + optionSchemas.length },
        ],
      };
      return [ruleId, entry];
    }),
  );
  const { definitions, ...settings } = settingsSchema;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://raw.githubusercontent.com/poolguard/eslint-plugin-poolguard/main/schema.json',
    title: 'PoolGuard configuration',
    description: `${configFileName}, or the "poolguard" key of package.json.`,
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: {
        type: 'object',
        description: 'Rule id (with or without the "poolguard/" prefix) → level, or [level, options].',
        additionalProperties: false,
        properties: {
          ...ruleProperties,
          ...Object.fromEntries(Object.keys(ruleProperties).map((ruleId) => [`poolguard/${ruleId}`, { $ref: `#/properties/rules/properties/${ruleId}` }])),
        },
      },
      settings: { ...settings, description: 'The same object as ESLint `settings.poolguard`: in-house wrappers and budgets.' },
      scriptsAndTests: {
        type: 'object',
        description: 'Seeds, scripts, migrations and tests: findings there are reported at most at this severity (default "warn").',
        additionalProperties: false,
        properties: {
          files: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Globs (minimatch, as ESLint `files`) matched against paths relative to the scanned directory; replaces the default list.' },
          severity: levelSchema,
        },
      },
    },
    definitions,
  };
}
