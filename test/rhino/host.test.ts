// The Rhino harness: Apigee's JavaScript object model over real Rhino at
// language version 0, interpreted and compiled.

import { createHash } from "node:crypto";
import { RhinoHost, RHINO_MODES } from "../../src/rhino/rhino-host";
import type { RunJob, RunResult } from "../../src/rhino/protocol";
import type { FlowState } from "../../src/flow/flow-variables";
import { requireBuilt } from "../support/built";
import { LoopbackServer, readBody, startServer } from "../support/loopback-server";

function flow(partial: Partial<FlowState> = {}): FlowState {
  return { variables: {}, messages: {}, current: "request", ...partial };
}

describe.each(RHINO_MODES)("Rhino host (%s)", (mode) => {
  let host: RhinoHost;
  let server: LoopbackServer;
  const seen: { method: string; url: string; headers: Record<string, unknown>; body: string }[] = [];

  beforeAll(async () => {
    requireBuilt("rhino-host.js");
    host = RhinoHost.start({ mode });
    server = await startServer(async (req, res) => {
      const body = await readBody(req);
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const slow = /^\/slow\/(\d+)/.exec(req.url!);
      if (slow) await new Promise((r) => setTimeout(r, Number(slow[1])));
      const status = /^\/status\/(\d+)/.exec(req.url!);
      res.writeHead(status ? Number(status[1]) : 200, { "content-type": "application/json", "x-reply": "yes" });
      res.end(JSON.stringify({ method: req.method, body }));
    });
  });
  afterAll(async () => {
    await host?.close();
    await server?.close();
  });

  async function run(source: string, options: Partial<RunJob> = {}): Promise<RunResult> {
    const script = await host.load("test.js", source);
    return host.run({ scripts: [script], properties: {}, timeLimitMs: 3000, flowName: "TARGET_REQ_FLOW", flow: flow(), ...options });
  }

  it("hands out variables and properties as Java strings, as Apigee does", async () => {
    const r = await run(
      `var v = context.getVariable("greeting");
       context.setVariable("out.typeofVariable", typeof v);
       context.setVariable("out.strictEqual", v === "hello");
       context.setVariable("out.wrapped", String(v) === "hello");
       context.setVariable("out.typeofProperty", typeof properties.service);
       context.setVariable("out.property", String(properties.service));
       context.setVariable("out.missing", context.getVariable("nope") === null);`,
      { flow: flow({ variables: { greeting: "hello" } }), properties: { service: "s3" } }
    );
    expect(r.error).toBeNull();
    expect(r.flow.variables).toMatchObject({
      "out.typeofVariable": "object",
      "out.strictEqual": false,
      "out.wrapped": true,
      "out.typeofProperty": "object",
      "out.property": "s3",
      "out.missing": true
    });
  });

  it("reads and writes message variables and the request and response objects", async () => {
    const r = await run(
      `context.setVariable("out.header", String(context.getVariable("request.header.x-one")));
       context.setVariable("out.values", String(context.getVariable("request.header.x-multi.values.count")));
       context.setVariable("out.verb", String(context.getVariable("request.verb")));
       context.setVariable("out.path", String(context.getVariable("request.path")));
       context.setVariable("out.query", String(context.getVariable("request.queryparam.q")));
       context.setVariable("out.objectHeader", String(request.headers["X-One"]));
       context.setVariable("out.method", String(request.method));
       context.setVariable("out.status", Number(response.status.code));
       context.setVariable("request.header.x-added", "1");
       context.removeVariable("request.header.x-multi");
       request.headers["X-Object"] = "2";
       response.content = "changed";
       context.setVariable("out.flow", context.flow);
       print("one", 2);`,
      {
        flow: flow({
          messages: {
            request: { method: "PUT", url: "https://b.s3.amazonaws.com/a%20b?q=1", status: null, reason: null, headers: [["X-One", "v1"], ["x-multi", "a"], ["x-multi", "b"]], content: "body" },
            response: { method: null, url: null, status: 204, reason: "No Content", headers: [], content: "" }
          }
        })
      }
    );
    expect(r.error).toBeNull();
    expect(r.flow.variables).toMatchObject({
      "out.header": "v1",
      "out.values": "2",
      "out.verb": "PUT",
      "out.path": "/a%20b",
      "out.query": "1",
      "out.objectHeader": "v1",
      "out.method": "PUT",
      "out.status": 204,
      "out.flow": "TARGET_REQ_FLOW"
    });
    expect(r.flow.messages.request.headers).toEqual([["X-One", "v1"], ["x-added", "1"], ["X-Object", "2"]]);
    expect(r.flow.messages.response.content).toBe("changed");
    expect(r.prints).toEqual(["one 2"]);
  });

  it("offers only what Apigee's Rhino 1.7.7.1 has", async () => {
    const probes = ["Object.assign", "Array.from", "[].includes", "''.padStart", "[].find", "Map", "Set", "Promise", "Symbol", "Uint8Array", "Packages", "java", "globalThis"];
    const r = await run(probes.map((p, i) => `context.setVariable("t${i}", typeof ${p});`).join("\n"));
    expect(r.error).toBeNull();
    expect(probes.map((_, i) => r.flow.variables[`t${i}`])).toEqual(probes.map(() => "undefined"));
  });

  it("hashes like Java's MessageDigest through crypto", async () => {
    const text = "héllo ሴ 😀";
    const r = await run(
      `var text = context.getVariable("text");
       function h(o) { o.update(text); return String(o.digest()); }
       function b(o) { o.update(text); return String(o.digest64()); }
       context.setVariable("sha256", h(crypto.getSHA256()));
       context.setVariable("sha512", h(crypto.getSHA512()));
       context.setVariable("md5", h(crypto.getMD5()));
       context.setVariable("sha1", h(crypto.getHash("SHA-1")));
       context.setVariable("sha256b64", b(crypto.getSHA256()));`,
      { flow: flow({ variables: { text } }) }
    );
    expect(r.error).toBeNull();
    const node = (alg: string, enc: "hex" | "base64" = "hex") => createHash(alg).update(text, "utf8").digest(enc);
    expect(r.flow.variables).toMatchObject({ sha256: node("sha256"), sha512: node("sha512"), md5: node("md5"), sha1: node("sha1"), sha256b64: node("sha256", "base64") });
  });

  it("makes real HTTP calls with httpClient and waitForComplete", async () => {
    seen.length = 0;
    const r = await run(
      `var ex = httpClient.send(new Request(context.getVariable("base") + "/echo", "POST", { "Content-Type": "text/plain", "X-Test": "1" }, "payload"));
       ex.waitForComplete();
       var res = ex.getResponse();
       context.setVariable("success", ex.isSuccess());
       context.setVariable("status", Number(res.status.code));
       context.setVariable("statusEquals", res.status == 200);
       context.setVariable("reply", String(res.headers["x-reply"]));
       context.setVariable("echoed", String(res.content.asJSON.body));`,
      { flow: flow({ variables: { base: server.url } }) }
    );
    expect(r.error).toBeNull();
    expect(r.flow.variables).toMatchObject({ success: true, status: 200, statusEquals: true, reply: "yes", echoed: "payload" });
    expect(seen[0]).toMatchObject({ method: "POST", url: "/echo", body: "payload" });
    expect(seen[0].headers).toMatchObject({ "x-test": "1", "content-type": "text/plain" });
  });

  it("treats a 5xx as a completed exchange and a refused connection as an error", async () => {
    const r = await run(
      `var a = httpClient.get(context.getVariable("base") + "/status/503"); a.waitForComplete();
       context.setVariable("a", [a.isSuccess(), a.isError(), Number(a.getResponse().status.code)].join());
       var b = httpClient.get("http://127.0.0.1:1/nothing"); b.waitForComplete();
       context.setVariable("b", [b.isSuccess(), b.isError(), b.getResponse() === undefined, typeof b.getError()].join());`,
      { flow: flow({ variables: { base: server.url } }) }
    );
    expect(r.error).toBeNull();
    expect(r.flow.variables).toMatchObject({ a: "true,false,503", b: "false,true,true,string" });
  });

  it("runs httpClient callbacks once the script body is done", async () => {
    const r = await run(
      `context.setVariable("order", "body");
       httpClient.get(context.getVariable("base") + "/slow/100", function (response, error) {
         context.setVariable("order", String(context.getVariable("order")) + ",callback:" + Number(response.status.code));
       });`,
      { flow: flow({ variables: { base: server.url } }) }
    );
    expect(r.error).toBeNull();
    expect(r.flow.variables.order).toBe("body,callback:200");
  });

  it("returns from waitForComplete(ms) when the wait is over, before the response", async () => {
    const r = await run(
      `var ex = httpClient.get(context.getVariable("base") + "/slow/800");
       ex.waitForComplete(50);
       context.setVariable("complete", ex.isComplete());`,
      { flow: flow({ variables: { base: server.url } }) }
    );
    expect(r.error).toBeNull();
    expect(r.flow.variables.complete).toBe(false);
  });

  it.each([
    ["a busy loop", "while (true) {}"],
    ["a loop that catches everything", "for (;;) { try { while (true) {} } catch (e) {} }"],
    ["waiting on a slow response", `httpClient.get(context.getVariable("base") + "/slow/2000").waitForComplete();`],
    ["a callback on a slow response", `httpClient.get(context.getVariable("base") + "/slow/2000", function () { context.setVariable("late", true); });`]
  ])("stops %s at the time limit", async (_name, source) => {
    const started = Date.now();
    const r = await run(source, { timeLimitMs: 300, flow: flow({ variables: { base: server.url } }) });
    expect(r.timedOut).toBe(true);
    expect(r.flow.variables.late).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1900);
  });

  it("reports script errors with their type and message, and a position only when it is the script's", async () => {
    const thrown = await run("var a = 1;\nthrow new TypeError('bad input');");
    expect(thrown.timedOut).toBe(false);
    expect(thrown.error).toMatchObject({ name: "TypeError", message: "bad input" });
    expect([null, "test.js"]).toContain(thrown.error!.file);
    expect([null, 2]).toContain(thrown.error!.line);
    const runtime = await run("var a = null;\na.x = 1;");
    expect(runtime.error).toMatchObject({ name: "TypeError", message: expect.stringMatching(/null/) });
    if (mode === "interpreted") expect(runtime.error).toMatchObject({ file: "test.js", line: 2 });
  });

  it("isolates runs: no globals leak, built-ins are sealed", async () => {
    const first = await run("var leaked = 1; context.setVariable('typeofLeak', typeof leaked);");
    const second = await run("context.setVariable('typeofLeak', typeof leaked);");
    expect(first.flow.variables.typeofLeak).toBe("number");
    expect(second.flow.variables.typeofLeak).toBe("undefined");
    const tamper = await run("Array.prototype.evil = function () {};");
    expect(tamper.error?.message).toMatch(/sealed/i);
  });

  it("runs concurrent jobs independently", async () => {
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => run("context.setVariable('twice', Number(context.getVariable('n')) * 2);", { flow: flow({ variables: { n: i } }) }))
    );
    expect(results.map((r) => r.flow.variables.twice)).toEqual(Array.from({ length: 24 }, (_, i) => i * 2));
  });
});
