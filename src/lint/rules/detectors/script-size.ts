// AA005: how much script one JavaScript policy loads (its ResourceURL and
// every IncludeURL). Apigee rejects a resource file over 15 MB; far below
// that, every byte is compiled by Rhino per policy and held per message
// processor, and big scripts are usually bundled libraries that duplicate a
// native policy. The warning threshold, 64 KiB, is five times the largest
// callout this project ships (12.8 KB; the signing callout's budget is 12 KiB).

import type { BundleModel } from "../model/bundle";
import { resourceByUrl } from "../model/bundle";
import { positionOf, textOf } from "../model/xml";
import type { RuleFinding } from "../finding";
import { javascriptPolicies, scriptUrls } from "./javascript-policies";

export const SCRIPT_WARNING_BYTES = 64 * 1024;
/** Apigee's limit for one resource file (X and hybrid limits page). */
export const RESOURCE_LIMIT_BYTES = 15 * 1024 * 1024;

export function findOversizedScripts(bundle: BundleModel): RuleFinding[] {
  return javascriptPolicies(bundle).flatMap((policy) => {
    const loaded = scriptUrls(policy).flatMap((el) => {
      const resource = resourceByUrl(bundle, textOf(el));
      return resource ? [{ el, url: textOf(el), size: resource.size }] : [];
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
