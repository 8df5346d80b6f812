#!/usr/bin/env node
/**
 * What PoolGuard costs, as ratios against a baseline measured in the same run (`npm run bench`, after a build):
 * - ESLint with a small baseline rule set vs the same plus every PoolGuard rule, untyped and typed
 *   (projectService), on generated projects (copies of the demo app; 200 and 2,000 files by default):
 *   in-process lint time and the worker process's peak memory; and, on projects up to 500 files (a typed run of it
 *   takes a minute at 2,000), with what a team already lints with as the baseline: untyped, ESLint's and
 *   typescript-eslint's `recommended` rules; typed, typescript-eslint's `recommendedTypeChecked` (its rules make the
 *   checker do work PoolGuard then shares);
 * - the editor: one process, two ESLint instances (with and without PoolGuard) re-linting a generated
 *   1,000-line typed file after each of N edits (a third brings the shared program up to date first), paired per
 *   edit; PoolGuard's share is the median difference;
 * - `poolguard scan` vs `tsc --noEmit -p` on the same projects: process wall time and peak memory; with two sizes or
 *   more, the scan's growth: its cost per file at the largest size over the smallest (≤ 1: no worse than linear;
 *   e.g. `--sizes 1000,4000 --scan-only`);
 * - `poolguard --version` and `--help`: process wall time;
 * - with `--repos <dir,dir>`: `poolguard scan <dir>` vs `tsc --noEmit -p <dir>` (the folder's root tsconfig.json, not
 *   incremental, so nothing is written into the folder) on existing checkouts, e.g. fresh clones of real monorepos
 *   (nothing is fetched or installed; when tsc skips its check for a global error, such as a `types` entry not installed,
 *   the scan ratios say they are not comparable); also `poolguard scan --project <dir>/tsconfig.json`, the same files as tsc; and
 *   (without `--scan-only`) ESLint over the folder's .ts files with the baseline rules vs the same plus every
 *   PoolGuard rule: untyped, as a fresh clone's lint sees it (goal ≤ 1.20×), and typed through typescript-eslint's
 *   project service, as a checkout with its dependencies installed lints (goal ≤ 1.10×; files no tsconfig includes
 *   are counted as not parsed), both as on the generated project; `--sizes ''` measures only the repositories.
 * Runs of the compared configurations are interleaved (A B A B …) so machine load hits both alike; figures are
 * medians, and every line shows the 1-minute load average when it was measured.
 * Usage: node scripts/bench.mjs [--runs N] [--sizes 200,2000] [--edits N] [--repos dir,dir] [--scan-only] [--share] [--rule-shares] [--cli main.js]
 * (`--edits 0`: no editor measurement; `--scan-only`: on the generated projects, only scan vs tsc, not ESLint;
 * `--share`: also PoolGuard's share of a CPU profile of the lint, typed and untyped, in extra runs, which holds still
 * when the machine's speed changes between runs; `--rule-shares`: also that share with each rule alone, against the
 * share the ESLint goal allows all of them together; `--cli`: the scan of another build, e.g. `../baseline/dist/src/cli/main.js`)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tscMain = path.join(root, 'node_modules/typescript/bin/tsc');
const demoApp = path.join(root, 'fixtures/demo-app');
// POOLGUARD_BENCH_PROFILE=<dir>: every measured process writes a CPU profile there.
const profileArgs = process.env.POOLGUARD_BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.POOLGUARD_BENCH_PROFILE] : [];
/** The ESLint goals as shares: a lint at most 1.10× (typed) or 1.20× (untyped) the baseline's leaves PoolGuard this much of
 * the rest. */
const allowedShares = { typed: 0.1, untyped: 0.2 };

const baselineRules = { 'no-unused-vars': 'error', 'prefer-const': 'error', 'no-unreachable': 'error', eqeqeq: 'error' };

/** The edits the editor measurement makes, one run of each kind, all in the middle of the generated service (functions 72 to 74):
 * code that reaches no database, a query's SQL text, and code inside a function that queries. */
