// A one-line progress counter for people watching a terminal ("linting
// bundle 3 of 20"), rewritten in place on stderr. CI logs and pipes get none:
// the line would be noise in a log, and a report on stdout stays clean.

import type { CliIo } from "./io";

export interface Progress {
  update(done: number, total: number): void;
  /** Erases the line before the command prints its result. */
  clear(): void;
}

const SILENT: Progress = { update: () => undefined, clear: () => undefined };
const MIN_INTERVAL_MS = 100;

function showsProgress(io: CliIo): boolean {
  return io.stderrIsTty && !io.env.CI;
}

/** `line(done, total)` is drawn at most every 100 ms, and only once there are at least `minimum` items. */
export function terminalProgress(io: CliIo, line: (done: number, total: number) => string, minimum = 1): Progress {
  if (!showsProgress(io)) return SILENT;
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (total < minimum || (now - last < MIN_INTERVAL_MS && done < total)) return;
      last = now;
      shown = true;
      io.stderr(`\r${line(done, total)}\x1b[K`);
    },
    clear() {
      if (shown) io.stderr("\r\x1b[K");
    }
  };
}
