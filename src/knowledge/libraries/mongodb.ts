/** The official MongoDB driver. https://www.mongodb.com/docs/drivers/node/current/ */
import type { CallDefinition, LibraryDefinition } from '../library-definition.js';

import { mongoDbPoolLimits } from '../pool-limits.js';

const query: CallDefinition = { query: true };

export const mongodb = {
  name: 'mongodb',
  docs: 'https://www.mongodb.com/docs/drivers/node/current/fundamentals/transactions/',
  typePackages: ['mongodb'],
  // `MongoClient.connect(url, options)` builds a client and connects it, like `new MongoClient(url, options).connect()`.
  modules: { mongodb: { MongoClient: { constructs: 'MongoClient', members: { connect: { returns: 'MongoClient' } } } } },
  objects: {
    MongoClient: {
      methods: {
        startSession: { returns: 'ClientSession', acquires: { resource: 'result' } },
        withSession: { callbackParameters: ['ClientSession'] },
        db: { returns: 'Db' },
        connect: {},
        close: {},
      },
      // "Create one MongoClient per application and reuse it": each new client discovers the topology and
      // opens its own monitoring and pooled connections.
      pool: {
        noun: 'MongoClient', createdBy: [{ call: 'connect' }], openedBy: ['connect'], options: { argument: 1, urls: ['argument:0'] }, closedBy: ['close'], limits: mongoDbPoolLimits,
        onePerProcess: true,
      },
    },
    ClientSession: {
      methods: { withTransaction: {}, startTransaction: {}, commitTransaction: {}, abortTransaction: {} },
      resource: { noun: 'session', releasedBy: ['endSession'], disposable: true, finallyRelease: { method: 'endSession', awaited: true } },
    },
    Db: { methods: { collection: { returns: 'Collection' }, command: query } },
    Collection: {
      methods: {
        findOne: { query: true, oneRecord: true }, insertOne: { query: true, kind: 'create' }, insertMany: { query: true, bulk: true }, updateOne: { query: true, kind: 'update' }, updateMany: query,
        deleteOne: { query: true, kind: 'delete' }, deleteMany: query, replaceOne: query, findOneAndUpdate: query, findOneAndDelete: query,
        findOneAndReplace: query, countDocuments: query, estimatedDocumentCount: query, distinct: query,
        bulkWrite: { query: true, bulk: true }, find: { returns: 'Cursor' }, aggregate: { returns: 'Cursor' },
      },
    },
    Cursor: {
      typeNames: ['FindCursor', 'AggregationCursor'],
      methods: { toArray: query, next: query, hasNext: query, forEach: query },
      otherMethods: { returns: 'Cursor' },
    },
  },
  batchAdvice: 'load them in one query with `{ _id: { $in: ids } }` or a `$lookup`, or write them with `insertMany`/`bulkWrite`',
  chainAdvice: 'load the whole chain in one `aggregate` with `$graphLookup`, or keep the ancestors\' ids on each document and load them with one `find({ _id: { $in: ancestorIds } })`',
  batchAdviceByKind: {
    create: 'collect the documents and write them with one `insertMany(docs)`',
    update: 'send them in one round trip with `bulkWrite([{ updateOne: … }, …])`, or one `updateMany` when every document gets the same change',
    delete: 'delete them with one `deleteMany({ _id: { $in: ids } })`',
  },
} as const satisfies LibraryDefinition;
