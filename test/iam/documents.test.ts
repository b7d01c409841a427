// The file set: paths, formats, validity as IAM documents, determinism, and
// the limits only the written documents show (IAM's size quotas).

import { policyJson, sortedJson } from "../../src/iam/policy-json";
import { MAX_SESSION_DURATION_SECONDS } from "../../src/iam/role";
import { validatePolicyDocument } from "../../src/iam/validate";
import type { Intent } from "../../src/intent/model";
import { planBuild } from "../../src/plan";
import { ACCOUNT, RUNTIME_SA, awsDocuments, intent, planned, proxy, smallIntent } from "./fixtures";

const STATEMENT_ORDER = ["Sid", "Effect", "Principal", "Action", "Resource", "Condition"];

describe("the file set", () => {
  const files = awsDocuments(smallIntent());

  test("three documents per proxy and environment (two for a signed target), and the Terraform module, sorted by path", () => {
    expect([...files.keys()]).toEqual([
      "aws/prod/builds/permissions-policy.json",
      "aws/prod/builds/role.json",
      "aws/prod/builds/trust-policy.json",
      "aws/prod/lambda/role.json",
      "aws/prod/lambda/trust-policy.json",
      "aws/prod/uploads/permissions-policy.json",
      "aws/prod/uploads/role.json",
      "aws/prod/uploads/trust-policy.json",
      "aws/terraform/main.tf",
      "aws/terraform/outputs.tf",
      "aws/terraform/variables.tf",
      "aws/test/builds/permissions-policy.json",
      "aws/test/builds/role.json",
      "aws/test/builds/trust-policy.json",
      "aws/test/lambda/role.json",
      "aws/test/lambda/trust-policy.json",
      "aws/test/uploads/permissions-policy.json",
      "aws/test/uploads/role.json",
      "aws/test/uploads/trust-policy.json"
    ]);
  });

  test("every policy document is one IAM accepts, of the right kind", () => {
    for (const [path, text] of files) {
      if (path.endsWith("trust-policy.json")) expect(() => validatePolicyDocument(text, "trust")).not.toThrow();
      if (path.endsWith("permissions-policy.json")) expect(() => validatePolicyDocument(text, "permissions")).not.toThrow();
    }
    // And the kinds are not interchangeable: a trust policy has a Principal, a permissions policy a Resource.
    expect(() => validatePolicyDocument(files.get("aws/prod/builds/trust-policy.json")!, "permissions")).toThrow(/must not specify a Principal/);
    expect(() => validatePolicyDocument(files.get("aws/prod/builds/permissions-policy.json")!, "trust")).toThrow(/prohibited field Resource/);
  });

  test("JSON files: 2-space indent, trailing newline, Version before Statement, statement elements in IAM's order", () => {
    for (const [path, text] of [...files].filter(([p]) => p.endsWith(".json"))) {
      expect(text.endsWith("}\n")).toBe(true);
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
      if (!path.endsWith("policy.json")) continue;
      const doc = JSON.parse(text) as { Statement: Record<string, unknown>[] };
      expect(Object.keys(doc)).toEqual(["Version", "Statement"]);
      for (const statement of doc.Statement) {
        const keys = Object.keys(statement);
        expect(keys).toEqual(STATEMENT_ORDER.filter((k) => keys.includes(k)));
      }
    }
  });

  test("role.json: the role's name, session length and description, keys sorted", () => {
    const role = files.get("aws/prod/builds/role.json")!;
    expect(Object.keys(JSON.parse(role))).toEqual(["description", "maxSessionDuration", "name"]);
    expect(JSON.parse(role)).toEqual({
      description: `apigee-aws: Apigee proxy builds in environment prod, assumed by the Google service account ${RUNTIME_SA.serviceAccount}.`,
      maxSessionDuration: MAX_SESSION_DURATION_SECONDS,
      name: "apigee-builds-prod"
    });
    expect(JSON.parse(files.get("aws/test/uploads/role.json")!).name).toBe("apigee-uploads-test");
  });

  test("a signed target's role says that its permissions are to be attached", () => {
    const role = JSON.parse(files.get("aws/prod/lambda/role.json")!) as { description: string };
    expect(role.description).toMatch(/No permissions derived: attach a policy allowing only the lambda actions this proxy calls\.$/);
  });
});

