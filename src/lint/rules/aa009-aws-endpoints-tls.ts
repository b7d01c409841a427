// AA009: AWS endpoints over TLS that Apigee verifies: an https URL, and an
// <SSLInfo> with Enabled and Enforce true (and IgnoreValidationErrors not
// true) in the HTTPTargetConnection of each target or ServiceCallout that
// reaches AWS. A target.url set to an http:// AWS URL is reported too.

import { childAt, firstChild, positionOf, trimmedOwnText, type Element } from "../../bundle/xml";
import { AwsUrl, awsServiceCallouts, awsTargets } from "./model/aws-calls";
import { parseUrlTemplate } from "./model/aws-endpoints";
import type { BundleModel } from "./model/bundle";
import { defineRule, RuleFinding } from "./rule";

/** What is wrong with an SSLInfo element, or null. */
export function sslInfoProblem(sslInfo: Element | null): string | null {
  if (!sslInfo) return "has no <SSLInfo>";
  const flag = (name: string) => trimmedOwnText(firstChild(sslInfo, name)).toLowerCase();
  if (flag("Enabled") !== "true") return "has <SSLInfo> without <Enabled>true</Enabled>";
  if (flag("Enforce") !== "true") return "has <SSLInfo> without <Enforce>true</Enforce>";
  if (flag("IgnoreValidationErrors") === "true") return "has <SSLInfo> with <IgnoreValidationErrors>true</IgnoreValidationErrors>";
  return null;
}

const SSL_FIX = "set <SSLInfo><Enabled>true</Enabled><Enforce>true</Enforce></SSLInfo> in the HTTPTargetConnection so Apigee verifies the AWS certificate";

function check(what: string, connectionRoot: Element, url: AwsUrl): RuleFinding[] {
  if (url.kind === "s3-website") return [];
  const out: RuleFinding[] = [];
  if (parseUrlTemplate(url.url)?.scheme !== "https") {
    out.push({ ruleId: "AA009", file: url.file, ...positionOf(url.element), message: `${what} calls AWS over ${url.url.split(":")[0]}: use https:// (${url.url}).` });
  }
  if (!url.assigned) {
    const sslInfo = childAt(connectionRoot, ["HTTPTargetConnection", "SSLInfo"]);
    const problem = sslInfoProblem(sslInfo);
    if (problem) out.push({ ruleId: "AA009", file: url.file, ...positionOf(sslInfo ?? url.element), message: `${what} ${problem}: ${SSL_FIX}.` });
  }
  return out;
}

export function findInsecureAwsConnections(bundle: BundleModel): RuleFinding[] {
  return [
    ...awsTargets(bundle).flatMap(({ target, urls }) => urls.flatMap((url) => check(`TargetEndpoint ${target.name}`, target.root, url))),
    ...awsServiceCallouts(bundle).flatMap(({ policy, url }) => check(`ServiceCallout ${policy.name}`, policy.root, url))
  ];
}

export const rule = defineRule({
  id: "AA009",
  name: "aws-endpoints-tls",
  severity: 2,
  summary: "AWS endpoints are called over https with <SSLInfo> Enabled and Enforce true.",
  fix: "Use an https:// URL and add <SSLInfo><Enabled>true</Enabled><Enforce>true</Enforce></SSLInfo> to the HTTPTargetConnection.",
  checkBundle: findInsecureAwsConnections
});
