// The request path through the runner, over real HTTP: routing, flows,
// route rules, the target call, fault rules and PostClientFlow (whose
// MessageLogging runs are in policies/message-logging.test.ts).

import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { startServer, LoopbackServer } from "../support/loopback-server";
import { writeProxy } from "../support/bundle-fixtures";
import { closeRunners, echoVariables, startRunner } from "../support/runner";
import { loadError } from "./policies/policy-test-kit";

let backend: LoopbackServer;
const seen: { method: string; url: string; headers: Record<string, string | string[] | undefined>; body: string }[] = [];

beforeAll(async () => {
  backend = await startServer(async (req, res) => {
    const raw = await rawBody(req);
    const body = raw.toString("utf8");
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    if (req.url!.startsWith("/status/")) {
      res.writeHead(Number(req.url!.split("/")[2]), { "Content-Type": "text/plain", "x-backend": "yes" });
      res.end("backend says no");
      return;
    }
    if (req.url!.startsWith("/slow")) {
      setTimeout(() => res.end("late"), 1500);
      return;
    }
    if (req.url!.startsWith("/bytes")) {
      res.writeHead(200, { "Content-Type": "application/octet-stream", "x-body-sha256": createHash("sha256").update(raw).digest("hex") });
      res.end(raw);
      return;
    }
    res.writeHead(200, { "Content-Type": "application/json", "x-backend": "yes" });
    res.end(JSON.stringify({ got: req.url, body }));
  });
});
function rawBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
  });
}

afterAll(async () => {
  await closeRunners();
  await backend.close();
});

const setHeader = (name: string, header: string, value: string) =>
  `<AssignMessage name="${name}"><Set><Headers><Header name="${header}">${value}</Header></Headers></Set><IgnoreUnresolvedVariables>true</IgnoreUnresolvedVariables></AssignMessage>`;
const setResponse = (name: string, header: string, value: string) =>
  `<AssignMessage name="${name}"><AssignTo type="response">response</AssignTo><Set><Headers><Header name="${header}">${value}</Header></Headers></Set><IgnoreUnresolvedVariables>true</IgnoreUnresolvedVariables></AssignMessage>`;
const raise = (name: string, status: number, body: string) =>
  `<RaiseFault name="${name}"><FaultResponse><Set><StatusCode>${status}</StatusCode><Payload contentType="text/plain">${body}</Payload></Set></FaultResponse></RaiseFault>`;

describe("routing", () => {
  test("picks the proxy with the longest matching base path; proxy.pathsuffix is the rest", async () => {
    const a = writeProxy("short", { basePath: "/v1", policies: { Echo: echoVariables("Echo", ["proxy.basepath", "proxy.pathsuffix", "apiproxy.name"]) }, request: ["Echo"] });
    const b = writeProxy("long", { basePath: "/v1/things", policies: { Echo: echoVariables("Echo", ["proxy.basepath", "proxy.pathsuffix", "apiproxy.name"]) }, request: ["Echo"] });
    const t = await startRunner([a, b]);
    const r1 = await t.fetch("/v1/things/a%20b?x=1");
    expect([r1.headers.get("x-v0"), r1.headers.get("x-v1"), r1.headers.get("x-v2")]).toEqual(["/v1/things", "/a%20b", "long"]);
    const r2 = await t.fetch("/v1/thingsx");
    expect([r2.headers.get("x-v0"), r2.headers.get("x-v1"), r2.headers.get("x-v2")]).toEqual(["/v1", "/thingsx", "short"]);
  });

  test("a path no proxy serves gets Apigee's 404 ApplicationNotFound", async () => {
    const a = writeProxy("only", { basePath: "/only" });
    const t = await startRunner([a]);
    const r = await t.fetch("/other/x");
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({
      fault: { faultstring: "Unable to identify proxy for host: default and url: /other/x", detail: { errorcode: "messaging.adaptors.http.flow.ApplicationNotFound" } }
    });
  });
});

