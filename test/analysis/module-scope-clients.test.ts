/**
 * The duplicate check reads other files' module-scope clients from their top-level statements alone when their
 * pool sites are not known yet: the clients must be exactly those read from all of the file's pool sites.
 */
import path from 'node:path';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';
import type { ModuleScopeClient } from '../../src/analysis/pools/module-scope-clients.js';

import { getAnalysisContext } from '../../src/analysis/core/analysis-context.js';
import { getModuleScopeClients } from '../../src/analysis/pools/module-scope-clients.js';
import { getPoolSites } from '../../src/analysis/pools/pool-sites.js';
import { fixturesRoot } from '../helpers/rule-testers.js';
import { createSharingHost } from '../helpers/sharing-compiler-host.js';

const typescript = ts as unknown as TypeScript;
const projects = ['demo-app', 'projects/no-pool-per-request/module-clients', 'projects/no-pool-per-request/next-app', 'projects/no-pool-per-request/shared-client']
  .map((name) => path.join(fixturesRoot, name));

/** Module-scope shapes the fixture projects do not all have, as files of a project in memory. */
const shapes: Record<string, string> = {
  'export-default.ts': "import { Pool } from 'pg';\nexport default new Pool({ max: 5 });\n",
  'module-exports.ts': "import knex from 'knex';\nmodule.exports = knex({ client: 'pg', connection: process.env.DATABASE_URL });\n",
  'exports-member.ts': "import mysql from 'mysql2/promise';\nexports.billing = mysql.createPool({ uri: process.env.BILLING_URL });\n",
  'nested.ts': "import { Pool } from 'pg';\nimport { drizzle } from 'drizzle-orm/node-postgres';\nexport const db = drizzle(new Pool());\nconst other = drizzle(process.env.DATABASE_URL ?? '');\nexport { other };\n",
  'opened.ts': "import sql from 'mssql';\nexport const pool = await new sql.ConnectionPool({ server: 'db' }).connect();\n",
  'in-functions.ts': "import { Pool } from 'pg';\nexport function make() {\n  return new Pool();\n}\nexport const handler = () => new Pool();\nlet cached: Pool | undefined;\nexport const lazy = cached ?? new Pool();\n",
  'mixed.ts': "import { MongoClient } from 'mongodb';\nimport { PrismaClient } from '@prisma/client';\nasync function load() {\n  const client = new MongoClient('mongodb://db');\n  return client;\n}\nexport const prisma = new PrismaClient();\nvoid load();\n",
};

describe('module-scope shapes', () => {
  it('reads the same module-scope clients from the top-level statements as from every pool site', () => {
    const directory = path.join(fixturesRoot, 'in-memory-module-scope');
    const files = new Map(Object.entries(shapes).map(([name, text]) => [path.join(directory, name), text]));
    const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, esModuleInterop: true, strict: true };
    const host = createSharingHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    const readFile = host.readFile.bind(host);
    host.getSourceFile = (fileName, version, ...rest) => {
      const text = files.get(fileName);
      return text === undefined ? getSourceFile(fileName, version, ...rest) : ts.createSourceFile(fileName, text, version, true);
    };
    host.fileExists = (fileName) => files.has(fileName) || fileExists(fileName);
    host.readFile = (fileName) => files.get(fileName) ?? readFile(fileName);
    const program = ts.createProgram({ rootNames: [...files.keys()], options, host });
    const sourceFiles = [...files.keys()].map((fileName) => program.getSourceFile(fileName) as ts.SourceFile);
    const fromTopLevel = getAnalysisContext(typescript, program, true, {});
    const fromAllSites = getAnalysisContext(typescript, program, true, {});
    const topLevel = sourceFiles.map((file) => describeClients(getModuleScopeClients(file, fromTopLevel)));
    for (const file of sourceFiles) getPoolSites(file, fromAllSites);
    const allSites = sourceFiles.map((file) => describeClients(getModuleScopeClients(file, fromAllSites)));
    expect(topLevel).toEqual(allSites);
    expect(allSites.map((clients) => clients.length)).toEqual([1, 1, 1, 2, 1, 0, 1]);
  });
});

describe.each(projects.map((directory) => [path.relative(fixturesRoot, directory), directory]))('%s', (_name, directory) => {
  it('reads the same module-scope clients from the top-level statements as from every pool site', () => {
    const config = ts.getParsedCommandLineOfConfigFile(path.join(directory, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    const options = config?.options ?? {};
    const program = ts.createProgram({ rootNames: config?.fileNames ?? [], options, host: createSharingHost(options) });
    const files = program.getSourceFiles().filter((file) => !file.isDeclarationFile && !file.fileName.includes('/node_modules/'));
    // Two contexts of one program: in the first no file's pool sites are known when its clients are asked for.
    const fromTopLevel = getAnalysisContext(typescript, program, true, {});
    const fromAllSites = getAnalysisContext(typescript, program, true, {});
    const topLevel = files.map((file) => describeClients(getModuleScopeClients(file, fromTopLevel)));
    for (const file of files) getPoolSites(file, fromAllSites);
    const allSites = files.map((file) => describeClients(getModuleScopeClients(file, fromAllSites)));
    expect(topLevel).toEqual(allSites);
    expect(allSites.flat().length).toBeGreaterThan(0);
  });
});

function describeClients(clients: readonly ModuleScopeClient[]): string[] {
  return clients.map(({ site, variable, exported }) => `${site.node.getSourceFile().fileName}:${site.callee.start}-${site.callee.end}:${site.kind.name}:${variable?.text ?? ''}:${exported}`);
}
