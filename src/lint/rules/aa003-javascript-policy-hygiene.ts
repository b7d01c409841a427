// AA003: a JavaScript policy bounds its run time and names only resources the
// bundle holds. Apigee documents no default or maximum for timeLimit; a
// script without one can hold a message-processor thread for as long as the
// whole call lasts, and more than 60 s can never take effect because Apigee
// gives up on a proxy call after about 55-57 s (its default I/O timeout).

import { firstChild, positionOf, trimmedOwnText, type Element } from "../../bundle/xml";
import type { BundleModel, PolicyFile } from "./model/bundle";
import { resourceByUrl } from "./model/bundle";
import { javascriptPolicies, scriptUrls } from "./model/policies";
import { defineRule, RuleFinding } from "./rule";

export const TIME_LIMIT_MIN_MS = 1;
export const TIME_LIMIT_MAX_MS = 60000;

/** A problem with a timeLimit attribute value, or null when it is fine. */
export function timeLimitProblem(value: string | null): string | null {
  if (value === null) return "has no timeLimit";
  if (!/^\s*\d+\s*$/.test(value)) return `has timeLimit="${value}", which is not whole milliseconds`;
  const ms = Number(value);
  if (ms < TIME_LIMIT_MIN_MS || ms > TIME_LIMIT_MAX_MS) return `has timeLimit="${value.trim()}", outside ${TIME_LIMIT_MIN_MS}..${TIME_LIMIT_MAX_MS} ms`;
  return null;
}

function finding(policy: PolicyFile, el: Element, message: string): RuleFinding {
  return { ruleId: "AA003", file: policy.file, ...positionOf(el), message };
}

function urlFindings(bundle: BundleModel, policy: PolicyFile): RuleFinding[] {
  return scriptUrls(policy).flatMap((el) => {
    const url = trimmedOwnText(el);
    const tag = el.tagName;
    if (!/^jsc:\/\/[^/].*\.js$/.test(url)) {
      return [finding(policy, el, `${policy.name}: <${tag}> "${url}" is not a jsc://<file>.js URL; JavaScript resources live in resources/jsc/ and end in .js.`)];
    }
    if (resourceByUrl(bundle, url)) return [];
    return [
      finding(
        policy,
        el,
        `${policy.name}: <${tag}> ${url} is not in the bundle (resources/jsc/${url.slice("jsc://".length)}); add the file, ` +
          "or, if it is deliberately an environment-scoped resource, disable AA003 for this line with <!-- apigeelint disable=AA003 -->."
      )
    ];
  });
}

export function findJavascriptPolicyProblems(bundle: BundleModel): RuleFinding[] {
  return javascriptPolicies(bundle).flatMap((policy) => {
    const out: RuleFinding[] = [];
    const problem = timeLimitProblem(policy.root.getAttribute("timeLimit"));
    if (problem) {
      out.push(
        finding(
          policy,
          policy.root,
          `${policy.name} ${problem}: set timeLimit to the longest the script may run, in ms (${TIME_LIMIT_MIN_MS}..${TIME_LIMIT_MAX_MS}; ` +
            "1000 suits a script without HTTP calls)."
        )
      );
    }
    if (!firstChild(policy.root, "ResourceURL") && !firstChild(policy.root, "Source")) {
      out.push(finding(policy, policy.root, `${policy.name} has neither <ResourceURL> nor <Source>: name its script with <ResourceURL>jsc://<file>.js</ResourceURL>.`));
    }
    return [...out, ...urlFindings(bundle, policy)];
  });
}

export const rule = defineRule({
  id: "AA003",
  name: "javascript-policy-hygiene",
  severity: 2,
  summary: "Every JavaScript policy sets timeLimit between 1 and 60000 ms, and the resources it names are in the bundle.",
  fix: 'Set timeLimit="<ms>" (1 to 60000) on the <Javascript> element, and add the missing jsc:// resource under resources/jsc/.',
  checkBundle: findJavascriptPolicyProblems
});
