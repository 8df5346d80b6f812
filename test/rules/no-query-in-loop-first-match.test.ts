/** no-query-in-loop: a loop that stops at the first element whose query finds something is a search through fallbacks. */
import type { RuleTests } from '../helpers/rule-testers.js';

import rule from '../../rules/no-query-in-loop.js';
import { runRuleTests } from '../helpers/rule-testers.js';

const pool = `import { Pool } from 'pg';
const pool = new Pool({ max: 5, connectionTimeoutMillis: 5000 });
async function bySlug(slug: string) {
  const { rows } = await pool.query('SELECT * FROM pages WHERE slug = $1', [slug]);
  return rows[0] ?? null;
}
`;

const tests: RuleTests<typeof rule> = {
  valid: [
    {
      name: 'candidates tried until one is found, the find kept after the loop',
      code: `${pool}
export async function resolve(ref: string, aliases: (ref: string) => string[]) {
  let page = null;
  for (const slug of aliases(ref)) {
    page = await bySlug(slug);
    if (page) break;
  }
  return page;
}`,
    },
    {
      name: 'tiers tried in order, the first that answers is returned',
      code: `${pool}
export async function firstPayer(tiers: { userId: string }[]) {
  for (const tier of tiers) {
    const paying = await pool.query('SELECT 1 FROM credits WHERE user_id = $1', [tier.userId]).then((r) => r.rowCount! > 0).catch(() => false);
    if (paying) return tier;
  }
  return null;
}`,
    },
    {
      name: 'a miss continues, the first hit returns what it found',
      code: `${pool}
export async function firstReadable(slugs: string[]) {
  for (const slug of slugs) {
    const page = await bySlug(slug);
    if (!page) continue;
    const body = String(page.body);
    return { slug, body };
  }
  return null;
}`,
    },
    {
      name: 'fallbacks tried in order, creating only when allowed, stopping at the first that yields',
      code: `${pool}
export async function current(slugs: string[], create: boolean) {
  let page = null;
  for (const slug of slugs) {
    page = await bySlug(slug);
    if (page) break;
    if (create) {
      page = await pool.query('INSERT INTO pages (slug) VALUES ($1) RETURNING *', [slug]).then((r) => r.rows[0]);
    }
    if (page) break;
  }
  return page;
}`,
    },
  ],
  invalid: [
    {
      name: 'a uniqueness check returns false on a hit: every element is queried in the usual case',
      code: `${pool}
export async function allFree(slugs: string[]) {
  for (const slug of slugs) {
    if (await bySlug(slug)) return false;
  }
  return true;
}`,
      errors: [{ messageId: 'queryInLoop', line: 10 }],
    },
    {
      name: 'a miss continues and a hit is collected: a query per element',
      code: `${pool}
export async function existing(slugs: string[]) {
  const found = [];
  for (const slug of slugs) {
    const page = await bySlug(slug);
    if (!page) continue;
    found.push(page);
  }
  return found;
}`,
      errors: [{ messageId: 'queryInLoop', line: 11 }],
    },
    {
      name: 'a hit breaks but the find stays inside the loop: nothing is carried out',
      code: `${pool}
export async function anyPage(slugs: string[]) {
  for (const slug of slugs) {
    const page = await bySlug(slug);
    if (page) break;
  }
}`,
      errors: [{ messageId: 'queryInLoop', line: 10 }],
    },
  ],
};

runRuleTests('no-query-in-loop first-match searches', rule, tests);