describe("flows", () => {
  test("PreFlow, the first matching conditional flow only, then PostFlow, on request and response", async () => {
    const proxy = writeProxy("flows", {
      basePath: "/flows",
      policies: {
        A: setHeader("A", "x-order", "{request.header.x-order}A"),
        B: setHeader("B", "x-order", "{request.header.x-order}B"),
        Post: setHeader("Post", "x-order", "{request.header.x-order}post"),
        Out: setResponse("Out", "x-order", "{request.header.x-order}|{current.flow.name}")
      },
      request: [],
      proxyExtra: `<Flows>
        <Flow name="items"><Condition>proxy.pathsuffix MatchesPath "/items/*" and request.verb = "GET"</Condition><Request><Step><Name>A</Name></Step></Request></Flow>
        <Flow name="any-items"><Condition>proxy.pathsuffix MatchesPath "/items/**"</Condition><Request><Step><Name>B</Name></Step></Request></Flow>
      </Flows>
      <PostFlow name="PostFlow"><Request><Step><Name>Post</Name></Step></Request><Response><Step><Name>Out</Name></Step></Response></PostFlow>`
    });
    const t = await startRunner([proxy]);
    expect((await t.fetch("/flows/items/1")).headers.get("x-order")).toBe("Apost|items");
    expect((await t.fetch("/flows/items/1", { method: "POST" })).headers.get("x-order")).toBe("Bpost|any-items");
    expect((await t.fetch("/flows/other")).headers.get("x-order")).toBe("post|");
  });

  test("a step's condition decides whether its policy runs; a disabled policy never runs", async () => {
    const proxy = writeProxy("steps", {
      basePath: "/steps",
      policies: {
        Yes: setResponse("Yes", "x-yes", "ran"),
        No: setResponse("No", "x-no", "ran"),
        Off: setResponse("Off", "x-off", "ran").replace('name="Off"', 'name="Off" enabled="false"')
      },
      request: ['<Step><Name>Yes</Name><Condition>request.queryparam.go = "1"</Condition></Step>', "<Step><Name>No</Name><Condition>request.queryparam.go != \"1\"</Condition></Step>", "Off"]
    });
    const t = await startRunner([proxy]);
    const r = await t.fetch("/steps?go=1");
    expect([r.headers.get("x-yes"), r.headers.get("x-no"), r.headers.get("x-off")]).toEqual(["ran", null, null]);
    expect(t.log.some((l) => /skipped\s+AssignMessage Off/.test(l))).toBe(true);
  });

  test("RouteRules: the first whose condition holds picks the target; none means no target call", async () => {
    const proxy = writeProxy("routes", { basePath: "/routes", targetUrl: `${backend.url}/base` });
    const xml = require("node:fs").readFileSync(`${proxy}/proxies/default.xml`, "utf8") as string;
    require("node:fs").writeFileSync(
      `${proxy}/proxies/default.xml`,
      xml.replace('<RouteRule name="default">', '<RouteRule name="local"><Condition>request.header.x-local = "yes"</Condition></RouteRule><RouteRule name="default">')
    );
    const t = await startRunner([proxy]);
    const before = seen.length;
    const local = await t.fetch("/routes/x", { headers: { "x-local": "yes" } });
    expect(local.status).toBe(200);
    expect(await local.text()).toBe("");
    expect(seen.length).toBe(before);
    const remote = await t.fetch("/routes/x?q=1");
    expect(await remote.json()).toEqual({ got: "/base/x?q=1", body: "" });
  });
});

