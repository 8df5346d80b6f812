/** Simple .gitignore matching and the directories a scan always skips. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, expect, test } from 'vitest';

import { IgnoredPaths } from '../../src/cli/project/ignored-paths.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-ignore-'));
fs.mkdirSync(path.join(root, '.git'));
fs.mkdirSync(path.join(root, 'packages/api'), { recursive: true });
fs.writeFileSync(path.join(root, '.gitignore'), '# build output\n/tmp\n*.generated.ts\ncache/\n!keep.generated.ts\ndocs/**/*.js\n');
fs.writeFileSync(path.join(root, 'packages/api/.gitignore'), 'local-only.ts\n');
const ignored = new IgnoredPaths(root);
const at = (relative: string): string => path.join(root, relative);

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

test.each([
  ['src/db.ts', false],
  ['node_modules/pg/index.js', true],
  ['packages/api/dist/index.js', true],
  ['tmp/a.ts', true],
  ['src/tmp/a.ts', false],
  ['src/client.generated.ts', true],
  ['src/keep.generated.ts', false],
  ['src/cache/a.ts', true],
  ['docs/a/b/example.js', true],
  ['docs/example.ts', false],
  ['packages/api/local-only.ts', true],
  ['local-only.ts', false],
])('%s ignored: %s', (relative, expected) => {
  expect(ignored.isIgnored(at(relative))).toBe(expected);
});

test('paths outside the scanned directory are out of scope', () => {
  expect(ignored.isIgnored(path.join(path.dirname(root), 'elsewhere.ts'))).toBe(true);
});

test('a directory added after its verdict was remembered (a tsconfig outDir) is ignored from then on', () => {
  const own = new IgnoredPaths(root);
  expect(own.isIgnored(at('packages/api/lib/index.ts'))).toBe(false);
  expect(own.isIgnored(at('packages/api/lib'), true)).toBe(false);
  own.addDirectory(at('packages/api/lib'));
  expect(own.isIgnored(at('packages/api/lib/index.ts'))).toBe(true);
  expect(own.isIgnored(at('packages/api/lib'), true)).toBe(true);
  expect(own.isIgnored(at('packages/api/src/index.ts'))).toBe(false);
});
