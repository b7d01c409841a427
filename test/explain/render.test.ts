// The two renderings of an explanation: text for people (sections per proxy
// then per environment, wrapped at 100 columns) and JSON for tools (the
// facts, unchanged, with stable keys).

import { renderJson } from "../../src/explain/render-json";
import { renderText } from "../../src/explain/render-text";
import { wrap } from "../../src/explain/wrap";
import { explained, templateIntent } from "./support";

const s3Read = explained(templateIntent("s3-read"));
const full = explained(templateIntent("full"));

/** A line may pass 100 columns only when it holds a single word that is longer on its own (an ARN, a URL). */
function overlong(text: string): string[] {
  return text.split("\n").filter((line) => line.length > 100 && line.trim().replace(/^[-+] /, "").includes(" "));
}

describe("text", () => {
  const text = renderText(s3Read);

  test("one section per proxy, its path from caller to AWS, then one section per environment", () => {
    const headings = ["Proxy artifacts:", "  Who may call", "  Requests", "  Limits", "  CORS", "  Headers on the way to AWS", "  Identity Apigee presents to AWS: gateway", "  artifacts in environment test", "  artifacts in environment prod"];
    const at = headings.map((h) => text.split("\n").findIndex((line) => line.startsWith(h)));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  test("says the request forms, the role, the trust conditions and the permissions in words", () => {
    expect(text).toContain("    GET  /artifacts/<key>  returns the object s3://my-artifacts/builds/<key>\n");
    expect(text).toContain("Role arn:aws:iam::123456789012:role/apigee-artifacts-prod (max session 3600 s)");
    expect(text).toContain("      - accounts.google.com:oaud: the token's audience (aud) is sts.amazonaws.com");
    expect(text).toContain("      - s3:GetObject on arn:aws:s3:::my-artifacts/builds/*; used for reading objects (GET, HEAD)\n");
    expect(text).toMatch(/- s3:ListBucket on arn:aws:s3:::my-artifacts only for keys under builds\/; used for listing\n\s+keys/);
  });

  test("wrapped at 100 columns for every template", () => {
    expect(overlong(text)).toEqual([]);
    expect(overlong(renderText(full))).toEqual([]);
    expect(renderText(full)).toContain("https://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com/prod/<path>[?<query>],"); // never cut inside
  });

  test("says each environment's AWS account and region: once when they are shared, per environment when not", () => {
    expect(text.startsWith("templates/s3-read.yaml: AWS account 123456789012, region us-east-1; environments test, prod; 1\nproxy.\n")).toBe(true);
    expect(text).toContain("  artifacts in environment prod\n    AWS account 123456789012, region us-east-1.\n");
    const fullText = renderText(full);
    expect(fullText.startsWith("templates/full.yaml: AWS test in account 123456789012, region eu-central-1; prod in account\n210987654321, region eu-west-1; environments test, prod; 5 proxies.\n")).toBe(true);
    expect(fullText).toContain("  reports in environment prod\n    AWS account 210987654321, region eu-west-1 (the bundle reads it from\n    propertyset.apigeeaws.reports.region).\n");
  });

  test("a signed target without permissions says what to attach; SSM headers are named, never valued", () => {
    const fullText = renderText(full);
    expect(fullText).toContain("    Permissions: none written by the build.\n      The proxy signs requests to execute-api");
    expect(fullText).toContain("    + X-Api-Key: read from SSM Parameter Store (/apigee/{env}/reports/api-key) at runtime");
    expect(fullText).toContain("Anyone: auth is public, no token is checked.");
    expect(fullText).toContain("Note: No condition on the subject");
  });
});

describe("json", () => {
  test("is the explanation itself, top-level keys in a stable order", () => {
    const json = renderJson(full);
    expect(json.endsWith("}\n")).toBe(true);
    const parsed = JSON.parse(json);
    expect(parsed).toEqual(full);
    expect(Object.keys(parsed)).toEqual(["version", "intent", "aws", "environments", "proxies"]);
    expect(Object.keys(parsed.proxies[0])).toEqual(["name", "basePath", "target", "callers", "requests", "limits", "cors", "headers", "answers", "identity", "environments"]);
    expect(Object.keys(parsed.proxies[0].environments[0])).toEqual(["name", "aws", "role", "trust", "permissions", "secrets"]);
  });
});

describe("wrap", () => {
  test("breaks at spaces with a hanging indent", () => {
    expect(wrap("aaa bbb ccc ddd", "> ", "  ", 9)).toEqual(["> aaa bbb", "  ccc ddd"]);
  });

  test("keeps a word longer than the line whole", () => {
    expect(wrap("see arn:aws:s3:::a-very-long-bucket-name/prefix/* now", "", "", 12)).toEqual(["see", "arn:aws:s3:::a-very-long-bucket-name/prefix/*", "now"]);
  });

  test("an empty text is the indent alone", () => {
    expect(wrap("", "  ")).toEqual(["  "]);
  });
});
