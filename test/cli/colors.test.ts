/** When the text format uses colour: a TTY, unless NO_COLOR; FORCE_COLOR anywhere. */
import { expect, test } from 'vitest';

import { shouldUseColor } from '../../src/cli/reporters/colors.js';
import { formatText } from '../../src/cli/reporters/text.js';

const tty = { isTTY: true };
const pipe = { isTTY: false };

test.each([
  { stream: tty, env: {}, expected: true },
  { stream: pipe, env: {}, expected: false },
  { stream: tty, env: { NO_COLOR: '1' }, expected: false },
  { stream: tty, env: { NO_COLOR: '' }, expected: true },
  { stream: pipe, env: { FORCE_COLOR: '1' }, expected: true },
  { stream: tty, env: { FORCE_COLOR: '0' }, expected: false },
  { stream: tty, env: { TERM: 'dumb' }, expected: false },
])('isTTY $stream.isTTY with $env → $expected', ({ stream, env, expected }) => {
  expect(shouldUseColor(stream, env)).toBe(expected);
});

test('the text format colours severities only when asked', () => {
  const report = {
    root: '/repo',
    pathPrefix: '',
    filesAnalyzed: 1,
    filesSkipped: [],
    suppressedByComments: 0,
    findings: [
      { ruleId: 'no-leaked-connection', messageId: 'm', file: 'a.ts', line: 1, column: 7, endLine: 1, endColumn: 13, message: 'leaks', severity: 'error' as const, fingerprint: 'f' },
    ],
  };
  const readLines = (): string[] => ['const client = pool.connect();'];
  expect(formatText(report, { color: true, readLines })).toContain('\u001B[31merror\u001B[39m');
  expect(formatText(report, { color: false, readLines })).not.toContain('\u001B[');
  expect(formatText(report, { color: false, readLines })).toBe(
    [
      'a.ts',
      '  1:7  error  leaks  poolguard/no-leaked-connection',
      '    > 1 | const client = pool.connect();',
      '        |       ^^^^^^',
      '',
      '✖ 1 problem (1 error, 0 warnings) — 1 file analysed',
      '',
    ].join('\n'),
  );
});
