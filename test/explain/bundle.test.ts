// The caller side of an explanation against the bundle the generator emits
// for the same intent: base path, JWT settings, limits, allowed methods,
// CORS methods, headers, the credentials call and the SigV4 target. If the
// generator changes what a proxy does, these fail until explain says so.

import { DOMParser } from "@xmldom/xmldom";
import * as xpath from "xpath";
import { planBuild } from "../../src/plan";
import { generateProxyBundle, readBuiltCallouts, type BuiltCallouts } from "../../src/generator";
import type { ProxyFacts } from "../../src/explain/model";
import type { Intent } from "../../src/intent";
import { requireBuilt } from "../support/built";
import { explained, templateIntent } from "./support";

let callouts: BuiltCallouts;
beforeAll(() => {
  requireBuilt("callouts/s3-key.js");
  callouts = readBuiltCallouts();
});

type Select = (expression: string) => string;

/** string(xpath) over one file of the proxy's bundle; "" when the file or node is missing. */
function bundleOf(intent: Intent, name: string): (file: string) => Select {
  const plan = planBuild(intent);
  const proxyPlan = plan.proxies.find((p) => p.proxy.name === name);
  if (!proxyPlan) throw new Error(`no proxy ${name}`);
  const files = generateProxyBundle(plan, proxyPlan, callouts);
  return (file) => {
    const content = files.get(`apiproxy/${file}`);
    if (!content) return () => "";
    const doc = new DOMParser().parseFromString(content.toString("utf8"), "text/xml");
    return (expression) => String(xpath.select(`string(${expression})`, doc as unknown as Node));
  };
}

function checkProxy(intent: Intent, facts: ProxyFacts): void {
  const bundle = bundleOf(intent, facts.name);
  expect(bundle("proxies/default.xml")("//HTTPProxyConnection/BasePath")).toBe(facts.basePath);

  const jwt = bundle("policies/VerifyJWT-Caller.xml");
  if (facts.callers.kind === "jwt") {
    expect([jwt("//Issuer"), jwt("//Audience"), jwt("//JWKS/@uri"), jwt("//Algorithm"), jwt("//TimeAllowance"), jwt("//MaxLifespan"), jwt("//MaxLifespan/@useIssueTime"), jwt("//RequiredClaims")]).toEqual([
      facts.callers.issuer,
      facts.callers.audience,
      facts.callers.jwksUri,
      facts.callers.algorithm,
      facts.callers.clockAllowance,
      facts.callers.maxLifespan,
      "true",
      "exp,iat"
    ]);
  } else {
    expect(jwt("/VerifyJWT/@name")).toBe("");
  }

  const quota = bundle("policies/Q-Caller.xml");
  const q = facts.limits.quota;
  expect([quota("//Allow/@count"), quota("//TimeUnit"), quota("//Identifier/@ref")]).toEqual(q ? [String(q.count), q.unit, q.identifier] : ["", "", ""]);
  expect(bundle("policies/SA-Proxy.xml")("//Rate")).toBe(facts.limits.spikeArrest?.rate ?? "");

  const allow = bundle("policies/RF-MethodNotAllowed.xml")("//Header[@name='Allow']");
  expect(allow).toBe(facts.requests.methods ? facts.requests.methods.join(", ") : "");
  expect(bundle("policies/RF-CORS-Preflight.xml")("//Header[@name='Access-Control-Allow-Methods']")).toBe(facts.cors ? facts.cors.methods.join(", ") : "");

  const endpoint = bundle("proxies/default.xml");
  for (const origin of facts.cors?.origins ?? []) expect(endpoint("//PreFlow//Step[Name='RF-CORS-Preflight']/Condition")).toContain(origin.replace(/\./g, "[.]"));
  if (!facts.cors) expect(endpoint("//Step[Name='RF-CORS-Preflight']/Name")).toBe("");

  const credentials = bundle("policies/FC-AwsCredentials.xml");
  const parameter = (name: string) => credentials(`//Parameter[@name='${name}']`);
  expect(credentials("//Parameter[@name='aws.credentials.roleArn']/@ref")).toBe(facts.environments[0].role.propertySet.variable);
  expect(parameter("aws.credentials.mode")).toBe(facts.identity.mode);
  // The region is written in the bundle, or read from the property set when the environments' regions differ: either way each environment's STS endpoint.
  const region = facts.environments[0].aws.regionVariable;
  if (region) expect(credentials("//Parameter[@name='aws.credentials.region']/@ref")).toBe(region);
  else for (const env of facts.environments) expect(parameter("aws.credentials.region")).toBe(env.aws.stsEndpoint.replace(/^https:\/\/sts\.(.+)\.amazonaws\.com\/$/, "$1"));
  // No audience parameter: the flow asks Google for its default, which is what explain reports and the trust policy pins.
  expect(parameter("aws.credentials.audience")).toBe("");
  if (facts.identity.mode === "gateway") expect(credentials("//Parameter[@name='aws.credentials.serviceAccount']/@ref")).toBe(facts.environments[0].role.propertySet.variable.replace(/roleArn$/, "serviceAccount"));
  else expect(parameter("aws.credentials.callerTokenVariable")).toBe(facts.identity.tokenVariable);

  const ssm = facts.headers.added.filter((h) => h.source === "ssm");
  ssm.forEach((h, i) => {
    const call = bundle(`policies/FC-SsmHeader-${i + 1}.xml`);
    expect([call("//Parameter[@name='aws.ssm.header']"), call("//Parameter[@name='aws.ssm.names']")]).toEqual([h.name, h.source === "ssm" ? h.parameter.split("{env}").join("{environment.name}") : ""]);
  });
  expect(bundle(`policies/FC-SsmHeader-${ssm.length + 1}.xml`)("//SharedFlowBundle")).toBe("");
  const literals = bundle("policies/AM-TargetHeaders.xml");
  for (const h of facts.headers.added) if (h.source === "literal") expect(literals(`//AssignVariable[Name='request.header.${h.name}']/Value`)).toBe(h.value);

  expect(bundle("policies/JS-S3-Download.xml")("//Property[@name='inline']")).toBe(facts.answers.inlineTypes?.join(",") ?? "");
  expect(bundle("policies/AM-SecurityHeaders.xml")("//Header[@name='X-Content-Type-Options']")).toBe("nosniff");

  if (facts.target.kind === "aws") {
    const sign = bundle("policies/FC-SigV4.xml");
    expect([sign("//Parameter[@name='aws.sigv4.service']"), sign("//Parameter[@name='aws.sigv4.region']")]).toEqual([facts.target.service, facts.target.region]);
    expect(bundle("targets/default.xml")("//HTTPTargetConnection/URL")).toBe(facts.target.url);
  }
}

test.each(["s3-read", "full"])("templates/%s.yaml: each proxy's caller-side facts are what its bundle does", (name) => {
  const intent = templateIntent(name);
  const explanation = explained(intent);
  for (const proxy of explanation.proxies) checkProxy(intent, proxy);
});

test("the check notices a difference: facts of one proxy against another's bundle fail", () => {
  const intent = templateIntent("full");
  const reports = explained(intent).proxies.find((p) => p.name === "reports") as ProxyFacts;
  expect(() => checkProxy(intent, { ...reports, name: "uploads" })).toThrow();
});
