// Every check that can fail lives in the intent reader or the planner, and
// reports file:line:column. These are the checks the generator and the IAM
// writer used to repeat on their own (without a position); each is refused
// here once, at its place in the file, and nothing after the plan refuses
// anything.

import { IntentError, parseIntent } from "../../src/intent";
import { planBuild } from "../../src/plan";

const FILE = "apigee-aws.yaml";

function intentText(proxy: string, top: Partial<Record<"aws" | "identity" | "environments" | "auth", string>> = {}): string {
  return [
    `aws: ${top.aws ?? '{account: "123456789012", region: eu-west-1}'}`,
    // identity: "omit" leaves the section out.
    top.identity === "omit" ? "# no identity" : `identity: ${top.identity ?? "{project: acme-apis}"}`,
    `auth: ${top.auth ?? "{jwt: {issuer: https://login.example.com/realms/apigee, audience: apigee-api, jwksUri: https://login.example.com/realms/apigee/certs}}"}`,
    `environments: ${top.environments ?? "[test, prod]"}`,
    "proxies:",
    ...proxy.split("\n").map((l) => `  ${l}`),
    ""
  ].join("\n");
}

function refusal(text: string): string {
  try {
    planBuild(parseIntent(text, FILE));
  } catch (e) {
    expect(e).toBeInstanceOf(IntentError);
    return (e as Error).message;
  }
  throw new Error("the intent was accepted");
}

const S3 = "target: s3://acme-files/builds/, access: read";

