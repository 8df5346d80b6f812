/** What the programs of one scan share: file-system answers, and parsed files only while a program still uses them. */
import path from 'node:path';

import { ts } from 'ts-morph';
import { expect, test } from 'vitest';

import { createFileSystemCache, useCachedFileSystem } from '../../src/cli/project/cached-file-system.js';
import { createProgram, createScanCaches, forgetSourcesOfOtherOptions } from '../../src/cli/project/create-program.js';
import { useTempDirectory } from '../helpers/temp-directory.js';

const { directory, write } = useTempDirectory('poolguard-scan-caches-');

test('asks the file system once per path, for every host that shares the cache', () => {
  const asked: string[] = [];
  const makeHost = (): ts.CompilerHost => {
    const host = ts.createCompilerHost({});
    host.fileExists = (fileName) => {
      asked.push(`file ${fileName}`);
      return fileName.endsWith('present.ts');
    };
    host.directoryExists = (directoryName) => {
      asked.push(`directory ${directoryName}`);
      return false;
    };
    return host;
  };
  const cache = createFileSystemCache();
  const first = makeHost();
  const second = makeHost();
  useCachedFileSystem(first, cache);
  useCachedFileSystem(second, cache);
  expect([first.fileExists('/a/present.ts'), first.fileExists('/a/missing.ts'), second.fileExists('/a/present.ts')]).toEqual([true, false, true]);
  expect([first.directoryExists?.('/a/node_modules'), second.directoryExists?.('/a/node_modules')]).toEqual([false, false]);
  expect(asked).toEqual(['file /a/present.ts', 'file /a/missing.ts', 'directory /a/node_modules']);
});

test('a program reuses the files an earlier one parsed, and the cache lets go of sources no longer used', () => {
  const shared = write('shared/pool.ts', 'export const size = 10;\n');
  const api = write('api/index.ts', "import { size } from '../shared/pool';\nexport const api = size;\n");
  const worker = write('worker/index.ts', "import { size } from '../shared/pool';\nexport const worker = size;\n");
  const web = write('web/index.ts', 'export const web = 1;\n');
  const options = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [] };
  const caches = createScanCaches();
  const cachedNames = (): string[] => [...caches.sourceFiles.values()].filter((file) => !file.isDeclarationFile).map((file) => path.relative(directory, file.fileName)).sort();

  const apiProgram = createProgram([api], options, caches).program;
  expect(cachedNames()).toEqual(['api/index.ts', 'shared/pool.ts']);
  const workerProgram = createProgram([worker], options, caches).program;
  expect(workerProgram.getSourceFile(shared)).toBe(apiProgram.getSourceFile(shared));
  expect(cachedNames()).toEqual(['shared/pool.ts', 'worker/index.ts']);

  const libFiles = [...caches.sourceFiles.values()].filter((file) => file.isDeclarationFile);
  expect(libFiles.length).toBeGreaterThan(0);
  createProgram([web], options, caches);
  expect(cachedNames()).toEqual(['web/index.ts']);
  // Declaration files (lib.*.d.ts here) serve every program and stay.
  expect(libFiles.every((file) => [...caches.sourceFiles.values()].includes(file))).toBe(true);
});

test('before a program loads, the cache lets go of sources parsed with other parse options, which it could not reuse', () => {
  const shared = write('parse-options/shared.ts', 'export const size = 10;\n');
  const api = write('parse-options/api.ts', "import { size } from './shared';\nexport const api = size;\n");
  const options = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, types: [] };
  const frontendOptions = { ...options, target: ts.ScriptTarget.ES2017, jsx: ts.JsxEmit.ReactJSX };
  const caches = createScanCaches();
  const cachedSources = (): string[] => [...caches.sourceFiles.values()].filter((file) => !file.isDeclarationFile).map((file) => path.relative(directory, file.fileName)).sort();
  const apiProgram = createProgram([api], options, caches).program;
  const declarations = [...caches.sourceFiles.values()].filter((file) => file.isDeclarationFile);

  // Output-only options parse the same: the sources stay for a program that may import them.
  forgetSourcesOfOtherOptions(caches.sourceFiles, { ...options, outDir: path.join(directory, 'out'), noEmit: true });
  expect(cachedSources()).toEqual(['parse-options/api.ts', 'parse-options/shared.ts']);
  forgetSourcesOfOtherOptions(caches.sourceFiles, frontendOptions);
  expect(cachedSources()).toEqual([]);
  expect(declarations.every((file) => [...caches.sourceFiles.values()].includes(file))).toBe(true);

  // The same options again parse anew, and the program reads the same tree as the first.
  const again = createProgram([api], options, caches).program;
  expect(again.getSourceFile(shared)).not.toBe(apiProgram.getSourceFile(shared));
  expect(again.getSourceFile(shared)?.text).toBe(apiProgram.getSourceFile(shared)?.text);
});

