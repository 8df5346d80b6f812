/** Workspace roots found upwards, packages by name, for npm/yarn and pnpm layouts written to a temporary folder. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeEach, expect, test } from 'vitest';

import { clearWorkspaceCache, mapInstalledWorkspacePath, resolveWorkspaceImport } from '../../src/workspace/workspace-map.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-workspace-'));
fs.mkdirSync(path.join(root, '.git'));

function write(file: string, text: string): string {
  const full = path.join(root, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
  return full;
}

write('pnpm/pnpm-workspace.yaml', "packages:\n  - 'apps/*'\n  - 'packages/**'\n  - '!packages/fixtures/**'\n");
write('pnpm/package.json', '{ "name": "root" }');
const pnpmDb = write('pnpm/packages/data/db/src/index.ts', 'export const x = 1;');
write('pnpm/packages/data/db/package.json', '{ "name": "@acme/db", "main": "dist/index.js" }');
write('pnpm/packages/fixtures/db-copy/package.json', '{ "name": "@acme/db-copy" }');
write('pnpm/packages/fixtures/db-copy/index.ts', '');
const pnpmApp = write('pnpm/apps/api/src/server.ts', '');
write('pnpm/apps/api/package.json', '{ "name": "api" }');

write('yarn/package.json', '{ "private": true, "workspaces": ["packages/*"] }');
const yarnConfig = write('yarn/packages/tsconfig/base.json', '{}');
write('yarn/packages/tsconfig/package.json', '{ "name": "@acme/tsconfig" }');
const yarnApp = write('yarn/packages/app/index.ts', '');

beforeEach(() => clearWorkspaceCache());
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

test('a pnpm workspace package, seen from another package deep below the root', () => {
  expect(resolveWorkspaceImport('@acme/db', pnpmApp)).toBe(pnpmDb);
});

test('negated patterns leave packages out', () => {
  expect(resolveWorkspaceImport('@acme/db-copy', pnpmApp)).toBeUndefined();
});

test('packages the workspace does not hold, relative specifiers, and files outside any workspace', () => {
  expect(resolveWorkspaceImport('pg', pnpmApp)).toBeUndefined();
  expect(resolveWorkspaceImport('./db', pnpmApp)).toBeUndefined();
  expect(resolveWorkspaceImport('@acme/db', path.join(root, 'elsewhere/file.ts'))).toBeUndefined();
});

test('a path inside an absent node_modules maps to the workspace package', () => {
  expect(mapInstalledWorkspacePath(path.join(root, 'yarn/packages/app/node_modules/@acme/tsconfig/base.json'))).toBe(yarnConfig);
  expect(mapInstalledWorkspacePath(path.join(root, 'yarn/node_modules/@acme/other/base.json'))).toBeUndefined();
  expect(resolveWorkspaceImport('@acme/tsconfig/base.json', yarnApp)).toBeUndefined();
});

test('answers are kept per folder: the same name resolves in each workspace to its own package', () => {
  const yarnDb = write('yarn/packages/db/index.ts', 'export const y = 2;');
  write('yarn/packages/db/package.json', '{ "name": "@acme/db" }');
  for (let round = 0; round < 2; round += 1) {
    expect(resolveWorkspaceImport('@acme/db', pnpmApp)).toBe(pnpmDb);
    expect(resolveWorkspaceImport('@acme/db', yarnApp)).toBe(yarnDb);
    expect(resolveWorkspaceImport('@acme/db', path.join(root, 'elsewhere/file.ts'))).toBeUndefined();
  }
});
