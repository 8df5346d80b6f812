/** no-pool-per-request: a class that builds a pool or client of its own and keeps it on the instance (lazily in a
 * method, in its constructor or a field), built per request or per call and dropped without closing it (issue 8,
 * shape 8). Hard negatives: the instance is kept or memoised, its user closes it, the class closes after use. */
import rule from '../../rules/no-pool-per-request.js';
import { runRuleTests } from '../helpers/rule-testers.js';

const lazyMongoRepo = `import { MongoClient } from 'mongodb';
class UserRepo {
  private client?: MongoClient;
  constructor(private readonly uri: string) {}
  private async db() {
    if (!this.client) this.client = await MongoClient.connect(this.uri, { waitQueueTimeoutMS: 5000 });
    return this.client.db();
  }
  async find(id: string) {
    return (await this.db()).collection('users').findOne({ id });
  }
  async close() {
    await this.client?.close();
  }
}`;

const closedRepo = { construction: 'new UserRepo()', className: 'UserRepo', noun: 'MongoClient', opener: 'its `db()`' };

runRuleTests('no-pool-per-request: pool-owning instances', rule, {
  valid: [
    {
      name: 'one instance at module scope, used by a handler',
      code: `import express from 'express';
${lazyMongoRepo}
const users = new UserRepo(process.env.MONGO_URL ?? '');
export const app = express();
app.get('/users/:id', async (req, res) => {
  res.json(await users.find(req.params.id));
});`,
    },
    {
      name: 'a memoised instance (hard negative)',
      code: `import express from 'express';
${lazyMongoRepo}
let users: UserRepo | undefined;
function getUsers() {
  users ??= new UserRepo(process.env.MONGO_URL ?? '');
  return users;
}
export const app = express();
app.get('/users/:id', async (req, res) => {
  res.json(await getUsers().find(req.params.id));
});`,
    },
    {
      name: 'the handler closes it in finally (hard negative)',
      code: `import express from 'express';
${lazyMongoRepo}
export const app = express();
app.get('/users/:id', async (req, res) => {
  const users = new UserRepo(process.env.MONGO_URL ?? '');
  try {
    res.json(await users.find(req.params.id));
  } finally {
    await users.close();
  }
});`,
    },
    {
      name: 'the method the caller uses closes the client after use (hard negative)',
      code: `import { MongoClient } from 'mongodb';
class AuditLog {
  private client: MongoClient | undefined;
  async write(entry: { action: string }) {
    this.client = new MongoClient(process.env.MONGO_URL ?? '', { waitQueueTimeoutMS: 5000 });
    try {
      await this.client.db().collection('audit').insertOne(entry);
    } finally {
      await this.client.close();
    }
  }
}
export async function audit(action: string) {
  const log = new AuditLog();
  await log.write({ action });
}`,
    },
    {
      name: 'the instance is returned to the caller, who keeps it',
      code: `${lazyMongoRepo}
export function createUsers(uri: string) {
  const users = new UserRepo(uri);
  return users;
}`,
    },
    {
      name: 'a class that is given its client builds no pool of its own',
      code: `import express from 'express';
import { MongoClient } from 'mongodb';
const client = new MongoClient(process.env.MONGO_URL ?? '', { waitQueueTimeoutMS: 5000 });
class UserRepo {
  constructor(private readonly mongo: MongoClient) {}
  async find(id: string) {
    return this.mongo.db().collection('users').findOne({ id });
  }
}
export const app = express();
app.get('/users/:id', async (req, res) => {
  const users = new UserRepo(client);
  res.json(await users.find(req.params.id));
});`,
    },
    {
      name: 'a client kept in a static field is one per process (hard negative)',
      code: `import express from 'express';
import { MongoClient } from 'mongodb';
class UserRepo {
  private static client?: MongoClient;
  private async db() {
    UserRepo.client ??= await MongoClient.connect(process.env.MONGO_URL ?? '', { waitQueueTimeoutMS: 5000 });
    return UserRepo.client.db();
  }
  async find(id: string) {
    return (await this.db()).collection('users').findOne({ id });
  }
}
export const app = express();
app.get('/users/:id', async (req, res) => {
  const users = new UserRepo();
  res.json(await users.find(req.params.id));
});`,
    },
    {
      name: 'an instance handed to another object may be closed there',
      code: `${lazyMongoRepo}
class UserService {
  constructor(readonly repo: UserRepo) {}
}
export function createService(uri: string) {
  return new UserService(new UserRepo(uri));
}`,
    },
    {
      name: 'a MongoClient handed to a legacy callback that closes it is not followed (hard negative)',
      code: `import { MongoClient } from 'mongodb';
export function countUsers(uri: string, done: (count: number) => void) {
  // The callback form of driver 3 and older (current typings have no such overload).
  // @ts-expect-error
  MongoClient.connect(uri, { waitQueueTimeoutMS: 5000 }, (_error: Error | null, client: MongoClient) => {
    void client.db().collection('users').countDocuments().then(done).finally(() => client.close());
  });
}`,
    },
    {
      name: 'a MongoClient handed to .then, which closes it, is not followed (hard negative)',
      code: `import { MongoClient } from 'mongodb';
export function countUsers(uri: string, done: (count: number) => void) {
  void MongoClient.connect(uri, { waitQueueTimeoutMS: 5000 }).then(async (client) => {
    done(await client.db().collection('users').countDocuments());
    await client.close();
  });
}`,
    },
  ],
  invalid: [
    {
      name: 'built per request, lazily connected, never closed',
      code: `import express from 'express';
${lazyMongoRepo}
export const app = express();
app.get('/users/:id', async (req, res) => {
  const users = new UserRepo(process.env.MONGO_URL ?? '');
  res.json(await users.find(req.params.id));
});`,
      errors: [{
        messageId: 'poolPerInstance',
        data: { ...closedRepo, reason: 'on every request to `GET /users/:id`', fix: 'call `users.close()` in a `finally` block' },
        line: 19, column: 17, endLine: 19, endColumn: 29,
      }],
    },
    {
      name: 'built inline per call',
      code: `${lazyMongoRepo}
export async function findUser(id: string) {
  return new UserRepo(process.env.MONGO_URL ?? '').find(id);
}`,
      errors: [{
        messageId: 'poolPerInstance',
        data: { ...closedRepo, reason: 'every time `findUser` is called', fix: 'call `userRepo.close()` in a `finally` block' },
        line: 17, column: 10, endLine: 17, endColumn: 22,
      }],
    },
    {
      name: 'a class with no method that closes its client, built per call',
      code: `import { MongoClient } from 'mongodb';
class Orders {
  private client: MongoClient | undefined;
  private async collection() {
    if (!this.client) {
      this.client = new MongoClient(process.env.MONGO_URL ?? '', { waitQueueTimeoutMS: 5000 });
      await this.client.connect();
    }
    return this.client.db().collection('orders');
  }
  async count() {
    return (await this.collection()).countDocuments();
  }
}
export async function countOrders() {
  const orders = new Orders();
  return orders.count();
}`,
      errors: [{
        messageId: 'poolPerInstance',
        data: {
          construction: 'new Orders()', className: 'Orders', noun: 'MongoClient', opener: 'its `collection()`', reason: 'every time `countOrders` is called',
          fix: 'give Orders a method that closes its MongoClient and call it on orders in a `finally` block',
        },
        line: 16, column: 18, endLine: 16, endColumn: 28,
      }],
    },
    {
      name: 'a pg Pool built in the constructor, the class built per call',
      code: `import { Pool } from 'pg';
class Reports {
  private readonly pool = new Pool({ max: 2, connectionTimeoutMillis: 5000 });
  async totals() {
    return (await this.pool.query('SELECT sum(total) FROM orders')).rows;
  }
  async end() {
    await this.pool.end();
  }
}
export async function monthlyTotals() {
  const reports = new Reports();
  return reports.totals();
}`,
      errors: [{
        messageId: 'poolPerInstance',
        data: {
          construction: 'new Reports()', className: 'Reports', noun: 'pg Pool', opener: 'its constructor', reason: 'every time `monthlyTotals` is called',
          fix: 'call `reports.end()` in a `finally` block',
        },
        line: 12, column: 19, endLine: 12, endColumn: 30,
      }],
    },
  ],
  typedOnly: {
    valid: [
      {
        name: 'a class from another module, destroyed in finally (hard negative)',
        code: `import { ProductRepo } from './lazy-mongo-repo';
export async function product(id: string) {
  const products = new ProductRepo(process.env.MONGO_URL ?? '');
  try {
    return await products.find(id);
  } finally {
    await products.destroy();
  }
}`,
      },
    ],
    invalid: [
      {
        name: 'a class from another module (fixtures/rule-tester/lazy-mongo-repo.ts) built per call',
        code: `import { ProductRepo } from './lazy-mongo-repo';
export async function product(id: string) {
  const products = new ProductRepo(process.env.MONGO_URL ?? '');
  return products.find(id);
}`,
        errors: [{
          messageId: 'poolPerInstance',
          data: {
            construction: 'new ProductRepo()', className: 'ProductRepo', noun: 'MongoClient', opener: 'its `db()`', reason: 'every time `product` is called',
            fix: 'call `products.destroy()` in a `finally` block',
          },
          line: 3, column: 20, endLine: 3, endColumn: 35,
        }],
      },
    ],
  },
});
