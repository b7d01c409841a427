// Signs in Rhino by running the shipped callouts (lib/callouts/sigv4-*.js) as
// Apigee would: a JavaScript policy job per request, all in one Rhino process.

import * as fs from "node:fs";
import * as path from "node:path";
import { libDir } from "../common/paths";
import type { FlowState } from "../flow/flow-variables";
import { firstHeader, Message } from "../flow/message";
import type { RunJob, ScriptRef } from "../rhino/protocol";
import { RhinoHost, RhinoMode } from "../rhino/rhino-host";
import type { SignOutput, SignSpec } from "./sign-spec";

const TIME_LIMIT_MS = 10000;

function flag(value: boolean): string {
  return value ? "true" : "false";
}

function payloadVariable(spec: SignSpec): string {
  if (spec.payload.kind === "unsigned") return "unsigned";
  if (spec.payload.kind === "given") return spec.payload.value;
  return "hash";
}

export function signingJob(spec: SignSpec, script: ScriptRef): RunJob {
  const variables: FlowState["variables"] = {
    "aws.sigv4.message": "request",
    "aws.sigv4.url": spec.url,
    "aws.sigv4.service": spec.service,
    "aws.sigv4.region": spec.region,
    "aws.sigv4.amzDate": spec.amzDate,
    "aws.sigv4.headers": spec.signedHeaders,
    "aws.sigv4.payload": payloadVariable(spec),
    "aws.sigv4.uri.normalize": flag(spec.normalizePath),
    "aws.sigv4.uri.doubleEncode": flag(spec.doubleEncodePath),
    "aws.sigv4.contentSha256Header": flag(spec.contentSha256Header),
    "aws.sigv4.sessionToken.signed": flag(spec.signSessionToken),
    "aws.sigv4.debug": "true",
    "private.aws.credentials.accessKeyId": spec.credentials.accessKeyId,
    "private.aws.credentials.secretAccessKey": spec.credentials.secretAccessKey
  };
  if (spec.credentials.sessionToken) variables["private.aws.credentials.sessionToken"] = spec.credentials.sessionToken;
  if (spec.presignExpires !== null) variables["aws.sigv4.presign.expires"] = String(spec.presignExpires);
  const request: Message = { method: spec.method, url: spec.url, status: null, reason: null, headers: spec.headers.slice(), content: spec.body };
  return {
    scripts: [script],
    properties: {},
    timeLimitMs: TIME_LIMIT_MS,
    flowName: "TARGET_REQ_FLOW",
    flow: { variables, messages: { request }, current: "request" }
  };
}

function text(flow: FlowState, name: string): string {
  const v = flow.variables[name];
  if (typeof v !== "string") throw new Error(`the callout did not set ${name}`);
  return v;
}

/** The headers the signer sets (as the Node engine reports them), read back from the signed message. */
function signerHeaders(spec: SignSpec, after: Message): Record<string, string> {
  const names = [
    ...(spec.headers.some(([name]) => name.toLowerCase() === "host") ? [] : ["host"]),
    "x-amz-date",
    ...(spec.contentSha256Header ? ["x-amz-content-sha256"] : []),
    ...(spec.credentials.sessionToken ? ["x-amz-security-token"] : []),
    "authorization"
  ];
  const headers: Record<string, string> = {};
  for (const name of names) {
    const value = firstHeader(after, name);
    if (value === null) throw new Error(`the signing callout did not set ${name}`);
    headers[name] = value;
  }
  return headers;
}

export function outputOf(spec: SignSpec, flow: FlowState): SignOutput {
  const base = {
    canonicalRequest: text(flow, "private.aws.sigv4.debug.canonicalRequest"),
    stringToSign: text(flow, "aws.sigv4.debug.stringToSign"),
    signedHeaders: text(flow, "aws.sigv4.signedHeaders")
  };
  if (spec.presignExpires !== null) {
    const url = text(flow, "private.aws.sigv4.presignedUrl");
    return { ...base, signature: /[?&]X-Amz-Signature=([0-9a-f]{64})$/.exec(url)?.[1] ?? "", url };
  }
  const headers = signerHeaders(spec, flow.messages.request);
  return { ...base, signature: /Signature=([0-9a-f]{64})$/.exec(headers.authorization ?? "")?.[1] ?? "", headers };
}

export interface RhinoSigner {
  sign(spec: SignSpec): Promise<SignOutput>;
  close(): Promise<void>;
}

/** A Rhino process with the signing callouts loaded, for many requests. */
export async function startRhinoSigner(mode: RhinoMode, env?: NodeJS.ProcessEnv): Promise<RhinoSigner> {
  const host = RhinoHost.start({ mode, env });
  const load = (name: string) => host.load(name, fs.readFileSync(path.join(libDir(), "callouts", name), "utf8"));
  const [signScript, presignScript] = await Promise.all([load("sigv4-sign.js"), load("sigv4-presign.js")]);
  return {
    async sign(spec) {
      const result = await host.run(signingJob(spec, spec.presignExpires === null ? signScript : presignScript));
      if (result.timedOut) throw new Error("the signing callout exceeded its time limit");
      if (result.error) throw new Error(`the signing callout failed: ${result.error.name}: ${result.error.message}`);
      return outputOf(spec, result.flow);
    },
    close: () => host.close()
  };
}

/** `env`: where Rhino is found and what it runs with (the process's by default). */
export async function signInRhino(specs: SignSpec[], mode: RhinoMode, env?: NodeJS.ProcessEnv): Promise<SignOutput[]> {
  const signer = await startRhinoSigner(mode, env);
  try {
    return await Promise.all(specs.map((spec) => signer.sign(spec)));
  } finally {
    await signer.close();
  }
}
