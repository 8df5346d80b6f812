/**
 * Representative suggestions, applied: the result type-checks against the libraries' real types (with the
 * rule tester's compiler options) and the rule no longer reports it.
 */
import path from 'node:path';

import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

import noLeakedConnection from '../../rules/no-leaked-connection.js';
import noUnboundedPool from '../../rules/no-unbounded-pool.js';
import { ruleTesterRoot } from '../helpers/rule-testers.js';
import { createSharingHost } from '../helpers/sharing-compiler-host.js';

const rules = { 'no-leaked-connection': noLeakedConnection, 'no-unbounded-pool': noUnboundedPool };
type RuleId = keyof typeof rules;

function lint(ruleId: RuleId, code: string): Linter.LintMessage[] {
  const config = {
    files: ['**/*.ts'],
    languageOptions: { parser: tsParser },
    plugins: { poolguard: { rules: { [ruleId]: rules[ruleId] } } },
    rules: { [`poolguard/${ruleId}`]: 'error' },
  } as unknown as Linter.Config;
  return new Linter({ configType: 'flat' }).verify(code, config, 'file.ts');
}

/** Type errors of `code` as a file of fixtures/rule-tester (its tsconfig, the repository's node_modules). */
function typeErrors(code: string): string[] {
  const configFile = ts.readConfigFile(path.join(ruleTesterRoot, 'tsconfig.json'), (file) => ts.sys.readFile(file));
  const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ruleTesterRoot);
  const fileName = path.join(ruleTesterRoot, '__fixed__.ts');
  const host = createSharingHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError, shouldCreateNewSourceFile) => (name === fileName ? ts.createSourceFile(name, code, language) : getSourceFile(name, language, onError, shouldCreateNewSourceFile));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === fileName || fileExists(name);
  const program = ts.createProgram([fileName], options, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(fileName)).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

const cases: readonly { readonly name: string; readonly ruleId: RuleId; readonly suggestion: string; readonly code: string }[] = [
  {
    name: 'pg: a query that can throw before the release',
    ruleId: 'no-leaked-connection',
    suggestion: 'wrapInTryFinally',
    code: `import { Pool } from 'pg';
const pool = new Pool({ max: 5, connectionTimeoutMillis: 5000 });
export async function names(): Promise<string[]> {
  const client = await pool.connect();
  const { rows } = await client.query<{ name: string }>('SELECT name FROM users');
  client.release();
  return rows.map((row) => row.name);
}
`,
  },
  {
    name: 'pg: an early return that keeps the client',
    ruleId: 'no-leaked-connection',
    suggestion: 'releaseBeforeReturn',
    code: `import { Pool } from 'pg';
const pool = new Pool({ max: 5, connectionTimeoutMillis: 5000 });
export async function first(id: number): Promise<unknown> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT * FROM users WHERE id = $1', [id]);
    if (rows.length === 0) return null;
    client.release();
    return rows[0];
  } catch (error) {
    client.release();
    throw error;
  }
}
`,
  },
  {
    name: 'TypeORM: a query runner released after its queries',
    ruleId: 'no-leaked-connection',
    suggestion: 'wrapInTryFinally',
    code: `import { DataSource } from 'typeorm';
export async function lock(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.query('SELECT pg_advisory_lock(1)');
  await runner.release();
}
`,
  },
  {
    name: 'pg: a loop that continues before its try',
    ruleId: 'no-leaked-connection',
    suggestion: 'moveIntoTry',
    code: `import { Pool } from 'pg';
const pool = new Pool({ max: 5, connectionTimeoutMillis: 5000 });
export async function purge(ids: number[]): Promise<void> {
  for (const id of ids) {
    const client = await pool.connect();
    if (id < 0) continue;
    try {
      await client.query('DELETE FROM jobs WHERE id = $1', [id]);
    } finally {
      client.release();
    }
  }
}
`,
  },
  {
    name: 'knex: a transaction committed as its last step',
    ruleId: 'no-leaked-connection',
    suggestion: 'rollbackOnError',
    code: `import Knex from 'knex';
const knex = Knex({ client: 'pg', pool: { max: 5 } });
export async function move(sku: string, quantity: number): Promise<void> {
  const trx = await knex.transaction();
  await trx('stock').where({ sku, warehouse: 'a' }).decrement('quantity', quantity);
  await trx('stock').where({ sku, warehouse: 'b' }).increment('quantity', quantity);
  await trx.commit();
}
`,
  },
  {
    name: 'pg Pool without an acquire timeout',
    ruleId: 'no-unbounded-pool',
    suggestion: 'setLimit',
    code: `import { Pool } from 'pg';
export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: 20,
});
`,
  },
  {
    name: 'mysql2 pool without a queue limit, options in a const',
    ruleId: 'no-unbounded-pool',
    suggestion: 'setLimit',
    code: `import mysql from 'mysql2/promise';
const options = { host: 'db', connectionLimit: 10 };
export const pool = mysql.createPool(options);
`,
  },
];

describe.each(cases)('$name', ({ ruleId, suggestion, code }) => {
  test('the code type-checks and is reported with the suggestion', () => {
    expect(typeErrors(code)).toEqual([]);
    expect(lint(ruleId, code).flatMap((message) => message.suggestions ?? []).map((entry) => entry.messageId)).toContain(suggestion);
  });

  test('applied, it still type-checks and is no longer reported', () => {
    const [message] = lint(ruleId, code);
    const fix = message?.suggestions?.find((entry) => entry.messageId === suggestion)?.fix;
    expect(fix).toBeDefined();
    const fixed = code.slice(0, fix?.range[0]) + (fix?.text ?? '') + code.slice(fix?.range[1]);
    expect(typeErrors(fixed)).toEqual([]);
    expect(lint(ruleId, fixed)).toEqual([]);
  });
});
