/**
 * Answers read from modules on disk (untyped analysis), shared by every linted file: each is kept until some module's
 * text is seen to change (module-files' text generation), and for a few seconds at most, since a file created or
 * deleted changes no text that was read; for a minute while each file is linted once (disk-checks.ts), when the disk
 * holds still and a project's thousands of files would otherwise walk the same modules again every few seconds.
 */
import type { KnowledgeIndex } from './knowledge-index.js';

import { isLintingEachFileOnce } from './disk-checks.js';
import { getTextGeneration } from './module-files.js';

export interface DiskMemo<Value> {
  get(key: string): Value | undefined;
  set(key: string, value: Value): void;
}

const maxAgeMs = 5_000;
const maxAgeWhileLintingOnceMs = 60_000;

export function createDiskMemo<Value>(): DiskMemo<Value> {
  const values = new Map<string, Value>();
  let generation = getTextGeneration();
  let startedAt = performance.now();
  const fresh = (): Map<string, Value> => {
    const now = performance.now();
    const maxAge = isLintingEachFileOnce() ? maxAgeWhileLintingOnceMs : maxAgeMs;
    if (generation !== getTextGeneration() || now - startedAt > maxAge) {
      values.clear();
      generation = getTextGeneration();
      startedAt = now;
    }
    return values;
  };
  return {
    get: (key) => fresh().get(key),
    set: (key, value) => {
      fresh().set(key, value);
    },
  };
}

/** A disk memo per knowledge base: the settings change what an answer says. */
export function createKnowledgeDiskMemo<Value>(): (knowledge: KnowledgeIndex) => DiskMemo<Value> {
  const memos = new WeakMap<KnowledgeIndex, DiskMemo<Value>>();
  return (knowledge) => {
    let memo = memos.get(knowledge);
    if (!memo) {
      memo = createDiskMemo();
      memos.set(knowledge, memo);
    }
    return memo;
  };
}
