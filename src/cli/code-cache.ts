/**
 * A V8 code cache for the compiler: ts-morph's TypeScript is 9 MB of JavaScript that every scan compiles again, at
 * load (about 0.1 s) and then function by function as the parser, binder and checker first run (about 0.2 s more on
 * the 195-file project). tsc keeps the same cache through Node's `module.enableCompileCache` (Node 22.1 and later);
 * this is that cache for Node 20, and it keeps the bytecode of the functions the first run compiled, not only of the
 * top level. Only the `poolguard` process turns it on (main.ts): a program API caller or a test writes nothing.
 *
 * V8 checks a cache against the source's length only, so the file name holds a hash of the source text (and V8's
 * version): a changed file never gets another file's bytecode. The folder is the user's own (created 0700 and checked,
 * as another user who could write there could make us run their code). Anything wrong costs the cache, never the run.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire, Module } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

/** What happened to the cache of one load: none kept, used, refused by V8 (then written again), or turned off. */
export type CodeCacheUse = 'missing' | 'accepted' | 'rejected' | 'off';

export interface LoadedModule {
  readonly exports: unknown;
  readonly cache: CodeCacheUse;
}

interface PendingWrite {
  /** The loaded file and its cache. */
  readonly source: string;
  readonly file: string;
  readonly script: vm.Script;
}

let cacheDirectory: string | undefined;
const pendingWrites: PendingWrite[] = [];

/** Turns the cache on for this process: files loaded later keep their bytecode in `directory` when the process exits. */
export function enableCodeCache(directory = getDefaultCodeCacheDirectory()): void {
  if (process.env.NODE_DISABLE_COMPILE_CACHE || directory === undefined) return;
  if (cacheDirectory === undefined) process.once('exit', writeCodeCaches);
  cacheDirectory = directory;
}

/** Node's own compile cache folder's place, one folder per user; none when the user cannot be told. */
function getDefaultCodeCacheDirectory(): string | undefined {
  try {
    return path.join(os.tmpdir(), `poolguard-code-cache-${process.getuid?.() ?? os.userInfo().username}`);
  } catch {
    return undefined;
  }
}

/**
 * `require(file)` for a CommonJS file, compiled with its cached bytecode when the cache is on. The module goes into
 * `require.cache`, so a later `require` of the same file (ts-morph's own) gets this copy.
 */
export function requireCompiled(file: string, directory = cacheDirectory): LoadedModule {
  const require = createRequire(file);
  const cached = require.cache[file];
  if (cached || directory === undefined) return { exports: cached ? cached.exports : require(file), cache: 'off' };
  let source: Buffer;
  let cacheFile: string | undefined;
  try {
    source = fs.readFileSync(file);
    cacheFile = isOwnFolder(directory) ? path.join(directory, getCacheName(file, source)) : undefined;
  } catch {
    return { exports: require(file), cache: 'off' };
  }
  const cachedData = cacheFile === undefined ? undefined : readCache(cacheFile);
  const module = new Module(file);
  module.filename = file;
  module.paths = (Module as unknown as { _nodeModulePaths(directory: string): string[] })._nodeModulePaths(path.dirname(file));
  const script = new vm.Script(Module.wrap(source.toString('utf8')), { filename: file, ...(cachedData ? { cachedData } : {}) });
  require.cache[file] = module;
  try {
    const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
    wrapper.call(module.exports, module.exports, require, module, file, path.dirname(file));
  } catch (error) {
    delete require.cache[file];
    throw error;
  }
  module.loaded = true;
  const cache: CodeCacheUse = cacheFile === undefined ? 'off' : !cachedData ? 'missing' : script.cachedDataRejected ? 'rejected' : 'accepted';
  if (cacheFile !== undefined && cache !== 'accepted') pendingWrites.push({ source: file, file: cacheFile, script });
  return { exports: module.exports, cache };
}

/**
 * Writes the caches of this process's loads that had none (at exit, so they hold every function the run compiled).
 * Each file is written whole and renamed into place, so a process reading it at the same time sees the old or the new.
 */
export function writeCodeCaches(): void {
  for (const { source, file, script } of pendingWrites.splice(0)) {
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
      fs.renameSync(temporary, file);
      removeOtherVersions(path.dirname(file), file, source);
    } catch {
      fs.rmSync(temporary, { force: true });
    }
  }
}

function getCacheName(file: string, source: Buffer): string {
  return `${getCachePrefix(file)}${createHash('sha256').update(source).digest('hex').slice(0, 32)}.v8cache`;
}

/**
 * The part of a cache's name that every text of one file shares under this V8 (whose bytecode differs between versions),
 * so a process of another Node.js version keeps its own cache beside this one.
 */
function getCachePrefix(file: string): string {
  return `${path.basename(file)}-${createHash('sha256').update(`${file}\0${process.versions.v8}\0${process.arch}`).digest('hex').slice(0, 8)}-`;
}

/** Creates the folder if needed; true when it is a folder of this user that no one else can write to. */
function isOwnFolder(directory: string): boolean {
  fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
  const stats = fs.lstatSync(directory);
  if (!stats.isDirectory()) return false;
  if (process.platform === 'win32') return true;
  return stats.uid === process.getuid?.() && (stats.mode & 0o022) === 0;
}

function readCache(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** The caches of earlier texts of the same file under this V8 (each 4 MB), so updates do not pile them up. */
function removeOtherVersions(directory: string, cacheFile: string, source: string): void {
  const prefix = getCachePrefix(source);
  for (const name of fs.readdirSync(directory)) {
    if (name !== path.basename(cacheFile) && name.startsWith(prefix) && name.endsWith('.v8cache')) fs.rmSync(path.join(directory, name), { force: true });
  }
}
