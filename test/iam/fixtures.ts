// Intents built directly from the model type (the YAML parser is separate):
// a small, valid intent and helpers that change one thing at a time.

import { DEFAULT_INLINE_TYPES } from "../../src/intent/inline-types";
import type { Intent, ProxyIntent } from "../../src/intent/model";
import { awsFiles } from "../../src/output/aws-files";
import { planBuild, roleIn, type RolePlan } from "../../src/plan";

export const ACCOUNT = "123456789012";
export const REGION = "eu-west-1";
/** One account every gateway role trusts (per: shared), so the documents name a known unique ID; isolation has its own tests. */
export const RUNTIME_SA = {
  per: "shared" as const,
  serviceAccount: "apigee-runtime@acme-apigee.iam.gserviceaccount.com",
  uniqueId: "112233445566778899001",
  location: { file: "apigee-aws.yaml", line: 2, column: 1 }
};
export const CALLER_ISSUER = "https://login.example.com/realms/apigee";
export const CALLER_AUDIENCE = "apigee-uploads";

type ProxyFields = Partial<Omit<ProxyIntent, "name">> & { name: string };

export function proxy(fields: ProxyFields, environments = ["prod"]): ProxyIntent {
  const roles = Object.fromEntries(environments.map((env) => [env, `apigee-${fields.name}-${env}`]));
  return {
    target: { kind: "s3", bucket: "acme-builds", prefix: "builds/" },
    access: "read",
    delete: false,
    basePath: `/${fields.name}`,
    auth: { kind: "public" },
    identity: "gateway",
    roles,
    quota: null,
    spikeArrest: null,
    cors: null,
    headers: [],
    inlineTypes: DEFAULT_INLINE_TYPES.slice(),
    trust: null,
    location: { file: "apigee-aws.yaml", line: 10, column: 3 },
    ...fields
  };
}

export function callerAuth(issuer = CALLER_ISSUER, audience = CALLER_AUDIENCE): ProxyIntent["auth"] {
  return { kind: "jwt", jwt: { issuer, audience, jwksUri: `${issuer}/protocol/openid-connect/certs`, maxLifespan: "24h" } };
}

export function intent(proxies: ProxyIntent[], fields: Partial<Intent> = {}): Intent {
  return {
    file: "apigee-aws.yaml",
    aws: { account: ACCOUNT, region: REGION },
    identity: RUNTIME_SA,
    environments: ["prod"],
    proxies,
    ...fields
  };
}

/** The intent of the golden files: one gateway S3 reader with an SSM header, one caller-mode writer, one signed target. */
export function smallIntent(): Intent {
  const environments = ["prod", "test"];
  return intent(
    [
      proxy(
        {
          name: "builds",
          headers: [
            { name: "x-api-key", value: { kind: "ssm", parameter: "/acme/builds/api-key" } },
            { name: "x-team", value: { kind: "literal", value: "platform" } }
          ]
        },
        environments
      ),
      proxy(
        {
          name: "uploads",
          target: { kind: "s3", bucket: "acme-uploads", prefix: "" },
          access: "write",
          delete: true,
          auth: callerAuth(),
          identity: "caller"
        },
        environments
      ),
      proxy(
        {
          name: "lambda",
          target: { kind: "aws", url: "https://lambda.eu-west-1.amazonaws.com", service: "lambda", region: "eu-west-1" },
          access: "read-write"
        },
        environments
      )
    ],
    { environments }
  );
}

/** The plan's role for a proxy of the intent in an environment (the first proxy and the first environment by default). */
export function planned(subject: Intent, p: ProxyIntent | string = subject.proxies[0], env = subject.environments[0]): RolePlan {
  const name = typeof p === "string" ? p : p.name;
  const proxyPlan = planBuild(subject).proxies.find((x) => x.proxy.name === name);
  if (!proxyPlan) throw new Error(`no proxy ${name} in the plan`);
  return roleIn(proxyPlan, env);
}

/** Everything the build writes under aws/ for the intent. */
export function awsDocuments(subject: Intent): Map<string, string> {
  return awsFiles(planBuild(subject));
}
