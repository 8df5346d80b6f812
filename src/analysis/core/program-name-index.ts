/**
 * "Does some file of the program declare this name?", answered from counts of the files that declare each name. An
 * editor's re-lint hands over a new program around mostly the same source files, so the counts are kept and moved
 * from one program to the next by the files that differ: a question costs a lookup, not a walk over every file, and a
 * new program costs a pass over its file list, not over every file's names. Programs and files are held weakly: the
 * index must not keep a program its host dropped (a scan builds one program after another).
 */
import type * as ts from 'typescript';

export interface ProgramNameIndex<Name> {
  /** Whether a counted file of the program declares the name. */
  has(program: ts.Program, name: Name): boolean;
}

interface CountedFile<Name> {
  readonly sourceFile: WeakRef<ts.SourceFile>;
  readonly names: Iterable<Name>;
}

/**
 * `namesOf` gives a source file's names (the same for the same source file whenever asked, and iterable again) and `counts` which
 * files count (say, not declaration files).
 */
export function createProgramNameIndex<Name>(
  namesOf: (sourceFile: ts.SourceFile) => Iterable<Name>,
  counts: (sourceFile: ts.SourceFile) => boolean = () => true,
): ProgramNameIndex<Name> {
  let program: WeakRef<ts.Program> | undefined;
  /** By file name, the counted files of `program` and the names each added. */
  let files = new Map<string, CountedFile<Name>>();
  const filesByName = new Map<Name, number>();
  const add = (names: Iterable<Name>, step: number): void => {
    for (const name of names) {
      const count = (filesByName.get(name) ?? 0) + step;
      if (count === 0) filesByName.delete(name);
      else filesByName.set(name, count);
    }
  };
  const moveTo = (next: ts.Program): void => {
    const nextFiles = new Map<string, CountedFile<Name>>();
    for (const sourceFile of next.getSourceFiles()) {
      if (!counts(sourceFile)) continue;
      let counted = files.get(sourceFile.fileName);
      if (counted?.sourceFile.deref() !== sourceFile) {
        if (counted) add(counted.names, -1);
        counted = { sourceFile: new WeakRef(sourceFile), names: namesOf(sourceFile) };
        add(counted.names, 1);
      }
      nextFiles.set(sourceFile.fileName, counted);
    }
    for (const [fileName, counted] of files) if (!nextFiles.has(fileName)) add(counted.names, -1);
    files = nextFiles;
  };
  return {
    has(asked, name) {
      if (program?.deref() !== asked) {
        program = undefined;
        try {
          moveTo(asked);
        } catch (error) {
          // Half moved: count again from nothing at the next question.
          files = new Map();
          filesByName.clear();
          throw error;
        }
        program = new WeakRef(asked);
      }
      return filesByName.has(name);
    },
  };
}
