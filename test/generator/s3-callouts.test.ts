// The S3 callouts as built (lib/callouts/s3-*.js), in Rhino as Apigee runs
// them: what s3-key.js sets for each kind of request, s3-list.js on the XML
// the S3 stand-in renders, s3-error.js on S3's error documents, and
// s3-headers.js on both messages.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { libDir } from "../../src/common/paths";
import type { FlowState } from "../../src/flow/flow-variables";
import type { Message } from "../../src/flow/message";
import type { RunResult } from "../../src/rhino/protocol";
import { RhinoHost } from "../../src/rhino/rhino-host";
import { newRequestIds, s3ErrorXml } from "../../src/stand-ins/aws/aws-errors";
import { listObjectsV2, listParameters } from "../../src/stand-ins/aws/s3-list";
import { ObjectStore } from "../../src/stand-ins/aws/s3-store";
import { requireBuilt } from "../support/built";

const ENDPOINT = "https://acme-artifacts.s3.us-east-1.amazonaws.com";
let host: RhinoHost;

beforeAll(() => {
  requireBuilt("rhino-host.js", "callouts/s3-key.js", "callouts/s3-list.js", "callouts/s3-error.js", "callouts/s3-headers.js", "callouts/s3-download.js");
  host = RhinoHost.start({ mode: "compiled" });
});
afterAll(async () => {
  await host?.close();
});

async function run(script: string, flow: FlowState, properties: Record<string, string> = {}): Promise<RunResult> {
  const ref = await host.load(script, fs.readFileSync(path.join(libDir(), "callouts", script), "utf8"));
  const result = await host.run({ scripts: [ref], properties, timeLimitMs: 5000, flowName: "PROXY_REQ_FLOW", flow });
  if (result.error) throw new Error(`${script}: ${result.error.name}: ${result.error.message}`);
  return result;
}

const request = (method: string, url: string, headers: [string, string][] = []): Message => ({ method, url, status: null, reason: null, headers, content: "" });
const response = (status: number, headers: [string, string][], content: string): Message => ({ method: null, url: null, status, reason: "", headers, content });

