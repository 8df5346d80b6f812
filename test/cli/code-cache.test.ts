/**
 * The compiler's code cache (code-cache.ts): a load uses the bytecode an earlier load of the same text kept, never the
 * bytecode of another text, and a cache that is refused, unreadable or in a folder others can write to costs the
 * cache only: the module loads and runs as `require` would. Each load runs in a new process, as a scan does: within one
 * process V8 reuses what it compiled for the same text and would not read the cache at all.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterAll, beforeAll, expect, test, vi } from 'vitest';

import { enableCodeCache, requireCompiled } from '../../src/cli/code-cache.js';
import { ensureBuilt, repositoryRoot } from './run-cli.js';

beforeAll(() => {
  ensureBuilt();
});

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-code-cache-test-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let folders = 0;

/** A fresh folder holding `files`, and an empty cache folder beside it. */
function setUp(files: Record<string, string>): { directory: string; cache: string } {
  folders += 1;
  const directory = path.join(root, `case-${folders}`);
  fs.mkdirSync(directory);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(directory, name), text);
  return { directory, cache: path.join(directory, 'cache') };
}

/**
 * Loads the file in a new process with the built code-cache.js, which writes the cache as the process exits; with
 * `collect`, the process first runs the heap collector a scan runs between programs (heap-collection.ts).
 */
function load(file: string, cache: string | undefined, collect = false): ReturnType<typeof requireCompiled> {
  const codeCache = pathToFileURL(path.join(repositoryRoot, 'dist/src/cli/code-cache.js')).href;
  const heapCollection = pathToFileURL(path.join(repositoryRoot, 'dist/src/cli/heap-collection.js')).href;
  const script = `
import { requireCompiled, writeCodeCaches } from ${JSON.stringify(codeCache)};
import { createHeapCollector } from ${JSON.stringify(heapCollection)};
const loaded = requireCompiled(${JSON.stringify(file)}, ${JSON.stringify(cache)});
if (${collect}) createHeapCollector()();
writeCodeCaches();
console.log(JSON.stringify(loaded));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as ReturnType<typeof requireCompiled>;
}

function cacheFiles(cache: string): string[] {
  return fs.readdirSync(cache).sort();
}

test('the second load uses the bytecode the first one kept, and the module works as required', () => {
  const { directory, cache } = setUp({
    'main.cjs': "module.exports = { answer: 6 * 7, name: require('./helper.cjs'), file: __filename, folder: __dirname };\n",
    'helper.cjs': "module.exports = 'helper';\n",
  });
  const file = path.join(directory, 'main.cjs');
  const expected = { answer: 42, name: 'helper', file, folder: directory };
  expect(load(file, cache)).toEqual({ exports: expected, cache: 'missing' });
  expect(cacheFiles(cache)).toHaveLength(1);
  expect(load(file, cache)).toEqual({ exports: expected, cache: 'accepted' });
});

test('a cache written after a heap collection is accepted by the next process, which starts without --expose-gc', () => {
  const { directory, cache } = setUp({ 'value.cjs': 'module.exports = [4, 5].map((n) => n + 1);\n' });
  const file = path.join(directory, 'value.cjs');
  expect(load(file, cache, true)).toEqual({ exports: [5, 6], cache: 'missing' });
  expect(load(file, cache)).toEqual({ exports: [5, 6], cache: 'accepted' });
});

test('a file changed to another text of the same length gets none of the old bytecode (V8 checks only the length)', () => {
  const { directory, cache } = setUp({ 'value.cjs': "module.exports = 'before';\n" });
  const file = path.join(directory, 'value.cjs');
  expect(load(file, cache)).toEqual({ exports: 'before', cache: 'missing' });
  fs.writeFileSync(file, "module.exports = 'after!';\n");
  expect(load(file, cache)).toEqual({ exports: 'after!', cache: 'missing' });
  // The old text's cache is removed when the new one is written.
  expect(cacheFiles(cache)).toHaveLength(1);
  expect(load(file, cache)).toEqual({ exports: 'after!', cache: 'accepted' });
});

test('a cache V8 refuses is written again', () => {
  const { directory, cache } = setUp({ 'value.cjs': 'module.exports = [1, 2, 3].map((n) => n * 2);\n' });
  const file = path.join(directory, 'value.cjs');
  load(file, cache);
  const [name = ''] = cacheFiles(cache);
  const cacheFile = path.join(cache, name);
  fs.writeFileSync(cacheFile, Buffer.alloc(fs.statSync(cacheFile).size, 7));
  expect(load(file, cache)).toEqual({ exports: [2, 4, 6], cache: 'rejected' });
  expect(load(file, cache)).toEqual({ exports: [2, 4, 6], cache: 'accepted' });
});

test.skipIf(process.platform === 'win32')('a cache folder that others can write to is neither read nor written', () => {
  const { directory, cache } = setUp({ 'value.cjs': 'module.exports = 1;\n' });
  const file = path.join(directory, 'value.cjs');
  fs.mkdirSync(cache, { mode: 0o700 });
  fs.chmodSync(cache, 0o777);
  expect(load(file, cache)).toEqual({ exports: 1, cache: 'off' });
  expect(cacheFiles(cache)).toEqual([]);
});

test('a cache folder that cannot be made, or none, loads the module without a cache', () => {
  const { directory } = setUp({ 'value.cjs': 'module.exports = 2;\n', 'not-a-folder': '' });
  const file = path.join(directory, 'value.cjs');
  expect(load(file, path.join(directory, 'not-a-folder', 'cache'))).toEqual({ exports: 2, cache: 'off' });
  expect(load(file, undefined)).toEqual({ exports: 2, cache: 'off' });
});

test('the module goes into the module cache, so a later require gets the same copy; one that throws does not', () => {
  const { directory, cache } = setUp({ 'value.cjs': 'module.exports = { value: 3 };\n', 'broken.cjs': "throw new Error('broken module');\n" });
  const file = path.join(directory, 'value.cjs');
  const loaded = requireCompiled(file, cache);
  expect(createRequire(file)(file)).toBe(loaded.exports);
  const broken = path.join(directory, 'broken.cjs');
  expect(() => requireCompiled(broken, cache)).toThrow('broken module');
  expect(createRequire(broken).cache[broken]).toBeUndefined();
  expect(() => load(broken, cache)).toThrow('broken module');
});

test('a process whose user cannot be told runs without the cache instead of failing', () => {
  const getuid = Object.getOwnPropertyDescriptor(process, 'getuid');
  const userInfo = vi.spyOn(os, 'userInfo').mockImplementation(() => {
    throw new Error('no such user');
  });
  const exitListeners = process.listenerCount('exit');
  try {
    Object.defineProperty(process, 'getuid', { value: undefined, configurable: true });
    expect(() => enableCodeCache()).not.toThrow();
    expect(process.listenerCount('exit')).toBe(exitListeners);
  } finally {
    if (getuid) Object.defineProperty(process, 'getuid', getuid);
    userInfo.mockRestore();
  }
});

test('NODE_DISABLE_COMPILE_CACHE turns the cache off, as it does Node.js\'s own', () => {
  const exitListeners = process.listenerCount('exit');
  const before = process.env.NODE_DISABLE_COMPILE_CACHE;
  try {
    process.env.NODE_DISABLE_COMPILE_CACHE = '1';
    enableCodeCache(path.join(root, 'disabled'));
    expect(process.listenerCount('exit')).toBe(exitListeners);
  } finally {
    if (before === undefined) delete process.env.NODE_DISABLE_COMPILE_CACHE;
    else process.env.NODE_DISABLE_COMPILE_CACHE = before;
  }
});
