// Running `apigee-aws` in tests. Most tests run the CLI in-process through
// main(argv, io), with their own output buffers, working directory and
// environment, several at once if they like. Each command also has one smoke
// test that runs the real bin/apigee-aws.js (spawnCli): what a user runs.

import { spawn } from "node:child_process";
import * as path from "node:path";
import type { CliIo } from "../../src/cli/io";
import { main } from "../../src/cli/main";
import { packageRoot } from "../../src/common/paths";

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** The working directory; default the test process's. */
  cwd?: string;
  /** Laid over a copy of process.env; undefined removes a variable. */
  env?: Record<string, string | undefined>;
  /** Standard input. */
  input?: string;
}

export interface InProcessOptions extends CliOptions {
  /** Run as if standard output or error were a terminal. */
  stdoutIsTty?: boolean;
  stderrIsTty?: boolean;
}

function environment(options: CliOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return env;
}

/** A command line running in-process. */
export interface CliSession {
  /** Standard output and error, interleaved as written, so far. */
  output(): string;
  /** Resolves with the status and outputs when the command ends. */
  done: Promise<CliRun>;
  /** Resolves with everything written so far once the output contains `text`; rejects if the command ends first or after `timeoutMs`. */
  waitFor(text: string, timeoutMs?: number): Promise<string>;
  /** Ctrl-C: asks a command that runs until stopped (dev) to stop, and resolves when it has. */
  interrupt(): Promise<CliRun>;
}

export function startCli(args: string[], options: InProcessOptions = {}): CliSession {
  let stdout = "";
  let stderr = "";
  let output = "";
  let interrupt!: () => void;
  const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
  const watchers = new Set<() => void>();
  const wrote = () => watchers.forEach((w) => w());
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
      output += text;
      wrote();
    },
    stderr: (text) => {
      stderr += text;
      output += text;
      wrote();
    },
    stdoutIsTty: options.stdoutIsTty ?? false,
    stderrIsTty: options.stderrIsTty ?? false,
    cwd: path.resolve(options.cwd ?? process.cwd()),
    env: environment(options),
    readStdin: () => options.input ?? "",
    interrupted: () => interrupted
  };
  const done = main(args, io).then((status) => ({ status, stdout, stderr }));
  let ended = false;
  void done.then(() => {
    ended = true;
    wrote();
  });
  return {
    output: () => output,
    done,
    waitFor(text, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`no "${text}" after ${timeoutMs} ms of apigee-aws ${args.join(" ")}:\n${output}`)), timeoutMs);
        const check = () => {
          if (output.includes(text)) finish();
          else if (ended) finish(new Error(`apigee-aws ${args.join(" ")} ended without printing "${text}":\n${output}`));
        };
        const finish = (error?: Error) => {
          clearTimeout(timer);
          watchers.delete(check);
          if (error) reject(error);
          else resolve(output);
        };
        watchers.add(check);
        check();
      });
    },
    interrupt() {
      interrupt();
      return done;
    }
  };
}

/** Runs `apigee-aws ARGS` in-process to the end. */
export function runCli(args: string[], options: InProcessOptions = {}): Promise<CliRun> {
  return startCli(args, options).done;
}

/**
 * The real bin/apigee-aws.js in a process of its own, not blocking the test's
 * event loop (a stand-in served from the test process can answer it).
 */
export function spawnCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(packageRoot(), "bin/apigee-aws.js"), ...args], { cwd: options.cwd, env: environment(options), stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ status: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}
