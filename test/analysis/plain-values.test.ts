/** holdsPlainValue and isBuiltInMember: what the syntax alone shows is no database object. */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { createSingleFileProgram, getAnalysisContext } from '../../src/analysis/core/analysis-context.js';
import { getObjectLiteralMember, holdsPlainValue, isBuiltInMember } from '../../src/analysis/core/plain-values.js';
import { createProbeProgram } from '../helpers/probe-program.js';

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

describe('the language\'s own globals (typed)', () => {
  /** holdsPlainValue of `probe(…)`'s argument in a program whose other file adds to `String` (as @types/node does) and
   * declares a global of its own. */
  function probeGlobal(argument: string, declarations = ''): boolean {
    const { context, argument: probed } = createProbeProgram({
      '/app/src/globals.d.ts': 'interface String { at(index: number): string | undefined }\ninterface JSON { db: { query(): void } }\ndeclare var db: { query(): void };\n',
      '/app/src/use.ts': `/// <reference path="./globals.d.ts" />\ndeclare function probe(value: unknown): void;\n${declarations}probe(${argument});\nexport {};\n`,
    }, '/app/src/use.ts');
    return holdsPlainValue(probed, context);
  }

  it('is plain where the language\'s library declares the value, also when a package adds to its interface', () => {
    expect(probeGlobal('JSON')).toBe(true);
    expect(probeGlobal('String')).toBe(true);
    expect(probeGlobal('Promise')).toBe(true);
  });

  it('is not plain where the project declares the global', () => {
    expect(probeGlobal('db')).toBe(false);
  });

  it('gives plain members where the language\'s library declares the member, not where the program adds it', () => {
    expect(probeGlobal('JSON.stringify')).toBe(true);
    expect(probeGlobal('Promise.all')).toBe(true);
    expect(probeGlobal("Math['max']")).toBe(true);
    expect(probeGlobal('JSON.db')).toBe(false);
    expect(probeGlobal('db.query')).toBe(false);
    // A local of the same name is no global.
    expect(probeGlobal('JSON.stringify', 'const JSON = { stringify: db };\n')).toBe(false);
  });

  it('holds a collection, date or error the language builds, and a const holding one, with their members, as plain', () => {
    expect(probeGlobal('new Map<string, typeof db>()')).toBe(true);
    expect(probeGlobal('byId', 'const byId = new Map([[1, db]]);\n')).toBe(true);
    expect(probeGlobal('byId.get', 'const byId = new Map([[1, db]]);\n')).toBe(true);
    expect(probeGlobal('new Date()')).toBe(true);
    // What the collection hands back is the value it holds.
    expect(probeGlobal('byId.get(1)', 'const byId = new Map([[1, db]]);\n')).toBe(false);
    // A promise or a proxy stands for another value; a class of the program's own of the same name is no global.
    expect(probeGlobal('new Promise<typeof db>((resolve) => resolve(db))')).toBe(false);
    expect(probeGlobal('new Proxy(db, {})')).toBe(false);
    expect(probeGlobal('new Map()', 'class Map { query() {} }\n')).toBe(false);
    expect(probeGlobal('cache', 'let cache = new Map();\n')).toBe(false);
  });
});

