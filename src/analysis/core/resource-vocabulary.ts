/** Method names the knowledge base lists for held resources: how they are taken, given back and queried through. */
import type { KnowledgeIndex } from './knowledge-index.js';

import { getAcquiringCallNames } from './call-member-names.js';

export interface ResourceVocabulary {
  /** `release`, `end`, `close`, `commit`, … of every resource kind. */
  readonly releaseMethods: readonly string[];
  /** `query`, `execute`, … of every resource kind. */
  readonly queryMethods: ReadonlySet<string>;
}

const vocabularies = new WeakMap<KnowledgeIndex, ResourceVocabulary>();
/** Longer lines than this mark a minified bundle. */
const minifiedLineLength = 1000;

export function getResourceVocabulary(knowledge: KnowledgeIndex): ResourceVocabulary {
  let vocabulary = vocabularies.get(knowledge);
  if (vocabulary) return vocabulary;
  const releaseMethods = new Set<string>();
  const queryMethods = new Set<string>();
  for (const library of knowledge.libraries) {
    for (const object of Object.values(library.objects)) {
      if (!object.resource) continue;
      for (const method of object.resource.releasedBy) releaseMethods.add(method);
      for (const [method, definition] of Object.entries(object.methods ?? {})) if (definition.query) queryMethods.add(method);
    }
  }
  vocabulary = { releaseMethods: [...releaseMethods], queryMethods };
  vocabularies.set(knowledge, vocabulary);
  return vocabulary;
}

/** Does the text hold a variable that is both queried through and released (`c.query(…)` … `c.release()`)?
 * The CLI's prefilter keeps such a file even when it imports no database module. */
export function textQueriesAndReleasesOneVariable(text: string, knowledge: KnowledgeIndex): boolean {
  // Minified bundles (`public/*.min.js`) mention `e.query(` and `e.close(` by chance and cost the most to analyse.
  if (hasLineLongerThan(text, minifiedLineLength)) return false;
  const patterns = getCallPatterns(knowledge);
  const released = new Set<string>();
  forEachReceiver(text, patterns.release, (name) => {
    released.add(name);
    return false;
  });
  return released.size > 0 && forEachReceiver(text, patterns.query, (name) => released.has(name));
}

interface CallPatterns {
  /** `.release(`, `. end (`, …: a call of a release method, from its dot. */
  readonly release: RegExp;
  readonly query: RegExp;
}

const callPatterns = new WeakMap<KnowledgeIndex, CallPatterns>();

function getCallPatterns(knowledge: KnowledgeIndex): CallPatterns {
  let patterns = callPatterns.get(knowledge);
  if (!patterns) {
    const vocabulary = getResourceVocabulary(knowledge);
    patterns = {
      release: new RegExp(`\\.\\s*(?:${vocabulary.releaseMethods.join('|')})\\s*\\(`, 'g'),
      query: new RegExp(`\\.\\s*(?:${[...vocabulary.queryMethods].join('|')})\\s*\\(`, 'g'),
    };
    callPatterns.set(knowledge, patterns);
  }
  return patterns;
}

/**
 * Calls `visit` with the receiver name of each method call the pattern finds, as `([A-Za-z_$][\w$]*)\s*` before the
 * pattern would capture it, until `visit` says stop (then true). Searched from the dot and read backwards: a pattern
 * that starts with the name tries every position of every word in the text, which costs a 1,000-line file milliseconds
 * on every re-lint.
 */
function forEachReceiver(text: string, pattern: RegExp, visit: (name: string) => boolean): boolean {
  for (const match of text.matchAll(pattern)) {
    let end = match.index;
    while (end > 0 && /\s/.test(text.charAt(end - 1))) end -= 1;
    let start = end;
    while (start > 0 && isWordCharacter(text.charCodeAt(start - 1))) start -= 1;
    // A name starts with a letter, `_` or `$`: digits before one are not part of it.
    while (start < end && isDigit(text.charCodeAt(start))) start += 1;
    if (start < end && visit(text.slice(start, end))) return true;
  }
  return false;
}

/** `[\w$]`: ASCII letters, digits, `_` and `$`. */
function isWordCharacter(code: number): boolean {
  return isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** One pass over the text; a regular expression (`/[^\n]{1000}/`) restarts at every offset and costs lines × their length. */
function hasLineLongerThan(text: string, length: number): boolean {
  let lineStart = 0;
  for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', lineStart)) {
    if (newline - lineStart >= length) return true;
    lineStart = newline + 1;
  }
  return text.length - lineStart >= length;
}

const acquirePatterns = new WeakMap<KnowledgeIndex, RegExp>();

/**
 * The names of every call that takes a resource (`connect`, `getConnection`, `createQueryRunner`, …), as a pattern:
 * code that takes one mentions one of them (a helper that returns a connection it took).
 */
export function getAcquirePattern(knowledge: KnowledgeIndex): RegExp {
  let pattern = acquirePatterns.get(knowledge);
  if (!pattern) {
    const names = getAcquiringCallNames(knowledge.libraries);
    // Calling an object, or any method of it, or using it as a tag could take one under any name: every text may.
    const anyName = !names || knowledge.libraries.some((library) => Object.values(library.objects).some((object) => object.tag?.acquires));
    const escaped = [...names ?? []].map((name) => name.replace(/[$]/g, '\\$'));
    pattern = anyName ? /[^]/ : new RegExp(`(?:^|[^\\w$])(?:${escaped.join('|')})(?![\\w$])`);
    acquirePatterns.set(knowledge, pattern);
  }
  return pattern;
}
