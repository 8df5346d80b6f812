/** Baseline fingerprints: no line numbers, so they survive shifts; occurrence index and scope tell twins apart. */
import { expect, test } from 'vitest';

import { compareWithBaseline, computeFingerprints } from '../../src/cli/baseline.js';

const leak = { ruleId: 'no-leaked-connection', file: 'src/a.ts', scope: 'save' };

test('a finding keeps its fingerprint when lines above it change', () => {
  const before = computeFingerprints([{ ...leak, line: 2, endLine: 2 }], () => ['', '  const client = await pool.connect();']);
  const after = computeFingerprints([{ ...leak, line: 5, endLine: 5 }], () => ['// new', '', '', '', 'const client = await pool.connect();']);
  expect(after).toEqual(before);
});

test('the same flagged text twice in one function gets two fingerprints', () => {
  const lines = ['const client = await pool.connect();', 'const client = await pool.connect();'];
  const [first, second] = computeFingerprints([{ ...leak, line: 1, endLine: 1 }, { ...leak, line: 2, endLine: 2 }], () => lines);
  expect(first).not.toBe(second);
});

test('the same flagged text in two functions gets two fingerprints', () => {
  const lines = ['const client = await pool.connect();'];
  const [save] = computeFingerprints([{ ...leak, line: 1, endLine: 1 }], () => lines);
  const [load] = computeFingerprints([{ ...leak, scope: 'load', line: 1, endLine: 1 }], () => lines);
  expect(save).not.toBe(load);
});

test('comparison counts suppressed findings and fixed entries', () => {
  const baseline = new Map([['kept', 1], ['gone', 2]]);
  const result = compareWithBaseline([{ fingerprint: 'kept' }, { fingerprint: 'new' }], baseline);
  expect(result).toEqual({ newFindings: [{ fingerprint: 'new' }], suppressed: 1, fixed: 2 });
});
