// AWS's SigV4 test suites and the S3 documentation examples (test/vectors,
// Apache-2.0, provenance in test/vectors/README.md) as `apigee-aws sign` specs.

import * as fs from "node:fs";
import * as path from "node:path";
import type { HeaderList } from "../../src/flow/message";
import type { SignSpec } from "../../src/sign/sign-spec";

export const VECTORS_DIR = path.join(__dirname, "..", "vectors");

export interface Expected {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  authorization?: string;
  url?: string;
}

export interface VectorCase {
  name: string;
  spec: SignSpec;
  expected: Expected;
}

const SUITE_CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

/** A raw HTTP request as the suites write it: the path may hold raw spaces or UTF-8. */
export function parseRawRequest(text: string): { method: string; path: string; headers: HeaderList; body: string } {
  const normalized = text.replace(/\r\n/g, "\n");
  const blank = normalized.indexOf("\n\n");
  const head = blank >= 0 ? normalized.slice(0, blank) : normalized;
  const body = blank >= 0 ? normalized.slice(blank + 2) : "";
  const [requestLine, ...lines] = head.split("\n");
  const words = requestLine.split(" ");
  const headers: HeaderList = [];
  for (const line of lines) {
    if (line === "") continue;
    if (/^[ \t]/.test(line) && headers.length) {
      const last = headers[headers.length - 1];
      last[1] += "\n" + line;
      continue;
    }
    const colon = line.indexOf(":");
    headers.push([line.slice(0, colon), line.slice(colon + 1)]);
  }
  return { method: words[0], path: words.slice(1, -1).join(" "), headers, body };
}

function hostOf(headers: HeaderList): string {
  return headers.find(([n]) => n.toLowerCase() === "host")![1].trim();
}

function baseSpec(overrides: Partial<SignSpec>): SignSpec {
  return {
    method: "GET",
    url: "",
    headers: [],
    body: "",
    service: "service",
    region: "us-east-1",
    credentials: { ...SUITE_CREDENTIALS, sessionToken: null },
    amzDate: "20150830T123600Z",
    presignExpires: null,
    payload: { kind: "body" },
    signedHeaders: "all",
    normalizePath: true,
    doubleEncodePath: true,
    signSessionToken: true,
    contentSha256Header: false,
    ...overrides
  };
}

function read(file: string): string {
  return fs.readFileSync(file, "utf8");
}

/** The original AWS suite, as shipped with botocore: header form only. */
export function botocoreCases(): VectorCase[] {
  const root = path.join(VECTORS_DIR, "aws-sig-v4-test-suite-botocore");
  const cases: VectorCase[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith(".req")) {
        const base = full.slice(0, -4);
        const raw = parseRawRequest(read(full));
        // get-vanilla-with-session-token signs a token that its .req does not
        // show: the suite passes it as credentials (aws-c-auth's copy of the
        // case says so in context.json). Take it from the expected request.
        const impliedToken = raw.headers.some(([n]) => n.toLowerCase() === "x-amz-security-token")
          ? null
          : /^x-amz-security-token:(.*)$/m.exec(read(`${base}.creq`))?.[1] ?? null;
        cases.push({
          name: path.relative(root, base),
          spec: baseSpec({
            method: raw.method,
            url: `https://${hostOf(raw.headers)}${raw.path}`,
            headers: raw.headers,
            body: raw.body,
            credentials: { ...SUITE_CREDENTIALS, sessionToken: impliedToken }
          }),
          expected: { canonicalRequest: read(`${base}.creq`), stringToSign: read(`${base}.sts`), signature: /Signature=([0-9a-f]{64})/.exec(read(`${base}.authz`))![1], authorization: read(`${base}.authz`) }
        });
      }
    }
  };
  visit(root);
  return cases.sort((a, b) => a.name.localeCompare(b.name));
}

/** awslabs/aws-c-auth's suite: each case signed in header form and presigned. */
export function awsCAuthCases(): VectorCase[] {
  const root = path.join(VECTORS_DIR, "aws-c-auth-signing-test-suite", "v4");
  const cases: VectorCase[] = [];
  for (const name of fs.readdirSync(root).sort()) {
    const dir = path.join(root, name);
    const ctx = JSON.parse(read(path.join(dir, "context.json")));
    const raw = parseRawRequest(read(path.join(dir, "request.txt")));
    const common = baseSpec({
      method: raw.method,
      url: `https://${hostOf(raw.headers)}${raw.path}`,
      headers: raw.headers,
      body: raw.body,
      service: ctx.service,
      region: ctx.region,
      amzDate: ctx.timestamp.replace(/[-:]/g, ""),
      credentials: { accessKeyId: ctx.credentials.access_key_id, secretAccessKey: ctx.credentials.secret_access_key, sessionToken: ctx.credentials.token ?? null },
      normalizePath: ctx.normalize,
      signSessionToken: !ctx.omit_session_token
    });
    for (const form of ["header", "query"] as const) {
      const expected: Expected = {
        canonicalRequest: read(path.join(dir, `${form}-canonical-request.txt`)),
        stringToSign: read(path.join(dir, `${form}-string-to-sign.txt`)),
        signature: read(path.join(dir, `${form}-signature.txt`)).trim()
      };
      const spec =
        form === "header"
          ? { ...common, contentSha256Header: ctx.sign_body === true }
          : { ...common, presignExpires: ctx.expiration_in_seconds as number };
      cases.push({ name: `${name} (${form})`, spec, expected });
    }
  }
  return cases;
}

export interface S3Example {
  name: string;
  spec: SignSpec;
  expected: Expected & { chunkSignatures?: string[] };
  chunks?: string[];
}

/** The worked examples of the Amazon S3 API Reference. */
export function s3Examples(): S3Example[] {
  const doc = JSON.parse(read(path.join(VECTORS_DIR, "s3-examples.json")));
  const common = doc.common;
  return doc.cases.map((c: any) => {
    const presign = c.auth === "query";
    const query = Object.entries(c.request.query as Record<string, string>)
      .filter(([k]) => !presign || !k.startsWith("X-Amz-"))
      .map(([k, v]) => `${k}=${v}`)
      .join("&");
    const headers: HeaderList = Object.entries(c.request.headers as Record<string, string>);
    const declared = headers.find(([n]) => n.toLowerCase() === "x-amz-content-sha256");
    const body = typeof c.request.body === "string" ? c.request.body : "";
    const spec = baseSpec({
      method: c.request.method,
      url: `https://${c.request.host}${c.request.path}${query ? `?${query}` : ""}`,
      headers,
      body,
      service: common.service,
      region: common.region,
      amzDate: common.amzDate,
      credentials: { ...common.credentials, sessionToken: null },
      presignExpires: presign ? c.request.expiresSeconds : null,
      payload: declared ? { kind: "given", value: declared[1] } : presign ? { kind: "unsigned" } : { kind: "body" },
      normalizePath: false,
      doubleEncodePath: false,
      contentSha256Header: !presign
    });
    const chunks =
      c.request.body && typeof c.request.body === "object"
        ? (c.request.body.chunkSizes as number[]).map((n) => c.request.body.repeat.repeat(n))
        : undefined;
    return {
      name: c.name,
      spec,
      chunks,
      expected: {
        canonicalRequest: c.expected.canonicalRequest,
        stringToSign: c.expected.stringToSign,
        signature: c.expected.signature,
        url: c.expected.presignedUrl,
        chunkSignatures: c.expected.chunkSignatures
      }
    };
  });
}
