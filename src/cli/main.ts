#!/usr/bin/env node
/** The `poolguard` process: runCli with the process's arguments, streams and environment. */
import { runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