describe('object literals\' methods and imported consts', () => {
  const repository = `export const repository = { async find() { return 1; }, run: () => 1, pool: makePool(), get conn() { return makePool(); }, Pool() { return 1; } };
export const withSpread = { find() { return 1; }, ...other };
export const load = async () => 1;
declare function makePool(): unknown;
declare const other: object;
`;

  /** holdsPlainValue of `probe(…)`'s argument, with `repository.ts` imported (typed) or declared in the same file. */
  function probeMember(argument: string, imported: boolean): boolean {
    const use = `declare function probe(value: unknown): void;\nprobe(${argument});\n`;
    if (!imported) return probe(`${repository}${use}`).plain;
    const { context, argument: probed } = createProbeProgram({
      '/app/src/repository.ts': repository,
      '/app/src/use.ts': `import { repository, withSpread, load } from './repository';\n${use}`,
    }, '/app/src/use.ts');
    return holdsPlainValue(probed, context);
  }

  it.each([true, false])('a method or function property is plain; a value, a getter, a spread-over or kind-named member is not (imported: %s)', (imported) => {
    // An imported object may be a registry its module fills; one declared here is plain.
    expect(probeMember('repository', imported)).toBe(!imported);
    expect(probeMember('load', imported)).toBe(true);
    expect(probeMember('repository.find', imported)).toBe(true);
    expect(probeMember('repository.run', imported)).toBe(true);
    expect(probeMember('repository.pool', imported)).toBe(false);
    expect(probeMember('repository.conn', imported)).toBe(false);
    expect(probeMember('repository.Pool', imported)).toBe(false);
    expect(probeMember('withSpread.find', imported)).toBe(false);
  });
});

describe('getObjectLiteralMember (typed)', () => {
  /** For each `probe(x.name)` in the importer: the member found without types, as `name@line` of its declaration, and
   * the checker's declarations for the same access. */
  function members(repository: string, importer: string, repositoryFile = '/app/src/repository.ts'): { syntax: string | undefined; checker: string[] }[] {
    const { context, argument } = createProbeProgram({
      [repositoryFile]: repository,
      '/app/src/service.ts': `${importer}\ndeclare function probe(...values: unknown[]): void;\nprobe(0);\n`,
    }, '/app/src/service.ts', { allowJs: true, moduleResolution: typescript.ModuleResolutionKind.Node10 });
    const where = (node: ts.Node): string => `${node.getText().split(/[(:]/)[0]}@${node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const accesses: ts.PropertyAccessExpression[] = [];
    const visit = (node: ts.Node): void => {
      if (typescript.isCallExpression(node) && node.getText().startsWith('probe(') && node.arguments[0] && typescript.isPropertyAccessExpression(node.arguments[0])) accesses.push(node.arguments[0]);
      typescript.forEachChild(node, visit);
    };
    visit(argument.getSourceFile());
    return accesses.map((access) => {
      const member = getObjectLiteralMember(access, context);
      const symbol = context.checker.getSymbolAtLocation(access.name);
      return { syntax: member && where(member), checker: (symbol?.declarations ?? []).map(where) };
    });
  }

  it('finds the one member of that name of a const object literal, here or imported, as the checker does', () => {
    expect(members(`export const orders = {
  async find(id: number) { return id; },
  count: 1,
  'byName': (name: string) => name,
};`, `import { orders } from './repository';
const local = { run() { return 1; } };
probe(orders.find);
probe(orders.byName);
probe(local.run);
probe(orders.count);`)).toEqual([
      { syntax: 'async find@2', checker: ['async find@2'] },
      { syntax: "'byName'@4", checker: ["'byName'@4"] },
      { syntax: 'run@2', checker: ['run@2'] },
      { syntax: 'count@3', checker: ['count@3'] },
    ]);
  });

  it('finds none where the literal may have another member of the name, a cast or the file may change the type, or JSDoc may declare it', () => {
    expect(members(`const defaults = { find: () => 0 };
const key = 'find';
export const spread = { ...defaults, find: () => 1 };
export const computed = { [key]: () => 1, find: () => 2 };
export const narrowed = { find: () => 3 };
export const plain = { find: () => 4 };`, `import { computed, narrowed, plain, spread } from './repository';
declare function isFinder(value: unknown): value is { find(): string };
if (isFinder(narrowed)) probe(0);
probe(spread.find);
probe(computed.find);
probe(narrowed.find);
probe((plain as unknown as typeof spread).find);`).map((each) => each.syntax)).toEqual([undefined, undefined, undefined, undefined]);
    expect(members('/** @type {{ find(): number }} */\nexport const typed = { find: () => 1 };', "import { typed } from './repository';\nprobe(typed.find);", '/app/src/repository.js')
      .map((each) => each.syntax)).toEqual([undefined]);
  });
});
