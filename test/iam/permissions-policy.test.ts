// Least privilege, proved with the IAM evaluator: what each access level
// allows inside the prefix is Allow, and everything next to it (outside the
// prefix, another bucket, another action, another parameter, another way to
// reach KMS) is ImplicitDeny. Policies are evaluated as written to disk.

import fc from "fast-check";
import { policyJson } from "../../src/iam/policy-json";
import { validatePolicyDocument } from "../../src/iam/validate";
import type { Intent, ProxyIntent } from "../../src/intent/model";
import { evaluatePolicies, type ConditionContext, type Decision } from "../../src/stand-ins/aws/iam-policy";
import type { PolicyDocument } from "../../src/iam/document";
import { ACCOUNT, REGION, intent, planned, proxy } from "./fixtures";

const BUCKET = "acme-builds";
const object = (key: string, bucket = BUCKET) => `arn:aws:s3:::${bucket}/${key}`;
const bucketArn = (bucket = BUCKET) => `arn:aws:s3:::${bucket}`;
const parameter = (name: string, region = REGION, account = ACCOUNT) => `arn:aws:ssm:${region}:${account}:parameter/${name.replace(/^\//, "")}`;

/** The permissions policy exactly as emitted: serialised, parsed back, and validated as IAM would on upload. */
function emitted(subject: Intent, p: ProxyIntent = subject.proxies[0]): PolicyDocument {
  const doc = planned(subject, p, "prod").permissionsPolicy;
  if (!doc) throw new Error("no permissions policy emitted");
  return validatePolicyDocument(policyJson(doc), "permissions");
}

function decide(policy: PolicyDocument, action: string, resource: string, context: ConditionContext = {}): Decision {
  return evaluatePolicies([policy], { action, resource, context });
}

describe("read access to a prefix", () => {
  const policy = emitted(intent([proxy({ name: "builds", access: "read" })]));

  test.each([
    ["s3:GetObject", object("builds/app.zip")],
    ["s3:GetObject", object("builds/2026/03/app.zip")],
    ["s3:GetObject", object("builds/")]
  ])("allows %s on %s", (action, resource) => {
    expect(decide(policy, action, resource)).toBe("Allow");
  });

  test.each([
    ["outside the prefix", object("secrets/app.zip")],
    ["a sibling sharing the prefix's letters", object("builds-private/app.zip")],
    ["the prefix without its slash", object("builds")],
    ["another bucket, same key", object("builds/app.zip", "acme-other")],
    ["a bucket whose name extends this one", object("builds/app.zip", "acme-builds-private")]
  ])("denies GetObject %s", (_case, resource) => {
    expect(decide(policy, "s3:GetObject", resource)).toBe("ImplicitDeny");
  });

  test.each(["s3:PutObject", "s3:DeleteObject", "s3:GetObjectVersion", "s3:GetObjectAcl", "s3:PutObjectAcl"])("denies %s in the prefix", (action) => {
    expect(decide(policy, action, object("builds/app.zip"))).toBe("ImplicitDeny");
  });

  test("lists only with a prefix inside the prefix", () => {
    expect(decide(policy, "s3:ListBucket", bucketArn(), { "s3:prefix": "builds/" })).toBe("Allow");
    expect(decide(policy, "s3:ListBucket", bucketArn(), { "s3:prefix": "builds/2026/" })).toBe("Allow");
    expect(decide(policy, "s3:ListBucket", bucketArn(), { "s3:prefix": "secrets/" })).toBe("ImplicitDeny");
    expect(decide(policy, "s3:ListBucket", bucketArn(), { "s3:prefix": "build" })).toBe("ImplicitDeny");
    expect(decide(policy, "s3:ListBucket", bucketArn(), { "s3:prefix": "" })).toBe("ImplicitDeny");
    expect(decide(policy, "s3:ListBucket", bucketArn(), {})).toBe("ImplicitDeny");
    expect(decide(policy, "s3:ListBucket", bucketArn("acme-other"), { "s3:prefix": "builds/" })).toBe("ImplicitDeny");
  });

  test("GetObject is allowed exactly for keys that start with the prefix (any key)", () => {
    const key = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ maxLength: 12 }).map((s) => `builds/${s}`), fc.string({ maxLength: 12 }).map((s) => `builds${s}`));
    fc.assert(
      fc.property(key, (k) => {
        expect(decide(policy, "s3:GetObject", object(k))).toBe(k.startsWith("builds/") ? "Allow" : "ImplicitDeny");
      }),
      { numRuns: 300 }
    );
  });

  test("grants nothing outside S3", () => {
    expect(decide(policy, "ssm:GetParameters", parameter("/acme/anything"))).toBe("ImplicitDeny");
    expect(decide(policy, "kms:Decrypt", `arn:aws:kms:${REGION}:${ACCOUNT}:key/k`, { "kms:ViaService": `ssm.${REGION}.amazonaws.com` })).toBe("ImplicitDeny");
  });
});

