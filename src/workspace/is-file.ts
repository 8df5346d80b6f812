/** Is there a file (not a folder) at the path? One system call, and no exception for a path that does not exist. */
import fs from 'node:fs';

export function isFile(file: string): boolean {
  try {
    return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}
