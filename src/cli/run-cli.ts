/**
 * The `poolguard` command as a function: arguments in, output written to the given streams, exit code out.
 * main.ts runs it for the process; tests call it in-process. Paths are relative to the working directory.
 * Heavy modules (the compiler, the rules) load only once the arguments are valid.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { CliIo } from './cli-io.js';

import { packageVersion } from '../package-version.js';
import { formatHelp, parseArguments } from './arguments.js';
import { exitCodes } from './exit-codes.js';
import { resolveScanTarget } from './project/discover-projects.js';
import { UsageError } from './usage-error.js';

/** Never throws: bad input is one line on stderr and exit code 2, as is an internal error. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`poolguard: ${error.message}\n`);
    } else {
      io.stderr.write(`poolguard: internal error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} (set POOLGUARD_DEBUG=1 for details)\n`);
      if (io.env.POOLGUARD_DEBUG) console.error(error);
    }
    return exitCodes.usage;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArguments(argv);
  if (args.help) {
    io.stdout.write(`${formatHelp()}\n`);
    return exitCodes.clean;
  }
  if (args.version) {
    io.stdout.write(`${packageVersion}\n`);
    return exitCodes.clean;
  }
  if (args.output !== undefined) assertWritable(args.output);
  if (args.command === 'pools') return (await import('./run-pools-command.js')).runPoolsCommand(args, io);
  // Bad paths fail before the compiler and the rules load.
  resolveScanTarget(args.path, args.project);
  return (await import('./scan-command.js')).scan(args, io);
}

/** Fails before the scan, not after minutes of it. */
function assertWritable(output: string): void {
  const directory = path.dirname(path.resolve(output));
  let problem: string | undefined;
  try {
    if (!fs.statSync(directory).isDirectory()) problem = 'its directory is not a directory';
    else if (fs.existsSync(output) && fs.statSync(output).isDirectory()) problem = 'it is a directory';
    else fs.accessSync(directory, fs.constants.W_OK);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    problem = code === 'ENOENT' ? 'its directory does not exist' : 'permission denied';
  }
  if (problem) throw new UsageError(`cannot write output ${output}: ${problem}`);
}
