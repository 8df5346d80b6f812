/**
 * Parsed declaration files kept between scans in one process: a program API caller that scans again and
 * again (a watch loop, a test suite) parses `lib.*.d.ts`, `@types` and library declarations once instead of
 * once per scan. A file is parsed again when its size or modification time changed. A single CLI run scans
 * once and gains nothing, so it uses none.
 */
import fs from 'node:fs';

import type { ts } from 'ts-morph';

interface Entry {
  readonly sourceFile: ts.SourceFile;
  readonly modified: number;
  readonly size: number;
}

export class DeclarationCache {
  readonly #entries = new Map<string, Entry>();

  /** `key` names the file and the options its parse depends on. */
  get(key: string, fileName: string): ts.SourceFile | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    const stats = fs.statSync(fileName, { throwIfNoEntry: false });
    if (stats?.mtimeMs === entry.modified && stats.size === entry.size) return entry.sourceFile;
    this.#entries.delete(key);
    return undefined;
  }

  set(key: string, fileName: string, sourceFile: ts.SourceFile): void {
    const stats = fs.statSync(fileName, { throwIfNoEntry: false });
    if (stats) this.#entries.set(key, { sourceFile, modified: stats.mtimeMs, size: stats.size });
  }
}
