// The runner accepts what Apigee X documents for each policy and
// configuration file (plus what the generator emits on recorded evidence,
// docs/runner.md), and refuses the rest at load time: elements Apigee Edge had
// and the X references dropped, elements the runner would otherwise have read
// past, and attributes on elements it reads only by their text.

import * as fs from "node:fs";
import * as path from "node:path";
import { BundleLoadError } from "../../src/runner/bundle/load-error";
import { Runner } from "../../src/runner/runner";
import { ProxySpec, writeProxy, writeSharedFlow } from "../support/bundle-fixtures";

async function problemsOf(bundles: string[]): Promise<string[]> {
  try {
    const r = await Runner.start({ bundles, environment: { name: "test" } });
    await r.close();
  } catch (e) {
    if (e instanceof BundleLoadError) return e.problems.map((p) => `${path.basename(p.file)}:${p.line}: ${p.message}`);
    throw e;
  }
  return [];
}

/** The problems of a proxy whose PreFlow runs policy P. */
const policyProblems = (policy: string) => problemsOf([writeProxy("p", { basePath: "/p", policies: { P: policy }, request: ["P"] })]);

describe("policies", () => {
  test.each([
    ["<FaultRules> (Edge's; the X references dropped it)", `<AssignMessage name="P"><FaultRules/></AssignMessage>`, /<AssignMessage> has an element <FaultRules> the runner does not support/],
    ["<Description> (in no X policy reference)", `<Quota name="P"><Description>d</Description><Allow count="1"/><Interval>1</Interval><TimeUnit>minute</TimeUnit></Quota>`, /<Quota> has an element <Description>/],
    ["<Properties> where the policy's reference shows none", `<FlowCallout name="P"><Properties/><SharedFlowBundle>x</SharedFlowBundle></FlowCallout>`, /<FlowCallout> has an element <Properties>/],
    ["a <Property> in the empty <Properties/> of an AssignMessage", `<AssignMessage name="P"><Properties><Property name="a">b</Property></Properties></AssignMessage>`, /<Properties> has an element <Property> the runner does not support \(known: none\)/],
    ["<ReasonPhrase> in <Copy>", `<AssignMessage name="P"><Copy source="request"><ReasonPhrase>true</ReasonPhrase></Copy></AssignMessage>`, /<Copy> has an element <ReasonPhrase>/],
    ["<Version> in <Set> (the runner's messages carry no HTTP version)", `<AssignMessage name="P"><Set><Version>1.1</Version></Set></AssignMessage>`, /<Set> has an element <Version>/],
    ["<ShortFaultReason> (not supported)", `<RaiseFault name="P"><ShortFaultReason>true</ShortFaultReason></RaiseFault>`, /<RaiseFault> has an element <ShortFaultReason>/],
    ["<IgnoreUnresolvedVariables> in InvalidateCache", `<InvalidateCache name="P"><CacheKey><Prefix>a</Prefix></CacheKey><IgnoreUnresolvedVariables>true</IgnoreUnresolvedVariables></InvalidateCache>`, /<InvalidateCache> has an element <IgnoreUnresolvedVariables>/],
    ["Edge's <TimeoutInSec>", `<PopulateCache name="P"><CacheKey><Prefix>a</Prefix></CacheKey><Source>x</Source><ExpirySettings><TimeoutInSec>5</TimeoutInSec></ExpirySettings></PopulateCache>`, /<ExpirySettings> has an element <TimeoutInSec>/],
    ["<ExpiryTimeInSeconds> (the reference's element is ExpiryTimeInSecs)", `<KeyValueMapOperations name="P" mapIdentifier="m"><ExpiryTimeInSeconds>5</ExpiryTimeInSeconds><Get assignTo="private.x"><Key><Parameter>k</Parameter></Key></Get></KeyValueMapOperations>`, /<KeyValueMapOperations> has an element <ExpiryTimeInSeconds>/],
    ["an undocumented child of a JavaScript policy's <SSLInfo>", `<Javascript name="P"><ResourceURL>jsc://a.js</ResourceURL><SSLInfo><Enabled>true</Enabled><Enforce>true</Enforce></SSLInfo></Javascript>`, /<SSLInfo> has an element <Enforce>/],
    ["an attribute on a JavaScript <Property> other than name", `<Javascript name="P"><ResourceURL>jsc://a.js</ResourceURL><Properties><Property name="a" ref="b">c</Property></Properties></Javascript>`, /<Property> has an attribute ref="\.\.\." the runner does not support \(known: name\)/],
    ["an attribute on an element read by its text (<Timeout ref>)", `<ServiceCallout name="P"><Request variable="r"/><Timeout ref="t">5</Timeout><HTTPTargetConnection><URL>http://127.0.0.1:9</URL></HTTPTargetConnection></ServiceCallout>`, /<Timeout> has an attribute ref="\.\.\." the runner does not support \(known: none\)/],
    ["an element inside an element read by its text", `<FlowCallout name="P"><SharedFlowBundle><Name>x</Name></SharedFlowBundle></FlowCallout>`, /<SharedFlowBundle> has an element <Name> the runner does not support/],
    ["an attribute of <LifetimeInSeconds> (documented, not supported)", `<ServiceCallout name="P"><Request variable="r"/><HTTPTargetConnection><Authentication><GoogleAccessToken><Scopes><Scope>s</Scope></Scopes><LifetimeInSeconds ref="v">60</LifetimeInSeconds></GoogleAccessToken></Authentication><URL>http://127.0.0.1:9</URL></HTTPTargetConnection></ServiceCallout>`, /<LifetimeInSeconds> has an attribute ref=/]
  ])("%s is refused", async (_what, xml, message) => {
    const problems = await policyProblems(xml);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  test.each([
    ["AssignMessage", `<AssignMessage name="P"><DisplayName>P</DisplayName><Properties/><AssignVariable><Name>a</Name><Value>b</Value></AssignVariable></AssignMessage>`],
    ["LookupCache", `<LookupCache name="P"><Properties/><CacheKey><Prefix>a</Prefix></CacheKey><AssignTo>x</AssignTo></LookupCache>`],
    ["PopulateCache", `<PopulateCache name="P"><Properties/><CacheKey><Prefix>a</Prefix></CacheKey><Source>x</Source><ExpirySettings><TimeoutInSeconds ref="t">5</TimeoutInSeconds></ExpirySettings></PopulateCache>`],
    ["SpikeArrest", `<SpikeArrest name="P"><Properties/><Rate>10ps</Rate></SpikeArrest>`],
    ["RaiseFault's <Set><ReasonPhrase> (emitted on recorded evidence)", `<RaiseFault name="P"><FaultResponse><Set><StatusCode>429</StatusCode><ReasonPhrase>Too Many Requests</ReasonPhrase></Set></FaultResponse></RaiseFault>`]
  ])("the documented form of %s still loads", async (_what, xml) => {
    expect(await policyProblems(xml)).toEqual([]);
  });
});

describe("endpoints and shared flows", () => {
  const cases: [string, Partial<ProxySpec>, RegExp][] = [
    ["<FaultRules> in a <Step>", { request: ["<Step><Name>A</Name><FaultRules/></Step>"] }, /<Step> has an element <FaultRules> the runner does not support \(known: Name, Condition\)/],
    ["a <Condition> on a <PostFlow> (only a conditional <Flow> has one)", { proxyExtra: `<PostFlow name="PostFlow"><Condition>true</Condition></PostFlow>` }, /<PostFlow> has an element <Condition>/],
    ["an attribute on a <Step>'s <Name>", { request: [`<Step><Name ref="x">A</Name></Step>`] }, /<Name> has an attribute ref=/]
  ];
  test.each(cases)("%s is refused", async (_what, spec, message) => {
    const proxy = writeProxy("e", { basePath: "/e", policies: { A: `<AssignMessage name="A"/>` }, ...spec });
    expect(await problemsOf([proxy])).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  test("<VirtualHost> (Apigee Edge's; X routes by environment group) is refused", async () => {
    const proxy = writeProxy("vh", { basePath: "/vh" });
    const file = path.join(proxy, "proxies/default.xml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("<BasePath>/vh</BasePath>", "<BasePath>/vh</BasePath><VirtualHost>secure</VirtualHost>"));
    expect(await problemsOf([proxy])).toEqual([expect.stringMatching(/^default\.xml:\d+: <HTTPProxyConnection> has an element <VirtualHost> the runner does not support \(known: BasePath, Properties\)/)]);
  });

  test("a target <Path>, which goes with <LoadBalancer>, is refused", async () => {
    const proxy = writeProxy("tp", { basePath: "/tp", targetUrl: "http://127.0.0.1:9" });
    const file = path.join(proxy, "targets/default.xml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("<URL>", "<Path>/x</Path><URL>"));
    expect(await problemsOf([proxy])).toEqual([expect.stringMatching(/<Path> goes with <LoadBalancer> \(TargetServers\), which the runner does not support/)]);
  });

  test("an attribute on a transport <Property> other than name is refused", async () => {
    const proxy = writeProxy("pp", { basePath: "/pp", proxyProperties: { "request.streaming.enabled": "true" } });
    const file = path.join(proxy, "proxies/default.xml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('<Property name="request.streaming.enabled">', '<Property name="request.streaming.enabled" ref="x">'));
    expect(await problemsOf([proxy])).toEqual([expect.stringMatching(/<Property> has an attribute ref="\.\.\." the runner does not support \(known: name\)/)]);
  });

  test("a <Description> in a <SharedFlow> (the shared flow reference gives it <Step>s only) is refused", async () => {
    const shared = writeSharedFlow("sf", ["A"], { A: `<AssignMessage name="A"/>` });
    const file = path.join(shared, "sharedflows/default.xml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('<SharedFlow name="default">', '<SharedFlow name="default"><Description>d</Description>'));
    expect(await problemsOf([shared])).toEqual([expect.stringMatching(/^default\.xml:\d+: <SharedFlow> has an element <Description> the runner does not support \(known: Step\)/)]);
  });

  test("a <Description> of a ProxyEndpoint, TargetEndpoint, flow or conditional <Flow> still loads", async () => {
    const proxy = writeProxy("d", {
      basePath: "/d",
      targetUrl: "http://127.0.0.1:9",
      proxyExtra: `<Description>endpoint</Description><Flows><Flow name="f"><Description>flow</Description><Condition>request.verb = "GET"</Condition></Flow></Flows>`,
      targetExtra: `<Description>target</Description>`
    });
    expect(await problemsOf([proxy])).toEqual([]);
  });
});
