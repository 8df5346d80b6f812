/**
 * The compiler host's existence checks, answered once per path for the whole scan. Module resolution asks again and
 * again whether the same `node_modules` folders and candidate files exist (a fresh clone has none, and every bare
 * import walks up to the root); tsc's own host caches these answers the same way. A scan reads and never writes, so
 * an answer holds until the scan ends; a new scan (`--fix` analyses again after writing) starts with an empty cache.
 */
import type { ts as tsTypes } from 'ts-morph';

export interface FileSystemCache {
  readonly fileExists: Map<string, boolean>;
  readonly directoryExists: Map<string, boolean>;
}

export function createFileSystemCache(): FileSystemCache {
  return { fileExists: new Map(), directoryExists: new Map() };
}

export function useCachedFileSystem(host: tsTypes.CompilerHost, cache: FileSystemCache): void {
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => remember(cache.fileExists, fileName, fileExists);
  const directoryExists = host.directoryExists?.bind(host);
  if (directoryExists) host.directoryExists = (directoryName) => remember(cache.directoryExists, directoryName, directoryExists);
}

function remember(answers: Map<string, boolean>, name: string, ask: (name: string) => boolean): boolean {
  let answer = answers.get(name);
  if (answer === undefined) {
    answer = ask(name);
    answers.set(name, answer);
  }
  return answer;
}
