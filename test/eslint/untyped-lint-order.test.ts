/**
 * Untyped linting: a file's findings do not depend on the files linted before it. An importer's lint resolves modules
 * it shares with the file (base classes in other modules) in those modules' contexts, whose answers the file's own
 * lint reuses; an answer cut short there must not be remembered as "not a database value".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, expect, test } from 'vitest';

import { lintInOrder as lintFilesInOrder } from '../helpers/lint-in-order.js';

const directories: string[] = [];
afterAll(() => {
  for (const directory of directories) fs.rmSync(directory, { recursive: true, force: true });
});

const purge = '  static async purge() {\n    const rows = await this.findAll();\n    for (const row of rows) await row.destroy();\n  }\n';

/**
 * A chain of model base classes, one module each (base0 extends sequelize's Model). `record.ts` extends base2, within
 * resolution's depth limit; `deeper.ts` extends base3, one module further, where resolution is cut at base0's `Model`.
 */
function writeProject(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-lint-order-'));
  directories.push(directory);
  const write = (name: string, text: string): void => fs.writeFileSync(path.join(directory, name), text);
  write('base0.ts', "import { Model } from 'sequelize';\nclass Base0 extends Model {}\nexport default Base0;\n");
  for (const level of [1, 2, 3]) {
    write(`base${level}.ts`, `import { DataTypes } from 'sequelize';\nimport Base${level - 1} from './base${level - 1}';\nclass Base${level} extends Base${level - 1} {}\nexport default Base${level};\n`);
  }
  write('deeper.ts', `import Base3 from './base3';\nexport class Deeper extends Base3 {\n${purge}}\n`);
  write('record.ts', `import Base2 from './base2';\nexport class Record extends Base2 {\n${purge}}\n`);
  return directory;
}

/** Lints the files in this order, as ESLint does a run's files; the findings of the last one. */
const lintInOrder = (...names: string[]): string[] => lintFilesInOrder(writeProject(), 'no-query-in-loop', names);

test("a file's untyped findings are the same whether or not a deeper importer of its modules was linted first", () => {
  expect(lintInOrder('record.ts')).toEqual(['5:poolguard/no-query-in-loop']);
  expect(lintInOrder('deeper.ts', 'record.ts')).toEqual(['5:poolguard/no-query-in-loop']);
});