describe("s3-key.js", () => {
  const properties = { endpoint: ENDPOINT, prefix: "builds/", pageSize: "1000" };
  const key = (method: string, suffix: string, query = "") =>
    run("s3-key.js", { variables: { "proxy.pathsuffix": suffix }, messages: { request: request(method, `/files${suffix}${query}`) }, current: "request" }, properties);

  test("an object: s3.operation object and the full, encoded URL", async () => {
    const r = await key("GET", "/dir/r%C3%A9sum%C3%A9%20(1).txt");
    expect(r.flow.variables).toMatchObject({ "s3.operation": "object", "s3.key": "dir/résumé (1).txt", "s3.url": `${ENDPOINT}/builds/dir/r%C3%A9sum%C3%A9%20%281%29.txt` });
    expect(r.flow.variables["s3.problem.status"]).toBeUndefined();
  });

  test("GET on the base path: a list with the default page size, or ?limit= and ?cursor=", async () => {
    expect((await key("GET", "")).flow.variables["s3.url"]).toBe(`${ENDPOINT}/?list-type=2&encoding-type=url&prefix=builds%2F&max-keys=1000`);
    const paged = await key("GET", "/", "?limit=10&cursor=abc%2B%2F%3D");
    expect(paged.flow.variables).toMatchObject({ "s3.operation": "list", "s3.url": `${ENDPOINT}/?list-type=2&encoding-type=url&prefix=builds%2F&max-keys=10&continuation-token=abc%2B%2F%3D` });
  });

  test.each([["0"], ["1001"], ["ten"], ["-1"]])("?limit=%s is 400 naming the parameter", async (limit) => {
    const r = await key("GET", "", `?limit=${limit}`);
    expect(r.flow.variables["s3.problem.status"]).toBe(400);
    expect(JSON.parse(String(r.flow.variables["s3.problem.detail"]))).toMatchObject({ type: "urn:apigee-aws:problem:s3:invalid-query", parameter: "limit" });
    // A problem with the caller's own query: the caller reads the detail, which names the parameter.
    expect(JSON.parse(String(r.flow.variables["s3.problem.body"]))).toMatchObject({ type: "urn:apigee-aws:problem:s3:invalid-query", detail: expect.stringContaining("limit") });
    expect(r.flow.variables["s3.operation"]).toBeUndefined();
  });

  test("anything but GET on the base path needs a key", async () => {
    const r = await key("PUT", "/");
    expect(JSON.parse(String(r.flow.variables["s3.problem.body"]))).toMatchObject({ type: "urn:apigee-aws:problem:s3:key-required", status: 400 });
  });

  test("a refused key sets the problem, with the reason phrase, and no URL", async () => {
    const r = await key("GET", "/a/%2e%2E/b");
    expect(r.flow.variables).toMatchObject({ "s3.problem.status": 400, "s3.problem.reason": "Bad Request" });
    expect(r.flow.variables["s3.url"]).toBeUndefined();
  });

  describe("an endpoint that differs per environment", () => {
    const TEMPLATE = "https://acme-{env}-data.s3.{propertyset.apigeeaws.data.region}.amazonaws.com";
    const keyIn = (variables: Record<string, string>, suffix = "/report.csv", endpoint = TEMPLATE) =>
      run("s3-key.js", { variables: { "proxy.pathsuffix": suffix, ...variables }, messages: { request: request("GET", `/data${suffix}`) }, current: "request" }, { endpoint, prefix: "{env}/", pageSize: "1000" });
    const problemOf = (r: RunResult) => ({ status: r.flow.variables["s3.problem.status"], ...JSON.parse(String(r.flow.variables["s3.problem.detail"])) });

    test("{env} is the environment's name and {variable} that variable: the environment's own bucket, folder and region", async () => {
      const prod = await keyIn({ "environment.name": "prod", "propertyset.apigeeaws.data.region": "eu-west-1" });
      expect(prod.flow.variables["s3.url"]).toBe("https://acme-prod-data.s3.eu-west-1.amazonaws.com/prod/report.csv");
      const test = await keyIn({ "environment.name": "test", "propertyset.apigeeaws.data.region": "us-east-1" }, "");
      expect(test.flow.variables["s3.url"]).toBe("https://acme-test-data.s3.us-east-1.amazonaws.com/?list-type=2&encoding-type=url&prefix=test%2F&max-keys=1000");
    });

    test("a region missing from the property set is 500 misconfigured, naming the variable, and no URL", async () => {
      const r = await keyIn({ "environment.name": "prod" });
      expect(problemOf(r)).toMatchObject({ status: 500, type: "urn:apigee-aws:problem:s3:misconfigured" });
      expect(problemOf(r).detail).toMatch(/needs propertyset\.apigeeaws\.data\.region, which is not set/);
      expect(r.flow.variables["s3.url"]).toBeUndefined();
    });

    test("a value that would send the request anywhere but a bucket's S3 endpoint is refused", async () => {
      for (const region of ["eu-west-1.evil.example/x", "eu-west-1@evil.example", "EU-WEST-1"]) {
        const r = await keyIn({ "environment.name": "prod", "propertyset.apigeeaws.data.region": region });
        expect([region, problemOf(r).status, r.flow.variables["s3.url"]]).toEqual([region, 500, undefined]);
      }
      const noEnvironment = await keyIn({ "propertyset.apigeeaws.data.region": "eu-west-1" });
      expect(problemOf(noEnvironment)).toMatchObject({ status: 500, type: "urn:apigee-aws:problem:s3:misconfigured" });
    });
  });
});

