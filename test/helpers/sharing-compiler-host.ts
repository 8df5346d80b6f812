/** A compiler host that parses each declaration file (lib, @types, libraries) once per test worker, not once per program. */
import ts from 'typescript';

const declarationFiles = new Map<string, ts.SourceFile>();

export function createSharingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile) => {
    if (!fileName.endsWith('.d.ts') || shouldCreateNewSourceFile) return getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
    const key = getParseKey(fileName, languageVersionOrOptions, options);
    let sourceFile = declarationFiles.get(key);
    if (!sourceFile) {
      sourceFile = getSourceFile(fileName, languageVersionOrOptions, onError);
      if (sourceFile) declarationFiles.set(key, sourceFile);
    }
    return sourceFile;
  };
  return host;
}

/** What a file's parse depends on: the target, the module format and how module files are detected. Not the
 * package.json contents the options also carry (serialising those took longer than the parse they saved). */
export function getParseKey(fileName: string, languageVersionOrOptions: ts.ScriptTarget | ts.CreateSourceFileOptions, options: ts.CompilerOptions): string {
  const { languageVersion, impliedNodeFormat, jsDocParsingMode } = typeof languageVersionOrOptions === 'object' ? languageVersionOrOptions : { languageVersion: languageVersionOrOptions };
  return [fileName, languageVersion, impliedNodeFormat, jsDocParsingMode, options.moduleDetection, options.jsx].join('\0');
}
