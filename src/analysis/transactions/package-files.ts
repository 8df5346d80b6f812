/** Reads a package's own source files from disk: untyped linting sees one file, and a switch such as Sequelize's
 * CLS usually sits in the application's setup. */
import fs from 'node:fs';
import path from 'node:path';

const sourceExtension = /\.[cm]?[jt]sx?$/;
/** Build output, and tests and fixtures: they do not configure the application. */
const skippedDirectories = new Set(['node_modules', 'dist', 'build', 'coverage', '.git', '.next', 'out', 'test', 'tests', '__tests__', 'fixtures', 'spec']);
const maxFiles = 5000;

/** Does any source file of the package at `root` (up to 5,000, build output and tests skipped) match? */
export function someSourceFileOfPackage(root: string, matches: (text: string) => boolean): boolean {
  return searchDirectory(root, matches, { files: 0 });
}

function searchDirectory(directory: string, matches: (text: string) => boolean, budget: { files: number }): boolean {
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    if (budget.files >= maxFiles) return false;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!skippedDirectories.has(entry.name) && !entry.name.startsWith('.') && searchDirectory(full, matches, budget)) return true;
    } else if (entry.isFile() && sourceExtension.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      budget.files += 1;
      if (matches(fs.readFileSync(full, 'utf8'))) return true;
    }
  }
  return false;
}
