#!/usr/bin/env node
/**
 * What PoolGuard costs, measured in one run (`npm run bench`, after a build):
 * - ESLint with a small baseline rule set vs the same plus every PoolGuard rule, untyped and typed
 *   (projectService), on the demo app and on a generated ~200-file project;
 * - `poolguard scan` vs `tsc --noEmit -p` on the same projects.
 * Every ESLint run happens in a fresh process whose modules and JIT were warmed on an unrelated snippet,
 * so no run profits from another's caches; CLI runs are whole processes. Times are medians.
 * Usage: node scripts/bench.mjs [--runs N] [--copies N]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cliMain = path.join(root, 'dist/src/cli/main.js');
const tscMain = path.join(root, 'node_modules/typescript/bin/tsc');
const demoApp = path.join(root, 'fixtures/demo-app');
const baselineRules = { 'no-unused-vars': 'error', 'prefer-const': 'error', 'no-unreachable': 'error', eqeqeq: 'error' };

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    copies: { type: 'string', default: '16' },
    worker: { type: 'string' },
  },
});

if (values.worker) {
  await runWorker(JSON.parse(values.worker));
} else {
  await main(Number(values.runs), Number(values.copies));
}

async function main(runs, copies) {
  for (const file of [cliMain, path.join(root, 'dist/src/index.js')]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: run \`npm run build\` first`);
  }
  const large = createLargeProject(copies);
  try {
    const projects = [
      { name: 'demo app', directory: demoApp, runs },
      { name: `generated (${copies} copies)`, directory: large, runs },
    ];
    console.log(`node ${process.version}, ${os.cpus().length} CPUs; median wall time of N runs, milliseconds\n`);
    const rows = [];
    for (const project of projects) {
      const files = countSourceFiles(path.join(project.directory, 'src'));
      console.log(`${project.name}: ${files} files, ${project.runs} runs each`);
      const measure = (label, run) => {
        const result = medianOf(project.runs, run);
        console.log(`  ${label.padEnd(38)} ${formatMs(result.ms).padStart(9)}   ${result.detail}`);
        return result.ms;
      };
      const untypedBase = measure('eslint untyped, baseline rules', () => lintInWorker(project.directory, false, false));
      const untypedFull = measure('eslint untyped, baseline + poolguard', () => lintInWorker(project.directory, false, true));
      const typedBase = measure('eslint typed, baseline rules', () => lintInWorker(project.directory, true, false));
      const typedFull = measure('eslint typed, baseline + poolguard', () => lintInWorker(project.directory, true, true));
      const scan = measure('poolguard scan (process)', () => runProcess(cliMain, ['scan', project.directory, '--format', 'json'], [0, 1], countFindings));
      const tsc = measure('tsc --noEmit -p (process)', () => runProcess(tscMain, ['--noEmit', '-p', path.join(project.directory, 'tsconfig.json')], [0], () => 'type-checked'));
      rows.push({ name: project.name, files, untypedBase, untypedFull, typedBase, typedFull, scan, tsc });
      console.log('');
    }
    console.log('ratios (lower is cheaper)');
    console.log(`  ${'project'.padEnd(24)} ${'untyped +pg/base'.padStart(17)} ${'typed +pg/base'.padStart(15)} ${'scan/tsc'.padStart(9)}`);
    for (const row of rows) {
      console.log(`  ${row.name.padEnd(24)} ${ratio(row.untypedFull, row.untypedBase).padStart(17)} ${ratio(row.typedFull, row.typedBase).padStart(15)} ${ratio(row.scan, row.tsc).padStart(9)}`);
    }
  } finally {
    fs.rmSync(large, { recursive: true, force: true });
  }
}

/** A project of `copies` copies of the demo app's sources, each in its own folder, with varied names. */
function createLargeProject(copies) {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-bench-'));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(directory, 'node_modules'), 'dir');
  fs.copyFileSync(path.join(demoApp, 'tsconfig.json'), path.join(directory, 'tsconfig.json'));
  fs.copyFileSync(path.join(demoApp, 'package.json'), path.join(directory, 'package.json'));
  const sources = listFiles(path.join(demoApp, 'src'));
  for (let copy = 1; copy <= copies; copy += 1) {
    const folder = path.join(directory, 'src', `service-${String(copy).padStart(3, '0')}`);
    for (const source of sources) {
      const target = path.join(folder, path.relative(path.join(demoApp, 'src'), source));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      // Vary the code a little so no two copies are byte-identical (and nothing can be deduplicated).
      const text = fs.readFileSync(source, 'utf8').replace(/\b(orders|customers|stock)\b(?=[^']*'\))/g, `$1_${copy}`);
      fs.writeFileSync(target, `${text}\nexport const copyNumber${copy} = ${copy};\n`);
    }
  }
  return directory;
}

