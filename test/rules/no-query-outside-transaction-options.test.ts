import rule from '../../rules/no-query-outside-transaction.js';
import { runRuleTests } from '../helpers/rule-testers.js';

// A helper that takes the transaction as a destructured option and opens its own only when none is passed.

const helper = `async function linkAccount({ userId, tx }: { userId: string; tx?: Prisma.TransactionClient }) {
  if (tx) {
    await tx.account.update({ where: { userId }, data: { linked: true } });
    return;
  }
  await prisma.$transaction(async (inner) => {
    await inner.account.update({ where: { userId }, data: { linked: true } });
  });
}`;

runRuleTests('no-query-outside-transaction: destructured transaction options', rule, {
  valid: [
    {
      name: 'the caller passes { tx }: the helper returns before its own transaction (hard negative)',
      code: `import { PrismaClient, type Prisma } from '@prisma/client';
const prisma = new PrismaClient();
${helper}
export async function recover(userId: string) {
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { recovered: true } });
    await linkAccount({ userId, tx });
  });
}`,
    },
  ],
  invalid: [
    {
      name: 'the caller passes no tx: the helper opens a second transaction on the root client',
      code: `import { PrismaClient, type Prisma } from '@prisma/client';
const prisma = new PrismaClient();
${helper}
export async function recover(userId: string) {
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { recovered: true } });
    await linkAccount({ userId });
  });
}`,
      errors: [{ messageId: 'secondConnectionInHelper' as const, line: 15 }],
    },
  ],
});
