// A loopback stand-in for Amazon S3 that checks what S3 checks: SigV4
// (header and presigned), the session's token and expiry, and the role's
// permissions policies, then serves GetObject, HeadObject, PutObject,
// DeleteObject and ListObjectsV2 from objects kept on disk, with aws-chunked
// uploads, additional checksums and conditional writes.
//
// Addressing: virtual-hosted style (Host: BUCKET.s3.REGION.amazonaws.com,
// the runner keeps the signed Host header and connects to this loopback port)
// and path style (Host: s3.REGION.amazonaws.com, path /BUCKET/KEY).
//
// aws:SecureTransport is "true" by default: callers reach the stand-in over
// loopback HTTP in place of the HTTPS they use against AWS. Start with
// secureTransport: false to test policies that require TLS.

import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { newRequestIds, s3ErrorXml, type AwsError, type RequestIds } from "./aws-errors";
import { authenticateRequest, headerMap, parseQuery, type ReceivedRequest } from "./request-auth";
import { decide, denialMessage, type AccessQuestion, type CallerContext } from "./request-authorize";
import { listObjectsV2, listParameters } from "./s3-list";
import { deleteObject, getObject, putObject, type S3Outcome, type S3Reply } from "./s3-objects";
import { ACTION_OF, routeS3, uploadLengthProblem, type S3Operation } from "./s3-route";
import { receiveRequest } from "./receive";
import { ObjectStore } from "./s3-store";
import type { AwsWorld } from "./world";

export interface S3StandInOptions {
  world: AwsWorld;
  region: string;
  /** Folder for the objects; a temporary folder (removed on close) when absent; created when missing. */
  root?: string;
  /** The value of aws:SecureTransport in policy conditions; default true (see above). */
  secureTransport?: boolean;
}

/** GetObject's response-* query parameters and the headers they override. */
const RESPONSE_OVERRIDES: [string, string][] = [
  ["response-content-type", "content-type"],
  ["response-content-language", "content-language"],
  ["response-expires", "expires"],
  ["response-cache-control", "cache-control"],
  ["response-content-disposition", "content-disposition"],
  ["response-content-encoding", "content-encoding"]
];