describe("the target call", () => {
  test("sends method, headers and body; copies path suffix and query unless told not to", async () => {
    const proxy = writeProxy("target", {
      basePath: "/target",
      targetUrl: `${backend.url}/base?fixed=1`,
      policies: { Echo: echoVariables("Echo", ["target.url", "response.header.x-backend"]) },
      targetResponse: ["Echo"]
    });
    const t = await startRunner([proxy]);
    const r = await t.fetch("/target/a/b?q=2", { method: "PUT", body: "hello", headers: { "x-custom": "c" } });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ got: "/base/a/b?fixed=1", body: "hello" });
    expect(r.headers.get("x-v0")).toBe(`${backend.url}/base/a/b?fixed=1`);
    expect(r.headers.get("x-v1")).toBe("yes");
    const last = seen[seen.length - 1];
    expect([last.method, last.headers["x-custom"], last.headers.host]).toEqual(["PUT", "c", backend.url.replace("http://", "")]);

    const noCopy = writeProxy("nocopy", {
      basePath: "/nocopy",
      targetUrl: `${backend.url}/exact`,
      policies: { Url: `<AssignMessage name="Url"><AssignVariable><Name>target.copy.pathsuffix</Name><Value>false</Value></AssignVariable><AssignVariable><Name>target.copy.queryparams</Name><Value>false</Value></AssignVariable></AssignMessage>` },
      targetRequest: ["Url"]
    });
    const t2 = await startRunner([noCopy]);
    expect(await (await t2.fetch("/nocopy/ignored?q=3")).json()).toEqual({ got: "/exact", body: "" });
  });

  test("target.url set by a policy replaces the whole URL", async () => {
    const proxy = writeProxy("seturl", {
      basePath: "/seturl",
      targetUrl: "http://127.0.0.1:9/never",
      policies: {
        Url: `<AssignMessage name="Url"><AssignVariable><Name>target.copy.pathsuffix</Name><Value>false</Value></AssignVariable><AssignVariable><Name>target.url</Name><Template>${backend.url}/chosen/{request.queryparam.k}</Template></AssignVariable></AssignMessage>`
      },
      targetRequest: ["Url"]
    });
    const t = await startRunner([proxy]);
    expect(await (await t.fetch("/seturl/x?k=v")).json()).toEqual({ got: "/chosen/v?k=v", body: "" });
  });

  test("a target error status is fault ErrorResponseCode; the error response is the target's unless a rule changes it", async () => {
    const proxy = writeProxy("errors", {
      basePath: "/errors",
      targetUrl: backend.url,
      policies: { Mark: setResponse("Mark", "x-fault", "{fault.name}|{error.status.code}|{is.error}") },
      targetExtra: `<FaultRules><FaultRule name="not-found"><Condition>response.status.code = 404</Condition><Step><Name>Mark</Name></Step></FaultRule></FaultRules>`
    });
    const t = await startRunner([proxy]);
    const nf = await t.fetch("/errors/status/404");
    expect(nf.status).toBe(404);
    expect(nf.headers.get("x-fault")).toBe("ErrorResponseCode|404|true");
    expect(await nf.text()).toBe("backend says no");
    const other = await t.fetch("/errors/status/500");
    expect([other.status, other.headers.get("x-fault"), await other.text()]).toEqual([500, null, "backend says no"]);
  });

  test("success.codes makes a status a success; an unreachable target is 503, a slow one 504", async () => {
    const ok = writeProxy("codes", { basePath: "/codes", targetUrl: backend.url, targetProperties: { "success.codes": "2xx,404" } });
    const down = writeProxy("down", { basePath: "/down", targetUrl: "http://127.0.0.1:9/" });
    const slow = writeProxy("slow", { basePath: "/slow", targetUrl: `${backend.url}/slow`, targetProperties: { "io.timeout.millis": "200" } });
    const t = await startRunner([ok, down, slow]);
    const r = await t.fetch("/codes/status/404");
    expect(r.status).toBe(404);
    const d = await t.fetch("/down");
    expect(d.status).toBe(503);
    expect((await d.json()).fault.detail.errorcode).toBe("messaging.adaptors.http.flow.ServiceUnavailable");
    const s = await t.fetch("/slow");
    expect(s.status).toBe(504);
    expect((await s.json()).fault.detail.errorcode).toBe("messaging.adaptors.http.flow.GatewayTimeout");
  });

  test("streaming passes a body the policies cannot see, byte for byte, both ways", async () => {
    const bytes = Buffer.from(Array.from({ length: 70000 }, (_, i) => (i * 7) % 256));
    const proxy = writeProxy("stream", {
      basePath: "/stream",
      targetUrl: `${backend.url}/bytes`,
      proxyProperties: { "request.streaming.enabled": "true", "response.streaming.enabled": "true" },
      targetProperties: { "request.streaming.enabled": "true", "response.streaming.enabled": "true" },
      policies: { Len: setResponse("Len", "x-seen", "[{request.content}][{response.content}]") },
      response: ["Len"]
    });
    const t = await startRunner([proxy]);
    const r = await t.fetch("/stream", { method: "POST", body: bytes });
    expect(r.headers.get("x-seen")).toBe("[][]");
    expect(r.headers.get("x-body-sha256")).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(Buffer.from(await r.arrayBuffer()).equals(bytes)).toBe(true);
  });
});

