// The facts layer: an intent and the documents its build writes in, the
// explanation out. Pure: no files, no clock; the command supplies the
// documents (emitted.ts), the renderers format the result.

import type { Intent } from "../intent/model";
import { environmentFacts, type EmittedDocuments } from "./environment-facts";
import { EXPLANATION_VERSION, type Explanation, type ProxyFacts } from "./model";
import { callerFacts, corsFacts, headerFacts, identityFacts, limitFacts, requestFacts, targetFacts } from "./proxy-facts";
import { selectedEnvironments, selectedProxies, type Selection } from "./selection";

export type { EmittedDocuments } from "./environment-facts";
export type { Selection } from "./selection";

export function explainIntent(intent: Intent, documents: EmittedDocuments, selection: Selection = {}): Explanation {
  const environments = selectedEnvironments(intent, selection);
  const proxies = selectedProxies(intent, selection).map(
    (proxy): ProxyFacts => ({
      name: proxy.name,
      basePath: proxy.basePath,
      target: targetFacts(proxy),
      callers: callerFacts(proxy),
      requests: requestFacts(proxy),
      limits: limitFacts(proxy),
      cors: corsFacts(proxy),
      headers: headerFacts(proxy),
      identity: identityFacts(intent, proxy),
      environments: environments.map((env) => environmentFacts(intent, proxy, env, documents))
    })
  );
  return { version: EXPLANATION_VERSION, intent: intent.file, aws: { ...intent.aws }, environments, proxies };
}
