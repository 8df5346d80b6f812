/** getLoopContext on its own: which repetitions count as "once per element". */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { createSingleFileProgram, getAnalysisContext } from '../../src/analysis/core/analysis-context.js';
import { getLoopContext } from '../../src/analysis/queries/loop-context.js';

const typescript = ts as unknown as TypeScript;

/** The loop context of the call to `probe()` in `code`. */
function contextOfProbe(code: string) {
  const sourceFile = typescript.createSourceFile('probe.ts', code, typescript.ScriptTarget.Latest, true);
  const context = getAnalysisContext(typescript, createSingleFileProgram(typescript, sourceFile), false, {});
  let probe: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (typescript.isCallExpression(node) && typescript.isIdentifier(node.expression) && node.expression.text === 'probe') probe = node;
    typescript.forEachChild(node, visit);
  };
  visit(sourceFile);
  if (!probe) throw new Error('no probe() call');
  const loop = getLoopContext(probe, context);
  return loop && { kind: loop.kind, item: loop.item, method: loop.method, fanOut: loop.fanOut, unawaited: loop.unawaited };
}

describe('getLoopContext', () => {
  it('names the element of a for…of loop', () => {
    expect(contextOfProbe('for (const user of users) probe(user);')).toMatchObject({ kind: 'loop', item: '`user`' });
  });

  it('gives the innermost per-element loop of nested loops', () => {
    expect(contextOfProbe('for (const a of as) for (const b of bs) probe(a, b);')).toMatchObject({ item: '`b`' });
  });

  it('sees through a constant inner loop to the per-element outer one', () => {
    expect(contextOfProbe('for (const a of as) for (let i = 0; i < 3; i++) probe(a);')).toMatchObject({ item: '`a`' });
  });

  it('marks Promise.all over a map callback as a fan-out', () => {
    expect(contextOfProbe('await Promise.all(ids.map((id) => probe(id)));')).toMatchObject({ kind: 'callback', method: 'map', fanOut: 'Promise.all' });
  });

  it('marks forEach(async …) as unawaited', () => {
    expect(contextOfProbe('ids.forEach(async (id) => { await probe(id); });')).toMatchObject({ method: 'forEach', unawaited: true });
  });

  it('follows callbacks that run in place: then handlers and IIFEs', () => {
    expect(contextOfProbe('for (const x of xs) (async () => { await probe(x); })();')).toMatchObject({ item: '`x`' });
    expect(contextOfProbe('for (const x of xs) await load(x).then(() => probe(x));')).toMatchObject({ item: '`x`' });
  });

  it('stops at functions that do not run in the loop', () => {
    expect(contextOfProbe('for (const x of xs) emitter.on("e", () => probe(x));')).toBeUndefined();
    expect(contextOfProbe('for (const x of xs) handlers.push(() => probe(x));')).toBeUndefined();
  });

  it('ignores constant collections, retry bounds and page steps', () => {
    expect(contextOfProbe("for (const t of ['a', 'b']) probe(t);")).toBeUndefined();
    expect(contextOfProbe('const MAX = 5; for (let i = 0; i < MAX; i++) probe(i);')).toBeUndefined();
    expect(contextOfProbe('for (let offset = 0; offset < total; offset += 500) probe(offset);')).toBeUndefined();
    expect(contextOfProbe('for (const chunk of chunks) probe(chunk);')).toBeUndefined();
  });

  it('treats paging and polling while loops as not per element', () => {
    expect(contextOfProbe('let more = true; while (more) { more = probe(); }')).toBeUndefined();
    expect(contextOfProbe('let rows = first; while (rows.length === 100) { rows = probe(); }')).toBeUndefined();
    expect(contextOfProbe('while (queue.length) { probe(queue.shift()); }')).toMatchObject({ kind: 'loop' });
  });

  it('does not count the collection expression of a for…of as inside the loop', () => {
    expect(contextOfProbe('for (const row of probe()) use(row);')).toBeUndefined();
  });
});
