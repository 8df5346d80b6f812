/** ESLint's way of applying a file's fixes: in position order, skipping any that overlaps one already applied
 * (a later pass, after a rescan, gets another chance at it). */
import type { ReportedFix } from '../analyze-project.js';

export interface AppliedFixes {
  readonly output: string;
  readonly applied: number;
  /** Fixes left out because they overlap an applied one. */
  readonly skipped: number;
}

export function applyFixes(text: string, fixes: readonly ReportedFix[]): AppliedFixes {
  const sorted = fixes.toSorted((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let output = '';
  let position = 0;
  let applied = 0;
  let skipped = 0;
  for (const fix of sorted) {
    const [start, end] = fix.range;
    // Touching ranges count as overlapping, as in ESLint: two insertions at one place have no defined order.
    if (start < position || (applied > 0 && start === position) || end > text.length) {
      skipped += 1;
      continue;
    }
    output += text.slice(position, start) + fix.text;
    position = end;
    applied += 1;
  }
  return { output: output + text.slice(position), applied, skipped };
}
