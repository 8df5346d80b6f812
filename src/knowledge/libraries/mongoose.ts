/** Mongoose ODM. https://mongoosejs.com/docs/transactions.html */
import type { CallDefinition, LibraryDefinition } from '../library-definition.js';

import { mongoDbPoolLimits } from '../pool-limits.js';

const query: CallDefinition = { query: true };
const startSession: CallDefinition = { returns: 'ClientSession', acquires: { resource: 'result' } };

const modelQueries = {
  find: { returns: 'Query', yields: 'Document' }, findOne: { returns: 'Query', yields: 'Document', oneRecord: true },
  findById: { returns: 'Query', yields: 'Document', oneRecord: true },
  findOneAndUpdate: { returns: 'Query' }, findByIdAndUpdate: { returns: 'Query' }, findOneAndDelete: { returns: 'Query' },
  findByIdAndDelete: { returns: 'Query' }, countDocuments: { returns: 'Query' }, exists: { returns: 'Query' },
  updateOne: { returns: 'Query' }, updateMany: { returns: 'Query' }, deleteOne: { returns: 'Query' },
  deleteMany: { returns: 'Query' }, distinct: { returns: 'Query' }, estimatedDocumentCount: { returns: 'Query' },
  replaceOne: { returns: 'Query' }, create: { query: true, kind: 'create' }, insertMany: { query: true, bulk: true },
  bulkWrite: { query: true, bulk: true }, aggregate: query,
} as const;

export const mongoose = {
  name: 'mongoose',
  docs: 'https://mongoosejs.com/docs/transactions.html',
  typePackages: ['mongoose'],
  modules: {
    mongoose: {
      default: { is: 'Mongoose' },
      startSession,
      model: { returns: 'Model' },
      createConnection: { returns: 'Connection' },
      connect: {},
      connection: { is: 'Connection' },
    },
  },
  objects: {
    Mongoose: {
      methods: { startSession, model: { returns: 'Model' }, createConnection: { returns: 'Connection' }, connect: {} },
      properties: { connection: 'Connection', models: 'ModelRegistry' },
      // `mongoose.connect` opens the default connection once; later calls reuse it.
      pool: {
        noun: 'mongoose connection',
        createdBy: [{ call: 'connect', on: 'Mongoose', shared: true }, { call: 'connect', shared: true }],
        options: { argument: 1, urls: ['argument:0'] },
        closedBy: ['disconnect'],
        limits: mongoDbPoolLimits,
      },
    },
    Connection: {
      methods: {
        startSession,
        transaction: { callbackParameters: ['ClientSession'] },
        model: { returns: 'Model' },
        close: {},
      },
      properties: { models: 'ModelRegistry' },
      pool: {
        noun: 'mongoose connection',
        createdBy: [{ call: 'createConnection', on: 'Mongoose' }, { call: 'createConnection' }],
        options: { argument: 1, urls: ['argument:0'] },
        closedBy: ['close', 'destroy'],
        limits: mongoDbPoolLimits,
      },
    },
    ModelRegistry: { otherProperties: 'Model' },
    ClientSession: {
      methods: { withTransaction: {}, startTransaction: {}, commitTransaction: {}, abortTransaction: {} },
      resource: { noun: 'session', releasedBy: ['endSession'], disposable: true, finallyRelease: { method: 'endSession', awaited: true } },
    },
    Model: { methods: modelQueries },
    Query: {
      methods: { exec: query, then: query },
      otherMethods: { returns: 'Query' },
      awaitRunsQuery: true,
    },
    Document: { methods: { save: query, populate: query, deleteOne: query } },
  },
  batchAdvice: 'load them in one query with `find({ _id: { $in: ids } })` or `populate()` the whole list, or write them with `insertMany`/`bulkWrite`',
  batchAdviceByKind: { create: 'collect the documents and write them with one `insertMany(docs)`' },
  chainAdvice: 'load the whole chain in one `aggregate` with `$graphLookup`, or keep the ancestors\' ids on each document and load them with one `find({ _id: { $in: ancestorIds } })`',
} as const satisfies LibraryDefinition;