describe("same intent, same bytes", () => {
  test("two runs are byte-equal", () => {
    const first = awsDocuments(smallIntent());
    const second = awsDocuments(smallIntent());
    expect([...second.entries()]).toEqual([...first.entries()]);
  });

  test("the order of proxies, environments and headers in the intent does not matter", () => {
    const original = smallIntent();
    const shuffled: Intent = {
      ...original,
      environments: [...original.environments].reverse(),
      proxies: [...original.proxies].reverse().map((p) => ({ ...p, headers: [...p.headers].reverse(), roles: Object.fromEntries(Object.entries(p.roles).reverse()) }))
    };
    const a = awsDocuments(original);
    const b = awsDocuments(shuffled);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [path, text] of a) expect(b.get(path)).toBe(text);
  });

  test("key order in the input objects does not reach the output", () => {
    const statement = { Condition: { StringEquals: { b: "2", a: "1" } }, Resource: "arn:aws:s3:::b/*", Action: "s3:GetObject", Effect: "Allow" as const, Sid: "S" };
    expect(policyJson({ Statement: [statement], Version: "2012-10-17" })).toBe(
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Sid": "S",\n      "Effect": "Allow",\n      "Action": "s3:GetObject",\n      "Resource": "arn:aws:s3:::b/*",\n      "Condition": {\n        "StringEquals": {\n          "a": "1",\n          "b": "2"\n        }\n      }\n    }\n  ]\n}\n'
    );
    expect(sortedJson({ z: 1, a: { d: 1, c: 2 } })).toBe('{\n  "a": {\n    "c": 2,\n    "d": 1\n  },\n  "z": 1\n}\n');
  });

  test("an integer-like key, which JavaScript would reorder, is refused", () => {
    expect(() => sortedJson({ b: 1, "10": 2 })).toThrow(/is an integer/);
  });
});

describe("limits only the documents show are refused by the plan, at the proxy", () => {
  test("a missing role for an environment (an intent built in code)", () => {
    const p = proxy({ name: "a", roles: {} });
    expect(() => planBuild(intent([p]))).toThrow(/^apigee-aws\.yaml:10:3: proxies\.a\.role: has no IAM role name for environment "prod"; add role.prod/);
  });

  test("a permissions policy over IAM's inline size limit", () => {
    const headers = Array.from({ length: 150 }, (_, i) => ({ name: `x-${i}`, value: { kind: "ssm" as const, parameter: `/acme/a-fairly-long-parameter-hierarchy/for-size/${i}` } }));
    expect(() => awsDocuments(intent([proxy({ name: "a", headers })]))).toThrow(/^apigee-aws\.yaml:10:3: proxies\.a: its permissions policy is \d+ characters without whitespace, over IAM's limit of 10240; read fewer SSM parameters/);
  });

  test("every problem at once, in file order", () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ name: `x-${i}`, value: { kind: "ssm" as const, parameter: `/acme/a-fairly-long-parameter-hierarchy/for-size/${i}` } }));
    const a = proxy({ name: "a", headers: many, location: { file: "apigee-aws.yaml", line: 20, column: 3 } });
    const b = proxy({ name: "b", roles: {}, location: { file: "apigee-aws.yaml", line: 12, column: 3 } });
    const message = (() => {
      try {
        planBuild(intent([a, b]));
        return "";
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message.split("\n").map((l) => /^[^:]+:\d+:\d+: [^:]+/.exec(l)?.[0])).toEqual(["apigee-aws.yaml:12:3: proxies.b.role", "apigee-aws.yaml:20:3: proxies.a"]);
  });
});

describe("role descriptions", () => {
  test("caller mode names the issuer, and only characters IAM accepts are kept", () => {
    const p = proxy({ name: "up", identity: "caller", auth: { kind: "jwt", jwt: { issuer: "https://login.example.com/ünï", audience: "a", jwksUri: "https://login.example.com/certs", maxLifespan: "24h" } } });
    const text = planned(intent([p]), p, "prod").description;
    expect(text).toBe("apigee-aws: Apigee proxy up in environment prod, assumed with the API caller's JWT from https://login.example.com/ünï.");
    const emoji = planned(intent([{ ...p, name: "up😀" }]), "up😀", "prod").description;
    expect(emoji).toContain("up??");
  });

  test("the account is in every ARN", () => {
    const text = awsDocuments(smallIntent()).get("aws/prod/uploads/trust-policy.json")!;
    expect(text).toContain(`arn:aws:iam::${ACCOUNT}:oidc-provider/`);
  });
});
