/** Reads and validates the CLI configuration; every problem is a one-line UsageError naming the key. */
import fs from 'node:fs';
import path from 'node:path';

import type { PoolGuardSettings } from '../../knowledge/user-settings.js';
import type { Schema } from '../../schema-problems.js';
import type { Severity } from '../rule-catalog.js';
import type { ScriptsAndTestsSetting } from '../scripts-and-tests.js';
import type { ConfigLocation } from './find-config-file.js';

import { settingsSchema } from '../../knowledge/user-settings.js';
import { getDefaultSeverity, getRuleIds, getRuleMeta } from '../rule-catalog.js';
import { describeFsError } from '../fs-errors.js';
import { defaultScriptsAndTests } from '../scripts-and-tests.js';
import { UsageError } from '../usage-error.js';
import { getSchemaProblems } from '../../schema-problems.js';
import { findConfigFile } from './find-config-file.js';

export interface RuleSetting {
  readonly severity: Severity;
  readonly options: readonly unknown[];
}

export interface PoolGuardConfig {
  /** The file it came from, if any. */
  readonly file?: string;
  /** Rule id → severity and options; rules turned off are absent. */
  readonly rules: ReadonlyMap<string, RuleSetting>;
  readonly settings: PoolGuardSettings;
  /** How findings in seeds, scripts, migrations and tests are reported. */
  readonly scriptsAndTests: ScriptsAndTestsSetting;
}

const levels: Readonly<Record<string, Severity | 'off'>> = { off: 'off', 0: 'off', warn: 'warning', 1: 'warning', error: 'error', 2: 'error' };

/** The configuration for a scan of `directory`: `--config FILE`, else the nearest one found upward, else defaults. */
export function loadConfig(directory: string, explicitFile?: string): PoolGuardConfig {
  const location: ConfigLocation | undefined = explicitFile
    ? { file: path.resolve(explicitFile), inPackageJson: path.basename(explicitFile) === 'package.json' }
    : findConfigFile(directory);
  if (!location) return toConfig(undefined, undefined);
  const shown = path.relative(process.cwd(), location.file) || location.file;
  let text: string;
  try {
    text = fs.readFileSync(location.file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read config file ${shown}: ${describeFsError(error)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`invalid config file ${shown}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const raw = location.inPackageJson && isRecord(parsed) ? parsed.poolguard : parsed;
  const prefix = location.inPackageJson ? 'poolguard.' : '';
  try {
    return toConfig(raw, location.file, prefix);
  } catch (error) {
    if (error instanceof ConfigProblem) throw new UsageError(`invalid config file ${shown}: ${error.message}`);
    throw error;
  }
}

class ConfigProblem extends Error {}

function toConfig(raw: unknown, file: string | undefined, prefix = ''): PoolGuardConfig {
  const rules = new Map<string, RuleSetting>(getRuleIds().map((ruleId) => [ruleId, { severity: getDefaultSeverity(ruleId), options: [] }]));
  if (raw === undefined) return { file, rules, settings: {}, scriptsAndTests: defaultScriptsAndTests };
  if (!isRecord(raw)) throw new ConfigProblem(`${prefix || 'the configuration'} must be an object with "rules", "settings" and/or "scriptsAndTests"`);
  for (const key of Object.keys(raw)) {
    if (!topLevelKeys.has(key)) throw new ConfigProblem(`${prefix}${key} is not a known key (expected "rules", "settings" or "scriptsAndTests")`);
  }
  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules)) throw new ConfigProblem(`${prefix}rules must be an object of rule id → "off", "warn" or "error"`);
    for (const [key, value] of Object.entries(raw.rules)) {
      const ruleId = key.replace(/^poolguard\//, '');
      const where = `${prefix}rules.${key}`;
      if (!rules.has(ruleId)) throw new ConfigProblem(`${where}: unknown rule (expected one of ${getRuleIds().join(', ')})`);
      const [level, ...options] = Array.isArray(value) ? (value as unknown[]) : [value];
      const severity = typeof level === 'string' || typeof level === 'number' ? levels[level] : undefined;
      if (!severity) throw new ConfigProblem(`${where} must be "off", "warn", "error" (or 0, 1, 2), or an array starting with one, got ${JSON.stringify(value)}`);
      const schema = getRuleMeta(ruleId)?.schema;
      if (options.length > 0 && Array.isArray(schema)) {
        if (options.length > schema.length) {
          throw new ConfigProblem(`${where} takes ${schema.length === 0 ? 'no options' : `at most ${schema.length} option(s)`}, got ${options.length}`);
        }
        for (const [index, option] of options.entries()) {
          const [problem] = getSchemaProblems(option, schema[index] as Schema, { where: `${where}[${index + 1}]`, noun: 'option' });
          if (problem) throw new ConfigProblem(problem);
        }
      }
      if (severity === 'off') rules.delete(ruleId);
      else rules.set(ruleId, { severity, options });
    }
  }
  // Every settings problem at once, on the one line of the usage error.
  const problems = raw.settings === undefined ? [] : getSchemaProblems(raw.settings, settingsSchema, { where: `${prefix}settings`, noun: 'setting' });
  if (problems.length > 0) throw new ConfigProblem(problems.join('; '));
  return { file, rules, settings: (raw.settings ?? {}), scriptsAndTests: toScriptsAndTests(raw.scriptsAndTests, `${prefix}scriptsAndTests`) };
}

const topLevelKeys = new Set(['$schema', 'rules', 'settings', 'scriptsAndTests']);

function toScriptsAndTests(raw: unknown, where: string): ScriptsAndTestsSetting {
  if (raw === undefined) return defaultScriptsAndTests;
  if (!isRecord(raw)) throw new ConfigProblem(`${where} must be an object with "files" and/or "severity"`);
  for (const key of Object.keys(raw)) {
    if (key !== 'files' && key !== 'severity') throw new ConfigProblem(`${where}.${key} is not a known key (expected "files" or "severity")`);
  }
  const { files = defaultScriptsAndTests.files, severity = 'warn' } = raw;
  if (!Array.isArray(files) || !files.every((glob) => typeof glob === 'string' && glob !== '')) {
    throw new ConfigProblem(`${where}.files must be an array of glob strings, got ${JSON.stringify(files)}`);
  }
  const level = typeof severity === 'string' || typeof severity === 'number' ? levels[severity] : undefined;
  if (!level) throw new ConfigProblem(`${where}.severity must be "off", "warn" or "error" (or 0, 1, 2), got ${JSON.stringify(severity)}`);
  return { files: files as string[], severity: level };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
