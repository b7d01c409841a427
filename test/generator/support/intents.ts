// Intent objects for generator tests, built directly (the YAML parser is
// another module's business), with every default resolved as the validator
// would resolve it.

import { DEFAULT_INLINE_TYPES } from "../../../src/intent/inline-types";
import { environmentPropertySet, generateProxyBundle, type BuiltCallouts } from "../../../src/generator";
import type { Intent, ProxyIntent } from "../../../src/intent/model";
import { planBuild } from "../../../src/plan";

export const SERVICE_ACCOUNT = { email: "apigee-runtime@acme-prod.iam.gserviceaccount.com", uniqueId: "104857600000000000001" };
export const ACCOUNT = "111122223333";
export const BUCKET = "acme-artifacts";

export function s3Proxy(overrides: Partial<ProxyIntent> = {}): ProxyIntent {
  return {
    name: "files",
    target: { kind: "s3", bucket: BUCKET, prefix: "builds/" },
    access: "read",
    delete: false,
    basePath: "/files",
    auth: { kind: "public" },
    identity: "gateway",
    roles: { test: "apigee-files-test", prod: "apigee-files-prod" },
    quota: null,
    spikeArrest: null,
    cors: null,
    headers: [],
    inlineTypes: DEFAULT_INLINE_TYPES.slice(),
    trust: null,
    location: { file: "apigee-aws.yaml", line: 1, column: 1 },
    ...overrides
  };
}

export function intentWith(...proxies: ProxyIntent[]): Intent {
  return {
    file: "apigee-aws.yaml",
    aws: { account: ACCOUNT, region: "us-east-1" },
    identity: { per: "shared", serviceAccount: SERVICE_ACCOUNT.email, uniqueId: SERVICE_ACCOUNT.uniqueId, location: { file: "apigee-aws.yaml", line: 2, column: 1 } },
    environments: ["test", "prod"],
    proxies
  };
}

/** The proxy's bundle as the build generates it: through the plan. */
export function generated(intent: Intent, proxy: ProxyIntent, callouts: BuiltCallouts): Map<string, Buffer> {
  const plan = planBuild(intent);
  const proxyPlan = plan.proxies.find((p) => p.proxy.name === proxy.name);
  if (!proxyPlan) throw new Error(`no proxy ${proxy.name} in the plan`);
  return generateProxyBundle(plan, proxyPlan, callouts);
}

/** The environment's property set file as the build writes it. */
export function propertySet(intent: Intent, env: string): string {
  return environmentPropertySet(planBuild(intent), env);
}
