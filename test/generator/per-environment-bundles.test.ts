// One bundle for every environment, however the environments differ. With
// prod in another account (same region) the bundles are the same bytes as
// with every environment in one account: the account reaches the bundle only
// through the role ARN in the property set. With prod also in another region,
// the region is read from the property set: only the files that pass it
// change, and none of them names an environment's account, region, bucket or
// parameter. {env} in a bucket or SSM name stays {env} in the bundle.

import { readBuiltCallouts, type BuiltCallouts } from "../../src/generator";
import { parseIntent } from "../../src/intent";
import { planBuild } from "../../src/plan";
import { generateProxyBundle } from "../../src/generator";
import { requireBuilt } from "../support/built";
import { awsLines, intentText, PROD_PLACE } from "../support/intent-text";

const PROXIES = `  data:
    target: s3://acme-{env}-data/reports/
    access: read-write
    headers: {X-Db-Password: "ssm:/acme/{env}/db-password"}
  files: s3://acme-files/{env}/ read
  mine:
    target: s3://acme-mine/
    identity: caller
    headers: {X-Partner-Key: "ssm:/acme/partner-key"}
  fn:
    target: https://lambda.us-east-1.amazonaws.com
    sign: {service: lambda}
`;

const ONE_PLACE = intentText({ proxies: PROXIES });
const OTHER_ACCOUNT = intentText({ aws: awsLines({ prod: { account: PROD_PLACE.account } }), proxies: PROXIES });
const OTHER_ACCOUNT_AND_REGION = intentText({ aws: awsLines({ prod: PROD_PLACE }), proxies: PROXIES });

let callouts: BuiltCallouts;
beforeAll(() => {
  requireBuilt("callouts/s3-key.js");
  callouts = readBuiltCallouts();
});

/** Every proxy's bundle files, "proxy/apiproxy/..." → text. */
function bundles(text: string): Map<string, string> {
  const plan = planBuild(parseIntent(text, "apigee-aws.yaml"));
  const files = new Map<string, string>();
  for (const proxyPlan of plan.proxies) {
    for (const [rel, content] of generateProxyBundle(plan, proxyPlan, callouts)) files.set(`${proxyPlan.proxy.name}/${rel}`, content.toString("utf8"));
  }
  return files;
}

const changed = (a: Map<string, string>, b: Map<string, string>) => [...a.keys()].filter((k) => a.get(k) !== b.get(k));

test("prod in another account, same region: every bundle file is byte for byte the one-account bundle's", () => {
  const one = bundles(ONE_PLACE);
  const other = bundles(OTHER_ACCOUNT);
  expect([...other.keys()]).toEqual([...one.keys()]);
  expect(changed(one, other)).toEqual([]);
});