test.each<[string, string, Partial<Record<"aws" | "identity" | "environments" | "auth", string>>, RegExp]>([
  ["an https target with a query", "fn: {target: 'https://lambda.eu-west-1.amazonaws.com/x?a=1', sign: {service: lambda}}", {}, /^apigee-aws\.yaml:6:\d+: proxies\.fn\.target: an https target must not have a query/],
  ["an http target", "fn: {target: 'http://lambda.eu-west-1.amazonaws.com', sign: {service: lambda}}", {}, /^apigee-aws\.yaml:6:\d+: proxies\.fn\.target: .*AWS endpoints are reached over https/],
  ["a quota per second", `files: {${S3}, quota: 5/second}`, {}, /^apigee-aws\.yaml:6:\d+: proxies\.files\.quota: Apigee's Quota cannot count per second .*spikeArrest: "5ps"/],
  ["caller identity on a public proxy", `files: {${S3}, auth: {public: true}, identity: caller}`, {}, /^apigee-aws\.yaml:6:\d+: proxies\.files\.identity: identity: caller exchanges the caller's JWT/],
  ["a dotted bucket", "files: s3://acme.files/ read", {}, /^apigee-aws\.yaml:6:\d+: proxies\.files: bucket name 'acme\.files' contains '\.', which S3 allows but virtual-hosted HTTPS does not/],
  ["a prefix without a trailing slash", "files: s3://acme-files/builds read", {}, /^apigee-aws\.yaml:6:\d+: proxies\.files: prefix 'builds' must end with '\/'/],
  ["a CORS origin with a path", `files: {${S3}, cors: {origins: ['https://app.example.com/x']}}`, {}, /^apigee-aws\.yaml:6:\d+: proxies\.files\.cors\.origins\[0\]: 'https:\/\/app\.example\.com\/x' is not an origin/],
  ["a CORS origin with a non-ASCII host", `files: {${S3}, cors: {origins: ['https://bücher.example']}}`, {}, /^apigee-aws\.yaml:6:\d+: proxies\.files\.cors\.origins\[0\]: .*xn-- \(punycode\) form/],
  ["a bad spike arrest rate", `files: {${S3}, spikeArrest: 30 per second}`, {}, /^apigee-aws\.yaml:6:\d+: proxies\.files\.spikeArrest: expected a SpikeArrest rate/],
  ["a header SigV4 sets", `files: {${S3}, headers: {x-amz-date: x}}`, {}, /^apigee-aws\.yaml:6:\d+: proxies\.files\.headers\.x-amz-date: header 'x-amz-date' is set by SigV4 signing/],
  ["a header value with a line break", `files: {${S3}, headers: {x-a: "a\\r\\nb: c"}}`, {}, /^apigee-aws\.yaml:6:\d+: proxies\.files\.headers\.x-a: header value contains a control character/],
  ["gateway identity without the runtime's service account", `files: {${S3}}`, { identity: "omit" }, /^apigee-aws\.yaml:1:1: identity: missing 'identity': proxy files uses identity: gateway/],
  ["two proxies with one role (IAM ignores case)", `a: {${S3}, role: 'shared-{env}'}\nb: {${S3}, basePath: /b, role: 'SHARED-{env}'}`, {}, /^apigee-aws\.yaml:7:\d+: proxies\.b\.role: role 'SHARED-test' for test is also the role of proxy 'a' in test/],
  ["one role for two environments", `a: {${S3}, role: shared}`, {}, /^apigee-aws\.yaml:6:\d+: proxies\.a\.role: role 'shared' would be shared by environments test, prod/],
  ["a role name IAM refuses", `a: {${S3}, role: {test: apigee/a, prod: b}}`, {}, /^apigee-aws\.yaml:6:\d+: proxies\.a\.role\.test: /],
  ["an environment listed twice", `a: {${S3}}`, { environments: "[prod, prod]" }, /^apigee-aws\.yaml:4:\d+: environments\[1\]: environment 'prod' is listed twice/],
  ["two proxies with one name", `a: {${S3}}\na: {${S3}}`, {}, /^apigee-aws\.yaml:7:\d+: .*a.*(twice|duplicate|more than once)/i],
  ["a proxy name that leaves the output folder", `../a: {${S3}}`, {}, /^apigee-aws\.yaml:6:\d+: proxies\["\.\.\/a"\]: proxy name '\.\.\/a' contains '\/'/],
  ["a proxy name starting with a dot", `.a: {${S3}}`, {}, /^apigee-aws\.yaml:6:\d+: proxies\["\.a"\]: proxy name '\.a' starts with '\.'/],
  ["an environment that leaves the output folder", `a: {${S3}}`, { environments: "['x/y']" }, /^apigee-aws\.yaml:4:\d+: environments\[0\]: environment name 'x\/y' is not an Apigee environment name/],
  ["an account that is not 12 digits", `a: {${S3}}`, { aws: '{account: "12345", region: eu-west-1}' }, /^apigee-aws\.yaml:1:\d+: aws\.account: expected a 12-digit AWS account ID/],
  ["a region outside the commercial partition", `a: {${S3}}`, { aws: '{account: "123456789012", region: cn-north-1}' }, /^apigee-aws\.yaml:1:\d+: aws\.region: region 'cn-north-1' is in the aws-cn partition/],
  ["an email where the unique ID belongs", `a: {${S3}}`, { identity: "{per: shared, serviceAccount: a@b.iam.gserviceaccount.com, uniqueId: a@b.iam.gserviceaccount.com}" }, /^apigee-aws\.yaml:2:\d+: identity\.uniqueId: /],
  ["one account for every role, without saying so", `a: {${S3}}`, { identity: '{serviceAccount: apigee@acme-apis.iam.gserviceaccount.com, uniqueId: "112233445566778899001"}' }, /^apigee-aws\.yaml:2:\d+: identity\.serviceAccount: one service account for every role and environment lets any bundle deployed with it \(in test, say\) assume every role .*write identity: \{project: GOOGLE_PROJECT\}.*or add per: shared/],
  ["a named account with managed accounts", `a: {${S3}}`, { identity: "{project: acme-apis, per: environment, serviceAccount: a@acme-apis.iam.gserviceaccount.com}" }, /^apigee-aws\.yaml:2:\d+: identity\.serviceAccount: serviceAccount and uniqueId name one account for every role, which only per: shared does/],
  ["a project ID Google refuses", `a: {${S3}}`, { identity: "{project: Acme_APIs}" }, /^apigee-aws\.yaml:2:\d+: identity\.project: expected a Google Cloud project ID \(6 to 30 lowercase letters/],
  ["a project for an environment the intent lacks", `a: {${S3}}`, { identity: "{project: acme-apis, projects: {prd: acme-prod}}" }, /^apigee-aws\.yaml:2:\d+: identity\.projects\.prd: 'prd' is not one of the environments \(test, prod\)\. Did you mean 'prod'\?/],
  ["an unknown granularity", `a: {${S3}}`, { identity: "{project: acme-apis, per: proxy}" }, /^apigee-aws\.yaml:2:\d+: identity\.per: .*proxy-environment, environment, shared/],
  ["an empty audience", `a: {${S3}}`, { auth: "{jwt: {issuer: https://login.example.com/, audience: '', jwksUri: https://login.example.com/certs}}" }, /^apigee-aws\.yaml:3:\d+: auth\.jwt\.audience: the audience must not be empty/],
  ["a wildcard in the prefix", "a: s3://acme-files/b*/ read", {}, /^apigee-aws\.yaml:6:\d+: proxies\.a: prefix 'b\*\/' contains '\*', an IAM wildcard/],
  ["a policy variable in the prefix", "a: 's3://acme-files/${aws:username}/ read'", {}, /^apigee-aws\.yaml:6:\d+: proxies\.a: prefix .* contains '\$', which starts an IAM policy variable/],
  ["a wildcard in a bucket name", "a: s3://acme-*/ read", {}, /^apigee-aws\.yaml:6:\d+: proxies\.a: bucket name 'acme-\*' contains '\*'/],
  ["a wildcard in an SSM parameter name", `a: {${S3}, headers: {x-key: 'ssm:/acme/*'}}`, {}, /^apigee-aws\.yaml:6:\d+: proxies\.a\.headers\.x-key: SSM parameter name '\/acme\/\*' contains '\*'/],
  ["an environment's account that is not 12 digits", `a: {${S3}}`, { aws: '{account: "123456789012", region: eu-west-1, environments: {prod: {account: "12345"}}}' }, /^apigee-aws\.yaml:1:\d+: aws\.environments\.prod\.account: expected a 12-digit AWS account ID/],
  ["an environment's region outside the commercial partition", `a: {${S3}}`, { aws: '{account: "123456789012", region: eu-west-1, environments: {prod: {region: us-gov-west-1}}}' }, /^apigee-aws\.yaml:1:\d+: aws\.environments\.prod\.region: region 'us-gov-west-1' is in the aws-us-gov partition/],
  ["an environment the intent lacks in aws.environments", `a: {${S3}}`, { aws: '{account: "123456789012", region: eu-west-1, environments: {prd: {region: us-east-1}}}' }, /^apigee-aws\.yaml:1:\d+: aws\.environments\.prd: 'prd' is not one of the environments \(test, prod\)\. Did you mean 'prod'\?/],
  ["a role ARN in another account than its environment's", `a: {${S3}, role: {test: a, prod: 'arn:aws:iam::123456789012:role/b'}}`, { aws: '{account: "123456789012", region: eu-west-1, environments: {prod: {account: "210987654321"}}}' }, /^apigee-aws\.yaml:6:\d+: proxies\.a\.role\.prod: role ARN 'arn:aws:iam::123456789012:role\/b' is in account 123456789012, but environment prod's AWS account is 210987654321/],
  ["{env} giving a bucket name S3 refuses", "a: s3://x{env}-/ read", {}, /^apigee-aws\.yaml:6:\d+: proxies\.a: in environment test \(\{env\} = test\), bucket name 'xtest-' must start and end with a letter or digit/],
  ["{env} giving an SSM parameter name SSM refuses", `a: {${S3}, headers: {x-key: 'ssm:/acme/{env}/'}}`, {}, /^apigee-aws\.yaml:6:\d+: proxies\.a\.headers\.x-key: in environment test \(\{env\} = test\), SSM parameter name '\/acme\/test\/' ends with '\/'/],
  ["a placeholder other than {env} in a bucket name", "a: s3://acme-{stage}/ read", {}, /^apigee-aws\.yaml:6:\d+: proxies\.a: bucket name 'acme-\{stage\}' has a '\{' or '\}' outside the placeholder \{env\}/]
])("%s", (_case, proxy, top, message) => {
  expect(refusal(intentText(proxy, top))).toMatch(message);
});

test("a caller-mode issuer IAM cannot name (a port) is refused by the plan, at the proxy", () => {
  const text = intentText(`files: {${S3}, identity: caller}`, { auth: "{jwt: {issuer: 'https://login.example.com:8443/realms/a', audience: api, jwksUri: https://login.example.com/certs}}" });
  expect(refusal(text)).toMatch(/^apigee-aws\.yaml:6:3: proxies\.files\.auth\.jwt\.issuer: JWT issuer "https:\/\/login\.example\.com:8443\/realms\/a" must be an https:\/\/ URL without port/);
  // The same issuer on a gateway-mode proxy names no OIDC provider, so it is fine.
  expect(() => planBuild(parseIntent(intentText(`files: {${S3}}`, { auth: "{jwt: {issuer: 'https://login.example.com:8443/realms/a', audience: api, jwksUri: https://login.example.com/certs}}" }), FILE))).not.toThrow();
});

test("a valid intent plans without a problem", () => {
  const plan = planBuild(parseIntent(intentText(`files: {${S3}}`), FILE));
  expect(plan.proxies.map((p) => p.roles.map((r) => r.name))).toEqual([["apigee-files-test", "apigee-files-prod"]]);
});
