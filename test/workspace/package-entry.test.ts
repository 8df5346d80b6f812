import path from 'node:path';

import { describe, expect, test } from 'vitest';

import { resolvePackageEntry } from '../../src/workspace/package-entry.js';

const directory = path.resolve('/repo/packages/db');
const onDisk = (...files: string[]) => {
  const set = new Set(files.map((file) => path.join(directory, file)));
  return (file: string) => set.has(file);
};
const entry = (manifest: Record<string, unknown>, subpath: string, isFile: (file: string) => boolean) => {
  const resolved = resolvePackageEntry(directory, manifest, subpath, isFile);
  return resolved === undefined ? undefined : path.relative(directory, resolved).split(path.sep).join('/');
};

describe('the entry of a workspace package', () => {
  test('main in an unbuilt dist/ maps back to src/', () => {
    expect(entry({ main: './dist/index.js', types: './dist/index.d.ts' }, '.', onDisk('src/index.ts'))).toBe('src/index.ts');
  });

  test('a nested build path keeps its folders', () => {
    expect(entry({ main: 'build/server/main.js' }, '.', onDisk('src/server/main.ts', 'src/index.ts'))).toBe('src/server/main.ts');
  });

  test('a build folder maps back to lib/ when the package keeps its sources there (tsconfig rootDir lib, outDir dist)', () => {
    expect(entry({ main: './dist/index.js' }, '.', onDisk('lib/index.ts'))).toBe('lib/index.ts');
    expect(entry({ main: './dist/index.js' }, '.', onDisk('src/index.ts', 'lib/index.ts'))).toBe('src/index.ts');
    expect(entry({ main: './lib/index.js' }, '.', onDisk('lib/index.js'))).toBe('lib/index.js');
  });

  test('exports conditions, the source-facing one first', () => {
    const manifest = { exports: { '.': { import: './dist/index.mjs', types: './src/index.ts' } } };
    expect(entry(manifest, '.', onDisk('src/index.ts'))).toBe('src/index.ts');
  });

  test('exports subpaths and patterns', () => {
    const manifest = { exports: { '.': './dist/index.js', './client': { default: './dist/client.js' }, './models/*': './src/models/*.ts' } };
    const isFile = onDisk('src/index.ts', 'src/client.ts', 'src/models/user.ts');
    expect(entry(manifest, './client', isFile)).toBe('src/client.ts');
    expect(entry(manifest, './models/user', isFile)).toBe('src/models/user.ts');
  });

  test('a plain JavaScript package whose main exists', () => {
    expect(entry({ main: 'lib/db.js' }, '.', onDisk('lib/db.js'))).toBe('lib/db.js');
  });

  test('no manifest field: src/index.ts, then index.ts', () => {
    expect(entry({}, '.', onDisk('src/index.ts', 'index.ts'))).toBe('src/index.ts');
    expect(entry({}, '.', onDisk('index.ts'))).toBe('index.ts');
  });

  test('a subpath without exports is a folder of the package, or of its src/', () => {
    expect(entry({}, './schema', onDisk('src/schema/index.ts'))).toBe('src/schema/index.ts');
  });

  test('a subpath with a JavaScript stub at the root and its TypeScript source under src/', () => {
    const isFile = onDisk('demo.js', 'demo.d.ts', 'src/demo/index.ts');
    expect(entry({ main: 'dist/index.js', types: 'src/index.ts' }, './demo', isFile)).toBe('src/demo/index.ts');
    expect(entry({}, './demo', onDisk('demo.js', 'demo.d.ts'))).toBe('demo.js');
  });

  test('a declaration file only when no source exists', () => {
    expect(entry({ types: './index.d.ts' }, '.', onDisk('index.d.ts'))).toBe('index.d.ts');
    expect(entry({ types: './index.d.ts', main: './index.js' }, '.', onDisk('index.d.ts', 'index.js'))).toBe('index.js');
  });

  test('nothing on disk', () => {
    expect(entry({ main: './dist/index.js' }, '.', onDisk())).toBeUndefined();
  });
});
