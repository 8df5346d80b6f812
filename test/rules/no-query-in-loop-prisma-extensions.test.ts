/** no-query-in-loop: Prisma client extensions' computed result fields whose `compute` queries, read once per record;
 * Prisma's raw queries as template tags (`` prisma.$queryRaw`…` ``), which such a `compute` often runs. */
import rule from '../../rules/no-query-in-loop.js';
import { runRuleTests } from '../helpers/rule-testers.js';

// Cross-file (the extended client exported from lib/prisma.ts): fixtures/projects/no-query-in-loop/prisma-extensions.

const client = `import { Prisma, PrismaClient } from '@prisma/client';
const base = new PrismaClient();
interface PostRow { id: string; authorId: string; title: string }
export const prisma = base.$extends({
  result: {
    post: {
      author: {
        needs: { authorId: true },
        compute: async (post: PostRow) => base.user.findFirst({ where: { id: post.authorId } }),
      },
      slug: { needs: { title: true }, compute: (post: PostRow) => \`\${post.id}-\${post.title.toLowerCase()}\` },
    },
  },
});`;

runRuleTests('no-query-in-loop: Prisma computed fields', rule, {
  valid: [
    {
      name: 'a pure computed field read per record, a querying one read once outside any loop, and one never read in the loop',
      code: `${client}
export async function page() {
  const posts = await prisma.post.findMany();
  const slugs: string[] = [];
  for (const post of posts) slugs.push(post.slug);
  const first = await prisma.post.findFirst();
  return { slugs, author: first ? await first.author : null, ids: posts.map((post) => post.authorId) };
}`,
    },
    {
      name: "records of the client without the extension: `author` is the included relation; a findUnique compute fanned out in one tick is batched",
      code: `${client}
const unique = base.$extends(Prisma.defineExtension({
  result: { post: { author: { needs: { authorId: true }, compute: (post: PostRow) => base.user.findUnique({ where: { id: post.authorId } }) } } },
}));
export async function names() {
  const posts = await base.post.findMany({ include: { author: true } });
  const fromRelation = posts.map((post: { author: unknown }) => post.author);
  const rows = await unique.post.findMany();
  return [fromRelation, await Promise.all(rows.map(async (row) => ({ ...row, author: await row.author })))];
}`,
    },
    {
      name: 'raw statements built per element and sent as one $transaction batch',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function archive(ids: number[]) {
  await prisma.$transaction(ids.map((id) => prisma.$executeRaw\`UPDATE notes SET archived = true WHERE id = \${id}\`));
}`,
    },
  ],
  invalid: [
    {
      name: 'a querying computed field read per record in for…of and in a fan-out',
      code: `${client}
export async function feed() {
  const posts = await prisma.post.findMany();
  for (const post of posts) console.log(await post.author);
  return Promise.all(posts.map(async (post) => ({ ...post, author: await post.author })));
}`,
      errors: [
        { messageId: 'queryInLoop', line: 17, data: {
          what: '`post.author` runs a query: the computed field `author` of `post` runs `base.user.findFirst(…)` (file.ts:9)',
          item: '`post`',
          method: '',
          fanOut: '',
          advice: 'compute it from rows loaded up front instead: `include` the relation in the list query (one join), or load the related rows in one `findMany({ where: { id: { in: ids } } })`',
        } },
        { messageId: 'queryInFanOut', line: 18 },
      ],
    },
    {
      name: 'a computed method for every model, from a defined extension chained on a factory-built client',
      code: `import { Prisma, PrismaClient } from '@prisma/client';
const base = new PrismaClient();
const audit = Prisma.defineExtension({
  result: {
    $allModels: {
      history: {
        needs: { id: true },
        compute(record: { id: string }) {
          return () => base.auditEntry.findMany({ where: { recordId: record.id } });
        },
      },
    },
  },
});
const createClient = () => base.$extends({}).$extends(audit);
const globalForPrisma = globalThis as unknown as { db?: ReturnType<typeof createClient> };
const db = globalForPrisma.db ?? createClient();
export async function histories() {
  const invoices = await db.invoice.findMany();
  const result: unknown[] = [];
  for (const invoice of invoices) {
    result.push(invoice.history);
    result.push(await invoice.history());
  }
  return result;
}`,
      errors: [{ messageId: 'queryInLoop', line: 23 }],
    },
    {
      name: 'field definitions held in variables (shorthand), a compute that queries through a helper',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
async function membersOf(courseId: number) {
  return prisma.user.findMany({ where: { courseId } });
}
const members = { needs: { id: true }, compute: async (course: { id: number }) => membersOf(course.id) };
const courseFields = { members };
const extension = { name: 'course', result: { course: courseFields } };
export const xprisma = prisma.$extends(extension);
export async function rosters() {
  const courses = await xprisma.course.findMany();
  return courses.map(async (course) => course.members);
}`,
      errors: [{ messageId: 'queryInCallback', line: 12, data: {
        what: '`course.members` runs a query: the computed field `members` of `course` runs `prisma.user.findMany(…)` through `membersOf()` (file.ts:4)',
        item: '`course`',
        method: 'map',
        fanOut: '',
        advice: 'compute it from rows loaded up front instead: `include` the relation in the list query (one join), or load the related rows in one `findMany({ where: { id: { in: ids } } })`',
      } }],
    },
    {
      name: 'raw template-tag queries per element, directly and in a computed field',
      code: `import { PrismaClient } from '@prisma/client';
const base = new PrismaClient();
const geo = base.$extends({
  result: {
    place: {
      coords: {
        needs: { id: true },
        async compute(place: { id: number }) {
          return (await base.$queryRaw<{ x: number; y: number }[]>\`SELECT ST_X(point) AS x, ST_Y(point) AS y FROM places WHERE id = \${place.id}\`)[0];
        },
      },
    },
  },
});
export async function touch(ids: number[]) {
  for (const id of ids) await base.$executeRaw\`UPDATE places SET seen = now() WHERE id = \${id}\`;
  const places = await geo.place.findMany();
  return Promise.all(places.map((place) => place.coords));
}`,
      errors: [{ messageId: 'queryInLoop', line: 16 }, { messageId: 'queryInFanOut', line: 18 }],
    },
  ],
});
