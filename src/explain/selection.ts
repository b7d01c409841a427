// `--proxy NAME` and `--env NAME`: which parts of the intent to explain. A
// name that is not in the intent is refused with the closest one and the list.

import { UserError } from "../common/user-error";
import type { Intent } from "../intent/model";
import type { BuildPlan, ProxyPlan } from "../plan/model";
import { didYouMean } from "../intent/did-you-mean";

export interface Selection {
  proxy?: string;
  env?: string;
}

export function selectedProxies(plan: BuildPlan, selection: Selection): ProxyPlan[] {
  if (selection.proxy === undefined) return plan.proxies;
  const names = plan.proxies.map((p) => p.proxy.name);
  const proxy = plan.proxies.find((p) => p.proxy.name === selection.proxy);
  if (!proxy) throw new UserError(notFound("proxy", selection.proxy, names, plan.intent.file));
  return [proxy];
}

export function selectedEnvironments(intent: Intent, selection: Selection): string[] {
  if (selection.env === undefined) return intent.environments;
  if (!intent.environments.includes(selection.env)) throw new UserError(notFound("environment", selection.env, intent.environments, intent.file));
  return [selection.env];
}

function notFound(what: string, name: string, names: string[], file: string): string {
  return `there is no ${what} "${name}" in ${file}.${didYouMean(name, names)} ${what === "proxy" ? "Proxies" : "Environments"}: ${names.join(", ")}.`;
}
