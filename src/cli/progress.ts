import type { CliStream } from './cli-io.js';

/** A progress line for long scans, only on an interactive stderr: CI logs stay clean. */
export interface Progress {
  loading(project: string): void;
  update(done: number, total: number): void;
  clear(): void;
}

const noProgress: Progress = { loading: () => undefined, update: () => undefined, clear: () => undefined };

export function createProgress(stream: CliStream, enabled: boolean): Progress {
  if (!enabled || !stream.isTTY) return noProgress;
  let lastWrite = 0;
  let shown = false;
  return {
    loading(project) {
      shown = true;
      stream.write(`\r\u001B[2Kpoolguard: loading ${project}`);
    },
    update(done, total) {
      const now = Date.now();
      if (now - lastWrite < 100 && done < total) return;
      lastWrite = now;
      shown = true;
      stream.write(`\r\u001B[2Kpoolguard: analysing ${done}/${total} files`);
    },
    clear() {
      if (shown) stream.write('\r\u001B[2K');
    },
  };
}
