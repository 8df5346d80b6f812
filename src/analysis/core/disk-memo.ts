/**
 * Answers read from modules on disk (untyped analysis), shared by every linted file: each is kept until some module's
 * text is seen to change, and no longer than `getAnswerMaxAgeMs` (module-files' isAnswerFresh).
 */
import type { KnowledgeIndex } from './knowledge-index.js';

import { isAnswerFresh, stampAnswer } from './module-files.js';

export interface DiskMemo<Value> {
  get(key: string): Value | undefined;
  set(key: string, value: Value): void;
}

export function createDiskMemo<Value>(): DiskMemo<Value> {
  const values = new Map<string, Value>();
  let stamp = stampAnswer();
  const fresh = (): Map<string, Value> => {
    if (!isAnswerFresh(stamp)) {
      values.clear();
      stamp = stampAnswer();
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
