// {env} in bucket names and SSM parameter names, as in S3 prefixes and role
// names: one intent value, each environment's own name. What AWS checks is
// the name each environment ends up with, so each is checked, and a problem
// names the environment whose name breaks the rule.

import { ENV_PLACEHOLDER, forEnvironment, namesEnvironment } from "./model";

/**
 * Null when `template` is valid in every environment, else what is wrong.
 * A brace outside {env} is refused; without {env} the name is checked as
 * written (the usual message); with it, each environment's name is checked
 * (unless the environments are invalid, which is already reported).
 */
export function placeholderProblem(template: string, environments: readonly string[] | undefined, check: (name: string) => string | null, what: string): string | null {
  if (/[{}]/.test(template.split(ENV_PLACEHOLDER).join(""))) {
    return `${what} '${template}' has a '{' or '}' outside the placeholder ${ENV_PLACEHOLDER}; ${ENV_PLACEHOLDER} (the environment's name) is the only placeholder`;
  }
  if (!namesEnvironment(template)) return check(template);
  for (const env of environments ?? []) {
    const problem = check(forEnvironment(template, env));
    if (problem !== null) return `in environment ${env} (${ENV_PLACEHOLDER} = ${env}), ${problem}; change the ${what} or the environment's name`;
  }
  return null;
}
