// Helpers for the explain tests: templates as intents, the documents their
// build writes, and intents changed one field at a time.

import * as fs from "node:fs";
import * as path from "node:path";
import { awsDocuments } from "../../src/aws-side/documents";
import { packageRoot } from "../../src/common/paths";
import { explainIntent, type EmittedDocuments, type Selection } from "../../src/explain/facts";
import type { Explanation, ProxyFacts } from "../../src/explain/model";
import { propertySetEntries } from "../../src/generator";
import { parseIntent, type Intent } from "../../src/intent";

export function templateText(name: string): string {
  return fs.readFileSync(path.join(packageRoot(), "templates", `${name}.yaml`), "utf8");
}

/** The template as an intent, optionally edited first (an edit that changes nothing fails the test). */
export function templateIntent(name: string, edit?: (text: string) => string): Intent {
  const before = templateText(name);
  const after = edit ? edit(before) : before;
  if (edit && after === before) throw new Error(`the edit changed nothing in templates/${name}.yaml`);
  return parseIntent(after, `templates/${name}.yaml`);
}

/** What the build writes for the intent, made by the build's own functions. */
export function documentsOf(intent: Intent): EmittedDocuments {
  return { aws: awsDocuments(intent), propertySets: new Map(intent.environments.map((env) => [env, propertySetEntries(intent, env)])) };
}

export function explained(intent: Intent, selection: Selection = {}): Explanation {
  return explainIntent(intent, documentsOf(intent), selection);
}

export function proxyOf(explanation: Explanation, name: string): ProxyFacts {
  const proxy = explanation.proxies.find((p) => p.name === name);
  if (!proxy) throw new Error(`no proxy ${name} in the explanation (have ${explanation.proxies.map((p) => p.name).join(", ")})`);
  return proxy;
}

export function envOf(proxy: ProxyFacts, env: string) {
  const facts = proxy.environments.find((e) => e.name === env);
  if (!facts) throw new Error(`no environment ${env} for ${proxy.name}`);
  return facts;
}
