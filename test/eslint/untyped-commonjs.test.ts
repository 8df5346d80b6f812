/**
 * Untyped linting of CommonJS: a project module's `require('./db')` hands out what that module assigns to
 * `module.exports` (or `exports.name`), read from disk as an `import` is, both for the database objects it exports and
 * for the helpers that query through them.
 */
import fs from 'node:fs';

import { Linter } from 'eslint';
import { describe, expect, test } from 'vitest';

import plugin from '../../src/index.js';
import { useTempDirectory } from '../helpers/temp-directory.js';

const { directory, write } = useTempDirectory('poolguard-untyped-commonjs-');

const pgPool = "const { Pool } = require('pg');\nconst pool = new Pool({ max: 10, connectionTimeoutMillis: 5000 });\n";
write('named/db.js', `${pgPool}module.exports = { pool };\n`);
write('whole/db.js', `${pgPool}module.exports = pool;\n`);
write('exports-property/db.js', "const { Pool } = require('pg');\nexports.pool = new Pool({ max: 10, connectionTimeoutMillis: 5000 });\n");
write('module-exports-property/db.js', `${pgPool}module.exports.pool = pool;\n`);
write('helpers/db.js', `${pgPool}module.exports = {\n  query: (text, params) => pool.query(text, params),\n  getClient() {\n    return pool.connect();\n  },\n};\n`);
write('helpers/pool.js', `${pgPool}module.exports = pool;\n`);
write('helpers/users-repository.js', "const pool = require('./pool');\nexports.findUser = async (id) => (await pool.query('SELECT * FROM users WHERE id = $1', [id])).rows[0];\n");
write('not-a-pool/db.js', "const pool = { query: async () => [] };\nmodule.exports = { pool, label: 'users' };\n");
write('not-a-pool/math.js', 'exports.double = (value) => value * 2;\nmodule.exports.triple = (value) => value * 3;\n');
write('esm/db.js', `${pgPool}module.exports = pool;\n`);
// sequelize-cli's generated loader, and a hand-written one that reads nested folders and exports the collection by name.
write('sequelize/models/index.js', [
  "const fs = require('fs');",
  "const path = require('path');",
  "const Sequelize = require('sequelize');",
  'const basename = path.basename(__filename);',
  'const db = {};',
  "const sequelize = new Sequelize(process.env.DATABASE_URL, { pool: { max: 10, acquire: 30000 } });",
  'fs.readdirSync(__dirname)',
  "  .filter((file) => file.indexOf('.') !== 0 && file !== basename && file.slice(-3) === '.js')",
  '  .forEach((file) => {',
  '    const model = require(path.join(__dirname, file))(sequelize, Sequelize.DataTypes);',
  '    db[model.name] = model;',
  '  });',
  'db.sequelize = sequelize;',
  'module.exports = db;',
  '',
].join('\n'));
const loaderSetup = [
  "const fs = require('fs');",
  "const path = require('path');",
  "const { Sequelize } = require('sequelize');",
  "const sequelize = new Sequelize(process.env.DATABASE_URL, { pool: { max: 10, acquire: 30000 } });",
];
const defineModel = (name: string): string => `module.exports = (sequelize, DataTypes) => {\n  const ${name} = sequelize.define('${name}', { name: DataTypes.STRING });\n  return ${name};\n};\n`;
write('sequelize/models/user.js', defineModel('User'));
write('sequelize/models/post.js', defineModel('Post'));
write('nested/db/index.js', [
  ...loaderSetup,
  'const models = {};',
  'function load(directory) {',
  '  for (const file of fs.readdirSync(directory)) {',
  '    const fullPath = path.join(directory, file);',
  "    if (fs.statSync(fullPath).isDirectory()) load(fullPath);",
  "    else if (file.endsWith('.js')) {",
  '      const model = require(fullPath)(sequelize, Sequelize.DataTypes);',
  '      models[model.name] = model;',
  '    }',
  '  }',
  '}',
  "load(path.join(__dirname, '../models'));",
  'module.exports = { sequelize, models };',
  '',
].join('\n'));
write('nested/models/people/user.js', defineModel('User'));
write('nested/models/tasks/task.js', defineModel('Task'));
write('not-models/lib/index.js', [
  ...loaderSetup,
  'const plugins = {};',
  "for (const file of fs.readdirSync(path.join(__dirname, 'plugins'))) {",
  "  const plugin = require(path.join(__dirname, 'plugins', file))(sequelize);",
  '  plugins[plugin.name] = plugin;',
  '}',
  'module.exports = { plugins };',
  '',
].join('\n'));
write('not-models/lib/plugins/cache.js', "module.exports = (sequelize) => ({ name: 'cache', findOne: async (key) => key });\n");

