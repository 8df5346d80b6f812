/**
 * Leak summaries do not depend on which functions were summarized first: whether a helper returns an acquired
 * connection, and what a helper does with a connection passed to it, are the same whichever function of a chain was
 * asked about first (and so at another depth).
 */
import ts from 'typescript';
import { expect, test } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';
import type { ResourceDefinition } from '../../src/knowledge/library-definition.js';

import { createSingleFileProgram, getAnalysisContext } from '../../src/analysis/core/analysis-context.js';
import { getParameterEffect, getReturnedAcquisition } from '../../src/analysis/leaks/function-summaries.js';

const typescript = ts as unknown as TypeScript;

function setUp(code: string): { context: ReturnType<typeof getAnalysisContext>; fn: (name: string) => ts.FunctionDeclaration } {
  const sourceFile = typescript.createSourceFile('probe.ts', code, typescript.ScriptTarget.Latest, true);
  const context = getAnalysisContext(typescript, createSingleFileProgram(typescript, sourceFile), false, {});
  const fn = (name: string): ts.FunctionDeclaration => {
    const found = sourceFile.statements.find((statement): statement is ts.FunctionDeclaration => typescript.isFunctionDeclaration(statement) && statement.name?.text === name);
    if (!found) throw new Error(`no function ${name}`);
    return found;
  };
  return { context, fn };
}

// h5 takes the connection: h2 reaches it four functions deep, h0 six, past the depth followed.
const chain = `import { Pool } from 'pg';
const pool = new Pool();
async function h5() { return pool.connect(); }
async function h4() { return h5(); }
async function h3() { return h4(); }
async function h2() { return h3(); }
async function h1() { return h2(); }
async function h0() { return h1(); }`;

/** Does each of `names`, asked in this order in one context, return an acquired connection? */
function returnsAcquisition(names: readonly string[]): boolean[] {
  const { context, fn } = setUp(chain);
  return names.map((name) => getReturnedAcquisition(fn(name), context) !== undefined);
}

test('a helper summarized inside a longer chain first still returns its connection', () => {
  expect(returnsAcquisition(['h2', 'h0'])).toEqual([true, false]);
  expect(returnsAcquisition(['h0', 'h2'])).toEqual([false, true]);
});

test('what a helper does with a passed connection does not depend on the depth it was first asked at', () => {
  // r4 releases the connection; p0 passes it on five functions deep, past the depth followed.
  const code = `async function r4(client) { client.release(); }
async function r3(client) { await r4(client); }
async function r2(client) { await r3(client); }
async function r1(client) { await r2(client); }
async function p0(client) { await r1(client); }
async function q0(client) { await p0(client); }`;
  const resource: ResourceDefinition = { noun: 'client', releasedBy: ['release'] };
  const ask = (first: string | undefined): string => {
    const { context, fn } = setUp(code);
    if (first) getParameterEffect(fn(first), 0, resource, context);
    return getParameterEffect(fn('q0'), 0, resource, context);
  };
  expect(ask(undefined)).toBe('escapes');
  expect(ask('r1')).toBe(ask(undefined));
});
