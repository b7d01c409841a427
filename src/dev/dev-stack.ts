// A build plan, served locally: the build's own bundles in the runner, and
// stand-ins for Google, STS, S3 and SSM that enforce the plan's own IAM
// documents and property sets. Only the callers' JWKS moves: VerifyJWT
// fetches keys from the local OIDC issuer, which mints tokens with the
// intent's issuer and audiences, so everything the bundles check stays as
// built.

import { UserError } from "../common/user-error";
import { propertySetEntries } from "../generator/property-set";
import { validatePolicyDocument } from "../iam/validate";
import { awsOf, forEnvironment, s3BucketFor, type Intent, type JwtAuth } from "../intent/model";
import { buildOutput, bundlesOf } from "../output/build-output";
import { planBuild } from "../plan";
import { deploymentAccount, everyRole, type BuildPlan } from "../plan/model";
import type { Deployment } from "../runner/deployed-bundle";
import { createHash } from "node:crypto";
import { PROPERTY_SET_NAME } from "../plan/property-set-keys";
import { Runner } from "../runner/runner";
import type { RhinoMode } from "../rhino/rhino-host";
import { DEFAULT_SERVICE_ACCOUNT, StandIns } from "../stand-ins/stand-ins";
import { seedStandIns, type Seed } from "./seed";

export interface DevStackOptions {
  plan: BuildPlan;
  /** The environment to serve; default the intent's first. */
  env?: string;
  port?: number;
  log?: (line: string) => void;
  verbose?: boolean;
  rhinoMode?: RhinoMode;
  /** The environment variables Rhino is found with and runs with; default the process's. */
  processEnv?: NodeJS.ProcessEnv;
  now?: () => number;
  /** Objects and SSM parameters to load before serving (`--seed`, `--seed-ssm`). */
  seed?: Seed;
}

export interface CallerAuth {
  proxies: string[];
  jwt: JwtAuth;
}

/** The intent as served locally: each JWT's keys come from the local issuer (nothing IAM sees changes). */
function localIntent(intent: Intent, jwksUri: string): Intent {
  return {
    ...intent,
    proxies: intent.proxies.map((p) => (p.auth.kind === "jwt" ? { ...p, auth: { kind: "jwt", jwt: { ...p.auth.jwt, jwksUri } } } : p))
  };
}

/** The SSM parameters the intent reads in `env` ({env} replaced). */
function intentParameters(intent: Intent, env: string): string[] {
  return [...new Set(intent.proxies.flatMap((p) => p.headers.flatMap((h) => (h.value.kind === "ssm" ? [forEnvironment(h.value.parameter, env)] : []))))].sort();
}

/** The parameters the intent reads in `env` that the seed does not give: they get placeholder values. */
function placeholdersFor(intent: Intent, env: string, seed: Seed): string[] {
  const seeded = new Set(seed.parameters.map((p) => p.name));
  return intentParameters(intent, env).filter((name) => !seeded.has(name));
}

/** The buckets of `env` (empty), its SSM parameters (placeholders), then what the seed gives. */
function loadSeed(standIns: StandIns, intent: Intent, env: string, seed: Seed): void {
  for (const bucket of new Set(intent.proxies.flatMap((p) => (p.target.kind === "s3" ? [s3BucketFor(p.target, env)] : [])))) standIns.s3.createBucket(bucket);
  for (const name of placeholdersFor(intent, env, seed)) standIns.ssm.putParameter(name, `dev value of ${name}`, "String");
  seedStandIns(standIns, seed);
}

/** Each account's unique ID: the one the intent states (per: shared), else a stable 21-digit number from its email. */
export function localUniqueIds(plan: BuildPlan): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const account of plan.serviceAccounts) {
    ids[account.email] = account.uniqueId ?? `1${BigInt(`0x${createHash("sha256").update(account.email).digest("hex").slice(0, 16)}`).toString().padStart(20, "0").slice(0, 20)}`;
  }
  return ids;
}

/** The build's bundles, each proxy deployed with its account in `env` (Apigee's deploy serviceAccount); the shared flows need none. */
function deployments(plan: BuildPlan, env: string): Deployment[] {
  const accountOf = new Map(plan.proxies.map((p) => [p.proxy.name, deploymentAccount(p, env)?.email]));
  return bundlesOf(buildOutput(plan)).map((bundle) => {
    const proxy = /^proxies\/([^/]+)\//.exec(bundle.source)?.[1];
    const serviceAccount = proxy === undefined ? undefined : accountOf.get(proxy);
    return serviceAccount ? { bundle, serviceAccount } : { bundle };
  });
}