write('knex/knex.js', "const config = { client: 'pg', pool: { max: 10 }, acquireConnectionTimeout: 10000 };\nmodule.exports = require('knex')(config);\n");

const loopOver = (call: string): string => `async function loadAll(ids) {\n  const rows = [];\n  for (const id of ids) {\n    rows.push(await ${call});\n  }\n  return rows;\n}\n`;
const leakOf = (receiver: string): string => `async function touch() {\n  const client = await ${receiver}.connect();\n  await client.query('SELECT 1');\n  client.release();\n}\n`;

const config = [{
  files: ['**/*.js', '**/*.mjs'],
  plugins: { poolguard: plugin },
  rules: Object.fromEntries(Object.keys(plugin.rules).map((id) => [`poolguard/${id}`, 'error'])),
}] as Linter.Config[];

/** The findings (`line:rule`) of one file of the project, linted on its own. */
function lint(relative: string, text: string): string[] {
  const fileName = write(relative, text);
  const linter = new Linter({ configType: 'flat', cwd: directory });
  return linter.verify(fs.readFileSync(fileName, 'utf8'), config, { filename: fileName }).map((message) => `${message.line}:${message.ruleId}`);
}

describe('a database object a project module exports', () => {
  test('destructured from `module.exports = { pool }`', () => {
    expect(lint('named/users.js', `const { pool } = require('./db');\n${loopOver("pool.query('SELECT $1', [id])")}`)).toEqual(['5:poolguard/no-query-in-loop']);
  });

  test('as a property of the required module (`db.pool`), and of the call itself', () => {
    expect(lint('named/users-by-module.js', `const db = require('./db');\n${loopOver("db.pool.query('SELECT $1', [id])")}`)).toEqual(['5:poolguard/no-query-in-loop']);
    expect(lint('named/users-inline.js', loopOver("require('./db').pool.query('SELECT $1', [id])"))).toEqual(['4:poolguard/no-query-in-loop']);
  });

  test('the whole export (`module.exports = pool`)', () => {
    expect(lint('whole/users.js', `const pool = require('./db');\n${loopOver("pool.query('SELECT $1', [id])")}`)).toEqual(['5:poolguard/no-query-in-loop']);
    expect(lint('whole/touch.js', `const pool = require('./db');\n${leakOf('pool')}`)).toEqual(['3:poolguard/no-leaked-connection']);
  });

  test('`exports.pool = …` and `module.exports.pool = …`', () => {
    expect(lint('exports-property/users.js', `const { pool } = require('./db');\n${loopOver("pool.query('SELECT $1', [id])")}`)).toEqual(['5:poolguard/no-query-in-loop']);
    expect(lint('module-exports-property/touch.js', `const { pool } = require('./db.js');\n${leakOf('pool')}`)).toEqual(['3:poolguard/no-leaked-connection']);
  });

  test('a client the module builds as it exports it (`module.exports = require(\'knex\')(config)`)', () => {
    expect(lint('knex/users.js', `const knex = require('./knex');\n${loopOver("knex('users').where({ id })")}`)).toEqual(['5:poolguard/no-query-in-loop']);
  });

  test('an ES module importing a CommonJS module: its default import is `module.exports`', () => {
    expect(lint('esm/users.mjs', `import pool from './db.js';\n${loopOver("pool.query('SELECT $1', [id])")}`)).toEqual(['5:poolguard/no-query-in-loop']);
  });
});

describe('the models a loader collects', () => {
  test('sequelize-cli\'s models/index.js, required whole or destructured', () => {
    expect(lint('sequelize/services/users.js', `const db = require('../models');\n${loopOver('db.User.findOne({ where: { id } })')}`)).toEqual(['5:poolguard/no-query-in-loop']);
    expect(lint('sequelize/services/posts.js', `const { Post } = require('../models');\n${loopOver('Post.findByPk(id)')}`)).toEqual(['5:poolguard/no-query-in-loop']);
  });

  test('a loader that reads nested folders, its collection exported by name', () => {
    expect(lint('nested/services/tasks.js', `const { models } = require('../db');\n${loopOver('models.Task.findOne({ where: { id } })')}`)).toEqual(['5:poolguard/no-query-in-loop']);
  });

  test('a folder of modules that define no model is no model registry', () => {
    expect(lint('not-models/report.js', `const { plugins } = require('./lib');\n${loopOver('plugins.cache.findOne(id)')}`)).toEqual([]);
  });
});

