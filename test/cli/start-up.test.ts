/**
 * What a process loads before it scans: `--version` and `--help` load no compiler and no ESLint, and the
 * rules' metadata (which the scan reads for messages and severities) loads neither the peer TypeScript nor
 * ESLint, so a scan holds one TypeScript copy (ts-morph's).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { beforeAll, expect, test } from 'vitest';

import { ensureBuilt, repositoryRoot } from './run-cli.js';

const heavyPackages = /[\\/]node_modules[\\/](typescript|ts-morph|@ts-morph[\\/]common|eslint)[\\/]/;

beforeAll(() => {
  ensureBuilt();
});

/** Runs `body` (an ES module snippet) in a fresh Node.js process and lists the heavy packages it loaded. */
function loadedHeavyPackages(body: string): string[] {
  return [...new Set(loadHeavyFiles(body).map(([name]) => name))].sort();
}

/** The files of heavy packages `body` loaded, as package name and path inside it. */
function loadedHeavyFiles(body: string): string[] {
  return loadHeavyFiles(body).map(([name, file]) => `${name}/${file}`).sort();
}

function loadHeavyFiles(body: string): [name: string, file: string][] {
  const script = `
import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(pathToFileURL(path.join(repositoryRoot, 'package.json')).href)});
const dist = ${JSON.stringify(pathToFileURL(path.join(repositoryRoot, 'dist')).href)};
${body}
console.log(JSON.stringify(Object.keys(require.cache)));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: repositoryRoot });
  expect(result.stderr).toBe('');
  const loaded = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '[]') as string[];
  return loaded.flatMap((file): [string, string][] => {
    const match = heavyPackages.exec(file);
    return match?.[1] ? [[match[1].replaceAll('\\', '/'), file.slice(match.index + match[0].length).replaceAll('\\', '/')]] : [];
  });
}

test('--version and --help load neither a compiler nor ESLint', () => {
  const loaded = loadedHeavyPackages(`
const { runCli } = await import(dist + '/src/cli/run-cli.js');
const io = { stdout: { write() {} }, stderr: { write() {} }, env: {} };
if ((await runCli(['--version'], io)) !== 0 || (await runCli(['--help'], io)) !== 0) throw new Error('failed');`);
  expect(loaded).toEqual([]);
});

test('the rule catalogue the scan reads loads no TypeScript and no ESLint; the engine gets ts-morph\'s compiler file only', () => {
  expect(loadedHeavyPackages(`await import(dist + '/src/cli/rule-catalog.js');`)).toEqual([]);
  // Not ts-morph's wrappers nor @ts-morph/common's index, 4 MB the scan never uses.
  expect(loadedHeavyFiles(`await import(dist + '/src/cli/analyze-project.js');`)).toEqual(['@ts-morph/common/dist/typescript.js']);
});