describe("a prefix with {env}: each environment's role gets its own folder", () => {
  const envs = ["test", "prod"];
  const subject = intent([proxy({ name: "shared", access: "read", target: { kind: "s3", bucket: BUCKET, prefix: "{env}/data/" } }, envs)], { environments: envs });
  const forEnv = (env: string) => validatePolicyDocument(policyJson(planned(subject, subject.proxies[0], env).permissionsPolicy!), "permissions");

  test("test reads test/data/ and lists it, never prod/data/; prod the reverse", () => {
    const [test, prod] = [forEnv("test"), forEnv("prod")];
    expect([decide(test, "s3:GetObject", object("test/data/a.csv")), decide(test, "s3:GetObject", object("prod/data/a.csv"))]).toEqual(["Allow", "ImplicitDeny"]);
    expect([decide(prod, "s3:GetObject", object("prod/data/a.csv")), decide(prod, "s3:GetObject", object("test/data/a.csv"))]).toEqual(["Allow", "ImplicitDeny"]);
    expect(decide(test, "s3:ListBucket", bucketArn(), { "s3:prefix": "test/data/" })).toBe("Allow");
    expect(decide(test, "s3:ListBucket", bucketArn(), { "s3:prefix": "prod/data/" })).toBe("ImplicitDeny");
  });

  test("no document keeps the placeholder", () => {
    for (const env of envs) expect(policyJson(planned(subject, subject.proxies[0], env).permissionsPolicy!)).not.toContain("{env}");
  });
});

describe("an empty prefix is the whole bucket, and only that bucket", () => {
  const policy = emitted(intent([proxy({ name: "all", target: { kind: "s3", bucket: BUCKET, prefix: "" } })]));

  test("reads any key and lists with or without a prefix", () => {
    expect(decide(policy, "s3:GetObject", object("any/key.txt"))).toBe("Allow");
    expect(decide(policy, "s3:GetObject", object("top.txt"))).toBe("Allow");
    expect(decide(policy, "s3:ListBucket", bucketArn(), {})).toBe("Allow");
    expect(decide(policy, "s3:ListBucket", bucketArn(), { "s3:prefix": "x/" })).toBe("Allow");
  });

  test("another bucket and writing stay denied", () => {
    expect(decide(policy, "s3:GetObject", object("top.txt", "acme-builds2"))).toBe("ImplicitDeny");
    expect(decide(policy, "s3:ListBucket", bucketArn("acme-builds2"), {})).toBe("ImplicitDeny");
    expect(decide(policy, "s3:PutObject", object("top.txt"))).toBe("ImplicitDeny");
  });
});

describe("write, read-write and delete", () => {
  test("write puts in the prefix only, and neither reads, lists nor deletes", () => {
    const policy = emitted(intent([proxy({ name: "w", access: "write" })]));
    expect(decide(policy, "s3:PutObject", object("builds/new.zip"))).toBe("Allow");
    expect(decide(policy, "s3:PutObject", object("other/new.zip"))).toBe("ImplicitDeny");
    expect(decide(policy, "s3:PutObject", object("builds/new.zip", "acme-other"))).toBe("ImplicitDeny");
    expect(decide(policy, "s3:GetObject", object("builds/new.zip"))).toBe("ImplicitDeny");
    expect(decide(policy, "s3:ListBucket", bucketArn(), { "s3:prefix": "builds/" })).toBe("ImplicitDeny");
    expect(decide(policy, "s3:DeleteObject", object("builds/new.zip"))).toBe("ImplicitDeny");
  });

  test("read-write does both in the prefix; DeleteObject needs delete: true", () => {
    const policy = emitted(intent([proxy({ name: "rw", access: "read-write" })]));
    expect(decide(policy, "s3:GetObject", object("builds/a"))).toBe("Allow");
    expect(decide(policy, "s3:PutObject", object("builds/a"))).toBe("Allow");
    expect(decide(policy, "s3:DeleteObject", object("builds/a"))).toBe("ImplicitDeny");
  });

  test("delete: true allows DeleteObject in the prefix and nowhere else", () => {
    const policy = emitted(intent([proxy({ name: "rwd", access: "read-write", delete: true })]));
    expect(decide(policy, "s3:DeleteObject", object("builds/a"))).toBe("Allow");
    expect(decide(policy, "s3:DeleteObject", object("other/a"))).toBe("ImplicitDeny");
    expect(decide(policy, "s3:DeleteObject", object("builds/a", "acme-other"))).toBe("ImplicitDeny");
    expect(decide(policy, "s3:DeleteBucket", bucketArn())).toBe("ImplicitDeny");
  });

  test("statements are named by what they allow, in a fixed order", () => {
    const policy = emitted(intent([proxy({ name: "rwd", access: "read-write", delete: true })]));
    expect((policy.Statement as { Sid: string }[]).map((s) => s.Sid)).toEqual(["ListObjects", "ReadObjects", "WriteObjects", "DeleteObjects"]);
  });
});

