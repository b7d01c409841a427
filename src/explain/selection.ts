// `--proxy NAME` and `--env NAME`: which parts of the intent to explain. A
// name that is not in the intent is refused with the closest one and the list.

import { UserError } from "../common/user-error";
import type { Intent, ProxyIntent } from "../intent/model";
import { didYouMean } from "../intent/did-you-mean";

export interface Selection {
  proxy?: string;
  env?: string;
}

export function selectedProxies(intent: Intent, selection: Selection): ProxyIntent[] {
  if (selection.proxy === undefined) return intent.proxies;
  const names = intent.proxies.map((p) => p.name);
  const proxy = intent.proxies.find((p) => p.name === selection.proxy);
  if (!proxy) throw new UserError(notFound("proxy", selection.proxy, names, intent.file));
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
