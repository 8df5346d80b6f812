/** Sequelize 6. https://sequelize.org/docs/v6/other-topics/transactions/ */
import type { CallDefinition, LibraryDefinition } from '../library-definition.js';

import { sequelizePoolLimits } from '../pool-limits.js';

const query: CallDefinition = { query: true };
const instanceQuery: CallDefinition = { query: true, yields: 'ModelInstance' };
const oneInstance: CallDefinition = { ...instanceQuery, oneRecord: true };

const modelQueries = {
  findAll: instanceQuery, findOne: oneInstance, findByPk: oneInstance, findOrCreate: query, findAndCountAll: query, count: query,
  create: { ...instanceQuery, kind: 'create' as const }, bulkCreate: { query: true, bulk: true }, update: { query: true, kind: 'update' as const }, destroy: { query: true, kind: 'delete' as const }, upsert: query, max: query, min: query,
  sum: query, increment: query, decrement: query, restore: query,
};

const sequelizeClass = { constructs: 'Sequelize' } as const;
const modelClass = { is: 'ModelClass', constructs: 'ModelInstance' } as const;

export const sequelize = {
  name: 'sequelize',
  docs: 'https://sequelize.org/docs/v6/other-topics/transactions/',
  typePackages: ['sequelize', 'sequelize-typescript'],
  modules: {
    sequelize: {
      default: { ...sequelizeClass, members: { Sequelize: sequelizeClass, Model: modelClass } },
      Sequelize: sequelizeClass,
      Model: modelClass,
    },
    'sequelize-typescript': { Sequelize: sequelizeClass, Model: modelClass },
  },
  objects: {
    Sequelize: {
      methods: {
        transaction: {
          returns: 'Transaction',
          acquires: { resource: 'result', managedWithCallback: true },
          callbackParameters: ['Transaction'],
          transaction: { handleParameter: 0 },
        },
        // Sequelize 7 names the unmanaged form explicitly.
        startUnmanagedTransaction: { returns: 'Transaction', acquires: { resource: 'result' } },
        query,
        close: {},
        define: { returns: 'ModelClass' },
      },
      properties: { models: 'ModelRegistry' },
      modelLoaders: { defineMethods: ['define'], initMethod: 'init', importMethod: 'import', instanceOption: 'sequelize', registry: 'ModelRegistry' },
      pool: { noun: 'Sequelize instance', closedBy: ['close'], limits: sequelizePoolLimits },
    },
    ModelRegistry: { otherProperties: 'ModelClass' },
    Transaction: { resource: { noun: 'transaction', releasedBy: ['commit', 'rollback'], settledBy: { commit: 'commit', rollback: 'rollback' }, transaction: 'always' } },
    ModelClass: {
      typeNames: ['ModelStatic', 'ModelCtor', 'ModelDefined'],
      // Scopes return the model class itself: `User.scope('active').findAll()`.
      methods: { ...modelQueries, scope: { returns: 'ModelClass' }, unscoped: { returns: 'ModelClass' }, schema: { returns: 'ModelClass' } },
    },
    ModelInstance: {
      typeNames: ['Model'],
      methods: {
        save: query, reload: query, destroy: { query: true, kind: 'delete' }, update: { query: true, kind: 'update' }, increment: query, decrement: query, restore: query,
        // sequelize-typescript association accessors
        $get: { ...query, associationArgument: 0 }, $count: query, $has: query, $add: query, $set: query, $remove: query, $create: query,
      },
      // association accessors generated from the alias: getPosts, countPosts, hasPost, setAuthor, addTag, …
      queryMethodPatterns: ['^(get|count|has|set|add|create|remove)(?!DataValue$|Attributes$)[A-Z]'],
      queryMethodsDeclaredBy: {
        decorators: ['HasMany', 'HasOne', 'BelongsTo', 'BelongsToMany'],
        calls: ['hasMany', 'hasOne', 'belongsTo', 'belongsToMany'],
      },
    },
  },
  // With CLS on (`Sequelize.useCLS(namespace)`) every query inside a managed transaction joins it.
  transactions: {
    joinOption: 'transaction',
    implicitJoinEnabledBy: ['useCLS'],
    joinAdvice: 'pass `{ transaction: {{handle}} }` in its options',
  },
  batchAdvice: 'load them in one query with `findAll({ where: { id: ids } })` (`Op.in`) or eager-load with `include`, or write them with `bulkCreate`',
  chainAdvice: 'load the whole chain in one `sequelize.query` with a recursive CTE (`WITH RECURSIVE`), or keep the ancestors\' ids on each row and load them with one `findAll({ where: { id: ids } })`',
  batchAdviceByKind: {
    create: 'collect the rows and insert them with one `bulkCreate(rows)`',
    update: 'when every row gets the same change, update them in one statement with `Model.update(values, { where: { id: ids } })`; otherwise `bulkCreate(rows, { updateOnDuplicate: [...] })`',
    delete: 'delete them in one statement with `Model.destroy({ where: { id: ids } })`',
  },
  queryFunctionTypes: ['^(BelongsTo|HasOne|HasMany|BelongsToMany)[A-Z]\\w*Associations?Mixin$'],
} as const satisfies LibraryDefinition;
