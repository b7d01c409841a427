// Reading policy documents back and putting their elements into words,
// beyond what the templates exercise; and choosing what to explain.

import { UserError } from "../../src/common/user-error";
import { parsePolicyDocument } from "../../src/iam/read";
import { conditionFacts, permissionSummary, principalFacts } from "../../src/explain/policy-words";
import { explained, templateIntent } from "./support";

const none = new Map<string, string>();

test("a condition key explain does not know is shown literally, with its operator", () => {
  expect(conditionFacts({ operator: "IpAddress", key: "aws:SourceIp", values: ["10.0.0.0/8", "192.168.0.0/16"] }, none).meaning).toBe("aws:SourceIp IpAddress one of 10.0.0.0/8, 192.168.0.0/16");
});

test("an exact s3:prefix and several known values", () => {
  expect(conditionFacts({ operator: "StringLike", key: "s3:prefix", values: ["a/*", "b/"] }, none).meaning).toBe("only for keys under a/ or exactly b/");
  expect(conditionFacts({ operator: "StringEquals", key: "accounts.google.com:sub", values: ["1", "2"] }, new Map([["2", "the second"]])).meaning).toBe("the token's subject (sub) is one of 1, 2 (the second)");
});

test("principals: anyone, Google, an OIDC provider, an AWS account", () => {
  expect(principalFacts({ type: "*", values: ["*"] })[0].meaning).toBe("anyone");
  expect(principalFacts({ type: "Federated", values: ["accounts.google.com"] })[0].meaning).toMatch(/^Google-signed ID tokens/);
  expect(principalFacts({ type: "Federated", values: ["arn:aws:iam::123456789012:oidc-provider/id.example.com/r"] })[0].meaning).toMatch(/^tokens of the issuer https:\/\/id\.example\.com\/r, through/);
  expect(principalFacts({ type: "AWS", values: ["arn:aws:iam::123456789012:root"] })[0].meaning).toBe("AWS principal arn:aws:iam::123456789012:root");
});

test("a Deny statement says so", () => {
  expect(permissionSummary("Deny", ["s3:*"], ["*"], [])).toBe("Deny: s3:* on *");
});

test("a document element explain cannot describe is an error, not left out", () => {
  const text = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", NotAction: "s3:*", Resource: "*" }] });
  expect(() => parsePolicyDocument(text, "p.json")).toThrow("p.json statement 1 has NotAction, which explain cannot describe yet");
  expect(() => parsePolicyDocument("{}", "q.json")).toThrow("q.json is not an IAM policy document");
});

describe("--proxy and --env", () => {
  const intent = templateIntent("full");

  test("choose one proxy and one environment", () => {
    const e = explained(intent, { proxy: "reports", env: "prod" });
    expect(e.environments).toEqual(["prod"]);
    expect(e.proxies.map((p) => [p.name, p.environments.map((env) => env.name)])).toEqual([["reports", ["prod"]]]);
  });

  test("an unknown name is refused with the closest one and the list", () => {
    expect(() => explained(intent, { proxy: "report" })).toThrow(UserError);
    expect(() => explained(intent, { proxy: "report" })).toThrow(`there is no proxy "report" in templates/full.yaml. Did you mean 'reports'? Proxies: artifacts, uploads, reports, orders, status.`);
    expect(() => explained(intent, { env: "production" })).toThrow(`there is no environment "production" in templates/full.yaml. Environments: test, prod.`);
    expect(() => explained(intent, { env: "tset" })).toThrow(/Did you mean 'test'\?/);
  });
});
