// The documents explain describes, made by the build's own functions: the
// AWS side (awsDocuments) and each environment's property set entries. The
// proxy bundles are generated too, and dropped: an intent the build refuses
// is refused here with the same message, so explain never describes
// something `apigee-aws build` would not write.

import { awsDocuments } from "../aws-side/documents";
import { generateProxyBundle, propertySetEntries, readBuiltCallouts } from "../generator";
import type { Intent } from "../intent/model";
import type { EmittedDocuments } from "./environment-facts";

export function emittedDocuments(intent: Intent): EmittedDocuments {
  const callouts = readBuiltCallouts();
  for (const proxy of intent.proxies) generateProxyBundle(intent, proxy, callouts);
  return {
    aws: awsDocuments(intent),
    propertySets: new Map(intent.environments.map((env) => [env, propertySetEntries(intent, env)]))
  };
}
