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

/**
 * `namesOf` gives a source file's names (the same for the same source file whenever asked, and iterable again) and `counts` which
 * files count (say, not declaration files).
 */
export function createProgramNameIndex<Name>(
  namesOf: (sourceFile: ts.SourceFile) => Iterable<Name>,
  counts: (sourceFile: ts.SourceFile) => boolean = () => true,
): ProgramNameIndex<Name> {
  // Weak collections, not WeakRef: a WeakRef keeps its target alive until the current job ends, and a scan analyses
  // program after program in one synchronous job, so every program and file it ever counted stayed in memory.
  /** Holds the program the counts are for, alone. */
  let program = new WeakSet<ts.Program>();
  /** Each source file's names, asked once: the object itself says whether a file name's counted file changed. */
  const namesByFile = new WeakMap<ts.SourceFile, Iterable<Name>>();
  /** By file name, the names its counted file added. */
  let files = new Map<string, Iterable<Name>>();
  const filesByName = new Map<Name, number>();
  const add = (names: Iterable<Name>, step: number): void => {
    for (const name of names) {
      const count = (filesByName.get(name) ?? 0) + step;
      if (count === 0) filesByName.delete(name);
      else filesByName.set(name, count);
    }
  };
  const moveTo = (next: ts.Program): void => {
    const nextFiles = new Map<string, Iterable<Name>>();
    for (const sourceFile of next.getSourceFiles()) {
      if (!counts(sourceFile)) continue;
      let names = namesByFile.get(sourceFile);
      if (!names) {
        names = namesOf(sourceFile);
        namesByFile.set(sourceFile, names);
      }
      const counted = files.get(sourceFile.fileName);
      // The same names object: the same file, or one whose names are these very ones.
      if (counted !== names) {
        if (counted) add(counted, -1);
        add(names, 1);
      }
      nextFiles.set(sourceFile.fileName, names);
    }
    for (const [fileName, counted] of files) if (!nextFiles.has(fileName)) add(counted, -1);
    files = nextFiles;
  };
  return {
    has(asked, name) {
      if (!program.has(asked)) {
        program = new WeakSet();
        try {
          moveTo(asked);
        } catch (error) {
          // Half moved: count again from nothing at the next question.
          files = new Map();
          filesByName.clear();
          throw error;
        }
        program.add(asked);
      }
      return filesByName.has(name);
    },
  };
}
