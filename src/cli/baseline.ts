/**
 * Baselines: today's findings recorded by fingerprint, so a later scan reports only new ones. A fingerprint
 * hashes rule id, file, the enclosing function's name, the flagged lines' normalized text and the occurrence
 * index of that combination, never line numbers, so it survives unrelated edits and lines shifting. The
 * function name tells apart the same flagged line (`const client = await pool.connect();`) in two functions.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { describeFsError } from './fs-errors.js';
import { UsageError } from './usage-error.js';

export interface FingerprintInput {
  readonly ruleId: string;
  readonly file: string;
  readonly line: number;
  readonly endLine: number;
  /** Names of the declarations enclosing the finding, outermost first (`OrderService.cancel`). */
  readonly scope: string;
}

interface BaselineEntry {
  readonly fingerprint: string;
  readonly ruleId: string;
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

interface BaselineFile {
  readonly version: 1;
  readonly entries: readonly BaselineEntry[];
}

export interface BaselineComparison<T> {
  readonly newFindings: readonly T[];
  readonly suppressed: number;
  /** Baseline entries no finding matches any more. */
  readonly fixed: number;
}

/** The flagged lines are capped so that edits deep inside a long flagged span leave the fingerprint alone. */
const maxFingerprintLines = 3;

/** Fingerprints in finding order; `lines` gives a file's lines (1-based index - 1). */
export function computeFingerprints(findings: readonly FingerprintInput[], getLines: (file: string) => readonly string[]): string[] {
  const occurrences = new Map<string, number>();
  return findings.map((finding) => {
    const lines = getLines(finding.file);
    const last = Math.min(finding.endLine, finding.line + maxFingerprintLines - 1);
    const text = lines.slice(finding.line - 1, last).join('\n').replace(/\s+/g, ' ').trim();
    const key = `${finding.ruleId}\0${finding.file}\0${finding.scope}\0${text}`;
    const index = occurrences.get(key) ?? 0;
    occurrences.set(key, index + 1);
    return createHash('sha256').update(`${key}\0${index}`).digest('hex').slice(0, 32);
  });
}

export function writeBaseline(file: string, findings: readonly BaselineEntry[]): void {
  const content: BaselineFile = {
    version: 1,
    entries: findings.map(({ fingerprint, ruleId, file: findingFile, line, message }) => ({ fingerprint, ruleId, file: findingFile, line, message })),
  };
  writeOutput(file, `${JSON.stringify(content, null, 2)}\n`);
}

export function readBaseline(file: string): ReadonlyMap<string, number> {
  const shown = path.relative(process.cwd(), file) || file;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) throw new UsageError(`invalid baseline ${shown}: not valid JSON`);
    throw new UsageError(`cannot read baseline ${shown}: ${describeFsError(error)}`);
  }
  const entries = typeof parsed === 'object' && parsed !== null ? (parsed as { entries?: unknown }).entries : undefined;
  if (!Array.isArray(entries) || !entries.every((entry) => typeof (entry as { fingerprint?: unknown } | null)?.fingerprint === 'string')) {
    throw new UsageError(`invalid baseline ${shown}: expected { "entries": [ { "fingerprint": … } ] } as written by --write-baseline`);
  }
  const counts = new Map<string, number>();
  for (const entry of entries as BaselineEntry[]) counts.set(entry.fingerprint, (counts.get(entry.fingerprint) ?? 0) + 1);
  return counts;
}

export function compareWithBaseline<T extends { readonly fingerprint: string }>(findings: readonly T[], baseline: ReadonlyMap<string, number>): BaselineComparison<T> {
  const remaining = new Map(baseline);
  const newFindings: T[] = [];
  let suppressed = 0;
  for (const finding of findings) {
    const count = remaining.get(finding.fingerprint) ?? 0;
    if (count > 0) {
      remaining.set(finding.fingerprint, count - 1);
      suppressed += 1;
    } else {
      newFindings.push(finding);
    }
  }
  const fixed = [...remaining.values()].reduce((sum, count) => sum + count, 0);
  return { newFindings, suppressed, fixed };
}

/** Writes a report or baseline; a path that cannot be written is a UsageError. */
export function writeOutput(file: string, content: string): void {
  try {
    fs.writeFileSync(file, content);
  } catch (error) {
    throw new UsageError(`cannot write ${path.relative(process.cwd(), file) || file}: ${describeFsError(error)}`);
  }
}
