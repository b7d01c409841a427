// AA006: a literal aws.credentials.durationSeconds (a FlowCallout parameter,
// or an AssignVariable before the callout) is whole seconds from 900 to
// 43200, the range STS AssumeRoleWithWebIdentity accepts and the one the
// aws-credentials shared flow enforces at runtime (with a 500 per request).
// The project check adds: no more than the role's maxSessionDuration.

import type { BundleModel } from "../model/bundle";
import { assignVariables, flowCalloutParameters } from "../model/policies";
import { positionOf, XmlElement } from "../model/xml";
import type { RuleFinding } from "../finding";

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
  element: XmlElement;
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
