/** holdsPlainValue and isBuiltInMember: what the syntax alone shows is no database object. */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { createSingleFileProgram, getAnalysisContext } from '../../src/analysis/core/analysis-context.js';
import { holdsPlainValue, isBuiltInMember } from '../../src/analysis/core/plain-values.js';

const typescript = ts as unknown as TypeScript;

/** Both checks on the argument of the last `probe(…)` call in `code`. */
function probe(code: string): { plain: boolean; builtInMember: boolean } {
  const sourceFile = typescript.createSourceFile('probe.ts', code, typescript.ScriptTarget.Latest, true);
  const context = getAnalysisContext(typescript, createSingleFileProgram(typescript, sourceFile), true, {});
  let argument: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (typescript.isCallExpression(node) && typescript.isIdentifier(node.expression) && node.expression.text === 'probe') argument = node.arguments[0];
    typescript.forEachChild(node, visit);
  };
  visit(sourceFile);
  if (!argument) throw new Error('no probe(…) call');
  return { plain: holdsPlainValue(argument, context), builtInMember: isBuiltInMember(argument, context) };
}

describe('holdsPlainValue', () => {
  it.each([
    ['an array literal', 'probe([]);'],
    ['an object literal', 'probe({ a: 1 });'],
    ['a const holding an array literal', 'const docs = []; probe(docs);'],
    ['a const holding an arrow function', 'const load = async () => 1; probe(load);'],
    ['a member of a const array', 'const docs = []; probe(docs.push);'],
    ['a member of a string literal', "probe('a'.length);"],
  ])('%s is plain', (_name, code) => {
    expect(probe(code).plain).toBe(true);
  });

  it.each([
    ['a cast array', 'const pools = [] as unknown as Pool; probe(pools);'],
    ['a let (it can be assigned a pool later)', 'let client = []; probe(client);'],
    ['a const declared with a type', 'const client: Client = {} as Client; probe(client);'],
    ['a member of an object literal (it can hold a pool)', 'const db = { pool: new Pool() }; probe(db.pool);'],
    ['a call result', 'probe(pool.connect());'],
    ['an element of an array by index', 'const clients = [client]; probe(clients[0]);'],
  ])('%s is not plain', (_name, code) => {
    expect(probe(code).plain).toBe(false);
  });
});

describe('isBuiltInMember', () => {
  it('is a member of an array, string or number literal or a const holding one', () => {
    expect(probe('const docs = []; probe(docs.push);').builtInMember).toBe(true);
    expect(probe("const sql = 'SELECT 1'; probe(sql['trim']);").builtInMember).toBe(true);
  });

  it('is not a function const itself, nor a member of an object literal or of a function', () => {
    expect(probe('const load = async () => 1; probe(load);').builtInMember).toBe(false);
    expect(probe('const db = { pool: 1 }; probe(db.pool);').builtInMember).toBe(false);
    expect(probe('const load = () => 1; probe(load.cache);').builtInMember).toBe(false);
  });
});
