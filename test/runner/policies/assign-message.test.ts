// AssignMessage in the runner: each operation, in document order, AssignTo
// createNew, AssignVariable sources, and unresolved-variable handling.

import { writeProxy } from "../../support/bundle-fixtures";
import { closeRunners, echoVariables, startRunner } from "../../support/runner";

afterAll(closeRunners);

const proxyWith = (name: string, policy: string, extraSteps: string[] = []) =>
  writeProxy(name, { basePath: `/${name}`, policies: { P: policy, Echo: echoVariables("Echo", ["request.header.x-a", "request.querystring", "request.content", "request.verb", "request.path", "v1", "v2", "v3"]) }, request: ["P", ...extraSteps, "Echo"] });

test("Set, Add and Remove on headers, query and form parameters, in document order", async () => {
  const t = await startRunner([
    proxyWith(
      "ops",
      `<AssignMessage name="P">
        <Remove><Headers><Header name="x-a"/></Headers><QueryParams><QueryParam name="drop"/></QueryParams></Remove>
        <Add><Headers><Header name="x-a">added-{request.queryparam.keep}</Header></Headers><QueryParams><QueryParam name="new">n v</QueryParam></QueryParams></Add>
        <Set><Verb>PATCH</Verb><Path>/rewritten</Path><FormParams><FormParam name="f">1&amp;2</FormParam></FormParams></Set>
      </AssignMessage>`
    )
  ]);
  const r = await t.fetch("/ops/x?keep=k&drop=d", { headers: { "x-a": "original" } });
  expect(r.headers.get("x-v0")).toBe("added-k");
  expect(r.headers.get("x-v1")).toBe("keep=k&new=n%20v");
  expect(r.headers.get("x-v2")).toBe("f=1%262");
  expect(r.headers.get("x-v3")).toBe("PATCH");
  expect(r.headers.get("x-v4")).toBe("/rewritten");
});

test("the same elements in another order give another result: Apigee X runs them as written", async () => {
  const t = await startRunner([
    proxyWith("order", `<AssignMessage name="P"><Set><Headers><Header name="x-a">set</Header></Headers></Set><Remove><Headers><Header name="x-a"/></Headers></Remove></AssignMessage>`)
  ]);
  expect((await t.fetch("/order")).headers.get("x-v0")).toBe("");
});

test("Set Payload renders a template, keeps literal JSON braces, and honours custom delimiters", async () => {
  const t = await startRunner([
    proxyWith(
      "payload",
      `<AssignMessage name="P"><Set><Payload contentType="application/json" variablePrefix="@" variableSuffix="#">{"verb":"@request.verb#","n":1}</Payload></Set></AssignMessage>`
    )
  ]);
  const r = await t.fetch("/payload", { method: "POST" });
  expect(r.headers.get("x-v2")).toBe('{"verb":"POST","n":1}');
});

test("AssignVariable: Template first, then Ref, then Value", async () => {
  const t = await startRunner([
    proxyWith(
      "assign",
      `<AssignMessage name="P">
        <AssignVariable><Name>v1</Name><Template>{request.verb}-{request.queryparam.q}</Template></AssignVariable>
        <AssignVariable><Name>v2</Name><Ref>request.queryparam.q</Ref><Value>fallback</Value></AssignVariable>
        <AssignVariable><Name>v3</Name><Ref>not.set</Ref><Value>fallback</Value></AssignVariable>
      </AssignMessage>`
    )
  ]);
  const r = await t.fetch("/assign?q=z");
  expect([r.headers.get("x-v5"), r.headers.get("x-v6"), r.headers.get("x-v7")]).toEqual(["GET-z", "z", "fallback"]);
});

test("AssignTo createNew builds a separate message; Copy takes parts of another", async () => {
  const t = await startRunner([
    writeProxy("newmsg", {
      basePath: "/newmsg",
      policies: {
        Make: `<AssignMessage name="Make"><AssignTo createNew="true" type="request">side</AssignTo><Copy source="request"><Headers><Header name="x-a"/></Headers><Payload>true</Payload><Verb>true</Verb></Copy><Set><Headers><Header name="x-b">b</Header></Headers></Set></AssignMessage>`,
        Echo: echoVariables("Echo", ["side.header.x-a", "side.header.x-b", "side.content", "side.verb", "request.header.x-b"])
      },
      request: ["Make", "Echo"]
    })
  ]);
  const r = await t.fetch("/newmsg", { method: "POST", body: "payload", headers: { "x-a": "from-request" } });
  expect([0, 1, 2, 3, 4].map((i) => r.headers.get(`x-v${i}`))).toEqual(["from-request", "b", "payload", "POST", ""]);
});

test("an unresolved variable is a fault unless IgnoreUnresolvedVariables is true", async () => {
  const strict = proxyWith("strict", `<AssignMessage name="P"><Set><Headers><Header name="x-a">{no.such.variable}</Header></Headers></Set></AssignMessage>`);
  const lenient = proxyWith(
    "lenient",
    `<AssignMessage name="P"><Set><Headers><Header name="x-a">[{no.such.variable}]</Header></Headers></Set><IgnoreUnresolvedVariables>true</IgnoreUnresolvedVariables></AssignMessage>`
  );
  const t = await startRunner([strict, lenient]);
  const r = await t.fetch("/strict");
  expect(r.status).toBe(500);
  expect(JSON.stringify(await r.json())).toMatch(/no\.such\.variable/);
  expect((await t.fetch("/lenient")).headers.get("x-v0")).toBe("[]");
});
