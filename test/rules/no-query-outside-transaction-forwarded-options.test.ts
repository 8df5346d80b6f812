import rule from '../../rules/no-query-outside-transaction.js';
import { runRuleTests } from '../helpers/rule-testers.js';

// A model that overrides `findByPk` and spreads its caller's options into its own query: the query joins the caller's
// transaction only when the caller's options carry one (outline's Collection.findByPk).
const model = `import { Sequelize, Model, type FindOptions, type Identifier } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Collection extends Model {
  static async findByPk(id: Identifier, options: FindOptions & { userId?: string } = {}): Promise<Collection | null> {
    if (typeof id !== 'string') {
      return null;
    }
    const { userId, ...rest } = options;
    const found = await this.findOne({ ...rest, where: { id, userId } });
    return found;
  }
}`;

// A plain helper that forwards its options parameter whole.
const helper = `import { Sequelize, Model, type FindOptions } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Gift extends Model {}
async function findGifts(active: boolean, options?: FindOptions) {
  return Gift.findAll({ ...options, where: { active } });
}`;

runRuleTests('no-query-outside-transaction: options a helper spreads into its query', rule, {
  valid: [
    {
      name: 'the caller passes { transaction } to the override (hard negative)',
      code: `${model}
export async function move(id: string) {
  return sequelize.transaction(async (transaction) => {
    return Collection.findByPk(id, { transaction });
  });
}`,
    },
    {
      name: 'the caller passes other options and the transaction (hard negative)',
      code: `${model}
export async function move(id: string) {
  return sequelize.transaction(async (t) => {
    return Collection.findByPk(id, { attributes: ['id'], transaction: t });
  });
}`,
    },
    {
      name: 'the caller passes options built elsewhere, which may carry it (hard negative)',
      code: `${model}
export async function move(id: string, options: FindOptions) {
  return sequelize.transaction(async () => {
    return Collection.findByPk(id, options);
  });
}`,
    },
    {
      name: 'a helper given { transaction } (hard negative)',
      code: `${helper}
export async function list() {
  return sequelize.transaction(async (transaction) => findGifts(true, { transaction }));
}`,
    },
  ],
  invalid: [
    {
      name: 'the override called without the transaction: its query takes a second connection',
      code: `${model}
export async function move(id: string) {
  return sequelize.transaction(async () => {
    return Collection.findByPk(id, { attributes: ['id'] });
  });
}`,
      errors: [{ messageId: 'secondConnection' as const, line: 15 }],
    },
    {
      name: 'a helper called without options inside the transaction',
      code: `${helper}
export async function list() {
  return sequelize.transaction(async (transaction) => {
    await Gift.findAll({ transaction });
    return findGifts(true);
  });
}`,
      errors: [{ messageId: 'secondConnectionInHelper' as const, line: 10 }],
    },
  ],
});
