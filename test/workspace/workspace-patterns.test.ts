import { describe, expect, test } from 'vitest';

import { getPackageJsonWorkspaces, parsePnpmWorkspacePackages } from '../../src/workspace/workspace-patterns.js';

describe('pnpm-workspace.yaml', () => {
  test('a block list, with quotes, comments and other keys around it', () => {
    const text = ["# the workspace", "packages:", "  - 'apps/*'", '  - "packages/**" # all of them', '  - libs/db', "  - '!**/test/**'", '', 'catalog:', '  pg: ^8.11.0'].join('\n');
    expect(parsePnpmWorkspacePackages(text)).toEqual(['apps/*', 'packages/**', 'libs/db', '!**/test/**']);
  });

  test('a flow list', () => {
    expect(parsePnpmWorkspacePackages("packages: ['apps/*', \"packages/*\"]\n")).toEqual(['apps/*', 'packages/*']);
  });

  test('no packages key', () => {
    expect(parsePnpmWorkspacePackages('onlyBuiltDependencies:\n  - esbuild\n')).toEqual([]);
  });
});

describe('package.json workspaces', () => {
  test('the array and the object form', () => {
    expect(getPackageJsonWorkspaces({ workspaces: ['packages/*'] })).toEqual(['packages/*']);
    expect(getPackageJsonWorkspaces({ workspaces: { packages: ['apps/*'], nohoist: ['**/x'] } })).toEqual(['apps/*']);
  });

  test('none declared', () => {
    expect(getPackageJsonWorkspaces({ name: 'app' })).toBeUndefined();
    expect(getPackageJsonWorkspaces(undefined)).toBeUndefined();
  });
});
