/** Method names the knowledge base lists for held resources: how they are given back and how they query. */
import type { KnowledgeIndex } from './knowledge-index.js';

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
  const vocabulary = getResourceVocabulary(knowledge);
  const released = new Set<string>();
  const releasePattern = new RegExp(`([A-Za-z_$][\\w$]*)\\s*\\.\\s*(?:${vocabulary.releaseMethods.join('|')})\\s*\\(`, 'g');
  for (const match of text.matchAll(releasePattern)) if (match[1]) released.add(match[1]);
  if (released.size === 0) return false;
  const queryPattern = new RegExp(`([A-Za-z_$][\\w$]*)\\s*\\.\\s*(?:${[...vocabulary.queryMethods].join('|')})\\s*\\(`, 'g');
  for (const match of text.matchAll(queryPattern)) if (match[1] && released.has(match[1])) return true;
  return false;
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
