// The one-line proxy form, exactly as the issue states it, resolves to the
// model with every default filled in.

import { DEFAULT_INLINE_TYPES } from "../../src/intent/inline-types";
import { parseIntent } from "../../src/intent/index";
import { s3PrefixFor, type S3Target } from "../../src/intent/model";
import { HEADER, FIRST_LINE_AFTER_HEADER, onlyProblem, withProxies } from "./support";

const EXAMPLE = `${HEADER}proxies:
  artifacts: s3://acme-artifacts/builds/ read
  uploads: s3://acme-uploads/incoming/ write
  reports: s3://acme-reports/ read-write
`;

const JWT = { issuer: "https://auth.acme.example/", audience: "acme-apis", jwksUri: "https://auth.acme.example/.well-known/jwks.json", maxLifespan: "24h" };

test("the issue's example resolves every proxy with its defaults", () => {
  const intent = parseIntent(EXAMPLE, "acme.yaml");
  expect(intent.file).toBe("acme.yaml");
  expect(intent.aws).toEqual({ account: "123456789012", region: "us-east-1" });
  expect(intent.identity).toEqual({ per: "proxy-environment", project: "acme-apis", projects: {}, location: { file: "acme.yaml", line: 4, column: 1 } });
  expect(intent.environments).toEqual(["test", "prod"]);
  expect(intent.proxies[0]).toEqual({
    name: "artifacts",
    target: { kind: "s3", bucket: "acme-artifacts", prefix: "builds/" },
    access: "read",
    delete: false,
    basePath: "/artifacts",
    auth: { kind: "jwt", jwt: JWT },
    identity: "gateway",
    roles: { test: "apigee-artifacts-test", prod: "apigee-artifacts-prod" },
    quota: null,
    spikeArrest: null,
    cors: null,
    headers: [],
    inlineTypes: DEFAULT_INLINE_TYPES,
    trust: null,
    location: { file: "acme.yaml", line: FIRST_LINE_AFTER_HEADER + 1, column: 3 }
  });
  expect(intent.proxies.map((p) => [p.name, p.target, p.access, p.basePath, p.roles])).toEqual([
    ["artifacts", { kind: "s3", bucket: "acme-artifacts", prefix: "builds/" }, "read", "/artifacts", { test: "apigee-artifacts-test", prod: "apigee-artifacts-prod" }],
    ["uploads", { kind: "s3", bucket: "acme-uploads", prefix: "incoming/" }, "write", "/uploads", { test: "apigee-uploads-test", prod: "apigee-uploads-prod" }],
    ["reports", { kind: "s3", bucket: "acme-reports", prefix: "" }, "read-write", "/reports", { test: "apigee-reports-test", prod: "apigee-reports-prod" }]
  ]);
});

test("access defaults to read, and an unquoted account ID keeps its digits", () => {
  const text = withProxies("  logs: s3://acme-logs/\n").replace('account: "123456789012"', "account: 012345678901");
  const intent = parseIntent(text, "x.yaml");
  expect(intent.proxies[0].access).toBe("read");
  expect(intent.aws.account).toBe("012345678901");
});

test("an unquoted 21-digit unique ID keeps every digit", () => {
  const text = withProxies("  logs: s3://acme-logs/\n").replace("identity:\n  project: acme-apis\n", "identity:\n  per: shared\n  serviceAccount: apigee-runtime@acme-apis.iam.gserviceaccount.com\n  uniqueId: 112233445566778899001\n");
  const identity = parseIntent(text, "x.yaml").identity;
  expect(identity?.per === "shared" && identity.uniqueId).toBe("112233445566778899001");
});

test("a third word points at that word", () => {
  const line = "  logs: s3://acme-logs/ read now";
  const p = onlyProblem(withProxies(`${line}\n`));
  expect(p).toMatchObject({ line: FIRST_LINE_AFTER_HEADER + 1, column: line.indexOf("now") + 1, path: "proxies.logs" });
  expect(p.message).toContain("'now' is one word too many");
  expect(p.message).toContain("mapping form");
});

test("an https target in the one-line form says to use the mapping form with sign", () => {
  const p = onlyProblem(withProxies("  fn: https://lambda.us-east-1.amazonaws.com read\n"));
  expect(p.path).toBe("proxies.fn");
  expect(p.message).toMatch(/mapping form.*sign: \{service/);
});

test("a misspelt access points at the word and suggests the right one", () => {
  const line = "  logs: s3://acme-logs/ raed";
  const p = onlyProblem(withProxies(`${line}\n`));
  expect(p).toMatchObject({ line: FIRST_LINE_AFTER_HEADER + 1, column: line.indexOf("raed") + 1, path: "proxies.logs" });
  expect(p.message).toContain("Did you mean 'read'?");
});

test("positions inside a quoted one-line value skip the quote", () => {
  const line = `  logs: "s3://Acme-logs/ read"`;
  const p = onlyProblem(withProxies(`${line}\n`));
  expect(p.column).toBe(line.indexOf("Acme") + 1);
  expect(p.message).toContain("uppercase");
});

test("{env} may be a whole folder of an S3 prefix; any other brace is refused", () => {
  const intent = parseIntent(withProxies("  shared: s3://acme-shared/{env}/data/ read\n"), "x.yaml");
  expect(intent.proxies[0].target).toEqual({ kind: "s3", bucket: "acme-shared", prefix: "{env}/data/" });
  expect(s3PrefixFor(intent.proxies[0].target as S3Target, "prod")).toBe("prod/data/");
  expect(onlyProblem(withProxies("  shared: s3://acme-shared/data-{env}/ read\n")).message).toMatch(/'\{' or '\}' outside the placeholder \{env\}, which may only be a whole folder name/);
  expect(onlyProblem(withProxies("  shared: s3://acme-shared/{environment}/ read\n")).message).toMatch(/outside the placeholder \{env\}/);
});
