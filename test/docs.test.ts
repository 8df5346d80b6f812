/** Rule docs: the headings in order, and every `ts incorrect` / `ts correct` example linted by its rule; the
 * generated parts (README rules list, rule doc headers, options list) current with eslint-doc-generator. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';

import { builtInLibraries } from '../src/knowledge/index.js';
import plugin from '../src/index.js';
import { outputPath, renderSupportedLibraries } from '../scripts/generate-supported-libraries.mjs';

const root = path.resolve(import.meta.dirname, '..');
const docsDirectory = path.join(root, 'docs/rules');
const docFiles = fs.existsSync(docsDirectory) ? fs.readdirSync(docsDirectory).filter((file) => file.endsWith('.md')).sort() : [];

/** Second-level headings a rule doc may have, in the order they must appear; the first four are required. */
const requiredHeadings = ['Examples', 'Options', 'When Not To Use It', 'Related'];
const headingOrder = ['Examples', 'Options', 'Supported libraries', 'Limitations', 'When Not To Use It', 'Related'];

interface Example {
  readonly kind: 'incorrect' | 'correct';
  readonly code: string;
  /** 1-based line of the opening fence in the doc. */
  readonly line: number;
}

interface ParsedDoc {
  readonly title: string | undefined;
  readonly headings: readonly string[];
  readonly examples: readonly Example[];
}

function parseDoc(text: string): ParsedDoc {
  const lines = text.split('\n');
  const headings: string[] = [];
  const examples: Example[] = [];
  let title: string | undefined;
  let fence: { info: string; line: number; body: string[] } | undefined;
  for (const [index, line] of lines.entries()) {
    if (fence) {
      if (/^```\s*$/.test(line)) {
        const kind = /^(?:ts|typescript)\s+(incorrect|correct)\b/.exec(fence.info)?.[1];
        if (kind === 'incorrect' || kind === 'correct') examples.push({ kind, code: `${fence.body.join('\n')}\n`, line: fence.line });
        fence = undefined;
      } else {
        fence.body.push(line);
      }
      continue;
    }
    const opening = /^```(.*)$/.exec(line);
    if (opening) {
      fence = { info: (opening[1] ?? '').trim(), line: index + 1, body: [] };
      continue;
    }
    const h1 = /^# (.+)$/.exec(line);
    if (h1 && title === undefined) title = h1[1]?.trim();
    const h2 = /^## (.+)$/.exec(line);
    if (h2?.[1]) headings.push(h2[1].trim());
  }
  return { title, headings, examples };
}

const linter = new Linter({ configType: 'flat' });
const pluginForConfig = plugin as unknown as NonNullable<Linter.Config['plugins']>[string];

function lintUntyped(ruleId: string, code: string): Linter.LintMessage[] {
  const config: Linter.Config[] = [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { poolguard: pluginForConfig }, rules: { [`poolguard/${ruleId}`]: 'error' } }];
  return linter.verify(code, config, { filename: path.join(root, 'docs-example.ts') });
}

const docs = docFiles.map((file) => ({ file, ruleId: file.replace(/\.md$/, ''), doc: parseDoc(fs.readFileSync(path.join(docsDirectory, file), 'utf8')) }));
const exampleFileName = (ruleId: string, example: Example): string => `${ruleId}-${example.line}.ts`;

/**
 * Every typed example is linted by its rule in one ESLint run over a copy of fixtures/rule-tester (the rule
 * testers' typed project, with the real libraries' types): each example is a module of its own, and one
 * program serves them all. Linting them one by one as the same file rebuilt the program each time (≈20 s).
 */
let examplesDirectory = '';
let typedResults: Promise<Map<string, Linter.LintMessage[]>> | undefined;

function lintTypedExamples(): Promise<Map<string, Linter.LintMessage[]>> {
  typedResults ??= (async () => {
    examplesDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-docs-examples-'));
    for (const file of ['tsconfig.json', 'package.json']) fs.copyFileSync(path.join(root, 'fixtures/rule-tester', file), path.join(examplesDirectory, file));
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(examplesDirectory, 'node_modules'), 'dir');
    const ruleIds = docs.filter(({ ruleId }) => ruleId in plugin.rules).map(({ ruleId }) => ruleId);
    for (const { ruleId, doc } of docs) {
      if (!ruleIds.includes(ruleId)) continue;
      for (const example of doc.examples) fs.writeFileSync(path.join(examplesDirectory, exampleFileName(ruleId, example)), example.code);
    }
    const eslint = new ESLint({
      cwd: examplesDirectory,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: examplesDirectory } }, plugins: { poolguard: pluginForConfig } },
        ...ruleIds.map((ruleId): Linter.Config => ({ files: [`${ruleId}-*.ts`], rules: { [`poolguard/${ruleId}`]: 'error' } })),
      ],
    });
    const results = await eslint.lintFiles(['*.ts']);
    return new Map(results.map((result) => [path.basename(result.filePath), result.messages]));
  })();
  return typedResults;
}

