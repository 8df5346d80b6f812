/** An editor re-lint keeps the file's last "reaches a database module" answer only when the edit cannot change it. */
import ts from 'typescript';
import { expect, it } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';
import type { LintedFile } from '../../src/eslint/reused-findings.js';

import { getKnowledge } from '../../src/analysis/core/analysis-context.js';
import { rememberReach, stillReachesDatabase } from '../../src/eslint/reused-findings.js';
import { createEditorPrograms } from '../helpers/editor-programs.js';

const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, noResolve: true, noLib: true };
const knowledge = getKnowledge({});
const settings = {};

/** Editor-like programs over in-memory files, each as the lint of `/p/service.ts`. */
function createPrograms(): (files: Record<string, string>) => LintedFile {
  const createProgram = createEditorPrograms(options);
  return (next) => {
    const program = createProgram(next);
    const sourceFile = program.getSourceFile('/p/service.ts');
    if (!sourceFile) throw new Error('no service.ts');
    return { ts: ts as unknown as TypeScript, program, sourceFile, settings };
  };
}

const db = "import { Pool } from 'pg';\nexport const pool = new Pool();\n";
const service = [
  "import { pool } from './db';",
  'export async function load(id: number) {',
  "  return pool.query('SELECT 1', [id]);",
  '}',
  'export function plain(values: number[]) {',
  '  let total = 0;',
  '  return total;',
  '}',
].join('\n');

it('an edit inside a function that writes no import and keeps the text evidence keeps the answer', () => {
  const lint = createPrograms();
  const first = lint({ '/p/db.ts': db, '/p/service.ts': service });
  rememberReach(first, knowledge, true);
  expect(stillReachesDatabase(lint({ '/p/db.ts': db, '/p/service.ts': service.replace("'SELECT 1'", "'SELECT 2'") }), knowledge)).toBe(true);
  // Each answer is remembered with its text: the next edit is compared with the last lint's.
  rememberReach(first, knowledge, true);
  expect(stillReachesDatabase(lint({ '/p/db.ts': db, '/p/service.ts': service }), knowledge)).toBe(true);
});

it('the answer is computed again when the edit may change it', () => {
  const lint = createPrograms();
  const check = (last: string, next: string, lastDb = db, nextDb = db, reached = true) => {
    rememberReach(lint({ '/p/db.ts': lastDb, '/p/service.ts': last }), knowledge, reached);
    return stillReachesDatabase(lint({ '/p/db.ts': nextDb, '/p/service.ts': next }), knowledge);
  };
  const edited = service.replace("'SELECT 1'", "'SELECT 2'");
  // A `require` or `import` written in the function, before or after.
  expect(check(service, service.replace('let total = 0;', "let total = 0; const pg = require('pg');"))).toBe(false);
  expect(check(service.replace('let total = 0;', "let total = 0; void import('pg');"), service)).toBe(false);
  // Whether the text queries through and releases one variable of its own.
  expect(check(service, service.replace('let total = 0;', "let total = 0; const c = await pool.connect(); await c.query('SELECT 1'); c.release();"))).toBe(false);
  // Outside a function's body: the imports.
  expect(check(service, service.replace("import { pool } from './db';", "import { pool } from './db';\nimport 'pg';"))).toBe(false);
  // Another file changed, or the last lint found no database module.
  expect(check(service, edited, db, `${db}export const other = 1;\n`)).toBe(false);
  expect(check(service, edited, db, db, false)).toBe(false);
  expect(check(service, edited)).toBe(true);
});

it('the other files are compared one by one: a file added or removed computes the answer again', () => {
  const lint = createPrograms();
  const edited = service.replace("'SELECT 1'", "'SELECT 2'");
  const check = (last: Record<string, string>, next: Record<string, string>) => {
    rememberReach(lint(last), knowledge, true);
    return stillReachesDatabase(lint(next), knowledge);
  };
  const other = 'export const other = 1;\n';
  expect(check({ '/p/db.ts': db, '/p/service.ts': service }, { '/p/db.ts': db, '/p/service.ts': edited, '/p/other.ts': other })).toBe(false);
  expect(check({ '/p/db.ts': db, '/p/service.ts': service, '/p/other.ts': other }, { '/p/db.ts': db, '/p/service.ts': edited })).toBe(false);
  expect(check({ '/p/service.ts': service, '/p/db.ts': db }, { '/p/db.ts': db, '/p/service.ts': edited })).toBe(true);
  expect(check({ '/p/db.ts': db, '/p/service.ts': service, '/p/other.ts': other }, { '/p/db.ts': db, '/p/other.ts': other, '/p/service.ts': edited })).toBe(true);
  // The same program: its file list is the same, whatever the order of questions.
  const program = lint({ '/p/db.ts': db, '/p/service.ts': service, '/p/other.ts': other });
  rememberReach(program, knowledge, true);
  expect(stillReachesDatabase(program, knowledge)).toBe(true);
});

it('one new program compared with two last lints gets each its own answer', () => {
  const lint = createPrograms();
  const edited = service.replace("'SELECT 1'", "'SELECT 2'");
  const otherDb = `${db}export const other = 1;\n`;
  const withOtherDb = lint({ '/p/db.ts': otherDb, '/p/service.ts': service });
  const withDb = lint({ '/p/db.ts': db, '/p/service.ts': service });
  const next = lint({ '/p/db.ts': db, '/p/service.ts': edited });
  rememberReach(withOtherDb, knowledge, true);
  expect(stillReachesDatabase(next, knowledge)).toBe(false);
  rememberReach(withDb, knowledge, true);
  expect(stillReachesDatabase(next, knowledge)).toBe(true);
  rememberReach(withOtherDb, knowledge, true);
  expect(stillReachesDatabase(next, knowledge)).toBe(false);
});