/** The plan's roles for the environment (every environment's when null), each document checked as IAM would on CreateRole and PutRolePolicy. */
export function putRoles(standIns: StandIns, plan: BuildPlan, env: string | null): void {
  for (const role of everyRole(plan).filter((r) => env === null || r.env === env)) {
    standIns.world.putRole({
      arn: role.arn,
      trustPolicy: validatePolicyDocument(role.trustPolicy, "trust"),
      permissionsPolicies: role.permissionsPolicy ? [validatePolicyDocument(role.permissionsPolicy, "permissions")] : [],
      maxSessionDurationSeconds: role.maxSessionDurationSeconds
    });
  }
}

export class DevStack {
  private constructor(
    readonly intent: Intent,
    /** The plan as served: the local JWKS, and the stand-in Google's unique IDs in the trust policies. */
    readonly plan: BuildPlan,
    readonly env: string,
    readonly standIns: StandIns,
    readonly runner: Runner,
    /** SSM parameters the intent reads that were given placeholder values. */
    readonly placeholderParameters: string[],
    readonly seed: Seed
  ) {}

  static async start(options: DevStackOptions): Promise<DevStack> {
    const { intent } = options.plan;
    const env = options.env ?? intent.environments[0];
    if (!intent.environments.includes(env)) throw new UserError(`--env ${env}: ${intent.file} has no such environment (environments: ${intent.environments.join(", ")})`);
    // The stand-in Google gives each account a unique ID, which the plan then names in its trust policies.
    const uniqueIds = localUniqueIds(options.plan);
    const accounts = Object.entries(uniqueIds).map(([email, uniqueId]) => ({ email, uniqueId }));
    // The stand-ins are the served environment's AWS account and region, as its documents name them.
    const { account, region } = awsOf(intent, env);
    const standIns = await StandIns.start({
      accountId: account,
      region,
      serviceAccounts: accounts.length > 0 ? accounts : [DEFAULT_SERVICE_ACCOUNT],
      now: options.now
    });
    try {
      const plan = planBuild(localIntent(intent, standIns.oidc.jwksUri), { uniqueIds });
      putRoles(standIns, plan, env);
      for (const provider of plan.oidcProviders) standIns.world.putIdentityProvider({ issuer: provider.url, jwksUri: standIns.oidc.jwksUri, clientIds: provider.clientIds });
      const seed = options.seed ?? { objects: [], parameters: [] };
      loadSeed(standIns, intent, env, seed);
      const runner = await Runner.start({
        bundles: deployments(plan, env),
        environment: { name: env, propertySets: { [PROPERTY_SET_NAME]: Object.fromEntries(propertySetEntries(plan, env)) }, ...standIns.runnerEnvironment() },
        port: options.port,
        log: options.log,
        verbose: options.verbose,
        rhinoMode: options.rhinoMode,
        env: options.processEnv
      });
      return new DevStack(intent, plan, env, standIns, runner, placeholdersFor(intent, env, seed), seed);
    } catch (e) {
      await standIns.close();
      throw e;
    }
  }

  /** The distinct JWT settings callers need tokens for, with the proxies that use each. */
  callerAuths(): CallerAuth[] {
    const byKey = new Map<string, CallerAuth>();
    for (const p of this.intent.proxies) {
      if (p.auth.kind !== "jwt") continue;
      const key = `${p.auth.jwt.issuer}\n${p.auth.jwt.audience}`;
      const known = byKey.get(key) ?? { proxies: [], jwt: p.auth.jwt };
      known.proxies.push(p.name);
      byKey.set(key, known);
    }
    return [...byKey.values()];
  }

  /** A caller token the bundles accept: the intent's issuer and audience, signed by the local issuer. */
  mintCallerToken(jwt: JwtAuth, sub = "dev-user", expiresInSeconds = 3600): Promise<string> {
    return this.standIns.oidc.mintToken({ sub, aud: jwt.audience, issuer: jwt.issuer, expiresInSeconds });
  }

  async close(): Promise<void> {
    await this.runner.close();
    await this.standIns.close();
  }
}
