// ExtractVariables in the runner: every extraction element, the variable
// prefix, types, Source variants, and the documented faults and load errors.

import { closeRunners, startRunner } from "../../support/runner";
import { echoed, faultOf, loadError, policyProxy } from "./policy-test-kit";

afterAll(closeRunners);

const ev = (body: string, prefix = "<VariablePrefix>v</VariablePrefix>") => `<ExtractVariables name="EV">${prefix}${body}</ExtractVariables>`;
const json = (body: unknown) => ({ method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

test("URIPath matches proxy.pathsuffix, prefers the pattern with most segments, and honours ignoreCase", async () => {
  const t = await startRunner([
    policyProxy("uri", {
      policies: {
        EV: ev(`<URIPath>
          <Pattern ignoreCase="true">/a/{seg}</Pattern>
          <Pattern>/a/{first}/c/{second}</Pattern>
          <Pattern>/files/*/{name}</Pattern>
          <Pattern>/deep/**/{leaf}</Pattern>
          <Pattern>/deep/x/y/{specific}</Pattern>
        </URIPath>`)
      },
      steps: ["EV"],
      echo: ["v.seg", "v.first", "v.second", "v.name", "v.leaf", "v.specific"]
    })
  ]);
  expect(echoed(await t.fetch("/uri/A/b"), 5)).toEqual(["b", "", "", "", ""]);
  expect(echoed(await t.fetch("/uri/a/b/c/d"), 5)).toEqual(["", "b", "d", "", ""]);
  expect(echoed(await t.fetch("/uri/files/x/report.pdf"), 5)).toEqual(["", "", "", "report.pdf", ""]);
  expect(echoed(await t.fetch("/uri/deep/1/2/3/end"), 6)).toEqual(["", "", "", "", "end", ""]);
  // Both deep patterns match; the one with more segments wins though written later.
  expect(echoed(await t.fetch("/uri/deep/x/y/end"), 6)).toEqual(["", "", "", "", "", "end"]);
  expect(echoed(await t.fetch("/uri/other"), 5)).toEqual(["", "", "", "", ""]);
});

test("QueryParam, Header, FormParam and Variable patterns, with indexes, wildcards and escaped braces", async () => {
  const t = await startRunner([
    policyProxy("parts", {
      policies: {
        Set: `<AssignMessage name="Set"><AssignVariable><Name>greeting</Name><Value>hello Ada Lovelace</Value></AssignVariable></AssignMessage>`,
        EV: ev(`
          <QueryParam name="code"><Pattern ignoreCase="true">DBN{dbncode}</Pattern></QueryParam>
          <QueryParam name="w.2"><Pattern>{secondW}</Pattern></QueryParam>
          <QueryParam name="tpl"><Pattern>%{user%} {who}</Pattern></QueryParam>
          <Header name="Authorization"><Pattern>Bearer {token}</Pattern></Header>
          <Header name="Content-Type"><Pattern>*;charset={encoding}</Pattern></Header>
          <FormParam name="greeting"><Pattern>hi {user}</Pattern></FormParam>
          <Variable name="greeting"><Pattern>hello {firstName} {lastName}</Pattern></Variable>`)
      },
      steps: ["Set", "EV"],
      echo: ["v.dbncode", "v.secondW", "v.who", "v.token", "v.encoding", "v.user", "v.firstName", "v.lastName"]
    })
  ]);
  const r = await t.fetch("/parts?code=dbn88271&w=Boston&w=Chicago&tpl=%7Buser%7D%20Steve", {
    method: "POST",
    headers: { Authorization: "Bearer abc.def", "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8" },
    body: "greeting=hi%20there"
  });
  expect(echoed(r, 8)).toEqual(["88271", "Chicago", "Steve", "abc.def", "UTF-8", "there", "Ada", "Lovelace"]);
});

test("without VariablePrefix the names are used as they are; a form parameter needs a form body", async () => {
  const t = await startRunner([
    policyProxy("noprefix", {
      policies: { EV: ev(`<QueryParam name="q"><Pattern>{plain}</Pattern></QueryParam><FormParam name="f"><Pattern>{form}</Pattern></FormParam>`, "") },
      steps: ["EV"],
      echo: ["plain", "form"]
    })
  ]);
  const r = await t.fetch("/noprefix?q=1", { method: "POST", headers: { "Content-Type": "text/plain" }, body: "f=2" });
  expect(echoed(r, 2)).toEqual(["1", ""]);
});

test("JSONPayload: paths, declared types, indefinite paths as JSON arrays, and templates in JSONPath", async () => {
  const t = await startRunner([
    policyProxy("json", {
      policies: {
        EV: ev(`<JSONPayload>
          <Variable name="lat" type="float"><JSONPath>$.results[0].geometry.lat</JSONPath></Variable>
          <Variable name="status"><JSONPath>$.status</JSONPath></Variable>
          <Variable name="ok" type="boolean"><JSONPath>$.ok</JSONPath></Variable>
          <Variable name="geometry" type="nodeset"><JSONPath>$.results[0].geometry</JSONPath></Variable>
          <Variable name="names"><JSONPath>$.results[*].name</JSONPath></Variable>
          <Variable name="picked"><JSONPath>$.results[{request.queryparam.i}].name</JSONPath></Variable>
          <Variable name="count" type="integer"><JSONPath>$.count</JSONPath></Variable>
        </JSONPayload>`)
      },
      steps: ["EV"],
      echo: ["v.lat", "v.status", "v.ok", "v.geometry", "v.names", "v.picked", "v.count"]
    })
  ]);
  const body = { status: "OK", ok: "true", count: 2, results: [{ name: "a", geometry: { lat: 37.4229181 } }, { name: "b" }] };
  const r = await t.fetch("/json?i=1", json(body));
  expect(echoed(r, 7)).toEqual(["37.4229181", "OK", "true", '{"lat":37.4229181}', '["a","b"]', "b", "2"]);
  // JSON is only read from a message whose Content-Type says JSON.
  const plain = await t.fetch("/json?i=0", { method: "POST", headers: { "Content-Type": "text/plain" }, body: JSON.stringify(body) });
  expect(echoed(plain, 2)).toEqual(["", ""]);
});

test("XMLPayload: namespaces, attributes, types, and stopPayloadProcessing", async () => {
  const xml = `<Directions xmlns="urn:dir"><route><leg><step mode="DRIVING"><duration><value>19</value><text>minutes</text></duration></step></leg></route></Directions>`;
  const policy = (stop: boolean) =>
    ev(`<XMLPayload stopPayloadProcessing="${stop}">
      <Namespaces><Namespace prefix="d">urn:dir</Namespace></Namespaces>
      <Variable name="mode" type="string"><XPath>/d:Directions/d:route/d:leg/d:step/@mode</XPath></Variable>
      <Variable name="minutes" type="integer"><XPath>/d:Directions/d:route/d:leg/d:step/d:duration/d:value</XPath></Variable>
      <Variable name="unit"><XPath>//d:duration/d:text</XPath></Variable>
      <Variable name="missing"><XPath>/d:Directions/d:nothing</XPath></Variable>
    </XMLPayload>`);
  const t = await startRunner([
    policyProxy("xml", { policies: { EV: policy(false) }, steps: ["EV"], echo: ["v.mode", "v.minutes", "v.unit", "v.missing"] }),
    policyProxy("xmlstop", { policies: { EV: policy(true) }, steps: ["EV"], echo: ["v.mode", "v.minutes"] })
  ]);
  const post = { method: "POST", headers: { "Content-Type": "application/xml" }, body: xml };
  expect(echoed(await t.fetch("/xml", post), 4)).toEqual(["DRIVING", "19", "minutes", ""]);
  expect(echoed(await t.fetch("/xmlstop", post), 2)).toEqual(["DRIVING", ""]);
});

test("Source may name a variable holding JSON; clearPayload empties the source message afterwards", async () => {
  const t = await startRunner([
    policyProxy("fromvar", {
      policies: {
        Set: `<AssignMessage name="Set"><AssignVariable><Name>calloutBody</Name><Value>{"token":"t-1"}</Value></AssignVariable></AssignMessage>`,
        EV: ev(`<Source>calloutBody</Source><JSONPayload><Variable name="token"><JSONPath>$.token</JSONPath></Variable></JSONPayload>`)
      },
      steps: ["Set", "EV"],
      echo: ["v.token"]
    }),
    policyProxy("clear", {
      policies: { EV: ev(`<Source clearPayload="true">request</Source><JSONPayload><Variable name="a"><JSONPath>$.a</JSONPath></Variable></JSONPayload>`) },
      steps: ["EV"],
      echo: ["v.a", "request.content"]
    })
  ]);
  expect(echoed(await t.fetch("/fromvar"), 1)).toEqual(["t-1"]);
  expect(echoed(await t.fetch("/clear", json({ a: "x" })), 2)).toEqual(["x", ""]);
});

test("a JSON path that matches nothing is InvalidJSONPath unless IgnoreUnresolvedVariables is true", async () => {
  const policy = (ignore: boolean) =>
    ev(`<JSONPayload><Variable name="name"><JSONPath>$.Name</JSONPath></Variable></JSONPayload><IgnoreUnresolvedVariables>${ignore}</IgnoreUnresolvedVariables>`);
  const t = await startRunner([
    policyProxy("strictpath", { policies: { EV: policy(false) }, steps: ["EV"] }),
    policyProxy("lenientpath", { policies: { EV: policy(true) }, steps: ["EV"], echo: ["v.name"] })
  ]);
  expect(await faultOf(await t.fetch("/strictpath", json({ firstName: "John" })))).toEqual({
    status: 500,
    name: "InvalidJSONPath",
    errorcode: "steps.extractvariables.InvalidJSONPath",
    faultstring: "Invalid JSON path $.Name in policy EV."
  });
  const r = await t.fetch("/lenientpath", json({ firstName: "John" }));
  expect([r.status, ...echoed(r, 1)]).toEqual([200, ""]);
});

test("the runtime faults: SourceMessageNotAvailable, JsonPathParsingFailure, ExecutionFailed, UnableToCast, SetVariableFailed", async () => {
  const jsonVar = `<JSONPayload><Variable name="x"><JSONPath>$.x</JSONPath></Variable></JSONPayload>`;
  const t = await startRunner([
    policyProxy("nosource", { policies: { EV: ev(`<Source>response</Source><URIPath><Pattern>/{a}</Pattern></URIPath>`) }, steps: ["EV"] }),
    policyProxy("novar", { policies: { EV: ev(`<Source>no.such.variable</Source>${jsonVar}`) }, steps: ["EV"] }),
    policyProxy("badjson", { policies: { EV: ev(jsonVar) }, steps: ["EV"] }),
    policyProxy("cast", { policies: { EV: ev(`<JSONPayload><Variable name="lat" type="boolean"><JSONPath>$.lat</JSONPath></Variable></JSONPayload>`) }, steps: ["EV"] }),
    policyProxy("nested", {
      policies: { EV: ev(`<QueryParam name="color"><Pattern>{color}</Pattern></QueryParam><QueryParam name="next"><Pattern>{color.next}</Pattern></QueryParam>`, "<VariablePrefix>var</VariablePrefix>") },
      steps: ["EV"]
    })
  ]);
  expect(await faultOf(await t.fetch("/nosource/x"))).toEqual({
    status: 500,
    name: "SourceMessageNotAvailable",
    errorcode: "steps.extractvariables.SourceMessageNotAvailable",
    faultstring: "response message is not available for ExtractVariable: EV"
  });
  expect(await faultOf(await t.fetch("/novar"))).toMatchObject({ status: 500, name: "JsonPathParsingFailure", errorcode: "steps.extractvariables.JsonPathParsingFailure" });
  expect(await faultOf(await t.fetch("/badjson", { method: "POST", headers: { "Content-Type": "application/json" }, body: '["args": ]' }))).toEqual({
    status: 500,
    name: "ExecutionFailed",
    errorcode: "steps.extractvariables.ExecutionFailed",
    faultstring: "Failed to execute the ExtractVariables: EV"
  });
  expect((await faultOf(await t.fetch("/badjson", { method: "POST", headers: { "Content-Type": "application/json" } }))).name).toBe("ExecutionFailed");
  expect(await faultOf(await t.fetch("/cast", json({ lat: 36.231 })))).toEqual({
    status: 500,
    name: "UnableToCast",
    errorcode: "steps.extractvariables.UnableToCast",
    faultstring: "Unable to cast value 36.231 as BOOLEAN."
  });
  expect(await faultOf(await t.fetch("/nested?color=red&next=blue"))).toEqual({
    status: 500,
    name: "SetVariableFailed",
    errorcode: "steps.extractvariables.SetVariableFailed",
    faultstring: "Failed to set variable var.color.next value blue from ExtractVariables: EV"
  });
});

test("load errors name the file and line: unknown elements, nothing to extract, bad patterns, undeclared XPath prefixes", async () => {
  const bogus = policyProxy("bogus", { policies: { EV: `<ExtractVariables name="EV">\n  <Source>request</Source>\n  <Bogus/>\n  <QueryParam name="a"><Pattern>{a}</Pattern></QueryParam>\n</ExtractVariables>` }, steps: ["EV"] });
  expect(await loadError(bogus)).toMatch(/policies\/EV\.xml:3: <ExtractVariables> has an element <Bogus>/);
  const nothing = policyProxy("nothing", { policies: { EV: `<ExtractVariables name="EV">\n  <VariablePrefix>v</VariablePrefix>\n</ExtractVariables>` }, steps: ["EV"] });
  expect(await loadError(nothing)).toMatch(/policies\/EV\.xml:1: .*NothingToExtract/);
  const pattern = policyProxy("pattern", { policies: { EV: `<ExtractVariables name="EV">\n  <QueryParam name="a">\n    <Pattern>no variable here</Pattern>\n  </QueryParam>\n</ExtractVariables>` }, steps: ["EV"] });
  expect(await loadError(pattern)).toMatch(/policies\/EV\.xml:3: .*InvalidPattern/);
  const prefix = policyProxy("prefix", {
    policies: { EV: `<ExtractVariables name="EV">\n  <XMLPayload>\n    <Variable name="a">\n      <XPath>/p:root</XPath>\n    </Variable>\n  </XMLPayload>\n</ExtractVariables>` },
    steps: ["EV"]
  });
  expect(await loadError(prefix)).toMatch(/policies\/EV\.xml:4: .*XPathCompilationFailed/);
});