test('a program with other parse options finds the previous program\'s sources already dropped when it starts parsing', () => {
  const backend = write('drop-first/backend.ts', 'export const backend = 1;\n');
  const frontend = write('drop-first/frontend.ts', 'export const frontend = 1;\n');
  const options = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, types: [] };
  const caches = createScanCaches();
  createProgram([backend], options, caches);
  const cachedAtFirstRead: string[][] = [];
  const get = caches.sourceFiles.get.bind(caches.sourceFiles);
  caches.sourceFiles.get = (key) => {
    if (cachedAtFirstRead.length === 0) {
      cachedAtFirstRead.push([...caches.sourceFiles.values()].filter((file) => !file.isDeclarationFile).map((file) => path.relative(directory, file.fileName)));
    }
    return get(key);
  };

  createProgram([frontend], { ...options, target: ts.ScriptTarget.ES2017, jsx: ts.JsxEmit.ReactJSX }, caches);
  expect(cachedAtFirstRead).toEqual([[]]);
});

test('programs share module resolutions only when their resolution options are the same', () => {
  const first = write('aliases/first/db.ts', 'export const db = 1;\n');
  const second = write('aliases/second/db.ts', 'export const db = 2;\n');
  const app = write('aliases/app.ts', "import { db } from '@db';\nexport const app = db;\n");
  const base = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, types: [] };
  const withPaths = (target: string): ts.CompilerOptions => ({ ...base, paths: { '@db': [target] }, pathsBasePath: path.join(directory, 'aliases') });
  const caches = createScanCaches();
  const loads = (options: ts.CompilerOptions): string[] => {
    const { program } = createProgram([app], options, caches);
    return [first, second].filter((fileName) => program.getSourceFile(fileName)).map((fileName) => path.relative(directory, fileName));
  };

  expect(loads(withPaths('./first/db'))).toEqual(['aliases/first/db.ts']);
  expect(loads(withPaths('./second/db'))).toEqual(['aliases/second/db.ts']);
  expect(loads(withPaths('./first/db'))).toEqual(['aliases/first/db.ts']);
  // The same options again: the answer is the shared cache's.
  expect(caches.resolution.getFromDirectoryCache('@db', ts.ModuleKind.ESNext, path.join(directory, 'aliases'), undefined)?.resolvedModule?.resolvedFileName).toBe(first);
});

test('programs that differ in target, module kind or strictness share a module\'s tree and the declaration files', () => {
  const shared = write('share-modules/shared.ts', 'export const size = 10;\n');
  const api = write('share-modules/api.ts', "import { size } from './shared';\nexport const api = size;\n");
  // A script: `alwaysStrict` changes how its block-level function binds, so it is never shared across strictness.
  const script = write('share-modules/script.ts', 'if (Math.random() > 0.5) {\n  function legacy(): number {\n    return 1;\n  }\n  legacy();\n}\n');
  const options = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Node10, types: [] };
  const libOf = (program: ts.Program): ts.SourceFile | undefined => program.getSourceFiles().find((file) => path.basename(file.fileName) === 'lib.es5.d.ts');
  const caches = createScanCaches();

  const first = createProgram([api, script], options, caches).program;
  const second = createProgram([api, script], { ...options, strict: false, target: ts.ScriptTarget.ES2019, module: ts.ModuleKind.CommonJS }, caches).program;
  expect(second.getSourceFile(shared)).toBe(first.getSourceFile(shared));
  expect(libOf(second)).toBe(libOf(first));
  expect(second.getSourceFile(script)).not.toBe(first.getSourceFile(script));
  expect(second.getSourceFile(script)?.text).toBe(first.getSourceFile(script)?.text);

  // `importHelpers` makes the compiler record an import of tslib on the module: parsed again.
  const third = createProgram([api], { ...options, importHelpers: true }, caches).program;
  expect(third.getSourceFile(shared)).not.toBe(first.getSourceFile(shared));
  // Before ES2015 the scanner reads identifiers by other tables: the declarations are parsed again.
  const fourth = createProgram([api], { ...options, target: ts.ScriptTarget.ES5, ignoreDeprecations: '6.0' }, caches).program;
  expect(libOf(fourth)).toBeDefined();
  expect(libOf(fourth)).not.toBe(libOf(first));
});

test('a module read in another format (module resolution node16 or nodenext) is parsed again', () => {
  write('formats/package.json', JSON.stringify({ type: 'module' }));
  const shared = write('formats/shared.ts', 'export const size = 10;\n');
  const api = write('formats/api.ts', "import { size } from './shared.js';\nexport const api = size;\n");
  const options = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, types: [] };
  const caches = createScanCaches();
  const bundler = createProgram([api], options, caches).program;
  const nodeNext = createProgram([api], { ...options, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }, caches).program;
  expect(nodeNext.getSourceFile(shared)?.impliedNodeFormat).toBe(ts.ModuleKind.ESNext);
  expect(nodeNext.getSourceFile(shared)).not.toBe(bundler.getSourceFile(shared));
});
