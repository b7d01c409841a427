// The client side of the stand-in tests: requests signed by AWS's JavaScript
// SDK signer (@smithy/signature-v4), sent over real HTTP to a loopback port
// with the signed Host header kept, the way the runner sends them.

import * as http from "node:http";
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { AwsWorld, type Session } from "../../../src/stand-ins/aws/world";

export const ACCOUNT = "123456789012";
export const REGION = "eu-west-1";
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/apigee-reader`;

export interface Clock {
  now: number;
}

export function newWorld(clock: Clock): AwsWorld {
  return new AwsWorld(ACCOUNT, () => clock.now);
}

export function issueSession(world: AwsWorld, clock: Clock, roleArn = ROLE_ARN, lifetimeMs = 3600_000): Session {
  const roleName = roleArn.split("/").pop();
  return world.issueSession({
    roleArn,
    assumedRoleArn: `arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/test-session`,
    sessionName: "test-session",
    sourceIdentity: null,
    expiresAt: clock.now + lifetimeMs,
    identity: { issuer: "https://accounts.google.com", sub: "1234567890", aud: "client-id" }
  });
}

/** What a client is asked to send: the path as it goes on the wire (already percent-encoded). */
export interface Outgoing {
  method: string;
  host: string;
  path: string;
  query?: [string, string][];
  headers?: Record<string, string>;
  body?: Buffer | string;
}

export interface SigningOptions {
  service: "s3" | "ssm";
  region?: string;
  /** The scope's service and region, when they should differ from where the request goes. */
  signingService?: string;
  signingRegion?: string;
  date?: Date;
  /** Leave the session token out of the request. */
  omitToken?: boolean;
  /** A token other than the session's. */
  token?: string;
  /** S3: sign UNSIGNED-PAYLOAD instead of the body's hash. */
  unsignedPayload?: boolean;
  /** Let smithy add x-amz-content-sha256 (AWS SDK v3 does; default true for S3). */
  applyChecksum?: boolean;
  /** Presign for this many seconds instead of signing headers. */
  presignExpires?: number;
}

/** A signed request ready to send: wire path with query, every header, body. */
export interface Signed {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** AWS's UriEncode as smithy's escapeUri applies it to query names and values. */
export function escapeUri(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** An S3 key on the wire: every byte but the unreserved ones and "/" percent-encoded, once. */
export function s3KeyPath(key: string): string {
  return escapeUri(key).replace(/%2F/g, "/");
}

export async function sign(session: Session, out: Outgoing, options: SigningOptions): Promise<Signed> {
  const region = options.region ?? REGION;
  const token = options.omitToken ? undefined : (options.token ?? session.sessionToken);
  const signer = new SignatureV4({
    service: options.signingService ?? options.service,
    region: options.signingRegion ?? region,
    credentials: { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: token },
    sha256: Sha256,
    uriEscapePath: options.service !== "s3",
    applyChecksum: options.applyChecksum ?? options.service === "s3"
  });
  const body = Buffer.from(out.body ?? "");
  const headers: Record<string, string> = { host: out.host, ...out.headers };
  if (options.service === "s3" && (options.unsignedPayload || options.presignExpires !== undefined)) headers["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD";
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of out.query ?? []) {
    const previous = query[name];
    query[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  const request = new HttpRequest({ method: out.method, protocol: "https:", hostname: out.host, path: out.path, query, headers, body });
  const signingDate = options.date ?? new Date();
  let signed: HttpRequest;
  if (options.presignExpires !== undefined) {
    const unhoisted = new Set(["x-amz-content-sha256"]);
    signed = (await signer.presign(request, { signingDate, expiresIn: options.presignExpires, unhoistableHeaders: unhoisted, unsignableHeaders: unhoisted })) as HttpRequest;
    delete signed.headers["x-amz-content-sha256"];
  } else {
    signed = (await signer.sign(request, { signingDate })) as HttpRequest;
  }
  const wireQuery = Object.entries(signed.query ?? {})
    .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${escapeUri(name)}=${escapeUri(String(v ?? ""))}`))
    .join("&");
  return { method: out.method, path: out.path + (wireQuery ? `?${wireQuery}` : ""), headers: { ...signed.headers }, body };
}

export interface Received {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export function send(baseUrl: string, request: Signed): Promise<Received> {
  const { port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...request.headers };
    if (request.body.length > 0 || ["PUT", "POST"].includes(request.method)) headers["content-length"] = String(request.body.length);
    const req = http.request({ host: "127.0.0.1", port: Number(port), method: request.method, path: request.path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString("utf8") });
      });
    });
    req.on("error", reject);
    req.end(request.body);
  });
}

export async function signAndSend(baseUrl: string, session: Session, out: Outgoing, options: SigningOptions): Promise<Received> {
  return send(baseUrl, await sign(session, out, options));
}

/** The text of one element of an XML answer, entities decoded, e.g. xmlField(body, "Code"). */
export function xmlField(xml: string, element: string): string | undefined {
  return xmlFields(xml, element)[0];
}

export function xmlFields(xml: string, element: string): string[] {
  return [...xml.matchAll(new RegExp(`<${element}>([\\s\\S]*?)</${element}>`, "g"))].map((m) => unescapeXml(m[1]));
}

function unescapeXml(text: string): string {
  const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_m, name: string) => entities[name]);
}
