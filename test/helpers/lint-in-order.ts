/** Untyped lints of a project's files, one after the other with one linter, as ESLint lints a run's files. */
import path from 'node:path';
import fs from 'node:fs';

import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';

import plugin from '../../src/index.js';

/** The findings (`line:rule`) of the last of the files, linted in this order with only this PoolGuard rule on. */
export function lintInOrder(directory: string, rule: string, names: readonly string[]): string[] {
  const config = [{
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { poolguard: plugin },
    rules: { [`poolguard/${rule}`]: 'error' },
  }] as Linter.Config[];
  const linter = new Linter({ configType: 'flat', cwd: directory });
  let findings: string[] = [];
  for (const name of names) {
    const fileName = path.join(directory, name);
    findings = linter.verify(fs.readFileSync(fileName, 'utf8'), config, { filename: fileName }).map((message) => `${message.line}:${message.ruleId}`);
  }
  return findings;
}
