/**
 * Which folders a workspace root declares as packages: npm/yarn/bun `workspaces` (array or `{ packages }`)
 * in package.json, and the `packages:` list of pnpm-workspace.yaml. Pure: the caller reads the files.
 */

/** The `workspaces` field of a root package.json, or undefined when it declares none. */
export function getPackageJsonWorkspaces(manifest: unknown): string[] | undefined {
  if (!isObject(manifest)) return undefined;
  const workspaces = manifest.workspaces;
  if (Array.isArray(workspaces)) return workspaces.filter((entry): entry is string => typeof entry === 'string');
  if (isObject(workspaces) && Array.isArray(workspaces.packages)) return workspaces.packages.filter((entry): entry is string => typeof entry === 'string');
  return undefined;
}

/**
 * The `packages:` list of a pnpm-workspace.yaml. Only that key is read, in its two YAML spellings
 * (a block list of `- item` lines, or a flow list `[a, b]`); anything else in the file is ignored.
 */
export function parsePnpmWorkspacePackages(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const patterns: string[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const match = /^packages\s*:\s*(.*)$/.exec(stripComment(lines[index] ?? ''));
    if (!match) continue;
    const inline = (match[1] ?? '').trim();
    if (inline.startsWith('[')) return inline.replace(/^\[|\]$/g, '').split(',').map(unquote).filter(Boolean);
    for (let next = index + 1; next < lines.length; next += 1) {
      const line = stripComment(lines[next] ?? '');
      if (line.trim() === '') continue;
      const item = /^\s*-\s*(.+)$/.exec(line);
      if (!item) break;
      const pattern = unquote(item[1] ?? '');
      if (pattern) patterns.push(pattern);
    }
    return patterns;
  }
  return patterns;
}

function stripComment(line: string): string {
  // A `#` starts a comment at the line start or after whitespace, outside quotes (good enough for glob lists).
  let quote: string | undefined;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '#' && (index === 0 || /\s/.test(line[index - 1] ?? ''))) {
      return line.slice(0, index);
    }
  }
  return line;
}

function unquote(value: string): string {
  const trimmed = value.trim();
  return /^(["']).*\1$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
