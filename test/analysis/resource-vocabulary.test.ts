import { describe, expect, it } from 'vitest';

import { getKnowledgeIndex } from '../../src/analysis/core/knowledge-index.js';
import { textQueriesAndReleasesOneVariable } from '../../src/analysis/core/resource-vocabulary.js';
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
