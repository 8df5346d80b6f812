/** Expands workspace globs (`packages/*`, `apps/**`, `!packages/legacy`) to the folders that hold a package.json. */
import fs from 'node:fs';
import path from 'node:path';

import { isFile } from './is-file.js';

const skippedNames = new Set(['node_modules', '.git', 'dist', 'build', 'coverage']);
const maxDepth = 8;

export function expandWorkspacePatterns(root: string, patterns: readonly string[]): string[] {
  const excluded = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => toRegExp(normalize(pattern.slice(1))));
  const found = new Set<string>();
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) continue;
    const segments = normalize(pattern).split('/').filter(Boolean);
    for (const directory of match(root, segments, 0)) {
      const relative = path.relative(root, directory).split(path.sep).join('/');
      if (excluded.some((exclusion) => exclusion.test(relative))) continue;
      if (isFile(path.join(directory, 'package.json'))) found.add(directory);
    }
  }
  return [...found].sort();
}

function match(directory: string, segments: readonly string[], depth: number): string[] {
  if (segments.length === 0) return [directory];
  if (depth > maxDepth) return [];
  const [segment = '', ...rest] = segments;
  if (segment === '**') {
    return [...match(directory, rest, depth), ...listDirectories(directory).flatMap((child) => match(child, segments, depth + 1))];
  }
  if (!/[*?[]/.test(segment)) {
    const child = path.join(directory, segment);
    return isDirectory(child) ? match(child, rest, depth + 1) : [];
  }
  const pattern = new RegExp(`^${segmentToRegExp(segment)}$`);
  return listDirectories(directory)
    .filter((child) => pattern.test(path.basename(child)))
    .flatMap((child) => match(child, rest, depth + 1));
}

function listDirectories(directory: string): string[] {
  try {
    return fs
      .readdirSync(directory, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !skippedNames.has(entry.name) && !entry.name.startsWith('.'))
      .map((entry) => path.join(directory, entry.name));
  } catch {
    return [];
  }
}

function normalize(pattern: string): string {
  return pattern.trim().replace(/^\.\//, '').replace(/\/+$/, '');
}

function toRegExp(pattern: string): RegExp {
  const body = pattern
    .split('/')
    .map((segment) => (segment === '**' ? '.*' : segmentToRegExp(segment)))
    .join('/');
  return new RegExp(`^${body}(?:/.*)?$`);
}

function segmentToRegExp(segment: string): string {
  return segment.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

