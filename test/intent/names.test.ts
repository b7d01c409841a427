// Each naming rule, valid and invalid, on the check functions directly.

import { basePathProblem, environmentNameProblem, proxyNameProblem } from "../../src/intent/apigee-names";
import {
  accountIdProblem,
  awsHostProblem,
  bucketNameProblem,
  parseRoleArn,
  partitionOf,
  prefixProblem,
  regionInHost,
  regionProblem,
  roleNameProblem,
  signingServiceProblem,
  ssmParameterProblem
} from "../../src/intent/aws-names";
import { serviceAccountProblem, uniqueIdProblem } from "../../src/intent/google-names";
import { parseQuota, spikeArrestProblem } from "../../src/intent/rates";
import { headerNameProblem, headerValueProblem, httpsUrlProblem, originProblem } from "../../src/intent/web-names";

function expectValid(check: (value: string) => string | null, values: string[]): void {
  for (const value of values) expect([value, check(value)]).toEqual([value, null]);
}

function expectInvalid(check: (value: string) => string | null, cases: [string, RegExp][]): void {
  for (const [value, why] of cases) expect([value, check(value)]).toEqual([value, expect.stringMatching(why)]);
}

test("S3 bucket names", () => {
  expectValid(bucketNameProblem, ["abc", "acme-artifacts", "a".repeat(63), "1-2-3", "logs-123456789012-us-west-2-an"]);
  expectInvalid(bucketNameProblem, [
    ["ab", /2 characters/],
    ["a".repeat(64), /64 characters/],
    ["Acme", /'A' \(uppercase\)/],
    ["acme_reports", /'_'/],
    ["-acme", /start and end with a letter or digit/],
    ["acme.", /start and end/],
    ["acme..logs", /two adjacent dots/],
    // S3 allows dots, but the proxies' virtual-hosted HTTPS endpoint cannot serve them.
    ["my.bucket.name", /contains '\.', which S3 allows but virtual-hosted HTTPS does not/],
    ["192.168.5.4", /IP address/],
    ["xn--acme", /'xn--'/],
    ["sthree-acme", /'sthree-'/],
    ["amzn-s3-demo-bucket", /'amzn-s3-demo-'/],
    ["acme-s3alias", /'-s3alias'/],
    ["acme--ol-s3", /'--ol-s3'/],
    ["acme.mrap", /'.mrap'/],
    ["acme--usw2-az1--x-s3", /'--x-s3'/],
    ["acme--table-s3", /'--table-s3'/]
  ]);
});

test("S3 key prefixes", () => {
  expectValid(prefixProblem, ["", "builds/", "a/b/c/", "team=1/v1.2/", "it's(old)/"]);
  expectInvalid(prefixProblem, [
    ["/builds/", /starts with '\/'/],
    ["builds", /must end with '\/'/],
    ["a//b/", /'\/\/'/],
    ["a/../b/", /'\.' or '\.\.' segment/],
    ["./a/", /'\.' or '\.\.' segment/],
    ["logs*/", /'\*', an IAM wildcard/],
    ["a?/", /'\?'/],
    ["${aws:username}/", /'\$'.*policy variable/],
    ["a b/", /space or control character \(U\+0020\)/],
    ["a#b/", /'#', which is not usable/],
    ["100%/", /'%'/]
  ]);
});

test("account IDs", () => {
  expectValid(accountIdProblem, ["123456789012", "012345678901"]);
  expectInvalid(accountIdProblem, [
    ["12345678901", /12-digit/],
    ["1234567890123", /12-digit/],
    ["12345678901a", /12-digit/]
  ]);
});

test("regions, by form", () => {
  expectValid(regionProblem, ["us-east-1", "eu-central-1", "us-gov-west-1", "cn-north-1", "ap-southeast-5", "us-iso-east-1", "eusc-de-east-1", "mx-central-1"]);
  expectInvalid(regionProblem, [
    ["us-east1", /Did you mean 'us-east-1'\?/],
    ["US-EAST-1", /Did you mean 'us-east-1'\?/],
    ["us-east-1a", /availability zone.*'us-east-1'/],
    ["useast1", /region code/],
    ["global", /region code/],
    ["", /region code/]
  ]);
  expect(["us-east-1", "cn-northwest-1", "us-gov-east-1", "us-iso-east-1", "us-isob-east-1", "eusc-de-east-1"].map(partitionOf)).toEqual([
    "aws",
    "aws-cn",
    "aws-us-gov",
    "aws-iso",
    "aws-iso-b",
    "aws-eusc"
  ]);
});