const editKinds = [
  { name: 'a call-free function', apply: (text, edit) => text.replace(/(function plain74\([^]*?let total = )0;/, `$1${edit};`) },
  { name: 'the SQL text of a query', apply: (text, edit) => text.replace('FROM t73 WHERE id = ANY($1)', `FROM t73 WHERE id = ANY($1) LIMIT ${edit}`) },
  { name: 'code in a querying function', apply: (text, edit) => text.replace(/(function loop72\([^]*?for \(const id of ids)\)/, `$1.slice(${edit}))`) },
];

const usageLine = 'usage: node scripts/bench.mjs [--runs N] [--sizes 200,2000] [--edits N] [--repos dir,dir] [--scan-only] [--share] [--rule-shares] [--cli main.js]';
const { values } = parseOptions({
  options: {
    help: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    sizes: { type: 'string', default: '200,2000' },
    edits: { type: 'string', default: '30' },
    repos: { type: 'string', default: '' },
    'scan-only': { type: 'boolean', default: false },
    share: { type: 'boolean', default: false },
    'rule-shares': { type: 'boolean', default: false },
    cli: { type: 'string' },
    worker: { type: 'string' },
    editor: { type: 'string' },
    exec: { type: 'string' },
  },
});

if (values.help) {
  console.log(`${usageLine}\n(what each option measures: the comment at the top of scripts/bench.mjs)`);
  process.exit(0);
}

// `--cli <main.js>`: the CLI of another build (e.g. a worktree at an older commit), for before/after figures.
const cliMain = values.cli ? path.resolve(values.cli) : path.join(root, 'dist/src/cli/main.js');

if (values.worker) {
  await runLintWorker(JSON.parse(values.worker));
} else if (values.editor) {
  await runEditorWorker(JSON.parse(values.editor));
} else if (values.exec) {
  await runMeasured(JSON.parse(values.exec));
} else {
  const list = (text) => text.split(',').filter(Boolean);
  await main(Number(values.runs), list(values.sizes).map(Number), Number(values.edits), list(values.repos).map((repo) => path.resolve(repo)), values['scan-only'], { share: values.share, ruleShares: values['rule-shares'] });
}

async function main(runs, sizes, edits, repos, scanOnly, { share, ruleShares }) {
  for (const repo of repos) {
    if (!fs.existsSync(path.join(repo, 'tsconfig.json'))) throw new Error(`--repos: ${repo} has no tsconfig.json`);
  }
  for (const file of [cliMain, path.join(root, 'dist/src/index.js')]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: run \`npm run build\` first`);
  }
  const demoFiles = listFiles(path.join(demoApp, 'src')).length;
  console.log(`node ${process.version}, ${os.cpus().length} CPUs, load ${formatLoad()} at start; medians of ${runs} interleaved runs`);
  const ratios = [];
  const scanBySize = [];

  const startUp = compare(runs, {
    'node (nothing loaded, for reference)': () => runProcess(path.join(root, 'package.json'), [], [0]),
    'poolguard --version': () => runProcess(cliMain, ['--version'], [0]),
    'poolguard --help': () => runProcess(cliMain, ['--help'], [0]),
  });
  console.log('\nstart-up (process wall ms)');
  for (const [label, result] of Object.entries(startUp)) console.log(`  ${label.padEnd(40)} ${formatMs(result.ms).padStart(8)} ms ${formatMs(result.cpu).padStart(6)} ms CPU   load ${result.load}`);

  for (const size of sizes) {
    const copies = Math.max(1, Math.round(size / demoFiles));
    const directory = createLargeProject(copies);
    try {
      const files = countSourceFiles(path.join(directory, 'src'));
      console.log(`\ngenerated project, ${files} files (${copies} copies of the demo app)`);
      const eslintRuns = {
        'eslint untyped, baseline rules': () => lintInWorker(directory, false, false),
        'eslint untyped, baseline + poolguard': () => lintInWorker(directory, false, true),
        'eslint typed, baseline rules': () => lintInWorker(directory, true, false),
        'eslint typed, baseline + poolguard': () => lintInWorker(directory, true, true),
        ...(files <= 500 ? {
          'eslint untyped, recommended': () => lintInWorker(directory, 'recommended-untyped', false),
          'eslint untyped, recommended + poolguard': () => lintInWorker(directory, 'recommended-untyped', true),
          'eslint typed, recommendedTypeChecked': () => lintInWorker(directory, 'recommended', false),
          'eslint typed, recommendedTypeChecked + poolguard': () => lintInWorker(directory, 'recommended', true),
        } : {}),
      };
      const results = compare(runs, {
        ...(scanOnly ? {} : eslintRuns),
        'tsc --noEmit -p (process)': () => runProcess(tscMain, ['--noEmit', '-p', path.join(directory, 'tsconfig.json')], [0]),
        'poolguard scan (process)': () => runProcess(cliMain, ['scan', directory, '--format', 'json'], [0, 1], countFindings),
      });
      printResults(results);
      if (share && !scanOnly) printShares(directory, runs);
      if (ruleShares && !scanOnly) await printRuleShares(directory, runs);
      const pair = (what, full, base, goal) => ratios.push({ what: `${what}, ${files} files`, full: results[full], base: results[base], goal });
      if (!scanOnly) {
        pair('typed eslint +poolguard / without', 'eslint typed, baseline + poolguard', 'eslint typed, baseline rules', 1.1);
        pair('untyped eslint +poolguard / without', 'eslint untyped, baseline + poolguard', 'eslint untyped, baseline rules', 1.2);
        // For information, no goal: what PoolGuard adds to a lint that already runs the recommended rules.
        if (files <= 500) pair('  untyped, over recommended', 'eslint untyped, recommended + poolguard', 'eslint untyped, recommended', undefined);
        if (files <= 500) pair('  typed, over recommendedTypeChecked', 'eslint typed, recommendedTypeChecked + poolguard', 'eslint typed, recommendedTypeChecked', undefined);
      }
      pair('poolguard scan / tsc --noEmit', 'poolguard scan (process)', 'tsc --noEmit -p (process)', { ms: 0.8, rss: 1.0 });
      scanBySize.push({ files, scan: results['poolguard scan (process)'] });
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  }

  // Growth: the scan's cost per file at the largest size over the smallest; above 1 grows faster than linear.
  if (scanBySize.length >= 2) {
    const [smallest, largest] = [scanBySize[0], scanBySize.at(-1)];
    const perFile = ({ files, scan }) => ({ ms: scan.ms / files, cpu: scan.cpu / files, rss: scan.rss / files });
    ratios.push({ what: `poolguard scan per file, ${largest.files} / ${smallest.files} files`, full: perFile(largest), base: perFile(smallest), goal: 1.0 });
  }

  for (const repo of repos) {
    const tsconfig = path.join(repo, 'tsconfig.json');
    console.log(`\n${repo} (${countSourceFiles(repo)} source files)`);
    // Not incremental: a real tsconfig may ask for a .tsbuildinfo, and the measured folder is never written to.
    const tscArgs = ['--noEmit', '--incremental', 'false', '--composite', 'false', '--diagnostics', '-p', tsconfig];
    const results = compare(runs, {
      ...(scanOnly ? {} : {
        'eslint untyped <folder>, baseline rules': () => lintInWorker(repo, false, false, false, true),
        'eslint untyped <folder>, baseline + poolguard': () => lintInWorker(repo, false, true, false, true),
        'eslint typed <folder>, baseline rules': () => lintInWorker(repo, true, false, false, true),
        'eslint typed <folder>, baseline + poolguard': () => lintInWorker(repo, true, true, false, true),
      }),
      'tsc --noEmit -p <root tsconfig> (process)': () => runProcess(tscMain, tscArgs, [0, 1, 2], countTscErrors),
      'poolguard scan <folder> (process)': () => runProcess(cliMain, ['scan', repo, '--format', 'json'], [0, 1], countFindings),
      'poolguard scan --project <root tsconfig>': () => runProcess(cliMain, ['scan', repo, '--project', tsconfig, '--format', 'json'], [0, 1], countFindings),
    });
    printResults(results);
    const name = path.basename(repo);
    if (!scanOnly) {
      ratios.push({ what: `untyped eslint +poolguard / without, ${name}`, full: results['eslint untyped <folder>, baseline + poolguard'], base: results['eslint untyped <folder>, baseline rules'], goal: 1.2 });
      ratios.push({ what: `typed eslint +poolguard / without, ${name}`, full: results['eslint typed <folder>, baseline + poolguard'], base: results['eslint typed <folder>, baseline rules'], goal: 1.1 });
    }
    const tsc = results['tsc --noEmit -p <root tsconfig> (process)'];
    // A global error (a `types` entry not installed) makes tsc skip the check: it then measures parsing and binding only.
    const notComparable = /check 0\.00s/.test(tsc.detail ?? '') ? 'not comparable: tsc skipped the type check (a global error); install the repository\'s dependencies' : undefined;
    ratios.push({ what: `poolguard scan / tsc --noEmit, ${name}`, full: results['poolguard scan <folder> (process)'], base: tsc, goal: { ms: 0.8, rss: 1.0 }, notComparable });
    ratios.push({ what: `  the same files (--project), ${name}`, full: results['poolguard scan --project <root tsconfig>'], base: tsc, goal: { ms: 0.8, rss: 1.0 }, notComparable });
  }

  // `--edits 0` skips the editor measurement (e.g. for a growth run over large sizes).
  const editor = edits > 0 ? measureEditor(edits) : undefined;
  if (editor) {
    console.log(`\neditor: re-lint of a ${editor.lines}-line typed file after each of ${editor.edits} edits, one process, paired (load ${editor.load})`);
    console.log(`  without poolguard ${formatMs(editor.withoutMs)} ms, with ${formatMs(editor.withMs)} ms (medians); poolguard's share ${editor.shareMs.toFixed(1)} ms wall, ${editor.shareCpuMs.toFixed(1)} ms CPU (medians of the paired differences; goal ≤ 15)`);
    console.log(`    paired differences' quartiles ${editor.quartiles.map((ms) => ms.toFixed(1)).join(' to ')} ms wall`);
    for (const [kind, share] of Object.entries(editor.shareByKind)) console.log(`    an edit in ${kind}: share ${share.ms.toFixed(1)} ms wall, ${share.cpu.toFixed(1)} ms CPU (medians)`);
  }

  console.log('\nratios (lower is cheaper; goal in brackets)');
  for (const { what, full, base, goal, notComparable } of ratios) {
    if (notComparable) {
      console.log(`  ${what.padEnd(48)} ${notComparable}`);
      continue;
    }
    const msGoal = typeof goal === 'object' ? goal.ms : goal;
    const rssGoal = typeof goal === 'object' ? goal.rss : goal;
    console.log(
      `  ${what.padEnd(48)} wall ${ratio(full.ms, base.ms, msGoal)}   CPU ${ratio(full.cpu, base.cpu, msGoal)}   memory ${ratio(full.rss, base.rss, rssGoal)}`,
    );
  }
  const slowest = Math.max(startUp['poolguard --version'].ms, startUp['poolguard --help'].ms);
  console.log(`  ${'poolguard --version / --help (ms)'.padEnd(48)} ${formatMs(slowest)} [≤ 300] ${slowest <= 300 ? 'ok' : 'MISSED'}`);
  if (editor) console.log(`  ${"editor: poolguard's share of a re-lint (ms)".padEnd(48)} ${editor.shareMs.toFixed(1)} [≤ 15] ${editor.shareMs <= 15 ? 'ok' : 'MISSED'}`);
  console.log(`\nload ${formatLoad()} at end`);
}

function printResults(results) {
  for (const [label, result] of Object.entries(results)) {
    console.log(`  ${label.padEnd(48)} ${formatMs(result.ms).padStart(8)} ms ${formatMs(result.cpu).padStart(8)} ms CPU ${formatMb(result.rss).padStart(6)} MiB   load ${result.load}   ${result.detail ?? ''}`);
  }
}

/** Runs every configuration once per round, `runs` rounds; the median run of each. */
function compare(runs, configurations) {
  const samples = Object.fromEntries(Object.keys(configurations).map((label) => [label, []]));
  for (let round = 0; round < runs; round += 1) {
    for (const [label, run] of Object.entries(configurations)) samples[label].push({ ...run(), load: formatLoad() });
  }
  return Object.fromEntries(
    Object.entries(samples).map(([label, list]) => {
      const byMs = [...list].sort((a, b) => a.ms - b.ms);
      const middle = byMs[Math.floor(byMs.length / 2)];
      const rss = median(list.map((sample) => sample.rss ?? Number.NaN));
      const cpu = median(list.map((sample) => sample.cpu ?? Number.NaN));
      return [label, { ...middle, rss, cpu }];
    }),
  );
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

/**
 * `--share`: PoolGuard's own work over the rest of a lint (ESLint, the parser, typescript-eslint's program), from a CPU
 * profile of the lint alone, in extra runs. A ratio within one process, so it holds still when the machine's speed
 * changes between runs, as wall-time ratios of separate processes do not.
 */
function printShares(directory, runs) {
  for (const typed of [false, true]) {
    const shares = Array.from({ length: runs }, () => lintInWorker(directory, typed, true, true).share);
    console.log(`  poolguard's share of a profiled ${typed ? 'typed' : 'untyped'} lint: ${median(shares).toFixed(3)} of the rest (runs: ${shares.map((value) => value.toFixed(3)).join(', ')}; load ${formatLoad()})`);
  }
}

/**
 * `--rule-shares`: the profiled share of each rule linting alone. A rule alone pays the costs every rule shares (the
 * one-file program, resolving calls through imports) without the others to share them, so no rule's share can be
 * smaller than what those costs are; set against the share the goal allows all rules together, it says how far apart
 * the two are.
 */
async function printRuleShares(directory, runs) {
  const plugin = (await import(pathToFileURL(path.join(root, 'dist/src/index.js')).href)).default;
  for (const typed of [false, true]) {
    const mode = typed ? 'typed' : 'untyped';
    const shares = Object.keys(plugin.rules).map((id) => {
      const runShares = Array.from({ length: runs }, () => lintInWorker(directory, typed, id, true).share);
      return `${id} ${median(runShares).toFixed(3)}`;
    });
    console.log(`  each rule alone, profiled ${mode} lint (the goal allows ${allowedShares[mode].toFixed(2)} for all together; load ${formatLoad()}):`);
    for (const share of shares) console.log(`    ${share}`);
  }
}

/** `poolguard`: every rule (true), none (false), or one rule's id. `repo`: a real repository's whole folder rather than the
 * generated project's `src`, with its parse errors counted rather than fatal. Its .ts files only, as everywhere: ESLint's
 * own no-unused-vars can throw on a .tsx file. */
function lintInWorker(directory, typed, poolguard, profile = false, repo = false) {
  // A real repository's typed program can outgrow Node's default heap.
  const heap = repo ? ['--max-old-space-size=8192'] : [];
  const result = spawnSync(process.execPath, [...profileArgs, ...heap, fileURLToPath(import.meta.url), '--worker', JSON.stringify({ directory, typed, poolguard, profile, repo })], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`lint worker failed: ${result.stderr || result.stdout}`);
  const report = JSON.parse(result.stdout.trim().split('\n').at(-1));
  const fatal = report.fatal ? `, ${report.fatal} not parsed` : '';
  return { ms: report.ms, cpu: report.cpu, rss: report.rss, share: report.share, detail: `${report.files} files${fatal}, ${report.poolguardMessages} poolguard / ${report.otherMessages} other messages` };
}

async function loadEslint() {
  const { ESLint } = await import('eslint');
  const tseslint = (await import('typescript-eslint')).default;
  const plugin = (await import(pathToFileURL(path.join(root, 'dist/src/index.js')).href)).default;
  const poolguardRules = Object.fromEntries(Object.keys(plugin.rules).map((id) => [`poolguard/${id}`, 'error']));
  // `typed: 'recommended'`: typed, with typescript-eslint's recommendedTypeChecked rules before the baseline rules.
  // `typed: 'recommended-untyped'`: untyped, with ESLint's and typescript-eslint's recommended rules before them.
  const { default: js } = await import('@eslint/js');
  const presets = {
    recommended: tseslint.configs.recommendedTypeChecked,
    'recommended-untyped': [js.configs.recommended, ...tseslint.configs.recommended],
  };
  const create = (cwd, typed, poolguard) =>
    new ESLint({
      cwd,
      overrideConfigFile: true,
      overrideConfig: [
        ...(presets[typed] ?? []).map((config) => ({ ...config, files: ['**/*.ts'] })),
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tseslint.parser, parserOptions: typed === true || typed === 'recommended' ? { projectService: true, tsconfigRootDir: cwd } : {} },
          plugins: { poolguard: plugin },
          rules: { ...baselineRules, ...(typeof poolguard === 'string' ? { [`poolguard/${poolguard}`]: 'error' } : poolguard ? poolguardRules : {}) },
        },
      ],
    });
  // Warm modules and JIT on an unrelated snippet, with every rule, so neither configuration pays for it alone.
  const warmUp = create(root, false, true);
  const snippet = "import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function f(ids: number[]) {\n  for (const id of ids) await pool.query('SELECT $1', [id]);\n}\n";
  for (let index = 0; index < 3; index += 1) await warmUp.lintText(snippet, { filePath: path.join(root, 'warm-up.ts') });
  return create;
}

/** In a fresh process: warm up, then time one ESLint run over the project. */
async function runLintWorker({ directory, typed, poolguard, profile, repo }) {
  const create = await loadEslint();
  const eslint = create(directory, typed, poolguard);
  const profiler = profile ? await startProfiler() : undefined;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const results = await eslint.lintFiles([repo ? '.' : 'src']);
  const ms = performance.now() - started;
  const cpu = cpuMs(process.cpuUsage(cpuStarted));
  const share = profiler ? getPoolguardShare(await profiler.stop()) : undefined;
  const messages = results.flatMap((result) => result.messages);
  const fatal = messages.filter((message) => message.fatal);
  if (fatal.length > 0 && !repo) throw new Error(`fatal lint errors: ${JSON.stringify(fatal.slice(0, 3))}`);
  const poolguardMessages = messages.filter((message) => message.ruleId?.startsWith('poolguard/')).length;
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ ms, cpu, rss, share, files: results.length, fatal: fatal.length, poolguardMessages, otherMessages: messages.length - poolguardMessages - fatal.length }));
}