test("prod in another region too: only the files that pass the region change, and they read it from the property set", () => {
  const one = bundles(ONE_PLACE);
  const other = bundles(OTHER_ACCOUNT_AND_REGION);
  expect([...other.keys()]).toEqual([...one.keys()]);
  expect(changed(one, other).sort()).toEqual(
    [
      "data/apiproxy/data.xml",
      "data/apiproxy/policies/FC-AwsCredentials-Exchange.xml",
      "data/apiproxy/policies/FC-AwsCredentials.xml",
      "data/apiproxy/policies/FC-SigV4.xml",
      "data/apiproxy/policies/FC-SsmHeader-1.xml",
      "data/apiproxy/policies/JS-S3-Key.xml",
      "files/apiproxy/files.xml",
      "files/apiproxy/policies/FC-AwsCredentials-Exchange.xml",
      "files/apiproxy/policies/FC-AwsCredentials.xml",
      "files/apiproxy/policies/FC-SigV4.xml",
      "files/apiproxy/policies/JS-S3-Key.xml",
      "files/apiproxy/targets/list.xml",
      "files/apiproxy/targets/objects.xml",
      "fn/apiproxy/fn.xml",
      "fn/apiproxy/policies/FC-AwsCredentials-Exchange.xml",
      "fn/apiproxy/policies/FC-AwsCredentials.xml",
      "mine/apiproxy/mine.xml",
      "mine/apiproxy/policies/FC-AwsCredentials-Secrets-Exchange.xml",
      "mine/apiproxy/policies/FC-AwsCredentials-Secrets.xml",
      "mine/apiproxy/policies/FC-AwsCredentials.xml",
      "mine/apiproxy/policies/FC-SigV4.xml",
      "mine/apiproxy/policies/FC-SsmHeader-1.xml",
      "mine/apiproxy/policies/JS-S3-Key.xml",
      "mine/apiproxy/targets/list.xml",
      "mine/apiproxy/targets/objects.xml"
    ]
  );
  const data = (file: string) => other.get(`data/apiproxy/${file}`)!;
  expect(data("policies/FC-AwsCredentials.xml")).toContain('<Parameter name="aws.credentials.region" ref="propertyset.apigeeaws.data.region"/>');
  expect(data("policies/FC-SsmHeader-1.xml")).toContain('<Parameter name="aws.ssm.region" ref="propertyset.apigeeaws.data.region"/>');
  expect(data("policies/FC-SigV4.xml")).toContain('<Parameter name="aws.sigv4.region" ref="propertyset.apigeeaws.data.region"/>');
  expect(data("policies/JS-S3-Key.xml")).toContain('<Property name="endpoint">https://acme-{env}-data.s3.{propertyset.apigeeaws.data.region}.amazonaws.com</Property>');
  // The TargetEndpoint's own URL, which target.url replaces, names no environment's host (data's bucket names {env}, so it never did).
  expect(data("targets/objects.xml")).toContain("<URL>https://s3.amazonaws.com</URL>");
  expect(other.get("mine/apiproxy/targets/list.xml")).toContain("<URL>https://s3.amazonaws.com</URL>");
  // A signed target's URL and signing region are the target's own, the same in every environment.
  expect(other.get("fn/apiproxy/policies/FC-SigV4.xml")).toBe(one.get("fn/apiproxy/policies/FC-SigV4.xml"));
});

test.each([
  ["another account", OTHER_ACCOUNT],
  ["another account and region", OTHER_ACCOUNT_AND_REGION]
])("prod in %s: no bundle names an environment's account, region, bucket or parameter; {env} is resolved at run time", (_case, text) => {
  const files = bundles(text);
  const words = ["111111111111", "222222222222", "eu-west-1", "acme-test-data", "acme-prod-data", "/acme/test/", "/acme/prod/", "acme-files/test", "acme-files/prod"];
  for (const [file, content] of files) {
    if (file.includes("/resources/")) continue;
    for (const word of words) expect([file, word, content.includes(word)]).toEqual([file, word, false]);
  }
  expect(files.get("data/apiproxy/policies/FC-SsmHeader-1.xml")).toContain('<Parameter name="aws.ssm.names">/acme/{environment.name}/db-password</Parameter>');
});

test("an intent in one account and region, without {env} in a bucket: the endpoint and region are written in the bundle as before", () => {
  const one = bundles(ONE_PLACE);
  expect(one.get("mine/apiproxy/policies/JS-S3-Key.xml")).toContain('<Property name="endpoint">https://acme-mine.s3.us-east-1.amazonaws.com</Property>');
  expect(one.get("mine/apiproxy/targets/objects.xml")).toContain("<URL>https://acme-mine.s3.us-east-1.amazonaws.com</URL>");
  expect(one.get("mine/apiproxy/policies/FC-AwsCredentials.xml")).toContain('<Parameter name="aws.credentials.region">us-east-1</Parameter>');
  // {env} in the bucket alone keeps the region written in: only the host's bucket label is resolved at run time.
  expect(one.get("data/apiproxy/policies/JS-S3-Key.xml")).toContain('<Property name="endpoint">https://acme-{env}-data.s3.us-east-1.amazonaws.com</Property>');
});