test("IAM role names and ARNs", () => {
  expectValid(roleNameProblem, ["apigee-artifacts-prod", "a", "x".repeat(64), "Role_+=,.@-1"]);
  expectInvalid(roleNameProblem, [
    ["", /1 to 64/],
    ["x".repeat(65), /65 characters/],
    ["my role", /' '/],
    ["team/role", /'\/'/],
    ["r{env}", /'\{'/]
  ]);
  expect(parseRoleArn("arn:aws:iam::123456789012:role/reader")).toEqual({ partition: "aws", account: "123456789012", name: "reader" });
  expect(parseRoleArn("arn:aws-us-gov:iam::123456789012:role/reader")).toEqual({ partition: "aws-us-gov", account: "123456789012", name: "reader" });
  expect(parseRoleArn("arn:aws:iam::123456789012:role/team/reader")).toMatch(/path/);
  expect(parseRoleArn("arn:aws:iam::123456789012:user/bob")).toMatch(/not an IAM role ARN/);
  expect(parseRoleArn("arn:aws:iam::1234:role/r")).toMatch(/not an IAM role ARN/);
});

test("SSM parameter names", () => {
  expectValid(ssmParameterProblem, ["/apigee/prod/api-key", "ApiKey", "/a_b.c-d", "/aws/reference/secretsmanager/db", `/${"a/".repeat(14)}z`]);
  expectInvalid(ssmParameterProblem, [
    ["", /nothing after 'ssm:'/],
    ["apigee/prod/key", /does not start with '\/'.*'\/apigee\/prod\/key'/],
    ["/apigee/prod/", /ends with '\/'/],
    ["/apigee//key", /'\/\/'/],
    ["/api key", /' '/],
    ["/a:b", /':'/],
    [`/${"a/".repeat(15)}z`, /16 levels/],
    [`/${"a".repeat(1011)}`, /1012 characters/]
  ]);
});

test("Apigee proxy and environment names", () => {
  expectValid(proxyNameProblem, ["artifacts", "v1.files", "My_Proxy-2"]);
  expectInvalid(proxyNameProblem, [
    ["my proxy", /' '/],
    ["a$b", /'\$'/],
    ["..", /only dots/],
    ["", /needs a name/]
  ]);
  expectValid(environmentNameProblem, ["test", "prod", "eu-prod-2", "ab"]);
  expectInvalid(environmentNameProblem, [
    ["Prod", /lowercase/],
    ["a", /2 to 32/],
    ["1test", /starting with a letter/],
    ["test-", /not ending with a hyphen/],
    ["a".repeat(33), /2 to 32/],
    ["te_st", /lowercase letters, digits and hyphens/]
  ]);
});

test("base paths", () => {
  expectValid(basePathProblem, ["/", "/reports", "/v1/reports", "/teams/*/members", "/a.b_c~d-e"]);
  expectInvalid(basePathProblem, [
    ["reports", /must start with '\/'.*'\/reports'/],
    ["/reports/", /trailing '\/'.*'\/reports'/],
    ["/a//b", /'\/\/'/],
    ["/a/../b", /'\.' or '\.\.'/],
    ["/a b", /segment 'a b'/],
    ["/a*", /segment 'a\*'/]
  ]);
});

test("service accounts and unique IDs", () => {
  expectValid(serviceAccountProblem, ["apigee-runtime@my-project.iam.gserviceaccount.com", "123456789-compute@developer.gserviceaccount.com", "my-project@appspot.gserviceaccount.com", "sa@example.com:proj.iam.gserviceaccount.com"]);
  expectInvalid(serviceAccountProblem, [
    ["apigee-runtime@my-project.iam.gserviceaccount.co", /service account email/],
    ["Apigee@my-project.iam.gserviceaccount.com", /service account email/],
    ["user@example.com", /service account email/],
    ["apigee-runtime", /service account email/]
  ]);
  expectValid(uniqueIdProblem, ["112233445566778899001"]);
  expectInvalid(uniqueIdProblem, [
    ["11223344556677889900", /21-digit.*gcloud iam service-accounts describe/],
    ["1122334455667788990012", /21-digit/],
    ["1.1223344556677889e+20", /21-digit/]
  ]);
});

