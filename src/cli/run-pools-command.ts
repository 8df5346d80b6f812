/** `poolguard pools`: the pool inventory, built in src/cli/pools and loaded only when asked for. */
import path from 'node:path';

import type { PoolGuardSettings } from '../knowledge/user-settings.js';
import type { Arguments } from './arguments.js';
import type { CliIo } from './cli-io.js';
import type { DeclarationCache } from './project/declaration-cache.js';

import { writeOutput } from './baseline.js';
import { loadConfig } from './config/load-config.js';
import { UsageError } from './usage-error.js';

interface PoolsModule {
  runPools(options: { path: string; format: 'text' | 'json'; replicas?: number; dbMaxConnections?: number; settings?: PoolGuardSettings; declarationCache?: DeclarationCache; betweenPrograms?: () => void }): { output: string; exitCode: number };
}

// A variable specifier: the module may not exist yet when this file is type-checked.
const poolsModulePath = './pools/run-pools.js';

export async function runPoolsCommand(args: Arguments, io: CliIo): Promise<number> {
  let module: PoolsModule;
  try {
    module = (await import(poolsModulePath)) as PoolsModule;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ERR_MODULE_NOT_FOUND') throw new UsageError('the pools command is not available in this build');
    throw error;
  }
  const config = loadConfig(path.resolve(args.path), args.config);
  const result = module.runPools({
    path: args.path,
    format: args.format === 'json' ? 'json' : 'text',
    ...(args.replicas === undefined ? {} : { replicas: args.replicas }),
    ...(args.dbMaxConnections === undefined ? {} : { dbMaxConnections: args.dbMaxConnections }),
    settings: config.settings,
    ...(io.declarationCache ? { declarationCache: io.declarationCache } : {}),
    ...(io.betweenPrograms ? { betweenPrograms: io.betweenPrograms } : {}),
  });
  if (args.output === undefined) io.stdout.write(result.output.endsWith('\n') ? result.output : `${result.output}\n`);
  else writeOutput(path.resolve(args.output), result.output);
  return result.exitCode;
}
