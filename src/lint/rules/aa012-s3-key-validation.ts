// AA012: a proxy in front of S3 (as in AA011) validates the object key it
// takes from the request path before signing: without a check, "." and ".."
// segments, escaped slashes and empty segments can address keys outside the
// proxy's prefix (IAM scoping to the prefix is the second line). On the
// target's request path, any of:
//   - a JavaScript step running s3-key.js, or a script with a ".."/'..' literal
//     or a \.\. regular expression;
//   - a RaiseFault step whose condition (or its Flow's) mentions "..", \.\.,
//     [.][.] or %2e;
//   - a RegularExpressionProtection step with such a pattern.
// The rule checks that a check exists, not that it is right.

import { descendants, positionOf, trimmedOwnText } from "../../bundle/xml";
import { s3Targets } from "./model/aws-calls";
import type { BundleModel, StepRef } from "./model/bundle";
import { guardOf, targetRequestPath } from "./model/flows";
import { policyScripts } from "./model/policies";
import { defineRule, RuleFinding } from "./rule";

const DOT_DOT = /\.\.|\\\.\\\.|\[\.\]\[\.\]|%2e/i;
const SCRIPT_DOT_DOT = /(["'])\.\.\1|\\\.\\\./;

function hasKeyValidation(bundle: BundleModel, path: StepRef[]): boolean {
  return path.some((step) => {
    const policy = bundle.policies.get(step.policyName);
    if (!policy) return false;
    if (policy.type === "Javascript") return policyScripts(bundle, policy).some((s) => s.name === "s3-key.js" || SCRIPT_DOT_DOT.test(s.text));
    if (policy.type === "RaiseFault") return DOT_DOT.test(guardOf(step));
    if (policy.type === "RegularExpressionProtection") return descendants(policy.root, "Pattern").some((p) => DOT_DOT.test(trimmedOwnText(p)));
    return false;
  });
}

export function findMissingKeyValidation(bundle: BundleModel): RuleFinding[] {
  return s3Targets(bundle).flatMap(({ target, url }) => {
    if (hasKeyValidation(bundle, targetRequestPath(bundle, target))) return [];
    return [
      {
        ruleId: "AA012",
        file: url.file,
        ...positionOf(url.element),
        message:
          `TargetEndpoint ${target.name} fronts S3, but nothing validates the object key from the request path: run a key check ` +
          "(the generated JS-S3-Key with s3-key.js), or a RaiseFault step with a condition such as proxy.pathsuffix ~~ \".*[.][.].*\"."
      }
    ];
  });
}

export const rule = defineRule({
  id: "AA012",
  name: "s3-key-validation",
  severity: 1,
  summary: "A proxy in front of S3 validates the object key taken from the request path (no '.' or '..' segments, no escapes out of the prefix).",
  fix: "Run a key check before the target (the generated JS-S3-Key with s3-key.js), or a RaiseFault whose condition rejects '..' in proxy.pathsuffix.",
  checkBundle: findMissingKeyValidation
});
