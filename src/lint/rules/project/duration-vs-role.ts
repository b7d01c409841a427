// AA006 across files: a proxy's literal aws.credentials.durationSeconds is no
// more than the maxSessionDuration of its roles (aws/<env>/<proxy>/role.json,
// IAM's default 3600 when unset); STS answers a longer request with a 400
// ValidationError, which aws-credentials turns into a 500 for every call.

import type { RuleFinding } from "../finding";
import { loadBundle } from "../model/bundle";
import { positionOf } from "../model/xml";
import { durationProblem, durationSettings, DURATION_PARAMETER } from "../detectors/credential-duration";
import { asGiven, RoleDocument } from "./role-sharing";

const IAM_DEFAULT_SESSION = 3600;

export function durationBeyondRoleFindings(bundleDirs: string[], roles: RoleDocument[]): RuleFinding[] {
  return bundleDirs.flatMap((dir) => {
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
