/** Which paths a scan leaves out: dependencies, build output, and what .gitignore files ignore (simple matching). */
import fs from 'node:fs';
import path from 'node:path';

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

  /**
   * @param root the scanned directory; .gitignore files are read from it, its subdirectories, and its
   *   ancestors up to the repository root (the nearest directory holding `.git`).
   */
  constructor(private readonly root: string) {}

  addDirectory(directory: string): void {
    this.extraDirectories.push(directory);
  }

  isSkippedDirectoryName(name: string): boolean {
    return skippedDirectoryNames.has(name);
  }

  /** Is this absolute path (file or directory) out of the scan? */
  isIgnored(absolutePath: string, isDirectory = false): boolean {
    const relativeToRoot = path.relative(this.root, absolutePath);
    if (relativeToRoot.startsWith('..') || path.isAbsolute(relativeToRoot)) return true;
    const segments = relativeToRoot.split(path.sep).filter(Boolean);
    for (const [index, segment] of segments.entries()) {
      const isLast = index === segments.length - 1;
      if ((!isLast || isDirectory) && skippedDirectoryNames.has(segment)) return true;
    }
    if (this.extraDirectories.some((directory) => isInside(directory, absolutePath))) return true;
    // Check each ancestor directory below the repository root, then the path itself: once a directory is
    // ignored, nothing inside can be re-included (as in git).
    const chain = this.getCheckedPaths(absolutePath);
    for (const [index, candidate] of chain.entries()) {
      const candidateIsDirectory = index < chain.length - 1 || isDirectory;
      if (this.isIgnoredByRules(candidate, candidateIsDirectory)) return true;
    }
    return false;
  }

  private getCheckedPaths(absolutePath: string): string[] {
    const chain: string[] = [];
    for (let current = absolutePath; current !== this.root && current !== path.dirname(current); current = path.dirname(current)) chain.unshift(current);
    return chain;
  }

  private isIgnoredByRules(candidate: string, isDirectory: boolean): boolean {
    let ignored = false;
    for (const directory of this.getGitignoreDirectories(path.dirname(candidate))) {
      const relative = path.relative(directory, candidate).split(path.sep).join('/');
      for (const rule of this.getRules(directory)) {
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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function isInside(directory: string, fileName: string): boolean {
  const relative = path.relative(directory, fileName);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
