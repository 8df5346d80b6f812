/**
 * Which words a file writes, and how often: an editor's re-lint asks whether a function's name is written outside
 * the function. Words are runs of ASCII identifier characters, in code, strings and comments alike. After an edit
 * inside one function, the new text's counts are the last text's, less the old function's words, plus the new
 * function's: counting a 1,000-line file again on every keystroke costs more than the rest of the reuse plan.
 */

export type WordCounts = ReadonlyMap<string, number>;

/** The texts counted last, with their counts: the files an editor has open, a few versions each. */
const countsByText = new Map<string, WordCounts>();
const maxTexts = 16;

/** Where an edit changed the text: before `start` nothing changed; old `[start, oldEnd)` became new `[start, newEnd)`. */
export interface ChangedSpan {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** The word counts of `newText`, derived from those of `oldText` when they are known. */
export function getWordCounts(oldText: string, newText: string, changed: ChangedSpan): WordCounts {
  const known = countsByText.get(newText);
  if (known) return known;
  const old = countsByText.get(oldText);
  let counts: Map<string, number>;
  if (old) {
    counts = new Map(old);
    for (const [word, count] of countWords(oldText.slice(changed.start, changed.oldEnd))) counts.set(word, (counts.get(word) ?? 0) - count);
    for (const [word, count] of countWords(newText.slice(changed.start, changed.newEnd))) counts.set(word, (counts.get(word) ?? 0) + count);
  } else {
    counts = countWords(newText);
  }
  if (countsByText.size >= maxTexts) {
    const oldest = countsByText.keys().next();
    if (!oldest.done) countsByText.delete(oldest.value);
  }
  countsByText.set(newText, counts);
  return counts;
}

export function countWords(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [word] of text.matchAll(/[\w$]+/g)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** How often `word` is written as a whole word in `text` between `start` and `end`, as `countWords` would count it. */
export function countMentions(text: string, word: string, start: number, end: number): number {
  // Searched in the span alone: in the whole text, each search for the next mention may run to its end.
  const span = text.slice(start, end);
  let count = 0;
  for (let index = span.indexOf(word); index !== -1; index = span.indexOf(word, index + word.length)) {
    if (!isWordCharacter(span.charCodeAt(index - 1)) && !isWordCharacter(span.charCodeAt(index + word.length))) count += 1;
  }
  return count;
}

/** `[\w$]`: ASCII letters, digits, `_` and `$` (NaN, outside the text, is none). */
function isWordCharacter(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;
}
