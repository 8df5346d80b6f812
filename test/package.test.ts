/** The package's shape: rules registry, docs and tests per rule, plugin object, configs, loading in ESLint 9,
 * its types against ESLint's own, `require()`, and what the tarball holds. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

import { ESLint } from 'eslint';
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
interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly license?: string;
  readonly repository?: { readonly type?: string; readonly url?: string };
  readonly homepage?: string;
  readonly bugs?: { readonly url?: string };
  readonly exports: Record<string, unknown>;
  readonly bin: Record<string, string>;
}
const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJson;
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

function temporaryDirectory(prefix: string): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporaryDirectories.push(directory);
  return directory;
}

/** Every file path an `exports` entry points at, through nested conditions. */
function exportTargets(entry: unknown): string[] {
  if (typeof entry === 'string') return [entry];
  if (entry && typeof entry === 'object') return Object.values(entry).flatMap(exportTargets);
  return [];
}

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

describe('rules/ under eslint-plugin-eslint-plugin', () => {
  it("is clean with the plugin's recommended config", async () => {
    // Imported here: a node_modules installed before it became a devDependency fails this test only.
    const { default: eslintPluginPlugin } = await import('eslint-plugin-eslint-plugin');
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['rules/**/*.ts'], languageOptions: { parser: tseslint.parser } },
        { ...eslintPluginPlugin.configs.recommended, files: ['rules/**/*.ts'] },
        // Suggestions are built by the shared reporter (src/eslint/report-findings.ts), which this rule cannot see
        // from the rule file: it would call every `hasSuggestions: true` wrong.
        { files: ['rules/**/*.ts'], rules: { 'eslint-plugin/require-meta-has-suggestions': 'off' } },
      ],
    });
    const results = await eslint.lintFiles(['rules/*.ts']);
    expect(results.length).toBe(ruleIds.length + 1);
    const problems = results.flatMap((result) => result.messages.map((message) => `${path.relative(root, result.filePath)}:${message.line} ${message.ruleId ?? ''} ${message.message}`));
    expect(problems).toEqual([]);
  });
});

describe('the plugin object', () => {
  it('names itself after the package', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version });
  });

  it('exports every rule', () => {
    expect(plugin.rules).toBe(rules);
  });

  it('registers itself under `poolguard` in every config', () => {
    for (const config of Object.values(plugin.configs)) {
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

  it("turns the recommended rules into warnings in configs['scripts-and-tests'], scoped to seeds, scripts, migrations and tests", () => {
    const config = plugin.configs['scripts-and-tests'];
    expect(Object.entries(config.rules ?? {})).toEqual(Object.keys(plugin.configs.recommended.rules ?? {}).map((key) => [key, 'warn']));
    expect(config.files).toEqual(expect.arrayContaining(['**/{seed,seeds,seeder,seeders,seeding,scripts,migration,migrations}/**']));
  });
});

describe("configs['scripts-and-tests'] after recommended, in ESLint", () => {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, plugin.configs.recommended, plugin.configs['scripts-and-tests']],
  });
  const severityIn = async (file: string): Promise<number[]> => {
    const [result] = await eslint.lintText(leakingCode, { filePath: path.join(root, file) });
    return (result?.messages ?? []).filter((message) => message.ruleId === 'poolguard/no-leaked-connection').map((message) => message.severity);
  };

  it('reports a leak in a seed, a migration and a test file as a warning', async () => {
    for (const file of ['fixtures/seeds/users.ts', 'fixtures/db/migrations/001-init.ts', 'fixtures/orders.test.ts', 'fixtures/__tests__/orders.ts']) {
      expect(await severityIn(file), file).toEqual([1]);
    }
  });

  it('keeps the same leak an error on the request path (a name that only contains "test" or "seed" does not count)', async () => {
    for (const file of ['fixtures/plugin-load.ts', 'fixtures/src/testimonials.ts', 'fixtures/src/seedling.ts']) {
      expect(await severityIn(file), file).toEqual([2]);
    }
  });
});

