/** A unified diff of two texts (Myers' line diff), as `git apply` and `patch -p1` read it. */

const contextLines = 3;

type Operation = { readonly kind: ' ' | '-' | '+'; readonly line: string };

/** `--- a/file`, `+++ b/file` and the hunks; empty when the texts are equal. */
export function formatUnifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  const operations = diffLines(splitLines(before), splitLines(after));
  const out = [`--- a/${file}\n`, `+++ b/${file}\n`];
  for (const hunk of toHunks(operations)) {
    out.push(`@@ -${formatRange(hunk.oldStart, hunk.oldCount)} +${formatRange(hunk.newStart, hunk.newCount)} @@\n`);
    for (const operation of hunk.operations) {
      const ending = operation.line.endsWith('\n') ? '' : '\n\\ No newline at end of file\n';
      out.push(`${operation.kind}${operation.line}${ending}`);
    }
  }
  return out.join('');
}

/** Lines with their terminators, so a missing final newline is a difference. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function diffLines(a: readonly string[], b: readonly string[]): Operation[] {
  // Common prefix and suffix first: fixes change a few places of a long file.
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix += 1;
  const middle = myers(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix));
  return [
    ...a.slice(0, prefix).map((line): Operation => ({ kind: ' ', line })),
    ...middle,
    ...a.slice(a.length - suffix).map((line): Operation => ({ kind: ' ', line })),
  ];
}

/** Myers' O((N+M)D) shortest edit script. */
function myers(a: readonly string[], b: readonly string[]): Operation[] {
  const max = a.length + b.length;
  const offset = max + 1;
  const v = new Array<number>(2 * max + 3).fill(0);
  const trace: number[][] = [];
  search: for (let d = 0; d <= max; d += 1) {
    trace.push([...v]);
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0)) ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < a.length && y < b.length && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= a.length && y >= b.length) break search;
    }
  }
  const operations: Operation[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d -= 1) {
    const previous = trace[d] ?? [];
    const k = x - y;
    const down = k === -d || (k !== d && (previous[offset + k - 1] ?? 0) < (previous[offset + k + 1] ?? 0));
    const previousK = down ? k + 1 : k - 1;
    const previousX = previous[offset + previousK] ?? 0;
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      x -= 1;
      y -= 1;
      operations.push({ kind: ' ', line: a[x] ?? '' });
    }
    if (d === 0) break;
    if (down) operations.push({ kind: '+', line: b[(y -= 1)] ?? '' });
    else operations.push({ kind: '-', line: a[(x -= 1)] ?? '' });
  }
  return operations.reverse();
}

interface Hunk {
  readonly oldStart: number;
  readonly oldCount: number;
  readonly newStart: number;
  readonly newCount: number;
  readonly operations: readonly Operation[];
}

/** Changes with up to three lines of context; changes closer than twice that share a hunk. */
function toHunks(operations: readonly Operation[]): Hunk[] {
  const changed = operations.flatMap((operation, index) => (operation.kind === ' ' ? [] : [index]));
  const hunks: Hunk[] = [];
  let index = 0;
  while (index < changed.length) {
    const first = changed[index] ?? 0;
    let last = first;
    while (index + 1 < changed.length && (changed[index + 1] ?? 0) - last <= 2 * contextLines + 1) last = changed[(index += 1)] ?? last;
    index += 1;
    const from = Math.max(0, first - contextLines);
    const to = Math.min(operations.length, last + contextLines + 1);
    const before = operations.slice(0, from);
    const slice = operations.slice(from, to);
    const oldBefore = before.filter((operation) => operation.kind !== '+').length;
    const newBefore = before.filter((operation) => operation.kind !== '-').length;
    const oldCount = slice.filter((operation) => operation.kind !== '+').length;
    const newCount = slice.filter((operation) => operation.kind !== '-').length;
    // An empty range starts at the line before it (`-0,0` for an empty file).
    hunks.push({ oldStart: oldCount === 0 ? oldBefore : oldBefore + 1, oldCount, newStart: newCount === 0 ? newBefore : newBefore + 1, newCount, operations: slice });
  }
  return hunks;
}

function formatRange(start: number, count: number): string {
  return count === 1 ? String(start) : `${start},${count}`;
}
