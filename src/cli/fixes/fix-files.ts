/** `--fix` and `--fix-dry-run`: the safe fixes of reported findings, applied to the files they belong to. */
import fs from 'node:fs';
import path from 'node:path';

import type { ReportedFinding, ReportedFix } from '../analyze-project.js';

import { applyFixes } from './apply-fixes.js';

export interface FixedFile {
  /** Relative to the scanned root, forward slashes (as in findings). */
  readonly file: string;
  /** Text as analysed (without a byte order mark) and with the fixes applied. */
  readonly before: string;
  readonly after: string;
  readonly applied: number;
  readonly skipped: number;
  /** Written back with the byte order mark it had. */
  readonly byteOrderMark: boolean;
}

/** The files whose fixes change them; reads files, writes nothing. An unreadable file is left out. */
export function computeFixedFiles(root: string, findings: readonly ReportedFinding[]): FixedFile[] {
  const fixesByFile = new Map<string, ReportedFix[]>();
  for (const finding of findings) if (finding.fix) fixesByFile.set(finding.file, [...(fixesByFile.get(finding.file) ?? []), finding.fix]);
  const fixed: FixedFile[] = [];
  for (const [file, fixes] of [...fixesByFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let raw: string;
    try {
      raw = fs.readFileSync(path.join(root, file), 'utf8');
    } catch {
      continue;
    }
    // TypeScript reads files without their byte order mark: offsets count from after it.
    const byteOrderMark = raw.startsWith('\uFEFF');
    const before = byteOrderMark ? raw.slice(1) : raw;
    const { output, applied, skipped } = applyFixes(before, fixes);
    if (applied > 0 && output !== before) fixed.push({ file, before, after: output, applied, skipped, byteOrderMark });
  }
  return fixed;
}

export function writeFixedFiles(root: string, files: readonly FixedFile[]): void {
  for (const file of files) fs.writeFileSync(path.join(root, file.file), (file.byteOrderMark ? '\uFEFF' : '') + file.after);
}
