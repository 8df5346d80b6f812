#!/usr/bin/env node
/**
 * Compares ESLint's core `no-await-in-loop` with `poolguard/no-query-in-loop` (untyped) on a checkout, and
 * optionally with the findings of a `poolguard scan --format json` run of the same checkout.
 * Usage: node scripts/compare-await-in-loop.mjs DIR 'glob' [...globs] [--scan scan.json]
 * Prints the counts, the lines both report, and every finding as file:line for manual review.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';

import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

import plugin from '../dist/src/index.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { scan: { type: 'string' } } });
const [directory, ...patterns] = positionals;
if (!directory || patterns.length === 0) throw new Error("usage: compare-await-in-loop.mjs DIR 'glob' [--scan scan.json]");
const eslint = new ESLint({
  cwd: directory,
  overrideConfigFile: true,
  ignorePatterns: ['**/node_modules/**', '**/*.d.ts', '**/dist/**'],
  overrideConfig: [{
    files: ['**/*.ts', '**/*.tsx', '**/*.js'],
    languageOptions: { parser: tseslint.parser },
    plugins: { poolguard: plugin },
    rules: { 'no-await-in-loop': 'error', 'poolguard/no-query-in-loop': 'error' },
  }],
});
const lines = { 'no-await-in-loop': [], 'poolguard/no-query-in-loop': [] };
for (const result of await eslint.lintFiles(patterns)) {
  for (const message of result.messages) {
    if (message.ruleId in lines) lines[message.ruleId].push(`${result.filePath.slice(directory.length + 1)}:${message.line}`);
  }
}
if (values.scan) {
  const { findings } = JSON.parse(fs.readFileSync(values.scan, 'utf8'));
  lines['poolguard scan (no-query-in-loop)'] = findings.filter((finding) => finding.ruleId.replace(/^poolguard\//, '') === 'no-query-in-loop').map((finding) => `${finding.file}:${finding.line}`);
}
const awaitInLoop = new Set(lines['no-await-in-loop']);
const counts = Object.fromEntries(Object.entries(lines).map(([rule, found]) => [rule, { findings: found.length, sameLineAsNoAwaitInLoop: found.filter((key) => awaitInLoop.has(key)).length }]));
console.log(JSON.stringify({ counts, lines }, null, 2));