describe('a helper a project module exports', () => {
  test('a method of the required object queries in a loop', () => {
    expect(lint('helpers/users.js', `const db = require('./db');\n${loopOver("db.query('SELECT $1', [id])")}`)).toEqual(['5:poolguard/no-query-in-loop']);
  });

  test('a destructured `exports.findUser` that queries through a pool another module exports', () => {
    expect(lint('helpers/report.js', `const { findUser } = require('./users-repository');\n${loopOver('findUser(id)')}`)).toEqual(['5:poolguard/no-query-in-loop']);
  });

  test('a connection the required helper hands out is a connection to release', () => {
    expect(lint('helpers/touch.js', `const db = require('./db');\nasync function touch() {\n  const client = await db.getClient();\n  await client.query('SELECT 1');\n  client.release();\n}\n`))
      .toEqual(['3:poolguard/no-leaked-connection']);
  });
});

describe('hard negatives', () => {
  test('an exported object that only looks like a pool', () => {
    expect(lint('not-a-pool/users.js', `const { pool } = require('./db');\n${loopOver("pool.query('SELECT $1', [id])")}`)).toEqual([]);
    expect(lint('not-a-pool/users-by-module.js', `const db = require('./db');\n${loopOver("db.pool.query('SELECT $1', [id])")}`)).toEqual([]);
  });

  test('helpers that reach no database', () => {
    expect(lint('not-a-pool/report.js', `const { double } = require('./math');\nconst math = require('./math');\n${loopOver('double(id) + math.triple(id)')}`)).toEqual([]);
  });

  test('a module that is not there, or a required package that is not installed', () => {
    expect(lint('named/missing.js', `const { pool } = require('./nowhere');\nconst other = require('left-pad');\n${loopOver("pool.query('SELECT $1', [id]) + other.query(id)")}`)).toEqual([]);
  });

  test('the released connection the exact shape of the leak uses is no finding', () => {
    expect(lint('whole/safe.js', "const pool = require('./db');\nasync function touch() {\n  const client = await pool.connect();\n  try {\n    await client.query('SELECT 1');\n  } finally {\n    client.release();\n  }\n}\n")).toEqual([]);
  });
});

describe('what a required helper returns', () => {
  test('a connection from `db.getClient()` is the pool\'s connection: queried per element', () => {
    const text = [
      "const db = require('./db');",
      'async function save(items) {',
      '  const client = await db.getClient();',
      '  try {',
      "    await Promise.all(items.map((item) => client.query('INSERT INTO items VALUES ($1)', [item])));",
      '  } finally {',
      '    client.release();',
      '  }',
      '}',
      '',
    ].join('\n');
    expect(lint('helpers/save.js', text)).toEqual(['5:poolguard/no-query-in-loop']);
  });

  test('a connection from `db.getClient()` that is never released leaks', () => {
    expect(lint('helpers/leak.js', "const db = require('./db');\nasync function touch() {\n  const client = await db.getClient();\n  await client.query('SELECT 1');\n}\n"))
      .toEqual(['3:poolguard/no-leaked-connection']);
  });
});

test('a required module changed on disk is read again, though its exports were known from another file\'s lint', () => {
  write('changing/db.js', `${pgPool}module.exports = { pool };\n`);
  // It requires `pg` itself, so no prefilter reads `./db` before the export is resolved.
  const importer = `const { Client } = require('pg');\nconst { pool } = require('./db');\n${loopOver("pool.query('SELECT $1', [id])")}`;
  expect(lint('changing/first.js', importer)).toEqual(['6:poolguard/no-query-in-loop']);
  const changed = write('changing/db.js', `${pgPool}module.exports = { pool: { query: async () => [] } };\n`);
  const later = new Date(Date.now() + 10_000);
  fs.utimesSync(changed, later, later);
  expect(lint('changing/second.js', importer)).toEqual([]);
});
