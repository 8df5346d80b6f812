/**
 * Child processes and containers: a command run to completion (a build, a converter, `git clone`) or a container
 * started and waited on takes seconds to minutes. Only the asynchronous forms: a synchronous `execSync` blocks the
 * whole process, so no other request can take a connection meanwhile and the pool cannot drain through it (a
 * different problem, not this catalogue's); a callback-style `exec` is slow when a promise waits for it.
 */
import type { CallDefinition, LibraryDefinition, ModuleExports, ObjectDefinition } from '../library-definition.js';

const command: CallDefinition = { io: 'a child process' };
const docker: CallDefinition = { io: 'a Docker API call' };

/** `exec(cmd, cb)`, `spawn(cmd, args)`: slow when awaited through a promise (or promisified). */
const childProcessExports: ModuleExports = { exec: command, execFile: command, spawn: command, fork: command };
const childProcess = { ...childProcessExports, default: { members: childProcessExports } };

/** `promisify(exec)` is a function that runs `exec` and resolves when it ends: its calls do what `exec`'s do. */
const promisify: CallDefinition = { returnsArgument: 0 };
const util = { promisify, default: { members: { promisify } } };

/** execa's functions return a promise of the finished process; `$` also runs a template (`` $`npm ci` ``) and, called
 * with options, returns another `$`. */
const execaTag: ObjectDefinition = { tag: command, call: { returns: 'ExecaTag' } };
const execaRun: CallDefinition = command;

/** dockerode: the `get…` methods build a handle without a request; every other method is an API call. */
const dockerHandles = Object.fromEntries(
  ['Container', 'Image', 'Volume', 'Network', 'Exec', 'Service', 'Task', 'Node', 'Plugin', 'Secret', 'Config']
    .map((kind) => [`get${kind}`, { returns: kind === 'Container' ? 'DockerContainer' : kind === 'Exec' ? 'DockerExec' : 'DockerObject' }]),
);

export const processesAndContainers: readonly LibraryDefinition[] = [
  {
    name: 'node:child_process',
    docs: 'https://nodejs.org/api/child_process.html#asynchronous-process-creation',
    typePackages: [],
    modules: { child_process: childProcess, 'node:child_process': childProcess },
    objects: {},
  },
  {
    name: 'node:util',
    docs: 'https://nodejs.org/api/util.html#utilpromisifyoriginal',
    typePackages: [],
    modules: { util, 'node:util': util },
    objects: {},
  },
  {
    name: 'execa',
    docs: 'https://github.com/sindresorhus/execa#api',
    typePackages: ['execa'],
    modules: {
      execa: {
        execa: execaRun,
        execaCommand: execaRun,
        execaNode: execaRun,
        $: { is: 'ExecaTag' },
        // execa 5 and earlier: a default export with `.command` and `.node`.
        default: { ...execaRun, members: { command: execaRun, node: execaRun } },
      },
    },
    objects: { ExecaTag: execaTag },
  },
  {
    name: 'dockerode',
    docs: 'https://github.com/apocas/dockerode#usage',
    typePackages: ['dockerode', '@types/dockerode'],
    modules: { dockerode: { default: { constructs: 'Docker' } } },
    objects: {
      Docker: {
        typeNames: ['Dockerode'],
        methods: { ...dockerHandles, createContainer: { ...docker, returns: 'DockerContainer' } },
        otherMethods: docker,
      },
      DockerContainer: { typeNames: ['Container'], methods: { exec: { ...docker, returns: 'DockerExec' } }, otherMethods: docker },
      DockerExec: { typeNames: ['Exec'], otherMethods: docker },
      DockerObject: { typeNames: ['Image', 'Volume', 'Network', 'Service', 'Task', 'Node', 'Plugin', 'Secret', 'Config'], otherMethods: docker },
    },
  },
];
