/** Programs over in-memory files, one after another as an editor's project service makes them. */
import ts from 'typescript';

/** Each call makes a program of these files; a file whose text is unchanged keeps its source file from the last one. */
export function createEditorPrograms(options: ts.CompilerOptions): (files: Record<string, string>) => ts.Program {
  const sourceFiles = new Map<string, ts.SourceFile>();
  let files: Record<string, string> = {};
  const host = ts.createCompilerHost(options);
  host.getSourceFile = (fileName) => {
    const text = files[fileName];
    if (text === undefined) return undefined;
    const known = sourceFiles.get(fileName);
    if (known?.text === text) return known;
    const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
    sourceFiles.set(fileName, sourceFile);
    return sourceFile;
  };
  host.fileExists = (fileName) => files[fileName] !== undefined;
  host.readFile = (fileName) => files[fileName];
  return (next) => {
    files = next;
    return ts.createProgram({ rootNames: Object.keys(next), options, host });
  };
}
