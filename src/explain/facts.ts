// The facts layer: a build plan and the documents the build writes from it
// in, the explanation out. Pure: no files, no clock; the command supplies the
// documents (emitted.ts), the renderers format the result.

import { awsOf } from "../intent/model";
import type { BuildPlan } from "../plan/model";
import { environmentFacts, type EmittedDocuments } from "./environment-facts";
import { EXPLANATION_VERSION, type Explanation, type ProxyFacts } from "./model";
import { answerFacts, callerFacts, corsFacts, headerFacts, identityFacts, limitFacts, requestFacts, targetFacts } from "./proxy-facts";
import { selectedEnvironments, selectedProxies, type Selection } from "./selection";

export type { EmittedDocuments } from "./environment-facts";
export type { Selection } from "./selection";

export function explainPlan(plan: BuildPlan, documents: EmittedDocuments, selection: Selection = {}): Explanation {
  const { intent } = plan;
  const environments = selectedEnvironments(intent, selection);
  const proxies = selectedProxies(plan, selection).map(
    ({ proxy, ...proxyPlan }): ProxyFacts => ({
      name: proxy.name,
      basePath: proxy.basePath,
      target: targetFacts(proxy),
      callers: callerFacts(proxy),
      requests: requestFacts(proxy),
      limits: limitFacts(proxy),
      cors: corsFacts(proxy),
      headers: headerFacts(proxy),
      answers: answerFacts(proxy),
      identity: identityFacts(plan, { proxy, ...proxyPlan }),
      environments: environments.map((env) => environmentFacts(plan, { proxy, ...proxyPlan }, env, documents))
    })
  );
  const aws = { account: intent.aws.account, region: intent.aws.region, environments: environments.map((name) => ({ name, ...awsOf(intent, name) })) };
  return { version: EXPLANATION_VERSION, intent: intent.file, aws, environments, proxies };
}
