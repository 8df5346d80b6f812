/**
 * ts-morph's bundled TypeScript, loaded with `require`. An ESM import of the CommonJS package makes Node scan
 * several megabytes of its source for export names before running it, about 0.2 s of every CLI run.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

import type * as tsMorph from 'ts-morph';

import { requireCompiled } from './code-cache.js';

export const ts: typeof tsMorph.ts = loadBundledTypeScript();

/**
 * The compiler file alone: the scan uses nothing else of ts-morph, and its wrappers and `@ts-morph/common` (4 MB of
 * JavaScript with the lib files' text) cost about 0.1 s of CPU to load. The same module ts-morph itself loads, so a
 * process that also loads ts-morph holds one copy. Failing that (another layout of the package), through ts-morph.
 * With its bytecode cached when the process turned the cache on (code-cache.ts).
 */
function loadBundledTypeScript(): typeof tsMorph.ts {
  const require = createRequire(import.meta.url);
  try {
    const common = createRequire(require.resolve('ts-morph')).resolve('@ts-morph/common');
    return requireCompiled(path.join(path.dirname(common), 'typescript.js')).exports as typeof tsMorph.ts;
  } catch {
    return (require('ts-morph') as typeof tsMorph).ts;
  }
}
