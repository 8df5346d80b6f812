/** The binary collects garbage between the programs of a scan, when the heap has grown since it last did. */
import path from 'node:path';

import { expect, test } from 'vitest';

import { analyzeProject } from '../../src/cli/analyze-project.js';
import { createHeapCollector } from '../../src/cli/heap-collection.js';
import { useTempDirectory } from '../helpers/temp-directory.js';
import { declarationCache } from './run-cli.js';

const { directory, write } = useTempDirectory('poolguard-heap-collection-');

test('collects first, then only once the heap has grown by the given factor since the last collection left it', () => {
  let heap = 100;
  const collections: number[] = [];
  const betweenPrograms = createHeapCollector({ growth: 1.5, heapUsed: () => heap, collect: () => collections.push((heap = heap / 2)) });
  betweenPrograms(); // 100 → 50
  heap = 70;
  betweenPrograms(); // 70 < 75: skipped
  heap = 80;
  betweenPrograms(); // 80 → 40
  heap = 59;
  betweenPrograms(); // 59 < 60: skipped
  expect(collections).toEqual([50, 40]);
});

test('a collection that fails is not tried again and never throws', () => {
  let calls = 0;
  const betweenPrograms = createHeapCollector({
    collect: () => {
      calls += 1;
      throw new Error('no gc');
    },
  });
  expect(() => {
    betweenPrograms();
    betweenPrograms();
  }).not.toThrow();
  expect(calls).toBe(1);
});

test("without injected functions it runs V8's full collection", () => {
  let garbage: number[][] | undefined = Array.from({ length: 200 }, () => new Array<number>(50_000).fill(0.5));
  const withGarbage = process.memoryUsage().heapUsed;
  expect(garbage.length).toBe(200);
  garbage = undefined;
  createHeapCollector()();
  // 200 × 50,000 doubles is 80 MB: far more than anything else the collection could free or the test could allocate.
  expect(withGarbage - process.memoryUsage().heapUsed).toBeGreaterThan(60 * 2 ** 20);
});

test('a scan calls it before each program loads, the program of files no tsconfig includes too', () => {
  const files: Record<string, string> = {
    'packages/api/tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'ESNext', moduleResolution: 'Bundler' }, include: ['src'] }),
    'packages/api/src/pool.ts': "import { Pool } from 'pg';\nexport const pool = new Pool({ max: 10 });\n",
    'packages/jobs/tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'CommonJS', moduleResolution: 'Node10' }, include: ['src'] }),
    'packages/jobs/src/pool.ts': "import { Pool } from 'pg';\nexport const pool = new Pool({ max: 10 });\n",
    'scripts/seed.ts': "import { Pool } from 'pg';\nexport const pool = new Pool({ max: 1 });\n",
  };
  for (const [relative, text] of Object.entries(files)) write(path.join('tree', relative), text);
  const events: string[] = [];
  analyzeProject({
    path: path.join(directory, 'tree'),
    declarationCache,
    rules: ['no-unbounded-pool'],
    onProjectLoad: (project) => events.push(project),
    betweenPrograms: () => events.push('collect'),
  });
  expect(events).toEqual(['packages/api/tsconfig.json', 'collect', 'packages/jobs/tsconfig.json', 'collect', '1 files no tsconfig includes', 'collect']);
});