describe("SSM parameters read into headers", () => {
  const withHeaders = proxy({
    name: "builds",
    headers: [
      { name: "x-api-key", value: { kind: "ssm", parameter: "/acme/builds/api-key" } },
      { name: "x-flat", value: { kind: "ssm", parameter: "flat-name" } },
      { name: "x-again", value: { kind: "ssm", parameter: "/acme/builds/api-key" } },
      { name: "x-team", value: { kind: "literal", value: "platform" } }
    ]
  });
  const policy = emitted(intent([withHeaders]));
  const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const viaSsm = (name: string): ConditionContext => ({ "kms:ViaService": `ssm.${REGION}.amazonaws.com`, "kms:EncryptionContext:PARAMETER_ARN": parameter(name) });

  test("GetParameters on exactly the named parameters (hierarchical and flat)", () => {
    expect(decide(policy, "ssm:GetParameters", parameter("/acme/builds/api-key"))).toBe("Allow");
    expect(decide(policy, "ssm:GetParameters", parameter("flat-name"))).toBe("Allow");
    expect(decide(policy, "ssm:GetParameters", parameter("/acme/builds/api-key-2"))).toBe("ImplicitDeny");
    expect(decide(policy, "ssm:GetParameters", parameter("/acme/builds"))).toBe("ImplicitDeny");
    expect(decide(policy, "ssm:GetParameters", parameter("/acme/builds/api-key", "us-east-1"))).toBe("ImplicitDeny");
    expect(decide(policy, "ssm:GetParameters", parameter("/acme/builds/api-key", REGION, "210987654321"))).toBe("ImplicitDeny");
  });

  test("no other SSM action, and no parameter for literal headers", () => {
    expect(decide(policy, "ssm:GetParameter", parameter("/acme/builds/api-key"))).toBe("ImplicitDeny");
    expect(decide(policy, "ssm:GetParametersByPath", parameter("/acme/builds"))).toBe("ImplicitDeny");
    expect(decide(policy, "ssm:PutParameter", parameter("/acme/builds/api-key"))).toBe("ImplicitDeny");
    const arns = (policy.Statement as { Sid: string; Resource: string[] }[]).find((s) => s.Sid === "ReadSsmParameters")!.Resource;
    expect(arns).toEqual([parameter("/acme/builds/api-key"), parameter("flat-name")]);
  });

  test("kms:Decrypt only through SSM in the region, only for those parameters", () => {
    expect(decide(policy, "kms:Decrypt", keyArn, viaSsm("/acme/builds/api-key"))).toBe("Allow");
    expect(decide(policy, "kms:Decrypt", keyArn, viaSsm("flat-name"))).toBe("Allow");
    expect(decide(policy, "kms:Decrypt", keyArn, viaSsm("/acme/other/secret"))).toBe("ImplicitDeny");
    expect(decide(policy, "kms:Decrypt", keyArn, { "kms:EncryptionContext:PARAMETER_ARN": parameter("/acme/builds/api-key") })).toBe("ImplicitDeny");
    expect(decide(policy, "kms:Decrypt", keyArn, { ...viaSsm("/acme/builds/api-key"), "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" })).toBe("ImplicitDeny");
    expect(decide(policy, "kms:Decrypt", keyArn, { "kms:ViaService": `ssm.${REGION}.amazonaws.com` })).toBe("ImplicitDeny");
    expect(decide(policy, "kms:Decrypt", `arn:aws:kms:${REGION}:210987654321:key/k`, viaSsm("/acme/builds/api-key"))).toBe("ImplicitDeny");
    expect(decide(policy, "kms:Decrypt", `arn:aws:kms:us-east-1:${ACCOUNT}:key/k`, viaSsm("/acme/builds/api-key"))).toBe("ImplicitDeny");
    expect(decide(policy, "kms:Encrypt", keyArn, viaSsm("/acme/builds/api-key"))).toBe("ImplicitDeny");
  });

  test("a proxy without ssm: headers gets no SSM or KMS statement", () => {
    const plain = emitted(intent([proxy({ name: "plain", headers: [{ name: "x-team", value: { kind: "literal", value: "p" } }] })]));
    expect((plain.Statement as { Sid: string }[]).map((s) => s.Sid)).toEqual(["ListObjects", "ReadObjects"]);
  });
});

describe("signed targets (kind aws): nothing is guessed", () => {
  const lambda = proxy({ name: "fn", target: { kind: "aws", url: "https://lambda.eu-west-1.amazonaws.com", service: "lambda", region: "eu-west-1" } });

  test("no permissions policy and a reported gap", () => {
    const subject = intent([lambda, proxy({ name: "builds" })]);
    const role = planned(subject, lambda, "prod");
    expect(role.permissionsPolicy).toBeNull();
    expect(role.permissionGap).toMatch(/lambda actions/);
    expect(planned(subject, "builds", "prod").permissionGap).toBeNull();
  });

  test("its SSM headers are still granted, and nothing else", () => {
    const withSsm = { ...lambda, headers: [{ name: "x-key", value: { kind: "ssm" as const, parameter: "/fn/key" } }] };
    const policy = emitted(intent([withSsm]), withSsm);
    expect((policy.Statement as { Sid: string }[]).map((s) => s.Sid)).toEqual(["ReadSsmParameters", "DecryptSsmParameters"]);
    expect(decide(policy, "lambda:InvokeFunction", `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f`)).toBe("ImplicitDeny");
  });
});