describe("s3-list.js", () => {
  let store: ObjectStore;
  const KEYS = ["builds/a b.txt", "builds/x+y.txt", "builds/é/🚀.txt", "builds/amp&lt.txt", "builds/ctl\u0001.txt", "other/no.txt"];

  beforeAll(() => {
    store = ObjectStore.open(fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-s3-list-")));
    store.createBucket("bkt");
    for (const k of KEYS) store.put("bkt", k, Buffer.from(k), { contentType: "text/plain", metadata: {}, storedHeaders: {} }, Date.UTC(2026, 0, 2, 3, 4, 5));
  });

  async function page(query: [string, string][]) {
    const params = listParameters([["encoding-type", "url"], ["prefix", "builds/"], ...query]);
    if ("error" in params) throw new Error(params.error.message);
    const s3 = listObjectsV2(store, "bkt", params);
    if ("error" in s3) throw new Error(s3.error.message);
    const r = await run("s3-list.js", { variables: {}, messages: { response: response(200, [["Content-Type", "application/xml"]], String(s3.body)) }, current: "response" }, { prefix: "builds/" });
    return { body: JSON.parse(r.flow.messages.response.content), headers: r.flow.messages.response.headers };
  }

  test("keys relative to the prefix, decoded from encoding-type=url, with size, time and ETag; pages chained by nextCursor", async () => {
    const first = await page([["max-keys", "3"]]);
    expect(first.headers.map(([n, v]: [string, string]) => [n.toLowerCase(), v])).toContainEqual(["content-type", "application/json"]);
    expect(first.body.items).toEqual([
      { key: "a b.txt", size: Buffer.byteLength("builds/a b.txt"), lastModified: "2026-01-02T03:04:05.000Z", etag: store.head("bkt", "builds/a b.txt")!.etag },
      expect.objectContaining({ key: "amp&lt.txt" }),
      expect.objectContaining({ key: "ctl\u0001.txt" })
    ]);
    expect(typeof first.body.nextCursor).toBe("string");
    const second = await page([["max-keys", "3"], ["continuation-token", first.body.nextCursor]]);
    expect(second.body.items.map((i: { key: string }) => i.key)).toEqual(["x+y.txt", "é/🚀.txt"]);
    expect(second.body.nextCursor).toBeNull();
  });

  test("a key outside the prefix in S3's answer is dropped, never shown with its full name", async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><IsTruncated>false</IsTruncated><Contents><Key>builds%2Fok.txt</Key><Size>1</Size></Contents><Contents><Key>secrets%2Fkey.pem</Key><Size>9</Size></Contents></ListBucketResult>`;
    const r = await run("s3-list.js", { variables: {}, messages: { response: response(200, [], xml) }, current: "response" }, { prefix: "builds/" });
    expect(JSON.parse(r.flow.messages.response.content).items.map((i: { key: string }) => i.key)).toEqual(["ok.txt"]);
    expect(r.flow.messages.response.content).not.toContain("secrets");
  });
});

describe("s3-download.js", () => {
  const INLINE = "application/json,image/*,text/plain";
  async function served(contentType: string | null, disposition?: string) {
    const headers: [string, string][] = [];
    if (contentType !== null) headers.push(["Content-Type", contentType]);
    if (disposition) headers.push(["Content-Disposition", disposition]);
    const r = await run("s3-download.js", { variables: {}, messages: { response: response(200, headers, "") }, current: "response" }, { inline: INLINE });
    return r.flow.messages.response.headers.filter(([n]: [string, string]) => n.toLowerCase() === "content-disposition").map(([, v]: [string, string]) => v);
  }

  test.each([["text/plain"], ["Text/Plain; charset=utf-8"], ["image/png"], ["image/jpeg"], ["application/json"]])("%s is served inline, as stored", async (type) => {
    expect(await served(type)).toEqual([]);
  });

  test.each([["text/html"], ["image/svg+xml"], ["image/svg"], ["text/xml; charset=utf-8"], ["application/xhtml+xml"], ["application/javascript"], ["application/octet-stream"], ["textplain"], [""]])("%s is served as an attachment", async (type) => {
    expect(await served(type)).toEqual(["attachment"]);
  });

  test("no Content-Type at all, or an uploader's own inline disposition on HTML: attachment", async () => {
    expect(await served(null)).toEqual(["attachment"]);
    expect(await served("text/html", "inline")).toEqual(["attachment"]);
  });
});

describe("s3-error.js", () => {
  async function problemFor(status: number, xml: string, faultName = "ErrorResponseCode", extraHeaders: [string, string][] = [], variables: Record<string, string> = {}) {
    const r = await run("s3-error.js", {
      variables: { "fault.name": faultName, ...variables },
      messages: { response: response(status, [["x-amz-request-id", "0123456789ABCDEF"], ["x-amz-id-2", "host-id"], ...extraHeaders], xml) },
      current: "response"
    });
    // body: the full problem (s3.problem.detail, for the audit record); client: what the caller gets.
    return { vars: r.flow.variables, body: JSON.parse(String(r.flow.variables["s3.problem.detail"])), client: JSON.parse(String(r.flow.variables["s3.problem.body"])) };
  }

  test("SignatureDoesNotMatch: 502, S3's code and request id, nothing of S3's diagnostics", async () => {
    const xml = s3ErrorXml(
      { code: "SignatureDoesNotMatch", status: 403, message: "The request signature we calculated does not match", details: [["StringToSign", "AWS4-HMAC-SHA256\n..."], ["CanonicalRequest", "GET\n/"]] },
      newRequestIds()
    );
    const { vars, body, client } = await problemFor(403, xml);
    expect(vars).toMatchObject({ "s3.problem.status": 502, "s3.problem.reason": "Bad Gateway", "s3.problem.requestId": "0123456789ABCDEF" });
    expect(client).toEqual({ type: "urn:apigee-aws:problem:s3:upstream-authentication", title: "The proxy's request to S3 was not accepted", status: 502 });
    expect(body).toEqual({
      type: "urn:apigee-aws:problem:s3:upstream-authentication",
      title: "The proxy's request to S3 was not accepted",
      status: 502,
      detail: "S3 answered 403 SignatureDoesNotMatch.",
      s3ErrorCode: "SignatureDoesNotMatch",
      s3RequestId: "0123456789ABCDEF"
    });
  });

  test("SlowDown: 503 with Retry-After, S3's own when it sends a plausible one", async () => {
    const slowDown = s3ErrorXml({ code: "SlowDown", status: 503, message: "Please reduce your request rate." }, newRequestIds());
    expect((await problemFor(503, slowDown)).vars).toMatchObject({ "s3.problem.status": 503, "s3.problem.retryAfter": "1" });
    expect((await problemFor(503, slowDown, "ErrorResponseCode", [["Retry-After", "7"]])).vars).toMatchObject({ "s3.problem.retryAfter": "7" });
    for (const odd of ["0", "86400", "2.5", "soon"]) expect((await problemFor(503, slowDown, "ErrorResponseCode", [["Retry-After", odd]])).vars).toMatchObject({ "s3.problem.retryAfter": "1" });
  });

  test("a missing or denied object on a read is 404; on a write or a listing AccessDenied stays 403", async () => {
    const denied = s3ErrorXml({ code: "AccessDenied", status: 403, message: "Access Denied" }, newRequestIds());
    expect((await problemFor(403, denied, "ErrorResponseCode", [], { "request.verb": "GET", "s3.operation": "object" })).vars["s3.problem.status"]).toBe(404);
    expect((await problemFor(403, "", "ErrorResponseCode", [], { "request.verb": "HEAD", "s3.operation": "object" })).vars["s3.problem.status"]).toBe(404);
    expect((await problemFor(403, denied, "ErrorResponseCode", [], { "request.verb": "PUT", "s3.operation": "object" })).vars["s3.problem.status"]).toBe(403);
    expect((await problemFor(403, denied, "ErrorResponseCode", [], { "request.verb": "GET", "s3.operation": "list" })).vars["s3.problem.status"]).toBe(403);
  });

  test("no body (HEAD): the status decides", async () => {
    const { vars, body } = await problemFor(412, "");
    expect(vars["s3.problem.status"]).toBe(412);
    expect(body.s3ErrorCode).toBeUndefined();
  });

  test("S3 unreachable or too slow: 502 or 504", async () => {
    expect((await problemFor(503, "{}", "ServiceUnavailable")).body).toMatchObject({ status: 502, type: "urn:apigee-aws:problem:s3:upstream-unavailable" });
    expect((await problemFor(504, "{}", "GatewayTimeout")).body).toMatchObject({ status: 504, type: "urn:apigee-aws:problem:s3:upstream-timeout" });
  });
});

describe("s3-headers.js", () => {
  test("on the request: every x-amz-* header and Authorization go, in any case; others stay", async () => {
    const r = await run(
      "s3-headers.js",
      { variables: {}, messages: { request: request("GET", "/x", [["Authorization", "Bearer t"], ["X-Amz-Meta-A", "1"], ["x-amz-acl", "public-read"], ["Range", "bytes=0-1"], ["x-amzon", "keep"]]) }, current: "request" },
      { message: "request", prefix: "x-amz-", remove: "authorization" }
    );
    expect(r.flow.messages.request.headers).toEqual([["Range", "bytes=0-1"], ["x-amzon", "keep"]]);
  });

  test("on the response: x-amz-* go except those kept", async () => {
    const r = await run(
      "s3-headers.js",
      { variables: {}, messages: { response: response(200, [["x-amz-id-2", "h"], ["x-amz-request-id", "r"], ["x-amz-meta-owner", "o"], ["ETag", '"e"']], "") }, current: "response" },
      { message: "response", prefix: "x-amz-", keep: "x-amz-request-id" }
    );
    expect(r.flow.messages.response.headers).toEqual([["x-amz-request-id", "r"], ["ETag", '"e"']]);
  });
});