export class S3StandIn {
  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    private readonly store: ObjectStore,
    private readonly options: S3StandInOptions,
    private readonly temporaryRoot: string | undefined
  ) {}

  static async start(options: S3StandInOptions): Promise<S3StandIn> {
    const temporaryRoot = options.root === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), "s3-stand-in-")) : undefined;
    const store = ObjectStore.open(options.root ?? temporaryRoot!);
    let standIn: S3StandIn | undefined;
    const server = http.createServer((req, res) => void standIn!.serve(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    standIn = new S3StandIn(server, `http://127.0.0.1:${port}`, store, options, temporaryRoot);
    return standIn;
  }

  /** The virtual-hosted-style Host for a bucket: "BUCKET.s3.REGION.amazonaws.com". */
  hostFor(bucket: string): string {
    return `${bucket}.s3.${this.options.region}.amazonaws.com`;
  }

  /** The path-style Host: "s3.REGION.amazonaws.com". */
  get pathStyleHost(): string {
    return `s3.${this.options.region}.amazonaws.com`;
  }

  createBucket(name: string): void {
    this.store.createBucket(name);
  }

  /** Seeds an object without a request (tests). */
  putObjectDirect(bucket: string, key: string, body: Buffer | string, contentType = "binary/octet-stream"): void {
    this.store.put(bucket, key, Buffer.from(body), { contentType, metadata: {}, storedHeaders: {} }, this.options.world.now());
  }

  /** An object's bytes without a request (tests), or undefined when there is none. */
  getObjectDirect(bucket: string, key: string): Buffer | undefined {
    return this.store.head(bucket, key) ? this.store.readBody(bucket, key) : undefined;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
    if (this.temporaryRoot) fs.rmSync(this.temporaryRoot, { recursive: true, force: true });
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const ids = newRequestIds();
    const head = req.method === "HEAD";
    try {
      const outcome = await this.handle(await receiveRequest(req));
      send(res, ids, head, "error" in outcome.result ? errorReply(outcome.result.error, ids) : outcome.result, this.options.world.now());
      this.options.world.record(outcome.action, res.statusCode);
    } catch (e) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const error: AwsError = { code: "InternalError", status: 500, message: `We encountered an internal error. Please try again. (${(e as Error).message})` };
      send(res, ids, head, errorReply(error, ids), this.options.world.now());
      this.options.world.record("s3:InternalError", 500);
    }
  }

  private async handle(received: ReceivedRequest): Promise<{ action: string; result: S3Outcome }> {
    const { world, region } = this.options;
    const headers = headerMap(received.headers);
    const query = parseQuery(received.query);
    const route = routeS3(received.method, headers.get("host"), received.path, query, region);
    const action = "error" in route ? "s3:Unsupported" : ACTION_OF[route.name];
    const unframed = uploadLengthProblem(received.method, headers);
    if (unframed) return { action, result: unframed };
    const auth = await authenticateRequest(world, received, "s3", region);
    if ("error" in auth) return { action, result: auth };
    if ("error" in route) return { action, result: route };
    if (!this.store.hasBucket(route.bucket)) {
      return { action, result: { error: { code: "NoSuchBucket", status: 404, message: "The specified bucket does not exist", details: [["BucketName", route.bucket]] } } };
    }
    const caller: CallerContext = { world, session: auth.session, region, secureTransport: this.options.secureTransport ?? true };
    const upload = auth.decoded ?? { body: received.body, trailers: [] };
    return { action, result: this.perform(route, caller, headers, query, upload) };
  }

  private perform(
    op: S3Operation,
    caller: CallerContext,
    headers: Map<string, string>,
    query: [string, string][],
    upload: { body: Buffer; trailers: [string, string][] }
  ): S3Outcome {
    const denied = this.authorize(caller, questionFor(op, query));
    if (denied) return denied;
    switch (op.name) {
      case "GetObject":
      case "HeadObject": {
        const object = this.store.head(op.bucket, op.key);
        if (!object) return this.missingKey(caller, op.bucket, op.key);
        const outcome = getObject(this.store, op.bucket, object, headers, op.name === "HeadObject");
        return "error" in outcome ? outcome : withResponseOverrides(outcome, query);
      }
      case "PutObject":
        return putObject(this.store, op.bucket, op.key, headers, upload.body, caller.world.now(), upload.trailers);
      case "DeleteObject":
        return deleteObject(this.store, op.bucket, op.key);
      case "ListObjectsV2": {
        const params = listParameters(query);
        return "error" in params ? params : listObjectsV2(this.store, op.bucket, params);
      }
      case "HeadBucket":
        return { status: 200, headers: { "x-amz-bucket-region": caller.region } };
    }
  }

  /** S3 says NoSuchKey only to callers allowed to list the bucket; others get AccessDenied, so keys cannot be probed. */
  private missingKey(caller: CallerContext, bucket: string, key: string): S3Outcome {
    const denied = this.authorize(caller, { action: "s3:ListBucket", resource: `arn:aws:s3:::${bucket}` });
    if (denied) return denied;
    return { error: { code: "NoSuchKey", status: 404, message: "The specified key does not exist.", details: [["Key", key]] } };
  }

  private authorize(caller: CallerContext, question: AccessQuestion): { error: AwsError } | undefined {
    const decision = decide(caller, question);
    if (decision === "Allow") return undefined;
    return { error: { code: "AccessDenied", status: 403, message: denialMessage(caller.session, question, decision, true) } };
  }
}

function questionFor(op: S3Operation, query: [string, string][]): AccessQuestion {
  if (!("key" in op)) {
    const context: Record<string, string> = {};
    for (const [param, key] of [["prefix", "s3:prefix"], ["delimiter", "s3:delimiter"], ["max-keys", "s3:max-keys"]]) {
      const value = query.find(([n]) => n === param)?.[1];
      if (value !== undefined && op.name === "ListObjectsV2") context[key] = value;
    }
    return { action: ACTION_OF[op.name], resource: `arn:aws:s3:::${op.bucket}`, context };
  }
  return { action: ACTION_OF[op.name], resource: `arn:aws:s3:::${op.bucket}/${op.key}` };
}

function withResponseOverrides(reply: S3Reply, query: [string, string][]): S3Reply {
  const headers = { ...reply.headers };
  for (const [param, header] of RESPONSE_OVERRIDES) {
    const value = query.find(([n]) => n === param)?.[1];
    if (value !== undefined) headers[header] = value;
  }
  return { ...reply, headers };
}

function errorReply(error: AwsError, ids: RequestIds): S3Reply {
  return { status: error.status, headers: { "content-type": "application/xml" }, body: s3ErrorXml(error, ids) };
}

/** HEAD answers carry the status and headers only, errors included. */
function send(res: http.ServerResponse, ids: RequestIds, head: boolean, reply: S3Reply, now: number): void {
  const body = reply.body === undefined || head ? undefined : Buffer.from(reply.body);
  res.writeHead(reply.status, {
    "x-amz-request-id": ids.requestId,
    "x-amz-id-2": ids.hostId,
    date: new Date(now).toUTCString(),
    server: "AmazonS3",
    ...reply.headers,
    ...(head ? {} : { "content-length": String(body?.length ?? 0) })
  });
  res.end(body);
}
