/** The progress line appears only on an interactive stderr, so CI logs stay clean. */
import { expect, test } from 'vitest';

import { createProgress } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = { isTTY, write: (text: string) => written.push(text) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

test('on a terminal: files analysed of total, then cleared', () => {
  const { stream, written } = fakeStream(true);
  const progress = createProgress(stream, true);
  progress.loading('packages/api/tsconfig.json');
  progress.update(3, 3);
  progress.clear();
  expect(written.join('')).toContain('poolguard: loading packages/api/tsconfig.json');
  expect(written.join('')).toContain('poolguard: analysing 3/3 files');
  expect(written.at(-1)).toBe('\r\u001B[2K');
});

test('not a terminal (CI): nothing', () => {
  const { stream, written } = fakeStream(false);
  const progress = createProgress(stream, true);
  progress.loading('tsconfig.json');
  progress.update(1, 2);
  progress.clear();
  expect(written).toEqual([]);
});

test('--quiet: nothing, even on a terminal', () => {
  const { stream, written } = fakeStream(true);
  createProgress(stream, false).update(1, 2);
  expect(written).toEqual([]);
});
