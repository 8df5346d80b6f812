import { describe, expect, it } from 'vitest';

import { getKnowledgeIndex } from '../../src/analysis/core/knowledge-index.js';
import { getResourceVocabulary, textQueriesAndReleasesOneVariable } from '../../src/analysis/core/resource-vocabulary.js';
import { builtInLibraries } from '../../src/knowledge/index.js';

const knowledge = getKnowledgeIndex(builtInLibraries);

describe('textQueriesAndReleasesOneVariable (the prefilter keeps files with release evidence)', () => {
  it('keeps a file that queries through and releases one variable', () => {
    expect(textQueriesAndReleasesOneVariable('const c = await take(p);\nawait c.query(sql);\nc.release();\n', knowledge)).toBe(true);
  });

  it('drops a file whose query and release are on different variables', () => {
    expect(textQueriesAndReleasesOneVariable('await db.query(sql);\nlock.release();\n', knowledge)).toBe(false);
  });

  it('keeps a file whose long lines stay under the bundle length, and drops one whose last line reaches it', () => {
    const evidence = 'await c.query(sql);\nc.release();\n';
    expect(textQueriesAndReleasesOneVariable(`${'x'.repeat(999)}\n${evidence}`, knowledge)).toBe(true);
    expect(textQueriesAndReleasesOneVariable(`${evidence}${'x'.repeat(1000)}`, knowledge)).toBe(false);
  });

  it('drops a minified bundle that mentions both by chance', () => {
    const bundle = `${'var a=1;'.repeat(200)}e.query(x);e.close();`;
    expect(textQueriesAndReleasesOneVariable(bundle, knowledge)).toBe(false);
  });
});

describe('textQueriesAndReleasesOneVariable reads receivers as the regular expression from the name would', () => {
  /** The reference: `name . method (` matched from the name. */
  function reference(text: string): boolean {
    const vocabulary = getResourceVocabulary(knowledge);
    const released = new Set<string>();
    for (const match of text.matchAll(new RegExp(`([A-Za-z_$][\\w$]*)\\s*\\.\\s*(?:${vocabulary.releaseMethods.join('|')})\\s*\\(`, 'g'))) released.add(match[1]!);
    if (released.size === 0) return false;
    for (const match of text.matchAll(new RegExp(`([A-Za-z_$][\\w$]*)\\s*\\.\\s*(?:${[...vocabulary.queryMethods].join('|')})\\s*\\(`, 'g'))) {
      if (released.has(match[1]!)) return true;
    }
    return false;
  }

  it('agrees on random texts of names, digits, spaces, dots and calls', () => {
    const pieces = ['c', 'c', 'd', 'c2', '2', '9', '$', '_', 'é', ' ', '\n', '\u00a0', '.', '.', '?.', '(', '(', ')', ';',
      'release', 'releaseAll', 'query', 'execute', 'end', 'endSession', 'close', 'c.query(', 'c.release(', 'd.end(', ' .release(', '\n.query(', '\u00a0. end ('];
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    let found = 0;
    for (let round = 0; round < 3000; round += 1) {
      let text = '';
      for (let index = 0; index < 24; index += 1) text += pieces[Math.floor(random() * pieces.length)];
      const expected = reference(text);
      if (expected) found += 1;
      expect(textQueriesAndReleasesOneVariable(text, knowledge), JSON.stringify(text)).toBe(expected);
    }
    // Both answers occur often enough to mean something.
    expect(found).toBeGreaterThan(200);
    expect(found).toBeLessThan(2800);
  });
});
