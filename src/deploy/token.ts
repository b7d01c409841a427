// Where the bearer token for the management API comes from: --token, then
// APIGEE_TOKEN, then `gcloud auth print-access-token` when gcloud is on the
// PATH. The token itself is never printed; only its source is.

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../common/user-error";
import { redact } from "./redact";

export type TokenSourceName = "--token" | "APIGEE_TOKEN" | "gcloud auth print-access-token";

export interface ResolvedToken {
  token: string;
  source: TokenSourceName;
}

export interface TokenInputs {
  flag?: string;
  env: NodeJS.ProcessEnv;
  /** Runs gcloud and resolves with its stdout; replaced in tests. */
  runGcloud?: (gcloud: string) => Promise<string>;
}

const GCLOUD_TIMEOUT_MS = 30_000;

/** gcloud is installed but could not give a token (not logged in, expired credentials, …). */
export class GcloudTokenError extends UserError {
  constructor(readonly detail: string) {
    super(`gcloud auth print-access-token failed: ${detail}. Run gcloud auth login, or pass a token with --token or APIGEE_TOKEN.`);
    this.name = "GcloudTokenError";
  }
}

/** The first executable named `command` on env.PATH, or undefined. */
export function findOnPath(command: string, env: NodeJS.ProcessEnv): string | undefined {
  const names = process.platform === "win32" ? [`${command}.cmd`, `${command}.exe`, command] : [command];
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

function runGcloud(gcloud: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(gcloud, ["auth", "print-access-token"], { timeout: GCLOUD_TIMEOUT_MS, windowsHide: true }, (error, stdout, stderr) => {
      if (error) {
        // gcloud's first line says what is wrong ("ERROR: (gcloud.auth.print-access-token) You do not …").
        const detail = String(stderr || error.message).split("\n").map((l) => l.trim()).find((l) => l) ?? `exit ${error.code}`;
        // stdout may hold a token even when gcloud exits non-zero; keep it out of the message.
        reject(new GcloudTokenError(redact(detail, [String(stdout).trim()])));
      } else resolve(String(stdout));
    });
  });
}

function clean(token: string, source: TokenSourceName): string {
  const trimmed = token.trim();
  if (!trimmed) throw new UserError(`the token from ${source} is empty`);
  if (/\s/.test(trimmed)) throw new UserError(`the token from ${source} contains whitespace; pass the access token alone`);
  return trimmed;
}

/** The token and where it came from; undefined when there is none (no flag, no variable, no gcloud). */
export async function resolveToken(inputs: TokenInputs): Promise<ResolvedToken | undefined> {
  if (inputs.flag !== undefined) return { token: clean(inputs.flag, "--token"), source: "--token" };
  const fromEnv = inputs.env.APIGEE_TOKEN;
  if (fromEnv !== undefined && fromEnv !== "") return { token: clean(fromEnv, "APIGEE_TOKEN"), source: "APIGEE_TOKEN" };
  const gcloud = findOnPath("gcloud", inputs.env);
  if (!gcloud) return undefined;
  const output = await (inputs.runGcloud ?? runGcloud)(gcloud);
  return { token: clean(output, "gcloud auth print-access-token"), source: "gcloud auth print-access-token" };
}
