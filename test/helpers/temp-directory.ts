/** A temporary directory for one test file, removed after its tests, and a writer of files into it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll } from 'vitest';

export interface TempDirectory {
  readonly directory: string;
  /** Writes the text (creating folders) and returns the file's absolute path. */
  readonly write: (relative: string, text: string) => string;
}

export function useTempDirectory(prefix: string): TempDirectory {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));
  return {
    directory,
    write: (relative, text) => {
      const fileName = path.join(directory, relative);
      fs.mkdirSync(path.dirname(fileName), { recursive: true });
      fs.writeFileSync(fileName, text);
      return fileName;
    },
  };
}
