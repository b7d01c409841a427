// Where the bearer token for the management API comes from, first found wins:
//   1. --token
//   2. APIGEE_TOKEN
//   3. Google Application Default Credentials (google-auth-library): the file
//      GOOGLE_APPLICATION_CREDENTIALS names (a service-account key, or the
//      workload-identity-federation `external_account` file CI auth steps
//      write), gcloud's application-default file, or the metadata server when
//      running on Google Cloud
//   4. `gcloud auth print-access-token` when gcloud is on the PATH
// The token itself is never printed; only its source is.

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UserError } from "../common/user-error";
import { redact } from "./redact";

export interface ResolvedToken {
  token: string;
  /** Where it came from, for the progress line ("APIGEE_TOKEN", "Application Default Credentials (…)"). */
  source: string;
}

export interface TokenInputs {
  flag?: string;
  env: NodeJS.ProcessEnv;
  /** Runs gcloud and resolves with its stdout; replaced in tests. */
  runGcloud?: (gcloud: string) => Promise<string>;
}

const GCLOUD_SOURCE = "gcloud auth print-access-token";
const GCLOUD_TIMEOUT_MS = 30_000;
const CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";
/** The token endpoint google-auth-library sends service-account assertions to. */
const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";

/** A credential source was found but could not give a token (not logged in, a bad credential file, …). */
export class TokenSourceError extends UserError {
  constructor(
    readonly source: string,
    readonly detail: string,
    fix: string
  ) {
    super(`${source} failed: ${detail.replace(/\.+$/, "")}. ${fix}`);
    this.name = "TokenSourceError";
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

function runGcloud(gcloud: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(gcloud, ["auth", "print-access-token"], { env, timeout: GCLOUD_TIMEOUT_MS, windowsHide: true }, (error, stdout, stderr) => {
      if (error) {
        // gcloud's first line says what is wrong ("ERROR: (gcloud.auth.print-access-token) You do not …").
        const detail = String(stderr || error.message).split("\n").map((l) => l.trim()).find((l) => l) ?? `exit ${error.code}`;
        // stdout may hold a token even when gcloud exits non-zero; keep it out of the message.
        reject(new TokenSourceError(GCLOUD_SOURCE, redact(detail, [String(stdout).trim()]), "Run gcloud auth login, or pass a token with --token or APIGEE_TOKEN."));
      } else resolve(String(stdout));
    });
  });
}

function clean(token: string | null | undefined, source: string): string {
  const trimmed = (token ?? "").trim();
  if (!trimmed) throw new UserError(`the token from ${source} is empty`);
  if (/\s/.test(trimmed)) throw new UserError(`the token from ${source} contains whitespace; pass the access token alone`);
  return trimmed;
}

// ---- Application Default Credentials ----

/** Loaded on first use: only a deploy without --token or APIGEE_TOKEN needs it, and it is the CLI's largest dependency to load. */
function googleAuthLibrary(): typeof import("google-auth-library") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("google-auth-library");
}

type CredentialFile = { kind: "file"; file: string; via: string; json: Record<string, unknown> };
type AdcSource = CredentialFile | { kind: "metadata"; host: string };

const FILE_KINDS: Record<string, string> = {
  service_account: "service-account key",
  external_account: "workload identity federation",
  authorized_user: "user credentials",
  impersonated_service_account: "impersonated service account",
  external_account_authorized_user: "workforce identity federation"
};

function describeAdc(source: AdcSource): string {
  if (source.kind === "metadata") return `Application Default Credentials (the metadata server at ${source.host})`;
  return `Application Default Credentials (${FILE_KINDS[String(source.json.type)]} file ${source.file}, from ${source.via})`;
}

/** gcloud's application-default file, where `gcloud auth application-default login` writes it. */
function wellKnownFile(env: NodeJS.ProcessEnv): string {
  if (env.CLOUDSDK_CONFIG) return path.join(env.CLOUDSDK_CONFIG, "application_default_credentials.json");
  if (process.platform === "win32" && env.APPDATA) return path.join(env.APPDATA, "gcloud", "application_default_credentials.json");
  return path.join(env.HOME ?? os.homedir(), ".config", "gcloud", "application_default_credentials.json");
}

function readCredentialFile(file: string, via: string): CredentialFile {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new UserError(`${via} names ${file}, which cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); point it at a credential file, or unset it.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${file} (from ${via}) is not JSON: ${(e as Error).message}; it should be a Google credential file such as a service-account key or a workload identity federation configuration.`);
  }
  const type = json && typeof json === "object" ? (json as Record<string, unknown>).type : undefined;
  if (typeof type !== "string" || !(type in FILE_KINDS)) {
    throw new UserError(`${file} (from ${via}) has "type": ${JSON.stringify(type)}; expected one of ${Object.keys(FILE_KINDS).join(", ")}.`);
  }
  return { kind: "file", file, via, json: json as Record<string, unknown> };
}