async function startProfiler() {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return { stop: async () => (await session.post('Profiler.stop')).profile };
}

/** Samples with a frame of PoolGuard's build on their stack (checker calls it makes included) over all other busy samples. */
function getPoolguardShare(profile) {
  const plugin = pathToFileURL(path.join(root, 'dist/src')).href;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map(profile.nodes.flatMap((node) => (node.children ?? []).map((child) => [child, node.id])));
  let ours = 0;
  let rest = 0;
  profile.samples.forEach((id, index) => {
    const ms = profile.timeDeltas[index] ?? 0;
    if (byId.get(id).callFrame.functionName === '(idle)') return;
    let inPoolguard = false;
    for (let current = id; current !== undefined && !inPoolguard; current = parent.get(current)) inPoolguard = byId.get(current).callFrame.url.startsWith(plugin);
    if (inPoolguard) ours += ms;
    else rest += ms;
  });
  return ours / rest;
}

function measureEditor(edits) {
  const directory = createEditorProject();
  try {
    const result = spawnSync(process.execPath, [...profileArgs, fileURLToPath(import.meta.url), '--editor', JSON.stringify({ directory, edits })], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`editor worker failed: ${result.stderr || result.stdout}`);
    return { ...JSON.parse(result.stdout.trim().split('\n').at(-1)), load: formatLoad() };
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

/** A project with one ~1,000-line service of database functions (pg): leaks, loops, transactions, clean code. */
function createEditorProject() {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-editor-'));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(directory, 'node_modules'), 'dir');
  fs.copyFileSync(path.join(demoApp, 'tsconfig.json'), path.join(directory, 'tsconfig.json'));
  fs.copyFileSync(path.join(demoApp, 'package.json'), path.join(directory, 'package.json'));
  fs.mkdirSync(path.join(directory, 'src'));
  fs.copyFileSync(path.join(demoApp, 'src/db.ts'), path.join(directory, 'src/db.ts'));
  const templates = [
    (n) => [`export async function leaky${n}(id: number) {`, '  const client = await pool.connect();', `  const { rows } = await client.query('SELECT * FROM t${n} WHERE id = $1', [id]);`, '  client.release();', '  return rows;', '}'],
    (n) => [`export async function safe${n}(id: number) {`, '  const client = await pool.connect();', '  try {', `    return (await client.query('SELECT * FROM t${n} WHERE id = $1', [id])).rows;`, '  } finally {', '    client.release();', '  }', '}'],
    (n) => [`export async function loop${n}(ids: readonly number[]) {`, '  const out = [];', '  for (const id of ids) {', `    out.push(await pool.query('SELECT * FROM t${n} WHERE id = $1', [id]));`, '  }', '  return out;', '}'],
    (n) => [`export async function batch${n}(ids: readonly number[]) {`, `  const { rows } = await pool.query('SELECT * FROM t${n} WHERE id = ANY($1)', [ids]);`, '  return rows.map((row) => row.id as number);', '}'],
    (n) => [`export function plain${n}(values: readonly number[]): number {`, '  let total = 0;', '  for (const value of values) total += value * 2;', '  return total;', '}'],
  ];
  const lines = ["import { pool } from './db.js';", ''];
  for (let n = 0; lines.length < 1000; n += 1) lines.push(...templates[n % templates.length](n), '');
  fs.writeFileSync(path.join(directory, 'src/service.ts'), lines.join('\n'));
  return directory;
}

/**
 * Two ESLint instances in one process (the same typed project service), re-linting after each edit; which goes first
 * alternates. A third instance lints each edit first, unmeasured: the instances share the project service, so the first
 * lint of a new text also updates the program (tens of ms), which would otherwise land on one side of each pair and
 * split the paired differences into two clusters whose middle moves from run to run.
 */
async function runEditorWorker({ directory, edits }) {
  const create = await loadEslint();
  const withPoolguard = create(directory, true, true);
  const without = create(directory, true, false);
  const updater = create(directory, true, false);
  const filePath = path.join(directory, 'src/service.ts');
  const original = fs.readFileSync(filePath, 'utf8');
  const lint = async (eslint, text) => {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    await eslint.lintText(text, { filePath });
    return { ms: performance.now() - started, cpu: cpuMs(process.cpuUsage(cpuStarted)) };
  };
  // The first lint builds the program: not an edit.
  await lint(without, original);
  await lint(withPoolguard, original);
  const differences = [];
  const cpuDifferences = [];
  const withTimes = [];
  const withoutTimes = [];
  const kinds = editKinds.map(() => []);
  const cpuKinds = editKinds.map(() => []);
  for (let edit = 1; edit <= edits; edit += 1) {
    // An edit as a user makes one: a changed line in the middle of the file. Each kind gets a run of consecutive
    // edits, as typing in one place does; the first of a run also undoes the previous kind's change.
    const kind = Math.floor(((edit - 1) * editKinds.length) / edits);
    const text = editKinds[kind].apply(original, edit);
    if (text === original) throw new Error(`editor edit "${editKinds[kind].name}" changed nothing`);
    await updater.lintText(text, { filePath });
    const [first, second] = edit % 2 === 0 ? [withPoolguard, without] : [without, withPoolguard];
    const firstMs = await lint(first, text);
    const secondMs = await lint(second, text);
    const withMs = first === withPoolguard ? firstMs : secondMs;
    const withoutMs = first === withPoolguard ? secondMs : firstMs;
    withTimes.push(withMs.ms);
    withoutTimes.push(withoutMs.ms);
    differences.push(withMs.ms - withoutMs.ms);
    cpuDifferences.push(withMs.cpu - withoutMs.cpu);
    kinds[kind].push(withMs.ms - withoutMs.ms);
    cpuKinds[kind].push(withMs.cpu - withoutMs.cpu);
  }
  const lines = original.split('\n').length;
  // Fewer edits than kinds (`--edits 2`) leave a kind unmeasured: left out, not printed as a median of nothing.
  const shareByKind = Object.fromEntries(editKinds.flatMap(({ name }, kind) => (kinds[kind].length > 0 ? [[name, { ms: median(kinds[kind]), cpu: median(cpuKinds[kind]) }]] : [])));
  const sorted = [...differences].sort((a, b) => a - b);
  const quartiles = [sorted[Math.floor((sorted.length - 1) / 4)], sorted[Math.ceil(((sorted.length - 1) * 3) / 4)]];
  console.log(JSON.stringify({ lines, edits, withMs: median(withTimes), withoutMs: median(withoutTimes), shareMs: median(differences), shareCpuMs: median(cpuDifferences), quartiles, shareByKind }));
}

/** Runs a script in a child process that reports its own peak memory when it exits. */
function runProcess(script, args, okStatuses, describe = () => undefined) {
  const report = path.join(os.tmpdir(), `poolguard-bench-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  const started = performance.now();
  const result = spawnSync(process.execPath, [...profileArgs, fileURLToPath(import.meta.url), '--exec', JSON.stringify({ script, args, report })], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (!okStatuses.includes(result.status)) throw new Error(`${path.basename(script)} ${args.join(' ')} exited ${result.status}: ${(result.stderr || result.stdout).slice(0, 2000)}`);
  const { rss, cpu } = JSON.parse(fs.readFileSync(report, 'utf8'));
  fs.rmSync(report, { force: true });
  return { ms, cpu, rss, detail: describe(result.stdout) };
}

/** In the child: run the script as its own main module would, then write the process's peak memory. */
async function runMeasured({ script, args, report }) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    fs.writeFileSync(report, JSON.stringify({ rss: usage.maxRSS / 1024, cpu: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
  });
  process.argv = [process.argv[0], script, ...args];
  // A JSON file as the script: nothing but Node.js itself starts, the reference for start-up times.
  if (!script.endsWith('.json')) await import(pathToFileURL(script).href);
}

function countFindings(stdout) {
  try {
    const parsed = JSON.parse(stdout);
    const findings = Array.isArray(parsed) ? parsed : parsed.findings;
    const files = parsed.summary ? `, ${parsed.summary.filesAnalyzed + parsed.summary.filesWithoutDatabaseImports} files in scope` : '';
    return `${findings.length} findings${files}`;
  } catch {
    return 'unparsed output';
  }
}

/**
 * A fresh clone without node_modules has unresolved imports: tsc finishes with errors, which are counted, not fatal.
 * Its check time shows whether it type-checked at all: with a global error (a `types` entry that is not installed)
 * tsc reports that and skips the check, so it measures parsing and binding only.
 */
function countTscErrors(stdout) {
  const files = /^Files:\s+(\d+)/m.exec(stdout)?.[1] ?? '?';
  const check = /^Check time:\s+([\d.]+s)/m.exec(stdout)?.[1] ?? '?';
  return `${(stdout.match(/error TS\d+/g) ?? []).length} type errors, ${files} files in the program (with lib and declarations), check ${check}`;
}

function cpuMs(usage) {
  return (usage.user + usage.system) / 1000;
}

function median(list) {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted.length % 2 === 1 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
}

/** Every file below the directory, except under node_modules and dot-folders (.git). */
function listFiles(directory) {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory() && (entry.name === 'node_modules' || entry.name.startsWith('.'))) return [];
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

function countSourceFiles(directory) {
  return listFiles(directory).filter((file) => /\.[cm]?[jt]sx?$/.test(file)).length;
}

function ratio(value, base, goal) {
  const quotient = value / base;
  if (goal === undefined) return `${quotient.toFixed(2)}× [info]`;
  return `${quotient.toFixed(2)}× [≤ ${goal.toFixed(2)}] ${quotient <= goal ? 'ok' : 'MISSED'}`;
}

function formatMs(ms) {
  return ms.toFixed(0);
}

function formatMb(mb) {
  return Number.isFinite(mb) ? mb.toFixed(0) : '-';
}

function formatLoad() {
  return os.loadavg()[0].toFixed(2);
}

/** `parseArgs`, but a bad option is one line naming it and exit 2, not a stack trace. */
function parseOptions(config) {
  try {
    return parseArgs(config);
  } catch (error) {
    console.error(`bench: ${error.message}\n${usageLine}`);
    process.exit(2);
  }
}