test("https URLs for the JWT issuer and key set", () => {
  const issuer = (v: string) => httpsUrlProblem(v, { what: "the JWT issuer", allowQuery: false });
  const jwks = (v: string) => httpsUrlProblem(v, { what: "jwksUri", allowQuery: true });
  expectValid(issuer, ["https://auth.example.com/", "https://accounts.google.com", "https://login.example.com/tenant/v2.0"]);
  expectInvalid(issuer, [
    ["http://auth.example.com/", /must be an https URL/],
    ["auth.example.com", /must be an https URL/],
    ["https://user:pw@auth.example.com/", /user name or password/],
    ["https://auth.example.com/#x", /fragment/],
    ["https://auth.example.com/?tenant=1", /query/],
    ["https://", /not a valid URL|no host/]
  ]);
  expectValid(jwks, ["https://auth.example.com/keys?kid=1"]);
});

test("HTTP header names and values, and CORS origins", () => {
  expectValid(headerNameProblem, ["X-Api-Key", "x_trace", "Accept"]);
  expectInvalid(headerNameProblem, [
    ["X Api", /not an HTTP token/],
    ["X:Api", /not an HTTP token/],
    ["Authorization", /set by SigV4 signing/],
    ["host", /set by SigV4 signing/],
    ["X-Amz-Date", /set by SigV4 signing/]
  ]);
  expectValid(headerValueProblem, ["plain", "with\ttab", "ünïcode"]);
  expectInvalid(headerValueProblem, [["two\nlines", /control character \(U\+000A\)/]]);
  expectValid(originProblem, ["*", "https://app.example.com", "http://localhost:3000"]);
  expectInvalid(originProblem, [
    ["https://app.example.com/", /not an origin/],
    ["app.example.com", /not an origin/],
    ["https://App.Example.com", /uppercase.*'https:\/\/app.example.com'/],
    ["ftp://x.example.com", /not an origin/]
  ]);
});

test("AWS endpoint hosts, signing names, and the region in a host", () => {
  expectValid(awsHostProblem, ["lambda.us-east-1.amazonaws.com", "abc.execute-api.eu-west-1.amazonaws.com", "s3.cn-north-1.amazonaws.com.cn", "abc.lambda-url.us-east-1.on.aws", "ssm.us-east-1.api.aws"]);
  expectInvalid(awsHostProblem, [
    ["example.com", /not an AWS endpoint/],
    ["amazonaws.com.evil.example", /not an AWS endpoint/],
    ["evilamazonaws.com", /not an AWS endpoint/]
  ]);
  expectValid(signingServiceProblem, ["lambda", "execute-api", "s3"]);
  expectInvalid(signingServiceProblem, [["Lambda", /signing name/], ["", /signing name/]]);
  expect(regionInHost("lambda.eu-west-1.amazonaws.com")).toBe("eu-west-1");
  expect(regionInHost("sts.amazonaws.com")).toBeNull();
});

test("quota and spike arrest rates", () => {
  expect(parseQuota("600/minute")).toEqual({ count: 600, interval: 1, unit: "minute" });
  expect(parseQuota("10 / month")).toEqual({ count: 10, interval: 1, unit: "month" });
  for (const unit of ["minute", "hour", "day", "month"]) expect(parseQuota(`1/${unit}`)).toMatchObject({ unit });
  // Apigee's Quota counts per minute at the finest; the per-second control is SpikeArrest.
  expect(parseQuota("5/second")).toMatch(/Apigee's Quota cannot count per second .*use spikeArrest: "5ps"/);
  expect(parseQuota("600/minutes")).toMatch(/unknown quota unit 'minutes'. Did you mean 'minute'\?/);
  expect(parseQuota("0/minute")).toMatch(/at least 1/);
  expect(parseQuota("600")).toMatch(/COUNT\/UNIT/);
  expect(parseQuota("600/week")).toMatch(/unknown quota unit 'week'/);
  expectValid(spikeArrestProblem, ["30ps", "100pm", "1ps"]);
  expectInvalid(spikeArrestProblem, [
    ["30", /30ps/],
    ["0ps", /30ps/],
    ["30ph", /30ps/],
    ["30 ps", /30ps/]
  ]);
});
