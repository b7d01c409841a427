// A bundle's policy declarations compiled for the runner, and the references
// only compiled policies know: the jsc:// resources they run.

import type { ProblemList } from "../bundle/load-error";
import type { Bundle } from "../bundle/model";
import type { CompiledPolicy } from "./policy";
import { reportUnchecked } from "../bundle/xml";
import { policyCompiler, supportedPolicyTypes } from "./registry";

export function compilePolicies(bundle: Bundle, problems: ProblemList): Map<string, CompiledPolicy> {
  const compiled = new Map<string, CompiledPolicy>();
  for (const def of bundle.policies.values()) {
    const compile = policyCompiler(def.type);
    if (!compile) {
      problems.add(def.file, def.line, `policy type <${def.type}> is not supported by the runner (supported: ${supportedPolicyTypes().join(", ")})`);
      continue;
    }
    compiled.set(def.name, compile(def, problems));
    reportUnchecked(def.node, problems);
  }
  for (const policy of compiled.values()) {
    for (const script of policy.scripts ?? []) {
      if (!bundle.scripts.has(script)) problems.add(policy.file, policy.line, `resource jsc://${script} is not in resources/jsc/`);
    }
  }
  return compiled;
}
