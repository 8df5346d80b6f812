/** mapPathAlias: tsconfig `paths` applied as TypeScript picks the pattern, without looking at the disk. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { mapPathAlias } from '../../src/analysis/core/path-aliases.js';

const root = path.resolve('/repo/apps/web');

describe('mapPathAlias', () => {
  it('substitutes the wildcard, relative to the folder of the tsconfig that set `paths`', () => {
    expect(mapPathAlias('@/generated/db/client', { paths: { '@/*': ['./src/*'] }, pathsBasePath: root })).toEqual([path.join(root, 'src/generated/db/client')]);
  });

  it('resolves against baseUrl when there is one, and keeps every substitution in order', () => {
    expect(mapPathAlias('~/db', { paths: { '~/*': ['app/*', 'lib/*'] }, baseUrl: '/repo', pathsBasePath: root })).toEqual(['/repo/app/db', '/repo/lib/db'].map((file) => path.resolve(file)));
  });

  it('prefers an exact key, then the wildcard key with the longest prefix', () => {
    const paths = { '@app/*': ['./src/*'], '@app/db/*': ['./generated/db/*'], '@app/db': ['./generated/db/index'] };
    expect(mapPathAlias('@app/db/client', { paths, pathsBasePath: root })).toEqual([path.join(root, 'generated/db/client')]);
    expect(mapPathAlias('@app/db', { paths, pathsBasePath: root })).toEqual([path.join(root, 'generated/db/index')]);
    expect(mapPathAlias('@app/users', { paths, pathsBasePath: root })).toEqual([path.join(root, 'src/users')]);
  });

  it('maps nothing for relative specifiers, unmatched ones, or options without paths or a base', () => {
    expect(mapPathAlias('./db', { paths: { '*': ['./src/*'] }, pathsBasePath: root })).toEqual([]);
    expect(mapPathAlias('pg', { paths: { '@/*': ['./src/*'] }, pathsBasePath: root })).toEqual([]);
    expect(mapPathAlias('@/db', {})).toEqual([]);
    expect(mapPathAlias('@/db', { paths: { '@/*': ['./src/*'] } })).toEqual([]);
  });

  it('answers each specifier of one options object, asked again, as the first time', () => {
    const options = { paths: { '@app/*': ['./src/*'], '@app/db': ['./generated/db/index'] }, pathsBasePath: root };
    for (let round = 0; round < 2; round += 1) {
      expect(mapPathAlias('@app/db', options)).toEqual([path.join(root, 'generated/db/index')]);
      expect(mapPathAlias('@app/users', options)).toEqual([path.join(root, 'src/users')]);
      expect(mapPathAlias('pg', options)).toEqual([]);
    }
  });
});
