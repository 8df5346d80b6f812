/** getDeclaredMajorVersion: the major version a package.json range asks for, from the file's package upwards. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { getDeclaredMajorVersion } from '../../src/analysis/core/package-root.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-versions-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A package folder declaring `ranges` as dependencies; returns a source file path inside it. */
function packageDeclaring(folder: string, ranges: Record<string, string>, field = 'dependencies'): string {
  const directory = path.join(root, folder);
  fs.mkdirSync(path.join(directory, 'src'), { recursive: true });
  fs.writeFileSync(path.join(directory, 'package.json'), JSON.stringify({ name: folder.replaceAll('/', '-'), [field]: ranges }));
  return path.join(directory, 'src', 'index.ts');
}

describe('getDeclaredMajorVersion', () => {
  it.each([
    ['5.9.7', 5],
    ['^5.2.0', 5],
    ['~6.1', 6],
    ['>=5 <6', 5],
    ['v4.0.0', 4],
    ['7', 7],
    ['workspace:*', undefined],
    ['latest', undefined],
    ['*', undefined],
    ['npm:@other/orm@5.0.0', undefined],
    ['github:owner/repo', undefined],
  ])('reads %s as %s', (range, major) => {
    const file = packageDeclaring(`range-${encodeURIComponent(range).replaceAll('%', '_')}`, { '@mikro-orm/core': range });
    expect(getDeclaredMajorVersion(file, ['@mikro-orm/core'])).toBe(major);
  });

  it('takes the nearest manifest that declares one of the names, walking up from a package that declares none', () => {
    packageDeclaring('monorepo', { '@mikro-orm/postgresql': '^5.9.0' }, 'devDependencies');
    const app = packageDeclaring('monorepo/packages/app', { express: '^4.0.0' });
    expect(getDeclaredMajorVersion(app, ['@mikro-orm/core', '@mikro-orm/postgresql'])).toBe(5);
    const pinned = packageDeclaring('monorepo/packages/pinned', { '@mikro-orm/core': '6.4.0' }, 'peerDependencies');
    expect(getDeclaredMajorVersion(pinned, ['@mikro-orm/core', '@mikro-orm/postgresql'])).toBe(6);
  });

  it('is undefined when no manifest up to the root declares them', () => {
    const file = packageDeclaring('unrelated', { pg: '^8.0.0' });
    expect(getDeclaredMajorVersion(file, ['@mikro-orm/core'])).toBeUndefined();
  });
});
