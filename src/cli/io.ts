// What a command line runs with: where its output goes, the working
// directory its relative paths start from, the environment, whether it talks
// to a terminal, standard input, and how a long-running command learns that it
// should stop. bin/apigee-aws.js runs with the process's own (processIo);
// tests run commands in-process with their own, several at once. Commands use
// nothing else: no process.stdout, process.cwd() or process.env of their own.

import * as fs from "node:fs";
import * as path from "node:path";

export interface CliIo {
  /** Writes to standard output, as given (no newline added). */
  stdout(text: string): void;
  /** Writes to standard error, as given. */
  stderr(text: string): void;
  /** Whether standard output is a terminal (colour in lint's text report). */
  stdoutIsTty: boolean;
  /** Whether standard error is a terminal (progress counters). */
  stderrIsTty: boolean;
  /** The terminal's width, for wrapping help; undefined when not a terminal (80 columns). */
  columns?: number;
  /** The working directory: relative paths on the command line are relative to it. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** All of standard input, read when a command is given "-" for a file. */
  readStdin(): string;
  /** Resolves when the user asks a command that runs until stopped (dev) to stop: Ctrl-C or SIGTERM. */
  interrupted(): Promise<void>;
}

/** The process's own streams, directory, environment and signals. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdoutIsTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    cwd: process.cwd(),
    env: process.env,
    readStdin: () => fs.readFileSync(0, "utf8"),
    interrupted: () =>
      new Promise((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          resolve();
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      })
  };
}

/** A path from the command line, as the file system needs it: relative ones start at io.cwd. Messages keep the path as the user wrote it. */
export function pathIn(io: Pick<CliIo, "cwd">, file: string): string {
  return path.resolve(io.cwd, file);
}