afterAll(() => {
  if (examplesDirectory) fs.rmSync(examplesDirectory, { recursive: true, force: true });
});

it('has a doc for at least one rule', () => {
  expect(docFiles.length).toBeGreaterThan(0);
});

describe.each(docs)('docs/rules/$file', ({ file, ruleId, doc }) => {
  const ruleExists = ruleId in plugin.rules;

  it('is titled with the rule id', () => {
    expect(doc.title).toBe(ruleId);
  });

  it('opens with the rule description, in the header eslint-doc-generator writes', () => {
    const text = fs.readFileSync(path.join(docsDirectory, file), 'utf8');
    const firstParagraph = text.split('\n\n')[1]?.replace(/\s+/g, ' ').trim();
    const description = (plugin.rules as Record<string, { meta?: { docs?: { description?: string } } }>)[ruleId]?.meta?.docs?.description;
    expect(firstParagraph).toBe(`📝 ${description ?? ''}.`);
    expect(text).toContain('\n<!-- end auto-generated rule header -->\n');
  });

  it('documents a rule that exists', () => {
    expect(Object.keys(plugin.rules)).toContain(ruleId);
  });

  it('has the required headings, in order', () => {
    for (const heading of requiredHeadings) expect(doc.headings).toContain(heading);
    const known = doc.headings.filter((heading) => headingOrder.includes(heading));
    expect(known).toEqual([...known].sort((a, b) => headingOrder.indexOf(a) - headingOrder.indexOf(b)));
    expect(new Set(known).size).toBe(known.length);
  });

  it('has at least one incorrect and one correct example', () => {
    expect(doc.examples.some((example) => example.kind === 'incorrect')).toBe(true);
    expect(doc.examples.some((example) => example.kind === 'correct')).toBe(true);
  });

  // With no examples there is nothing to run (the test above fails): one placeholder keeps `each` valid.
  const cases: [string, Example | undefined, boolean][] =
    doc.examples.length > 0
      ? doc.examples.flatMap((example) => [false, true].map((typed): [string, Example, boolean] => [`${example.kind} example at line ${example.line}, ${typed ? 'typed' : 'untyped'}`, example, typed]))
      : [['no examples', undefined, false]];
  it.skipIf(!ruleExists).each(cases)('%s', async (_name, example, typed) => {
    if (!example) return;
    const messages = typed ? (await lintTypedExamples()).get(exampleFileName(ruleId, example)) : lintUntyped(ruleId, example.code);
    expect(messages, 'the typed run linted this example').toBeDefined();
    expect((messages ?? []).filter((message) => message.fatal || message.ruleId === null)).toEqual([]);
    const own = (messages ?? []).filter((message) => message.ruleId === `poolguard/${ruleId}`);
    if (example.kind === 'incorrect') {
      expect(own.length, `expected ${ruleId} to report this example:\n${example.code}`).toBeGreaterThan(0);
    } else {
      expect(own.map((message) => `${message.line}:${message.column} ${message.message}`)).toEqual([]);
    }
  });

  it('links only to files that exist', () => {
    const text = fs.readFileSync(path.join(docsDirectory, file), 'utf8');
    for (const [, target] of text.matchAll(/\]\((?!https?:|#)([^)#\s]+)/g)) {
      expect(fs.existsSync(path.join(docsDirectory, target ?? '')), target).toBe(true);
    }
  });

  it('imports a library in every example', () => {
    for (const example of doc.examples) expect(example.code, `example at line ${example.line}`).toMatch(/^import\b/m);
  });
});

describe('docs/supported-libraries.md', () => {
  it('is up to date with src/knowledge (run `npm run generate`)', () => {
    expect(fs.readFileSync(outputPath, 'utf8')).toBe(renderSupportedLibraries(builtInLibraries));
  });
});

describe('eslint-doc-generator', () => {
  it('finds the README rules list, the rule doc headers and the options list current (`npm run generate` writes them)', () => {
    // It loads the built plugin through package.json, as a user's tools would.
    expect(fs.existsSync(path.join(root, 'dist/src/index.js')), 'run `npm run build` first').toBe(true);
    const bin = path.join(path.dirname(createRequire(import.meta.url).resolve('eslint-doc-generator/package.json')), 'dist/bin/eslint-doc-generator.js');
    let output = '';
    try {
      execFileSync(process.execPath, [bin, '--check'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      output = `${stdout ?? ''}${stderr ?? ''}` || String(error);
    }
    expect(output).toBe('');
  }, 120_000);
});

describe('README.md', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

  it('lists every rule', () => {
    for (const ruleId of Object.keys(plugin.rules)) expect(readme).toContain(`[${ruleId}](docs/rules/${ruleId}.md)`);
  });

  it("marks exactly the recommended rules with the recommended config's ✅", () => {
    for (const [ruleId, rule] of Object.entries(plugin.rules)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| [${ruleId}](`));
      expect(row, ruleId).toBeDefined();
      const configsColumn = row?.split('|')[3] ?? '';
      expect(configsColumn.includes('✅'), ruleId).toBe(rule.meta?.docs?.recommended === true);
    }
  });

  it('opens for users: what it finds, install, the ESLint config, the CLI scan, and the repository set-up last, for contributors', () => {
    const at = (text: string): number => {
      const index = readme.indexOf(text);
      expect(index, text).toBeGreaterThanOrEqual(0);
      return index;
    };
    const order = [
      at('PoolGuard finds database connection leaks, N+1 queries'),
      at('npm i -D eslint-plugin-poolguard'),
      at('poolguard.configs.recommended,\n]);'),
      at('projectService: true'),
      at('npx poolguard scan\n'),
      at('## Contributing'),
      at('npm ci && npm run demo'),
      at('npm ci && npm test'),
    ];
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(readme.slice(0, readme.indexOf('## Contributing'))).not.toMatch(/npm ci|\.\.\/shared/);
  });

  it('keeps its promise about the in-house settings example', () => {
    // The settings of the README's eslint.config.js example, and the two sentences after it.
    const settings = {
      poolguard: {
        resources: [{ module: 'lib/db', acquire: 'Database#checkout', releaseBy: ['checkin'], noun: 'connection' }],
        queries: [{ module: 'lib/db', functions: ['loadUser'] }],
        batched: [{ module: 'lib/loaders', functions: ['userLoader.load'] }],
        maxPoolSize: 50,
      },
    };
    expect(readme).toContain("resources: [{ module: 'lib/db', acquire: 'Database#checkout', releaseBy: ['checkin'], noun: 'connection' }]");
    const code = [
      "import { Database, checkin, loadUser } from './lib/db';",
      'const db = new Database();',
      'export async function run(sql: string) {',
      '  const conn = await db.checkout();',
      '  await conn.run(sql);',
      '  checkin(conn);',
      '}',
      'export async function load(ids: string[]) {',
      '  for (const id of ids) await loadUser(id);',
      '}',
      '',
    ].join('\n');
    const messages = new Linter({ configType: 'flat' }).verify(
      code,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tseslint.parser },
          plugins: { poolguard: pluginForConfig },
          rules: Object.fromEntries(Object.keys(plugin.rules).map((id) => [`poolguard/${id}`, 'error' as const])),
          settings,
        },
      ],
      { filename: path.join(root, 'src/readme-example.ts') },
    );
    expect(messages.map((message) => `${message.line} ${message.ruleId}`)).toEqual(['4 poolguard/no-leaked-connection', '9 poolguard/no-query-in-loop']);
  });

  it('gives the commands that work on a fresh clone', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm ci && npm test');
  });

  it('links only to files that exist', () => {
    for (const [, target] of readme.matchAll(/\]\((?!https?:|#)([^)#\s]+)/g)) {
      expect(fs.existsSync(path.join(root, target ?? '')), target).toBe(true);
    }
  });
});
