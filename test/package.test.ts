/** The package's shape: rules registry, docs and tests per rule, plugin object, configs, loading in ESLint 9. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';

import { rules } from '../rules/index.js';
import plugin from '../src/index.js';

const root = path.resolve(import.meta.dirname, '..');
const ruleIds = Object.keys(rules);
const ruleFiles = fs
  .readdirSync(path.join(root, 'rules'))
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
  .map((file) => file.replace(/\.ts$/, ''));
const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };

describe('rules/index.ts', () => {
  it('lists the rules sorted by id', () => {
    expect(ruleIds).toEqual([...ruleIds].sort());
  });

  it('lists exactly the rule files in rules/', () => {
    expect([...ruleIds].sort()).toEqual([...ruleFiles].sort());
  });

  it('imports each rule from the file named after its id', () => {
    const source = fs.readFileSync(path.join(root, 'rules/index.ts'), 'utf8');
    for (const id of ruleIds) expect(source).toContain(`'./${id}.js'`);
  });
});

describe.each(ruleIds)('rule %s', (id) => {
  const rule = rules[id as keyof typeof rules];

  it('has a doc in docs/rules', () => {
    expect(fs.existsSync(path.join(root, 'docs/rules', `${id}.md`))).toBe(true);
  });

  it('has a test file in test/rules', () => {
    expect(fs.existsSync(path.join(root, 'test/rules', `${id}.test.ts`))).toBe(true);
  });

  it('links its doc from meta.docs.url', () => {
    expect(rule.meta.docs?.url).toMatch(new RegExp(`/docs/rules/${id}\\.md$`));
  });

  it('works without type information', () => {
    expect(rule.meta.docs?.requiresTypeChecking).toBe(false);
  });

  it('says whether it is recommended and describes itself', () => {
    expect(typeof rule.meta.docs?.recommended).toBe('boolean');
    expect(rule.meta.docs?.description).toMatch(/^[A-Z].*[^.]$/);
  });

  it('has messages and a type', () => {
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
    expect(['problem', 'suggestion', 'layout']).toContain(rule.meta.type);
  });
});

describe('the plugin object', () => {
  it('names itself after the package', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version });
  });

  it('exports every rule', () => {
    expect(plugin.rules).toBe(rules);
  });

  it('registers itself under `poolguard` in both configs', () => {
    for (const config of [plugin.configs.recommended, plugin.configs.strict]) {
      expect(config.plugins?.poolguard).toBe(plugin);
    }
  });

  it('turns on the recommended rules in configs.recommended', () => {
    const expected = Object.fromEntries(
      ruleIds.filter((id) => rules[id as keyof typeof rules].meta.docs?.recommended === true).map((id) => [`poolguard/${id}`, 'error']),
    );
    expect(plugin.configs.recommended.rules).toEqual(expected);
  });

  it('turns on every rule in configs.strict, as errors (rule options allowed)', () => {
    const strictRules = plugin.configs.strict.rules ?? {};
    expect(Object.keys(strictRules).sort()).toEqual(ruleIds.map((id) => `poolguard/${id}`).sort());
    for (const entry of Object.values(strictRules)) expect(Array.isArray(entry) ? entry[0] : entry).toBe('error');
  });
});

describe('loading in ESLint 9', () => {
  const temporaryDirectories: string[] = [];
  afterAll(() => {
    for (const directory of temporaryDirectories) fs.rmSync(directory, { recursive: true, force: true });
  });

  const leakingCode = [
    "import { Pool } from 'pg';",
    'const pool = new Pool({ max: 5, connectionTimeoutMillis: 1000 });',
    'export async function f() {',
    '  const client = await pool.connect();',
    "  await client.query('SELECT 1');",
    '  client.release();',
    '}',
    '',
  ].join('\n');

  it('runs configs.recommended given through overrideConfig', async () => {
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, plugin.configs.recommended as unknown as Linter.Config],
    });
    const [result] = await eslint.lintText(leakingCode, { filePath: path.join(root, 'fixtures/plugin-load.ts') });
    expect(result?.messages.filter((message) => message.fatal)).toEqual([]);
    expect(result?.messages.map((message) => message.ruleId)).toContain('poolguard/no-leaked-connection');
  });

  it('loads the built package from an eslint.config.mjs', async () => {
    const built = path.join(root, 'dist/src/index.js');
    expect(fs.existsSync(built), 'run `npm run build` first').toBe(true);
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-config-'));
    temporaryDirectories.push(directory);
    const configFile = path.join(directory, 'eslint.config.mjs');
    fs.writeFileSync(
      configFile,
      [
        `import * as tseslint from ${JSON.stringify(pathToFileURL(createRequire(import.meta.url).resolve('typescript-eslint')).href)};`,
        `import poolguard from ${JSON.stringify(pathToFileURL(built).href)};`,
        '',
        'export default [',
        "  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },",
        '  poolguard.configs.strict,',
        '];',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(directory, 'service.ts'), leakingCode);
    const eslint = new ESLint({ cwd: directory, overrideConfigFile: configFile });
    const config = (await eslint.calculateConfigForFile(path.join(directory, 'service.ts'))) as { rules: Record<string, unknown> };
    for (const id of ruleIds) expect(config.rules).toHaveProperty(`poolguard/${id}`);
    const [result] = await eslint.lintFiles(['service.ts']);
    expect(result?.messages.filter((message) => message.fatal)).toEqual([]);
    expect(result?.messages.map((message) => message.ruleId)).toContain('poolguard/no-leaked-connection');
  });
});

describe('the demo app (fixtures/demo-app)', () => {
  // test/parity.test.ts checks that ESLint and the CLI report exactly the marked lines; here: every rule shows up.
  it('marks at least one line per rule, and one per rule that untyped linting sees', () => {
    const marks: { ruleId: string; typedOnly: boolean }[] = [];
    const visit = (directory: string): void => {
      for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
        const full = path.join(directory, entry.name);
        if (entry.isDirectory()) visit(full);
        else for (const match of fs.readFileSync(full, 'utf8').matchAll(/\/\/ expect: ([\w-]+)( \(typed\))?/g)) marks.push({ ruleId: match[1] ?? '', typedOnly: match[2] !== undefined });
      }
    };
    visit(path.join(root, 'fixtures/demo-app/src'));
    expect([...new Set(marks.map((mark) => mark.ruleId))].sort()).toEqual([...ruleIds].sort());
    expect([...new Set(marks.filter((mark) => !mark.typedOnly).map((mark) => mark.ruleId))].sort()).toEqual([...ruleIds].sort());
  });
});