function lintInWorker(directory, typed, poolguard) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--worker', JSON.stringify({ directory, typed, poolguard })], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`lint worker failed: ${result.stderr || result.stdout}`);
  const report = JSON.parse(result.stdout.trim().split('\n').at(-1));
  return { ms: report.ms, detail: `${report.files} files, ${report.poolguardMessages} poolguard / ${report.otherMessages} other messages (process ${formatMs(performance.now() - started)})` };
}

/** In a fresh process: warm up on a snippet, then time one ESLint run over the project. */
async function runWorker({ directory, typed, poolguard }) {
  const { ESLint } = await import('eslint');
  const tseslint = (await import('typescript-eslint')).default;
  const plugin = (await import(pathToFileURL(path.join(root, 'dist/src/index.js')).href)).default;
  const poolguardRules = Object.fromEntries(Object.keys(plugin.rules).map((id) => [`poolguard/${id}`, 'error']));
  const rules = { ...baselineRules, ...(poolguard ? poolguardRules : {}) };

  const warmUp = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { poolguard: plugin }, rules: { ...baselineRules, ...poolguardRules } }],
  });
  const snippet = "import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function f(ids: number[]) {\n  for (const id of ids) await pool.query('SELECT $1', [id]);\n}\n";
  for (let index = 0; index < 3; index += 1) await warmUp.lintText(snippet, { filePath: path.join(root, 'warm-up.ts') });

  const eslint = new ESLint({
    cwd: directory,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: typed ? { projectService: true, tsconfigRootDir: directory } : {},
        },
        plugins: { poolguard: plugin },
        rules,
      },
    ],
  });
  const started = performance.now();
  const results = await eslint.lintFiles(['src']);
  const ms = performance.now() - started;
  const messages = results.flatMap((result) => result.messages);
  const fatal = messages.filter((message) => message.fatal);
  if (fatal.length > 0) throw new Error(`fatal lint errors: ${JSON.stringify(fatal.slice(0, 3))}`);
  const poolguardMessages = messages.filter((message) => message.ruleId?.startsWith('poolguard/')).length;
  console.log(JSON.stringify({ ms, files: results.length, poolguardMessages, otherMessages: messages.length - poolguardMessages }));
}

function runProcess(script, args, okStatuses, describe) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (!okStatuses.includes(result.status)) throw new Error(`${path.basename(script)} ${args.join(' ')} exited ${result.status}: ${(result.stderr || result.stdout).slice(0, 2000)}`);
  return { ms, detail: describe(result.stdout) };
}

function countFindings(stdout) {
  try {
    const parsed = JSON.parse(stdout);
    const findings = Array.isArray(parsed) ? parsed : parsed.findings;
    return `${findings.length} findings`;
  } catch {
    return 'unparsed output';
  }
}

function medianOf(runs, run) {
  const results = Array.from({ length: runs }, () => run());
  const sorted = [...results].sort((a, b) => a.ms - b.ms);
  const middle = sorted[Math.floor(sorted.length / 2)];
  return { ms: middle.ms, detail: middle.detail };
}

function listFiles(directory) {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

function countSourceFiles(directory) {
  return listFiles(directory).filter((file) => /\.[cm]?[jt]sx?$/.test(file)).length;
}

function ratio(value, base) {
  return `${(value / base).toFixed(2)}×`;
}

function formatMs(ms) {
  return ms.toFixed(0);
}
