/**
 * Answers read from modules on disk (untyped analysis), shared by every linted file: each is kept until some module's
 * text is seen to change (module-files' text generation), and for a few seconds at most, since a file created or
 * deleted changes no text that was read.
 */
import { getTextGeneration } from './module-files.js';

export interface DiskMemo<Value> {
  get(key: string): Value | undefined;
  set(key: string, value: Value): void;
}

export function createDiskMemo<Value>(maxAgeMs = 5_000): DiskMemo<Value> {
  const values = new Map<string, Value>();
  let generation = getTextGeneration();
  let startedAt = performance.now();
  const fresh = (): Map<string, Value> => {
    const now = performance.now();
    if (generation !== getTextGeneration() || now - startedAt > maxAgeMs) {
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