describe("faults", () => {
  test("ProxyEndpoint FaultRules are evaluated bottom to top; the first match runs; fault variables are set", async () => {
    const proxy = writeProxy("fr", {
      basePath: "/fr",
      policies: {
        Boom: raise("Boom", 418, "teapot"),
        First: setResponse("First", "x-rule", "first:{fault.name}"),
        Last: setResponse("Last", "x-rule", "last:{fault.name}"),
        Default: setResponse("Default", "x-default", "ran")
      },
      request: ["Boom"],
      proxyExtra: `<FaultRules>
        <FaultRule name="first"><Condition>fault.name = "RaiseFault"</Condition><Step><Name>First</Name></Step></FaultRule>
        <FaultRule name="last"><Condition>fault.name = "RaiseFault"</Condition><Step><Name>Last</Name></Step></FaultRule>
      </FaultRules>
      <DefaultFaultRule name="d"><Step><Name>Default</Name></Step></DefaultFaultRule>`
    });
    const t = await startRunner([proxy]);
    const r = await t.fetch("/fr");
    expect(r.status).toBe(418);
    expect(await r.text()).toBe("teapot");
    expect(r.headers.get("x-rule")).toBe("last:RaiseFault");
    expect(r.headers.get("x-default")).toBeNull();
  });

  test("DefaultFaultRule runs when no FaultRule matched, and with AlwaysEnforce after one did", async () => {
    const make = (name: string, always: boolean) =>
      writeProxy(name, {
        basePath: `/${name}`,
        policies: { Boom: raise("Boom", 400, "bad"), Rule: setResponse("Rule", "x-rule", "ran"), Default: setResponse("Default", "x-default", "ran") },
        request: ["Boom"],
        proxyExtra: `<FaultRules><FaultRule name="r"><Condition>request.header.x-match = "yes"</Condition><Step><Name>Rule</Name></Step></FaultRule></FaultRules>
          <DefaultFaultRule name="d"><AlwaysEnforce>${always}</AlwaysEnforce><Step><Name>Default</Name></Step></DefaultFaultRule>`
      });
    const t = await startRunner([make("plain", false), make("always", true)]);
    const none = await t.fetch("/plain");
    expect([none.headers.get("x-rule"), none.headers.get("x-default")]).toEqual([null, "ran"]);
    const matched = await t.fetch("/plain", { headers: { "x-match": "yes" } });
    expect([matched.headers.get("x-rule"), matched.headers.get("x-default")]).toEqual(["ran", null]);
    const enforced = await t.fetch("/always", { headers: { "x-match": "yes" } });
    expect([enforced.headers.get("x-rule"), enforced.headers.get("x-default")]).toEqual(["ran", "ran"]);
  });

  test("continueOnError lets the flow go on and sets NAME.failed", async () => {
    const proxy = writeProxy("coe", {
      basePath: "/coe",
      policies: {
        Boom: raise("Boom", 400, "bad").replace('name="Boom"', 'name="Boom" continueOnError="true"'),
        Echo: echoVariables("Echo", ["raisefault.Boom.failed"])
      },
      request: ["Boom", "Echo"]
    });
    const t = await startRunner([proxy]);
    const r = await t.fetch("/coe");
    expect([r.status, r.headers.get("x-v0")]).toEqual([200, "true"]);
  });

  test("PostClientFlow takes MessageLogging only: other policies there are load errors at their steps", async () => {
    const proxy = writeProxy("pcf", {
      basePath: "/pcf",
      policies: { Boom: raise("Boom", 500, "late"), Note: `<AssignMessage name="Note"><AssignVariable><Name>noted</Name><Value>yes</Value></AssignVariable></AssignMessage>` },
      proxyExtra: `<PostClientFlow name="PostClientFlow">\n<Response>\n<Step><Name>Note</Name></Step>\n<Step><Name>Boom</Name></Step>\n</Response>\n</PostClientFlow>`
    });
    const error = await loadError(proxy);
    expect(error).toMatch(/proxies\/default\.xml:5: PostClientFlow step "Note" is a AssignMessage policy; Apigee X allows only MessageLogging there/);
    expect(error).toMatch(/proxies\/default\.xml:6: PostClientFlow step "Boom" is a RaiseFault policy/);
  });
});

describe("environment", () => {
  test("property sets appear as propertyset.NAME.KEY for the runner's environment", async () => {
    const proxy = writeProxy("props", { basePath: "/props", policies: { Echo: echoVariables("Echo", ["propertyset.aws.role", "environment.name", "client.ip"]) }, request: ["Echo"] });
    const t = await startRunner([proxy], { name: "prod", propertySets: { aws: { role: "arn:aws:iam::111122223333:role/apigee-x-prod" } } });
    const r = await t.fetch("/props");
    expect([r.headers.get("x-v0"), r.headers.get("x-v1"), r.headers.get("x-v2")]).toEqual(["arn:aws:iam::111122223333:role/apigee-x-prod", "prod", "127.0.0.1"]);
  });
});
