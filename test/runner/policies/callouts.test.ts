// FlowCallout (shared flows with Parameters) and ServiceCallout (HTTP,
// response variable, Google authentication, failures) in the runner.

import { readBody, startServer, LoopbackServer } from "../../support/loopback-server";
import { writeProxy, writeSharedFlow } from "../../support/bundle-fixtures";
import { closeRunners, echoVariables, startRunner } from "../../support/runner";
import type { GoogleTokenSource } from "../../../src/runner/services";

let backend: LoopbackServer;
const received: { url: string; headers: Record<string, unknown>; body: string }[] = [];

beforeAll(async () => {
  backend = await startServer(async (req, res) => {
    const body = await readBody(req);
    received.push({ url: req.url!, headers: req.headers, body });
    const status = /status=(\d+)/.exec(req.url!)?.[1];
    res.writeHead(status ? Number(status) : 200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ path: req.url, auth: req.headers.authorization ?? null }));
  });
});
afterAll(async () => {
  await closeRunners();
  await backend.close();
});

describe("FlowCallout", () => {
  test("sets Parameters (literal, ref and template) and runs the shared flow's steps on the same message", async () => {
    const shared = writeSharedFlow("greeter", ["Greet"], {
      Greet: `<AssignMessage name="Greet"><AssignVariable><Name>greeting</Name><Template>{greeter.word}, {greeter.who}</Template></AssignVariable><Set><Headers><Header name="x-touched">yes</Header></Headers></Set></AssignMessage>`
    });
    const proxy = writeProxy("uses-shared", {
      basePath: "/shared",
      policies: {
        Call: `<FlowCallout name="Call"><SharedFlowBundle>greeter</SharedFlowBundle><Parameters><Parameter name="greeter.word">Hello</Parameter><Parameter name="greeter.who" ref="request.queryparam.who"/><Parameter name="greeter.from">{request.queryparam.from}</Parameter><Parameter name="greeter.fixed" value="{not.a.template}"/></Parameters></FlowCallout>`,
        Echo: echoVariables("Echo", ["greeting", "request.header.x-touched", "greeter.from", "greeter.fixed"])
      },
      request: ["Call", "Echo"]
    });
    const t = await startRunner([shared, proxy]);
    const r = await t.fetch("/shared?who=Apigee&from=docs");
    // The body is a message template, as the FlowCallout reference shows; the value attribute is literal.
    expect([r.headers.get("x-v0"), r.headers.get("x-v1"), r.headers.get("x-v2"), r.headers.get("x-v3")]).toEqual(["Hello, Apigee", "yes", "docs", "{not.a.template}"]);
  });

  test("a fault inside the shared flow is the proxy's fault", async () => {
    const shared = writeSharedFlow("failing", ["Stop"], {
      Stop: `<RaiseFault name="Stop"><FaultResponse><Set><StatusCode>403</StatusCode><Payload contentType="text/plain">denied in shared flow</Payload></Set></FaultResponse></RaiseFault>`
    });
    const proxy = writeProxy("calls-failing", {
      basePath: "/failing",
      policies: { Call: `<FlowCallout name="Call"><SharedFlowBundle>failing</SharedFlowBundle></FlowCallout>` },
      request: ["Call"]
    });
    const t = await startRunner([shared, proxy]);
    const r = await t.fetch("/failing");
    expect([r.status, await r.text()]).toEqual([403, "denied in shared flow"]);
  });
});

