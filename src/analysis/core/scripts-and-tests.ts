/** Is a file a seed, script, migration or test (knowledge/scripts-and-tests.ts), judged by its path below its
 * package's folder: such files run in processes of their own, not in the application's. */
import path from 'node:path';

import { Minimatch } from 'minimatch';

import { scriptsAndTestsFiles } from '../../knowledge/scripts-and-tests.js';

// Compiled once: `minimatch(path, glob)` parses the glob again on every call, and the pool rules ask per file pair.
const matchers = scriptsAndTestsFiles.map((glob) => new Minimatch(glob, { dot: true }));

export function isScriptOrTest(fileName: string, packageRoot: string): boolean {
  const relative = path.relative(packageRoot, fileName).split(path.sep).join('/');
  if (relative.startsWith('../')) return false;
  return matchers.some((matcher) => matcher.match(relative));
}
