/** Which paths a scan leaves out: dependencies, build output, and what .gitignore files ignore (simple matching). */
import fs from 'node:fs';
import path from 'node:path';

import { escapeRegExp } from '../../analysis/core/regexp-text.js';

/** Directory names never scanned: dependencies, VCS data, common build and coverage output. */
const skippedDirectoryNames = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.turbo', '.cache', '.yarn', 'bower_components']);

interface IgnoreRule {
  readonly negated: boolean;
  readonly directoryOnly: boolean;
  readonly pattern: RegExp;
}

export class IgnoredPaths {
  private readonly rulesByDirectory = new Map<string, readonly IgnoreRule[]>();
  private readonly gitignoreDirectories = new Map<string, readonly string[]>();
  /** Absolute directories to skip as well: tsconfig `outDir`s. */
  private readonly extraDirectories: string[] = [];
  /** Verdicts for directories, so each file costs one check of its own name (every program asks for every file). */
  private readonly directoryVerdicts = new Map<string, boolean>();

  /**
   * @param root the scanned directory; .gitignore files are read from it, its subdirectories, and its
   *   ancestors up to the repository root (the nearest directory holding `.git`).
   */
  constructor(private readonly root: string) {}

  addDirectory(directory: string): void {
    this.extraDirectories.push(directory);
    this.directoryVerdicts.clear();
  }

  isSkippedDirectoryName(name: string): boolean {
    return skippedDirectoryNames.has(name);
  }

  /** Is this absolute path (file or directory) out of the scan? */
  isIgnored(absolutePath: string, isDirectory = false): boolean {
    if (isDirectory) {
      let verdict = this.directoryVerdicts.get(absolutePath);
      if (verdict === undefined) {
        verdict = this.isPathIgnored(absolutePath, true);
        this.directoryVerdicts.set(absolutePath, verdict);
      }
      return verdict;
    }
    return this.isPathIgnored(absolutePath, false);
  }

  private isPathIgnored(absolutePath: string, isDirectory: boolean): boolean {
    const relativeToRoot = path.relative(this.root, absolutePath);
    if (relativeToRoot.startsWith('..') || path.isAbsolute(relativeToRoot)) return true;
    if (relativeToRoot === '') return false;
    // Once a directory is ignored, nothing inside can be re-included (as in git): the parent first, then
    // the path itself.
    const parent = path.dirname(absolutePath);
    if (parent !== this.root && this.isIgnored(parent, true)) return true;
    if (isDirectory && skippedDirectoryNames.has(path.basename(absolutePath))) return true;
    if (this.extraDirectories.some((directory) => isInside(directory, absolutePath))) return true;
    return this.isIgnoredByRules(absolutePath, isDirectory);
  }

  private isIgnoredByRules(candidate: string, isDirectory: boolean): boolean {
    let ignored = false;
    for (const directory of this.getGitignoreDirectories(path.dirname(candidate))) {
      // Most folders up to the repository root have no .gitignore: no relative path to compute for them.
      const rules = this.getRules(directory);
      if (rules.length === 0) continue;
      const relative = path.relative(directory, candidate).split(path.sep).join('/');
      for (const rule of rules) {
        if (rule.directoryOnly && !isDirectory) continue;
        if (rule.pattern.test(relative)) ignored = !rule.negated;
      }
    }
    return ignored;
  }

  /** Directories whose .gitignore applies to entries of `directory`, outermost first. */
  private getGitignoreDirectories(directory: string): readonly string[] {
    let directories = this.gitignoreDirectories.get(directory);
    if (!directories) {
      const isRepositoryRoot = fs.existsSync(path.join(directory, '.git'));
      const parent = path.dirname(directory);
      directories = isRepositoryRoot || parent === directory ? [directory] : [...this.getGitignoreDirectories(parent), directory];
      this.gitignoreDirectories.set(directory, directories);
    }
    return directories;
  }

  private getRules(directory: string): readonly IgnoreRule[] {
    let rules = this.rulesByDirectory.get(directory);
    if (!rules) {
      rules = readGitignore(path.join(directory, '.gitignore'));
      this.rulesByDirectory.set(directory, rules);
    }
    return rules;
  }
}

function readGitignore(file: string): IgnoreRule[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const rules: IgnoreRule[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    let line = rawLine.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    if (negated) line = line.slice(1);
    const directoryOnly = line.endsWith('/');
    if (directoryOnly) line = line.slice(0, -1);
    // A slash at the start or in the middle anchors the pattern to the .gitignore's directory.
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    if (line === '') continue;
    rules.push({ negated, directoryOnly, pattern: new RegExp(`^${anchored ? '' : '(?:.*/)?'}${globToRegExp(line)}$`) });
  }
  return rules;
}

function globToRegExp(glob: string): string {
  let result = '';
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob[index] ?? '';
    if (char === '*' && glob[index + 1] === '*') {
      const slashAfter = glob[index + 2] === '/';
      result += slashAfter ? '(?:.*/)?' : '.*';
      index += slashAfter ? 2 : 1;
    } else if (char === '*') {
      result += '[^/]*';
    } else if (char === '?') {
      result += '[^/]';
    } else if (char === '\\' && index + 1 < glob.length) {
      index += 1;
      result += escapeRegExp(glob[index] ?? '');
    } else if (char === '[') {
      const close = glob.indexOf(']', index + 1);
      if (close === -1) result += '\\[';
      else {
        result += `[${glob.slice(index + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        index = close;
      }
    } else {
      result += escapeRegExp(char);
    }
  }
  return result;
}

export function isInside(directory: string, fileName: string): boolean {
  const relative = path.relative(directory, fileName);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