describe('loading in ESLint 9', () => {
  it('runs configs.recommended given through overrideConfig', async () => {
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, plugin.configs.recommended],
    });
    const [result] = await eslint.lintText(leakingCode, { filePath: path.join(root, 'fixtures/plugin-load.ts') });
    expect(result?.messages.filter((message) => message.fatal)).toEqual([]);
    expect(result?.messages.map((message) => message.ruleId)).toContain('poolguard/no-leaked-connection');
  });

  it('loads the built package from an eslint.config.mjs', async () => {
    const built = path.join(root, 'dist/src/index.js');
    expect(fs.existsSync(built), 'run `npm run build` first').toBe(true);
    const directory = temporaryDirectory('poolguard-config-');
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

  it('gives the same findings, cross-file ones too, with `concurrency: 2` (worker threads) as in one thread', async () => {
    const directory = temporaryDirectory('poolguard-concurrency-');
    const configFile = path.join(directory, 'eslint.config.mjs');
    fs.writeFileSync(
      configFile,
      [
        `import * as tseslint from ${JSON.stringify(pathToFileURL(createRequire(import.meta.url).resolve('typescript-eslint')).href)};`,
        `import poolguard from ${JSON.stringify(pathToFileURL(path.join(root, 'dist/src/index.js')).href)};`,
        "export default [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, poolguard.configs.strict];",
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(directory, 'db.ts'), "import { Pool } from 'pg';\nexport const pool = new Pool({ max: 5, connectionTimeoutMillis: 1000 });\n");
    fs.writeFileSync(path.join(directory, 'users.ts'), "import { pool } from './db';\nexport async function getUser(id: number) {\n  return pool.query('SELECT * FROM users WHERE id = $1', [id]);\n}\n");
    const services = ['orders', 'invoices', 'carts', 'teams', 'reports', 'alerts'];
    for (const service of services) {
      fs.writeFileSync(path.join(directory, `${service}.ts`), [
        "import { getUser } from './users';",
        "import { pool } from './db';",
        `export async function ${service}(ids: number[]) {`,
        '  for (const id of ids) await getUser(id);',
        '  const client = await pool.connect();',
        "  await client.query('SELECT 1');",
        '}',
        '',
      ].join('\n'));
    }
    const findings = async (concurrency: 'off' | number): Promise<string[]> => {
      const results = await new ESLint({ cwd: directory, overrideConfigFile: configFile, concurrency }).lintFiles(['*.ts']);
      return results.flatMap((result) => result.messages.map((message) => `${path.basename(result.filePath)}:${message.line} ${message.ruleId ?? 'fatal'}`)).sort();
    };
    const inOneThread = await findings('off');
    for (const service of services) {
      expect(inOneThread).toContain(`${service}.ts:4 poolguard/no-query-in-loop`);
      expect(inOneThread).toContain(`${service}.ts:5 poolguard/no-leaked-connection`);
    }
    expect(await findings(2)).toEqual(inOneThread);
  });
});

describe("the plugin's types", () => {
  it('type-check in an eslint.config.ts with defineConfig, satisfies Linter.Config[] and in a CommonJS eslint.config.cts', () => {
    // The fixture imports `eslint-plugin-poolguard` by name: the package's own exports and the built declarations.
    expect(fs.existsSync(path.join(root, 'dist/src/index.d.ts')), 'run `npm run build` first').toBe(true);
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', path.join(root, 'fixtures/eslint-config-types/tsconfig.json')], { cwd: root, encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  }, 180_000);
});

describe('package.json and the tarball', () => {
  const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' })) as [{ files: { path: string }[] }];
  const files = packed[0].files.map((file) => file.path);

  it('ships the MIT LICENSE that package.json names', () => {
    expect(packageJson.license).toBe('MIT');
    expect(files).toContain('LICENSE');
    const license = fs.readFileSync(path.join(root, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 PoolGuard contributors\n/);
  });

  it('says where the code, the docs and the issues are', () => {
    const repository = 'https://github.com/poolguard/eslint-plugin-poolguard';
    expect(packageJson.repository).toEqual({ type: 'git', url: `git+${repository}.git` });
    expect(packageJson.homepage).toBe(`${repository}#readme`);
    expect(packageJson.bugs).toEqual({ url: `${repository}/issues` });
  });

  it('exports schema.json, for editors validating poolguard.config.json', () => {
    expect(packageJson.exports['./schema.json']).toBe('./schema.json');
  });

  it('holds every file that exports and bin point at', () => {
    const targets = [...exportTargets(packageJson.exports), ...Object.values(packageJson.bin)].map((target) => target.replace(/^\.\//, ''));
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(files, target).toContain(target);
  });

  it('holds the README, the rule docs and the built code, and no sources, tests or fixtures', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'package.json', ...ruleIds.map((id) => `docs/rules/${id}.md`)]));
    expect(files.filter((file) => /^(src|rules|test|fixtures|scripts)\//.test(file))).toEqual([]);
    expect(files.filter((file) => /\.(?:c|m)?ts$/.test(file) && !/\.d\.(?:c|m)?ts$/.test(file))).toEqual([]);
  });
});

describe('require() of the packed package', () => {
  /** The tarball unpacked as node_modules/eslint-plugin-poolguard of a new project whose other packages are the repository's. */
  function installPacked(): string {
    const project = temporaryDirectory('poolguard-require-');
    const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', project], { cwd: root, encoding: 'utf8' })) as [{ filename: string }];
    const modules = path.join(project, 'node_modules');
    const target = path.join(modules, 'eslint-plugin-poolguard');
    fs.mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', path.join(project, filename), '-C', target, '--strip-components=1']);
    for (const name of fs.readdirSync(path.join(root, 'node_modules'))) {
      if (name !== 'eslint-plugin-poolguard' && !name.startsWith('.')) fs.symlinkSync(path.join(root, 'node_modules', name), path.join(modules, name), 'dir');
    }
    return project;
  }

  it('gives the plugin object, with its configs, to a CommonJS script and eslint.config.cjs', async () => {
    const project = installPacked();
    const script = [
      "const poolguard = require('eslint-plugin-poolguard');",
      'console.log(JSON.stringify({',
      '  keys: Object.keys(poolguard),',
      '  configs: Object.keys(poolguard.configs),',
      '  registersItself: poolguard.configs.recommended.plugins.poolguard === poolguard,',
      '  rules: Object.keys(poolguard.configs.strict.rules),',
      "  schema: require('eslint-plugin-poolguard/schema.json').$schema !== undefined,",
      '}));',
    ].join('\n');
    const output = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: project, encoding: 'utf8' })) as Record<string, unknown>;
    expect(output).toEqual({
      keys: ['meta', 'rules', 'configs'],
      configs: ['recommended', 'strict', 'scripts-and-tests'],
      registersItself: true,
      rules: ruleIds.map((id) => `poolguard/${id}`),
      schema: true,
    });

    fs.writeFileSync(
      path.join(project, 'eslint.config.cjs'),
      [
        "const tseslint = require('typescript-eslint');",
        "const poolguard = require('eslint-plugin-poolguard');",
        "module.exports = [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, poolguard.configs.recommended];",
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(project, 'service.ts'), leakingCode);
    const eslint = new ESLint({ cwd: project, overrideConfigFile: path.join(project, 'eslint.config.cjs') });
    const [result] = await eslint.lintFiles(['service.ts']);
    expect(result?.messages.filter((message) => message.fatal)).toEqual([]);
    expect(result?.messages.map((message) => message.ruleId)).toContain('poolguard/no-leaked-connection');
  }, 120_000);
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
