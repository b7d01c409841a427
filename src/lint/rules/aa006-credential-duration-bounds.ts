// AA006: a literal aws.credentials.durationSeconds (a FlowCallout parameter,
// or an AssignVariable before the callout) is whole seconds from 900 to
// 43200, the range STS AssumeRoleWithWebIdentity accepts and the one the
// aws-credentials shared flow enforces at runtime (with a 500 per request).
// The project check adds: no more than the maxSessionDuration of the
// proxy's roles (aws/<env>/<proxy>/role.json, IAM's default 3600 when unset);
// STS answers a longer request with a 400 ValidationError, which
// aws-credentials turns into a 500 for every call.

import { positionOf, type Element } from "../../bundle/xml";
import type { BundleModel } from "./model/bundle";
import { loadBundle } from "./model/bundle";
import { asGiven, LintRootContents } from "./model/lint-roots";
import { assignVariables, flowCalloutParameters } from "./model/policies";
import { readRoleDocuments } from "./model/role-documents";
import { defineRule, RuleFinding } from "./rule";

export const DURATION_PARAMETER = "aws.credentials.durationSeconds";
export const STS_MIN_DURATION = 900;
export const STS_MAX_DURATION = 43200;

/** What is wrong with a duration value, or null. */
export function durationProblem(value: string): string | null {
  if (!/^\d{1,6}$/.test(value)) return `"${value}" is not whole seconds`;
  const seconds = Number(value);
  if (seconds < STS_MIN_DURATION || seconds > STS_MAX_DURATION) return `${seconds} is outside ${STS_MIN_DURATION}..${STS_MAX_DURATION}`;
  return null;
}

export interface DurationSetting {
  file: string;
  element: Element;
  value: string;
  policyName: string;
}

/** Every literal aws.credentials.durationSeconds in the bundle. */
export function durationSettings(bundle: BundleModel): DurationSetting[] {
  return [...bundle.policies.values()].flatMap((policy) => {
    const fromParameters = policy.type === "FlowCallout" ? flowCalloutParameters(policy).filter((p) => p.name === DURATION_PARAMETER && p.value !== null) : [];
    const fromAssign = assignVariables(policy).filter((av) => av.name === DURATION_PARAMETER && av.value !== null);
    return [
      ...fromParameters.map((p) => ({ file: policy.file, element: p.element, value: p.value!, policyName: policy.name })),
      ...fromAssign.map((av) => ({ file: policy.file, element: av.nameElement ?? av.element, value: av.value!, policyName: policy.name }))
    ];
  });
}

export function findBadDurations(bundle: BundleModel): RuleFinding[] {
  return durationSettings(bundle).flatMap((setting) => {
    const problem = durationProblem(setting.value);
    if (!problem) return [];
    return [
      {
        ruleId: "AA006",
        file: setting.file,
        ...positionOf(setting.element),
        message:
          `${setting.policyName}: ${DURATION_PARAMETER} ${problem}; STS issues credentials for ${STS_MIN_DURATION} to ${STS_MAX_DURATION} seconds ` +
          "(and no longer than the role's MaxSessionDuration), and aws-credentials answers every request with a 500 otherwise."
      }
    ];
  });
}

const IAM_DEFAULT_SESSION = 3600;

/** Across the lint roots: no duration longer than the maxSessionDuration of the proxy's role.json files. */
function durationsBeyondRoles(contents: LintRootContents): RuleFinding[] {
  const roles = readRoleDocuments(contents.roles).documents;
  return contents.bundles.flatMap((dir) => {
    const bundle = loadBundle(dir);
    if (bundle.kind !== "apiproxy") return [];
    const own = roles.filter((r) => r.role.proxy === bundle.name);
    return durationSettings(bundle).flatMap((setting) => {
      if (durationProblem(setting.value)) return [];
      const seconds = Number(setting.value);
      const tooShort = own.filter((r) => {
        const max = typeof r.maxSessionDuration === "number" ? r.maxSessionDuration : IAM_DEFAULT_SESSION;
        return seconds > max;
      });
      if (!tooShort.length) return [];
      const roleList = tooShort.map((r) => `${r.role.file} allows ${typeof r.maxSessionDuration === "number" ? r.maxSessionDuration : `${IAM_DEFAULT_SESSION} (default)`}`).join("; ");
      return [
        {
          ruleId: "AA006",
          file: asGiven(dir, bundle.dir, setting.file),
          ...positionOf(setting.element),
          message:
            `${setting.policyName}: ${DURATION_PARAMETER} ${seconds} is longer than the role's maxSessionDuration (${roleList}): ` +
            "STS refuses it; lower durationSeconds or raise maxSessionDuration."
        }
      ];
    });
  });
}

export const rule = defineRule({
  id: "AA006",
  name: "credential-duration-bounds",
  severity: 2,
  summary: "A literal aws.credentials.durationSeconds is whole seconds from 900 to 43200, and within the role's maxSessionDuration.",
  fix: "Set aws.credentials.durationSeconds to 900..43200 seconds, no more than the role's MaxSessionDuration (default 3600).",
  checkBundle: findBadDurations,
  checkProject: durationsBeyondRoles
});
