#!/usr/bin/env node
/** The `poolguard` process: runCli with the process's arguments, streams and environment. */
import { enableCodeCache } from './code-cache.js';
import { createHeapCollector } from './heap-collection.js';
import { runCli } from './run-cli.js';

enableCodeCache();

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, betweenPrograms: createHeapCollector() });
