/**
 * Answers read from modules on disk (untyped analysis), shared by every linted file: each is kept until some module's
 * text is seen to change (module-files' text generation), and no longer than `getAnswerMaxAgeMs` (disk-checks.ts).
 */
import type { KnowledgeIndex } from './knowledge-index.js';

import { getAnswerMaxAgeMs } from './disk-checks.js';
import { getTextGeneration } from './module-files.js';

export interface DiskMemo<Value> {
  get(key: string): Value | undefined;
  set(key: string, value: Value): void;
}

export function createDiskMemo<Value>(): DiskMemo<Value> {
  const values = new Map<string, Value>();
  let generation = getTextGeneration();
  let startedAt = performance.now();
  const fresh = (): Map<string, Value> => {
    const now = performance.now();
    if (generation !== getTextGeneration() || now - startedAt > getAnswerMaxAgeMs()) {
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