describe("ServiceCallout", () => {
  const google: GoogleTokenSource = {
    accessToken: async (sa, scopes) => `access-for-${sa}-${scopes.join("+")}`,
    idToken: async (sa, aud) => `id-for-${sa}-${aud}`
  };

  test("sends the request it built, keeps the response in a variable", async () => {
    const proxy = writeProxy("sc", {
      basePath: "/sc",
      policies: {
        Call: `<ServiceCallout name="Call">
          <Request variable="calloutRequest"><Set><Verb>POST</Verb><Payload contentType="text/plain">q={request.queryparam.q}</Payload><QueryParams><QueryParam name="a">1</QueryParam></QueryParams></Set></Request>
          <Response>calloutResponse</Response>
          <HTTPTargetConnection><URL>${backend.url}/lookup/{request.queryparam.q}</URL></HTTPTargetConnection>
        </ServiceCallout>`,
        Echo: echoVariables("Echo", ["calloutResponse.content", "calloutResponse.status.code", "servicecallout.requesturi"])
      },
      request: ["Call", "Echo"]
    });
    const t = await startRunner([proxy]);
    const r = await t.fetch("/sc?q=x1");
    expect(JSON.parse(r.headers.get("x-v0")!)).toEqual({ path: "/lookup/x1?a=1", auth: null });
    expect(r.headers.get("x-v1")).toBe("200");
    expect(r.headers.get("x-v2")).toBe(`${backend.url}/lookup/x1?a=1`);
    expect(received[received.length - 1].body).toBe("q=x1");
  });

  test("GoogleAccessToken and GoogleIDToken authentication add a bearer token for the deployment's service account", async () => {
    const proxy = writeProxy("scauth", {
      basePath: "/scauth",
      policies: {
        Access: `<ServiceCallout name="Access"><Request variable="r1"/><Response>a</Response><HTTPTargetConnection><Authentication><GoogleAccessToken><Scopes><Scope>https://www.googleapis.com/auth/cloud-platform</Scope></Scopes></GoogleAccessToken></Authentication><URL>${backend.url}/access</URL></HTTPTargetConnection></ServiceCallout>`,
        Id: `<ServiceCallout name="Id"><Request variable="r2"/><Response>i</Response><HTTPTargetConnection><Authentication><GoogleIDToken><Audience>https://sts.amazonaws.com</Audience></GoogleIDToken></Authentication><URL>${backend.url}/id</URL></HTTPTargetConnection></ServiceCallout>`,
        Echo: echoVariables("Echo", ["a.content", "i.content"])
      },
      request: ["Access", "Id", "Echo"]
    });
    const t = await startRunner([proxy], { google, serviceAccount: "proxy@p.iam.gserviceaccount.com" });
    const r = await t.fetch("/scauth");
    expect(JSON.parse(r.headers.get("x-v0")!).auth).toBe("Bearer access-for-proxy@p.iam.gserviceaccount.com-https://www.googleapis.com/auth/cloud-platform");
    expect(JSON.parse(r.headers.get("x-v1")!).auth).toBe("Bearer id-for-proxy@p.iam.gserviceaccount.com-https://sts.amazonaws.com");
  });

  test("Audience ref and HeaderName ref: the variable when it resolves, else the text; useTargetUrl only when both are empty", async () => {
    const call = (name: string, auth: string) =>
      `<ServiceCallout name="${name}"><Request variable="r${name}"/><Response>${name.toLowerCase()}Out</Response><HTTPTargetConnection><Authentication>${auth}</Authentication><URL>${backend.url}/${name}?q=1</URL></HTTPTargetConnection></ServiceCallout>`;
    const proxy = writeProxy("scaud", {
      basePath: "/scaud",
      policies: {
        FromRef: call("FromRef", `<GoogleIDToken><Audience ref="request.queryparam.aud">https://fallback.example</Audience></GoogleIDToken>`),
        Literal: call("Literal", `<GoogleIDToken><Audience ref="unset.variable" useTargetUrl="true">https://literal.example</Audience></GoogleIDToken>`),
        TargetUrl: call("TargetUrl", `<GoogleIDToken><Audience ref="unset.variable" useTargetUrl="true"/></GoogleIDToken>`),
        Header: call("Header", `<HeaderName ref="request.queryparam.header">X-Fallback</HeaderName><GoogleAccessToken><Scopes><Scope>s</Scope></Scopes></GoogleAccessToken>`),
        Echo: echoVariables("Echo", ["fromrefOut.content", "literalOut.content", "targeturlOut.content"])
      },
      request: ["FromRef", "Literal", "TargetUrl", "Header", "Echo"]
    });
    const t = await startRunner([proxy], { google, serviceAccount: "sa@p.iam.gserviceaccount.com" });
    const r = await t.fetch("/scaud?aud=https://from-ref.example&header=X-Serverless-Authorization");
    const auth = (i: number) => JSON.parse(r.headers.get(`x-v${i}`)!).auth;
    expect([auth(0), auth(1), auth(2)]).toEqual([
      "Bearer id-for-sa@p.iam.gserviceaccount.com-https://from-ref.example",
      "Bearer id-for-sa@p.iam.gserviceaccount.com-https://literal.example",
      `Bearer id-for-sa@p.iam.gserviceaccount.com-${backend.url}/TargetUrl`
    ]);
    const header = received[received.length - 1];
    expect([header.url, header.headers["x-serverless-authorization"], header.headers.authorization]).toEqual(["/Header?q=1", "Bearer access-for-sa@p.iam.gserviceaccount.com-s", undefined]);
  });

  test("Request clearPayload empties the request message's payload once it has been sent", async () => {
    const proxy = writeProxy("scclear", {
      basePath: "/scclear",
      policies: {
        Keep: `<ServiceCallout name="Keep"><Request variable="kept"><Set><Verb>POST</Verb><Payload contentType="text/plain">kept body</Payload></Set></Request><Response>k</Response><HTTPTargetConnection><URL>${backend.url}/keep</URL></HTTPTargetConnection></ServiceCallout>`,
        Clear: `<ServiceCallout name="Clear"><Request variable="cleared" clearPayload="true"><Set><Verb>POST</Verb><Payload contentType="text/plain">sent body</Payload></Set></Request><Response>c</Response><HTTPTargetConnection><URL>${backend.url}/clear</URL></HTTPTargetConnection></ServiceCallout>`,
        Echo: echoVariables("Echo", ["kept.content", "cleared.content"])
      },
      request: ["Keep", "Clear", "Echo"]
    });
    const t = await startRunner([proxy]);
    const r = await t.fetch("/scclear");
    expect([r.headers.get("x-v0"), r.headers.get("x-v1")]).toEqual(["kept body", ""]);
    expect(received[received.length - 1].body).toBe("sent body");
  });

  test("an error status is fault ExecutionFailed, with the response still readable; continueOnError lets a later policy inspect it", async () => {
    const proxy = writeProxy("scerr", {
      basePath: "/scerr",
      policies: {
        Call: `<ServiceCallout name="Call" continueOnError="true"><Request variable="r"/><Response>resp</Response><HTTPTargetConnection><URL>${backend.url}/x?status=403</URL></HTTPTargetConnection></ServiceCallout>`,
        Strict: `<ServiceCallout name="Strict"><Request variable="r"/><Response>resp</Response><HTTPTargetConnection><URL>${backend.url}/x?status=500</URL></HTTPTargetConnection></ServiceCallout>`,
        Echo: echoVariables("Echo", ["resp.status.code", "servicecallout.Call.failed"])
      },
      request: ["Call", "Echo", '<Step><Name>Strict</Name><Condition>request.queryparam.strict = "1"</Condition></Step>']
    });
    const t = await startRunner([proxy]);
    const r = await t.fetch("/scerr");
    expect([r.status, r.headers.get("x-v0"), r.headers.get("x-v1")]).toEqual([200, "403", "true"]);
    const strict = await t.fetch("/scerr?strict=1");
    expect(strict.status).toBe(500);
    expect((await strict.json()).fault).toEqual({
      faultstring: "Execution of ServiceCallout Strict failed. Reason: ResponseCode 500 is treated as error",
      detail: { errorcode: "steps.servicecallout.ExecutionFailed" }
    });
  });

  test("Google authentication without a configured service account is a fault that says so", async () => {
    const proxy = writeProxy("scnosa", {
      basePath: "/scnosa",
      policies: {
        Access: `<ServiceCallout name="Access"><Request variable="r1"/><Response>a</Response><HTTPTargetConnection><Authentication><GoogleAccessToken/></Authentication><URL>${backend.url}/access</URL></HTTPTargetConnection></ServiceCallout>`
      },
      request: ["Access"]
    });
    const t = await startRunner([proxy]);
    const r = await t.fetch("/scnosa");
    expect(r.status).toBe(500);
    expect((await r.json()).fault.faultstring).toMatch(/no service account/);
  });
});
