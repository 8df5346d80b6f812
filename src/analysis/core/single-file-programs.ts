/**
 * Untyped analysis's programs: one per analysed file, whose checker resolves the file's local names (variables,
 * parameters, class members) but knows nothing of imported modules. Creating a program and a checker costs about as
 * much as the analysis of a small file, so module files share a checker: each is bound on its own, and one checker
 * answers for the files of a batch. A file the checker could see differently there (a script, whose declarations are
 * global; a global or module augmentation; an import that may name the file itself) gets a program of its own.
 */
import type * as ts from 'typescript';

import path from 'node:path';

import type { TypeScript } from './analysis-context.js';

const options: ts.CompilerOptions = { noLib: true, noResolve: true, allowJs: true, types: [], noEmit: true };
/**
 * A checker keeps what it learnt of every file it answered for, so a new one starts after this many files. What it keeps
 * holds those files' trees: a tree the module cache keeps for long (a module many files import) keeps its whole batch
 * alive. On outline, untyped, batches of 32 left 133 MB of heap after the lint and peaks of 740 to 1,040 MB; batches of 8,
 * 115 MB and 720 to 770 MB, in the same time (more checkers cost about as much as they save in collection).
 */
const filesPerChecker = 8;

interface SharedChecker {
  readonly typescript: TypeScript;
  readonly checker: ts.TypeChecker;
  files: number;
}
let shared: SharedChecker | undefined;
/** Programs whose checker is a shared one: it knows no file but the one asked about, and no global but its own. */
const sharingPrograms = new WeakSet<object>();

/** The compiler's binder, which the API does not declare: without it every file gets a program of its own. */
type Bind = (sourceFile: ts.SourceFile, options: ts.CompilerOptions) => void;

/** Binder fields the API does not declare: what the checker would merge into the globals of a program. */
interface BoundFile {
  readonly commonJsModuleIndicator?: unknown;
  readonly jsGlobalAugmentations?: unknown;
  readonly patternAmbientModules?: readonly unknown[];
  readonly symbol?: { readonly globalExports?: unknown };
}

export function createSingleFileProgram(typescript: TypeScript, sourceFile: ts.SourceFile): ts.Program {
  const checker = canShareChecker(typescript, sourceFile) ? takeSharedChecker(typescript) : undefined;
  return checker ? createSharingProgram(typescript, sourceFile, checker) : createOwnProgram(typescript, [sourceFile]);
}

/** Bound here, a module file whose declarations stay its own: the shared checker sees it as its own program's would. */
function canShareChecker(typescript: TypeScript, sourceFile: ts.SourceFile): boolean {
  const bind = (typescript as unknown as { bindSourceFile?: Bind }).bindSourceFile;
  if (typeof bind !== 'function' || sourceFile.isDeclarationFile || namesRelativeModule(sourceFile, typescript)) return false;
  if (declaresAmbientModule(sourceFile, typescript)) return false;
  try {
    bind(sourceFile, options);
  } catch {
    return false;
  }
  const bound = sourceFile as ts.SourceFile & BoundFile;
  const isModule = typescript.isExternalModule(sourceFile) || bound.commonJsModuleIndicator !== undefined;
  return isModule && bound.jsGlobalAugmentations === undefined && !bound.patternAmbientModules?.length && bound.symbol?.globalExports === undefined;
}

/** `declare global`, `declare module 'pg'`: declarations a program's checker merges across files. */
function declaresAmbientModule(sourceFile: ts.SourceFile, typescript: TypeScript): boolean {
  return sourceFile.statements.some((statement) => typescript.isModuleDeclaration(statement)
    && (typescript.isStringLiteral(statement.name) || (statement.flags & typescript.NodeFlags.GlobalAugmentation) !== 0 || statement.name.text === 'global'));
}

/** A specifier that may name the file itself (`./users` in users.ts), which its own program resolves to it (see
 * mayNameItself); read from the text, so any quoted relative path counts. */
