/**
 * ts-morph's bundled TypeScript, loaded with `require`. An ESM import of the CommonJS package makes Node scan
 * several megabytes of its source for export names before running it, about 0.2 s of every CLI run.
 */
import { createRequire } from 'node:module';

import type * as tsMorph from 'ts-morph';

export const ts: typeof tsMorph.ts = (createRequire(import.meta.url)('ts-morph') as typeof tsMorph).ts;
