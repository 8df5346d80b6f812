/**
 * Files no tsconfig includes (tests a tsconfig excludes, a package whose tsconfig lists one file, scripts)
 * are still analysed, with the options of the nearest tsconfig above them, so `paths`, decorators and
 * module settings apply as they would in an editor; without one, with the loose defaults.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { ParsedTsconfig } from './read-tsconfig.js';

import { readTsconfig } from './read-tsconfig.js';

const configNames = ['tsconfig.json', 'tsconfig.base.json'];

export class NearestTsconfig {
  private readonly byDirectory = new Map<string, ParsedTsconfig | null>();

  /** @param known tsconfig files the scan already read, by path: read again, each would expand its globs again. */
  constructor(private readonly known: ReadonlyMap<string, ParsedTsconfig> = new Map()) {}

  /** The nearest usable tsconfig at or above the file's folder, up to the repository root; undefined if none. */
  find(fileName: string): ParsedTsconfig | undefined {
    const visited: string[] = [];
    let found: ParsedTsconfig | null | undefined;
    for (let directory = path.dirname(fileName); ; directory = path.dirname(directory)) {
      found = this.byDirectory.get(directory);
      if (found !== undefined) break;
      visited.push(directory);
      found = readIn(directory, this.known);
      if (found) break;
      if (path.dirname(directory) === directory || fs.existsSync(path.join(directory, '.git'))) {
        found = null;
        break;
      }
    }
    for (const directory of visited) this.byDirectory.set(directory, found);
    return found ?? undefined;
  }
}

function readIn(directory: string, known: ReadonlyMap<string, ParsedTsconfig>): ParsedTsconfig | undefined {
  for (const name of configNames) {
    const file = path.join(directory, name);
    const read = known.get(file);
    if (read) return read;
    if (!fs.existsSync(file)) continue;
    try {
      return readTsconfig(file);
    } catch {
      // A broken tsconfig was already reported where the tree walk found it; look further up.
    }
  }
  return undefined;
}
