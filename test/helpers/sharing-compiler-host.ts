/** A compiler host that parses each declaration file (lib, @types, libraries) once per test worker, not once per program. */
import ts from 'typescript';

const declarationFiles = new Map<string, ts.SourceFile>();

export function createSharingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile) => {
    if (!fileName.endsWith('.d.ts') || shouldCreateNewSourceFile) return getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
    // The parse depends on the target, the module format and how module files are detected.
    const key = [fileName, JSON.stringify(languageVersionOrOptions), options.moduleDetection, options.jsx].join('\0');
    let sourceFile = declarationFiles.get(key);
    if (!sourceFile) {
      sourceFile = getSourceFile(fileName, languageVersionOrOptions, onError);
      if (sourceFile) declarationFiles.set(key, sourceFile);
    }
    return sourceFile;
  };
  return host;
}