function namesRelativeModule(sourceFile: ts.SourceFile, typescript: TypeScript): boolean {
  const text = sourceFile.text;
  if (!text.includes('.')) return false;
  for (const match of text.matchAll(/(['"`])(\.\.?(?:[\\/][^'"`\n]*)?)\1/g)) {
    if (mayNameItself(match[2] as string, sourceFile.fileName, typescript)) return true;
  }
  return false;
}

function takeSharedChecker(typescript: TypeScript): ts.TypeChecker {
  if (!shared || shared.typescript !== typescript || shared.files >= filesPerChecker) {
    shared = { typescript, checker: createOwnProgram(typescript, []).getTypeChecker(), files: 0 };
  }
  shared.files += 1;
  return shared.checker;
}

/**
 * The file's program as the analyses read it (its files, options and checker); anything else a program offers comes
 * from a program of its own, created when first asked.
 */
function createSharingProgram(typescript: TypeScript, sourceFile: ts.SourceFile, checker: ts.TypeChecker): ts.Program {
  const files = [sourceFile];
  let own: ts.Program | undefined;
  const program: Record<PropertyKey, unknown> = {
    getSourceFiles: () => files,
    getSourceFile: (fileName: string) => (fileName === sourceFile.fileName ? sourceFile : undefined),
    getCompilerOptions: () => options,
    getTypeChecker: () => checker,
    getRootFileNames: () => [sourceFile.fileName],
  };
  const proxy = new Proxy(program, {
    get: (target, key): unknown => (key in target ? target[key] : Reflect.get(own ??= createOwnProgram(typescript, files), key)),
  }) as unknown as ts.Program;
  sharingPrograms.add(proxy);
  return proxy;
}

/** Does the program's checker know nothing but the module file asked about (see `bound-names.ts`)? */
export function sharesUntypedChecker(program: ts.Program): boolean {
  return sharingPrograms.has(program);
}

function createOwnProgram(typescript: TypeScript, sourceFiles: readonly ts.SourceFile[]): ts.Program {
  const byName = new Map(sourceFiles.map((sourceFile) => [sourceFile.fileName, sourceFile]));
  const host: ts.CompilerHost = {
    getSourceFile: (name) => byName.get(name),
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (name) => byName.has(name),
    readFile: () => undefined,
  };
  // The host holds no other file, so an import resolves to nothing unless it names the file itself (outside `node_modules`
  // a package name cannot); answering that up front spares every import a search of candidate names.
  const fileName = sourceFiles[0]?.fileName;
  if (fileName === undefined || !/[\\/]node_modules[\\/]/.test(fileName)) {
    host.resolveModuleNameLiterals = (literals, containingFile, _redirected, compilerOptions) => literals.map((literal) => (
      fileName !== undefined && mayNameItself(literal.text, fileName, typescript) ? typescript.resolveModuleName(literal.text, containingFile, compilerOptions, host) : { resolvedModule: undefined }));
    host.resolveTypeReferenceDirectiveReferences = (references) => references.map(() => ({ resolvedTypeReferenceDirective: undefined }));
  }
  // With no default library there is none to resolve; a host that resolves libraries itself (a hook the compiler API does
  // not declare) spares every program a resolution cache of its own.
  (host as ts.CompilerHost & { resolveLibrary?: () => ts.ResolvedModuleWithFailedLookupLocations }).resolveLibrary = () => ({ resolvedModule: undefined });
  return typescript.createProgram({ rootNames: [...byName.keys()], options, host });
}

/** Can a relative specifier name the importing file itself (`./users`, `./users.js`, `../api/users`, `.` from `index.ts`)?
 * Compared by path, extensions aside: a program holding only the file resolves nothing else, so a no is certain. */
function mayNameItself(specifier: string, fileName: string, typescript: TypeScript): boolean {
  if (!typescript.isExternalModuleNameRelative(specifier)) return false;
  const withoutExtension = (name: string): string => name.replace(/\.(?:d\.)?[cm]?[jt]sx?$/, '');
  const file = fileName.replace(/\\/g, '/');
  const target = withoutExtension(path.posix.join(file.slice(0, file.lastIndexOf('/') + 1), specifier.replace(/\\/g, '/')).replace(/\/$/, ''));
  const self = withoutExtension(file);
  return target === self || self === `${target}/index`;
}
