import type { DeclarationCache } from './project/declaration-cache.js';

/** Where a CLI run writes and what it reads of its environment: the process's streams, or a test's buffers. */
export interface CliStream {
  /** Colour (stdout) and the progress line (stderr) need a terminal. */
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  /** NO_COLOR, FORCE_COLOR, TERM and POOLGUARD_DEBUG are read from here. */
  readonly env: NodeJS.ProcessEnv;
  /** Parsed declaration files kept between runs in one process (the tests); the binary runs once and keeps none. */
  readonly declarationCache?: DeclarationCache;
  /** Called between the programs of a scan: the binary, which owns the heap, collects garbage there. */
  readonly betweenPrograms?: () => void;
}