/**
 * Whether to ask the metadata server, without google-auth-library's probe
 * (which takes up to 3 s and prints a warning off Google Cloud): when an
 * address is configured, when METADATA_SERVER_DETECTION says so, or when the
 * machine itself says it runs on Google Cloud (gcp-metadata's residency check).
 */
async function metadataHost(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const host = env.GCE_METADATA_HOST || env.GCE_METADATA_IP;
  const detection = (env.METADATA_SERVER_DETECTION ?? "").trim().toLowerCase();
  if (detection === "none") return undefined;
  if (host) return host;
  if (detection === "assume-present") return "metadata.google.internal";
  const { gcpMetadata } = googleAuthLibrary();
  return gcpMetadata.getGCPResidency() ? "metadata.google.internal" : undefined;
}

async function findAdc(env: NodeJS.ProcessEnv): Promise<AdcSource | undefined> {
  const named = env.GOOGLE_APPLICATION_CREDENTIALS?.trim();
  if (named) return readCredentialFile(named, "GOOGLE_APPLICATION_CREDENTIALS");
  const known = wellKnownFile(env);
  if (fs.existsSync(known)) return readCredentialFile(known, "gcloud auth application-default login");
  const host = await metadataHost(env);
  return host ? { kind: "metadata", host } : undefined;
}

/** The reason a token request failed, from Google's OAuth error body when there is one; never the request. */
function failureDetail(e: unknown): string {
  const err = e as { message?: string; response?: { status?: number; data?: unknown } };
  const data = err.response?.data as { error?: unknown; error_description?: unknown } | undefined;
  if (data && typeof data === "object" && data.error !== undefined) {
    const error = typeof data.error === "object" ? JSON.stringify(data.error) : String(data.error);
    return `${err.response?.status ?? ""} ${error}${data.error_description ? `: ${String(data.error_description)}` : ""}`.trim();
  }
  return String(err.message ?? e).split("\n")[0];
}

async function adcToken(source: AdcSource): Promise<string> {
  const { Compute, gaxios, GoogleAuth } = googleAuthLibrary();
  const transporter = new gaxios.Gaxios();
  if (source.kind === "file" && source.json.type === "service_account" && typeof source.json.token_uri === "string" && source.json.token_uri !== GOOGLE_TOKEN_URL) {
    // google-auth-library always posts the key's assertion to Google's endpoint;
    // a key file naming another token_uri (a private universe, a test) gets its own, as gcloud does.
    const tokenUri = source.json.token_uri;
    transporter.interceptors.request.add({
      resolved: async (config) => {
        if (String(config.url) === GOOGLE_TOKEN_URL) config.url = new URL(tokenUri);
        return config;
      }
    });
  }
  const client =
    source.kind === "file"
      ? new GoogleAuth({ scopes: [CLOUD_PLATFORM_SCOPE] }).fromJSON(source.json, { transporter })
      : new Compute({ scopes: [CLOUD_PLATFORM_SCOPE], transporter });
  const { token } = await client.getAccessToken();
  return clean(token, describeAdc(source));
}

/** The token and where it came from; undefined when there is none (no flag, no variable, no credentials, no gcloud). */
export async function resolveToken(inputs: TokenInputs): Promise<ResolvedToken | undefined> {
  if (inputs.flag !== undefined) return { token: clean(inputs.flag, "--token"), source: "--token" };
  const fromEnv = inputs.env.APIGEE_TOKEN;
  if (fromEnv !== undefined && fromEnv !== "") return { token: clean(fromEnv, "APIGEE_TOKEN"), source: "APIGEE_TOKEN" };
  const adc = await findAdc(inputs.env);
  if (adc) {
    const source = describeAdc(adc);
    try {
      return { token: await adcToken(adc), source };
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw new TokenSourceError(source, failureDetail(e), "Fix or unset GOOGLE_APPLICATION_CREDENTIALS, or pass a token with --token or APIGEE_TOKEN.");
    }
  }
  const gcloud = findOnPath("gcloud", inputs.env);
  if (!gcloud) return undefined;
  const output = await (inputs.runGcloud ?? ((found: string) => runGcloud(found, inputs.env)))(gcloud);
  return { token: clean(output, GCLOUD_SOURCE), source: GCLOUD_SOURCE };
}
