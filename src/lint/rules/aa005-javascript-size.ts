// AA005: how much script one JavaScript policy loads (its ResourceURL and
// every IncludeURL). Apigee rejects a resource file over 15 MB; far below
// that, every byte is compiled by Rhino per policy and held per message
// processor, and big scripts are usually bundled libraries that duplicate a
// native policy. The warning threshold, 64 KiB, is five times the largest
// callout this project ships (12.8 KB; the signing callout's budget is 12 KiB).

import { positionOf, trimmedOwnText } from "../../bundle/xml";
import type { BundleModel } from "./model/bundle";
import { resourceByUrl } from "./model/bundle";
import { javascriptPolicies, scriptUrls } from "./model/policies";
import { defineRule, RuleFinding } from "./rule";

export const SCRIPT_WARNING_BYTES = 64 * 1024;
/** Apigee's limit for one resource file (X and hybrid limits page). */
export const RESOURCE_LIMIT_BYTES = 15 * 1024 * 1024;

export function findOversizedScripts(bundle: BundleModel): RuleFinding[] {
  return javascriptPolicies(bundle).flatMap((policy) => {
    const loaded = scriptUrls(policy).flatMap((el) => {
      const resource = resourceByUrl(bundle, trimmedOwnText(el));
      return resource ? [{ el, url: trimmedOwnText(el), size: resource.size }] : [];
    });
    const tooLarge = loaded
      .filter((r) => r.size > RESOURCE_LIMIT_BYTES)
      .map((r) => ({
        ruleId: "AA005",
        file: policy.file,
        ...positionOf(r.el),
        severity: 2 as const,
        message: `${r.url} is ${r.size} bytes, over Apigee's 15 MB limit for a resource file: the bundle will not deploy. Split it or move the work into native policies.`
      }));
    const total = loaded.reduce((sum, r) => sum + r.size, 0);
    if (tooLarge.length || total <= SCRIPT_WARNING_BYTES) return tooLarge;
    const main = loaded[loaded.length - 1];
    const parts = loaded.map((r) => `${r.url} ${r.size}`).join(", ");
    return [
      {
        ruleId: "AA005",
        file: policy.file,
        ...positionOf(main.el),
        message:
          `${policy.name} loads ${total} bytes of JavaScript (${parts}), over ${SCRIPT_WARNING_BYTES}: Rhino compiles all of it for this policy. ` +
          "Drop unused library code, or move hashing, HMAC and JWT work into native policies."
      }
    ];
  });
}

export const rule = defineRule({
  id: "AA005",
  name: "javascript-size",
  severity: 1,
  severityNote: "error over 15 MB",
  summary: "A JavaScript policy loads at most 64 KiB of script (ResourceURL plus IncludeURLs); a resource over Apigee's 15 MB limit is an error.",
  fix: "Move work into native policies (AssignMessage templates, HMAC, JWT) or split the script; drop unused library code.",
  checkBundle: findOversizedScripts
});
