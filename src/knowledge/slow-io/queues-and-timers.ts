/** Message brokers (a publish waits for the broker) and timers (a sleep or a backoff waits on purpose). */
import type { CallDefinition, LibraryDefinition } from '../library-definition.js';

const publish: CallDefinition = { io: 'a queue publish' };
const sleep: CallDefinition = { io: 'a sleep' };

export const queuesAndTimers: readonly LibraryDefinition[] = [
  {
    name: 'amqplib',
    docs: 'https://amqp-node.github.io/amqplib/channel_api.html',
    typePackages: ['amqplib', '@types/amqplib'],
    modules: {
      amqplib: { connect: { returns: 'AmqpConnection' }, default: { members: { connect: { returns: 'AmqpConnection' } } } },
      'amqplib/callback_api': { connect: { returns: 'AmqpConnection' } },
    },
    objects: {
      AmqpConnection: { typeNames: ['Connection', 'ChannelModel'], methods: { createChannel: { returns: 'AmqpChannel' }, createConfirmChannel: { returns: 'AmqpChannel' } } },
      AmqpChannel: { typeNames: ['Channel', 'ConfirmChannel'], methods: { publish, sendToQueue: publish, waitForConfirms: publish } },
    },
  },
  {
    name: 'kafkajs',
    docs: 'https://kafka.js.org/docs/producing',
    typePackages: ['kafkajs'],
    modules: { kafkajs: { Kafka: { constructs: 'Kafka' } } },
    objects: {
      Kafka: { methods: { producer: { returns: 'KafkaProducer' } } },
      KafkaProducer: { typeNames: ['Producer'], methods: { send: publish, sendBatch: publish } },
    },
  },
  {
    name: 'bullmq',
    docs: 'https://docs.bullmq.io/guide/queues',
    typePackages: ['bullmq', 'bull'],
    modules: { bullmq: { Queue: { constructs: 'BullQueue' } }, bull: { default: { constructs: 'BullQueue' } } },
    objects: { BullQueue: { typeNames: ['Queue'], methods: { add: publish, addBulk: publish, getJob: publish, getJobs: publish } } },
  },
  {
    name: 'node:timers/promises',
    docs: 'https://nodejs.org/api/timers.html#timers-promises-api',
    typePackages: [],
    modules: { 'node:timers/promises': { setTimeout: sleep }, 'timers/promises': { setTimeout: sleep } },
    objects: {},
  },
];
