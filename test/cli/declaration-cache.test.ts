/** DeclarationCache: a parsed declaration file is reused until the file on disk changes. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ts } from 'ts-morph';
import { afterAll, expect, test } from 'vitest';

import { DeclarationCache } from '../../src/cli/project/declaration-cache.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-declarations-'));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

function parse(fileName: string): ts.SourceFile {
  return ts.createSourceFile(fileName, fs.readFileSync(fileName, 'utf8'), ts.ScriptTarget.Latest);
}

test('gives back the parsed file while the file is unchanged, and nothing once it changed', () => {
  const fileName = path.join(directory, 'pool.d.ts');
  fs.writeFileSync(fileName, 'export declare class Pool {}\n');
  const cache = new DeclarationCache();
  const parsed = parse(fileName);
  cache.set('key', fileName, parsed);
  expect(cache.get('key', fileName)).toBe(parsed);
  expect(cache.get('other key', fileName)).toBeUndefined();

  fs.writeFileSync(fileName, 'export declare class Pool { end(): Promise<void>; }\n');
  expect(cache.get('key', fileName)).toBeUndefined();
});

test('keeps nothing for a file that does not exist', () => {
  const cache = new DeclarationCache();
  const fileName = path.join(directory, 'missing.d.ts');
  cache.set('key', fileName, ts.createSourceFile(fileName, '', ts.ScriptTarget.Latest));
  expect(cache.get('key', fileName)).toBeUndefined();
});
