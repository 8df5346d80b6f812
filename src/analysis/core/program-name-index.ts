/**
 * "Does some file of the program declare this name, and which?", answered from the files that declare each name. An
 * editor's re-lint hands over a new program around mostly the same source files, so the lists are kept and moved
 * from one program to the next by the files that differ: a question costs a lookup, not a walk over every file, and a
 * new program costs a pass over its file list, not over every file's names. Programs and files are held weakly: the
 * index must not keep a program its host dropped (a scan builds one program after another).
 */
import type * as ts from 'typescript';

export interface ProgramNameIndex<Name> {
  /** Whether a counted file of the program declares the name. */
  has(program: ts.Program, name: Name): boolean;
  /** The counted files of the program that declare the name. */
  filesOf(program: ts.Program, name: Name): readonly ts.SourceFile[];
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
  /** By name, the names of the counted files that declare it. */
  const filesByName = new Map<Name, string[]>();
  const add = (fileName: string, names: Iterable<Name>): void => {
    for (const name of names) {
      const declaring = filesByName.get(name);
      if (declaring) declaring.push(fileName);
      else filesByName.set(name, [fileName]);
    }
  };
  const remove = (fileName: string, names: Iterable<Name>): void => {
    for (const name of names) {
      const declaring = filesByName.get(name)?.filter((other) => other !== fileName) ?? [];
      if (declaring.length === 0) filesByName.delete(name);
      else filesByName.set(name, declaring);
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
        if (counted) remove(sourceFile.fileName, counted);
        add(sourceFile.fileName, names);
      }
      nextFiles.set(sourceFile.fileName, names);
    }
    for (const [fileName, counted] of files) if (!nextFiles.has(fileName)) remove(fileName, counted);
    files = nextFiles;
  };
  const ensureProgram = (asked: ts.Program): void => {
    if (program.has(asked)) return;
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
  };
  return {
    has(asked, name) {
      ensureProgram(asked);
      return filesByName.has(name);
    },
    // By file name, not file: the index must not hold a dropped program's trees until the next program is asked about.
    filesOf(asked, name) {
      ensureProgram(asked);
      return (filesByName.get(name) ?? []).flatMap((fileName) => asked.getSourceFile(fileName) ?? []);
    },
  };
}
