// Helpers for the explain tests: templates as intents, the documents their
// build writes, and intents changed one field at a time.

import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../../src/common/paths";
import { emittedDocuments } from "../../src/explain/emitted";
import { explainPlan, type EmittedDocuments, type Selection } from "../../src/explain/facts";
import type { Explanation, ProxyFacts } from "../../src/explain/model";
import { parseIntent, type Intent } from "../../src/intent";
import { awsFiles } from "../../src/output/aws-files";
import { planBuild } from "../../src/plan";

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

/** What explain reads for the intent. */
export function documentsOf(intent: Intent): EmittedDocuments {
  return emittedDocuments(planBuild(intent));
}

/** Everything the build writes under aws/ for the intent. */
export function awsDocuments(intent: Intent): Map<string, string> {
  return awsFiles(planBuild(intent));
}

export function explained(intent: Intent, selection: Selection = {}, uniqueIds: Record<string, string> = {}): Explanation {
  const plan = planBuild(intent, { uniqueIds });
  return explainPlan(plan, emittedDocuments(plan), selection);
}

/** The explanation of the intent from other documents than its own (a test that edits them). */
export function explainedFrom(intent: Intent, documents: EmittedDocuments, selection: Selection = {}): Explanation {
  return explainPlan(planBuild(intent), documents, selection);
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
