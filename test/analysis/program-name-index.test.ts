/** createProgramNameIndex: the counts moved from program to program give the answers a walk over every file gives. */
import ts from 'typescript';
import { expect, test } from 'vitest';

import { createProgramNameIndex } from '../../src/analysis/core/program-name-index.js';
import { createEditorPrograms } from '../helpers/editor-programs.js';

const options: ts.CompilerOptions = { noLib: true, noResolve: true, types: [] };

const createPrograms = (): ((files: Record<string, string>) => ts.Program) => createEditorPrograms(options);

/** A file's names: the words after `let`. */
const namesOf = (sourceFile: ts.SourceFile): string[] => [...sourceFile.text.matchAll(/let (\w+)/g)].map((match) => match[1] ?? '');
const walk = (program: ts.Program, name: string, counts: (sourceFile: ts.SourceFile) => boolean): ts.SourceFile[] =>
  program.getSourceFiles().filter((sourceFile) => counts(sourceFile) && namesOf(sourceFile).includes(name));

test('after files change, are added or removed, and when an older program is asked again, the answers (whether and which files) are a walk\'s', () => {
  const program = createPrograms();
  const counts = (sourceFile: ts.SourceFile) => !sourceFile.fileName.endsWith('.d.ts');
  let walked = 0;
  const index = createProgramNameIndex((sourceFile) => {
    walked += 1;
    return namesOf(sourceFile);
  }, counts);
  const names = ['a', 'b', 'c', 'd', 'shared', 'declared'];
  const check = (asked: ts.Program) => {
    for (const name of names) {
      const declaring = walk(asked, name, counts);
      expect([name, index.has(asked, name)]).toEqual([name, declaring.length > 0]);
      // The program's own source files, not the ones an earlier program held under those names.
      const files = index.filesOf(asked, name);
      expect(files.map((file) => file.fileName).sort()).toEqual(declaring.map((file) => file.fileName).sort());
      for (const file of files) expect(asked.getSourceFile(file.fileName)).toBe(file);
    }
  };
  const first = program({ '/p/one.ts': 'let a; let shared;', '/p/two.ts': 'let b; let shared;', '/p/types.d.ts': 'declare let declared: number;' });
  check(first);
  expect(walked).toBe(2);
  // `one.ts` edited (a new source file under the same name): only it is read again.
  const edited = program({ '/p/one.ts': 'let c; let shared;', '/p/two.ts': 'let b; let shared;', '/p/types.d.ts': 'declare let declared: number;' });
  check(edited);
  expect(walked).toBe(3);
  // `two.ts` removed, `three.ts` added: `shared` is still declared once, `b` no more.
  const moved = program({ '/p/one.ts': 'let c; let shared;', '/p/three.ts': 'let d;', '/p/types.d.ts': 'declare let declared: number;' });
  check(moved);
  const alone = program({ '/p/three.ts': 'let d;' });
  check(alone);
  check(first);
  check(moved);
});
