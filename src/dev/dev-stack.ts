// A build plan, served locally: the build's own bundles in the runner, and
// stand-ins for Google, STS, S3 and SSM that enforce the plan's own IAM
// documents and property sets. Only the callers' JWKS moves: VerifyJWT
// fetches keys from the local OIDC issuer, which mints tokens with the
// intent's issuer and audiences, so everything the bundles check stays as
// built.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UserError } from "../common/user-error";
import { propertySetEntries } from "../generator/property-set";
import { validatePolicyDocument } from "../iam/validate";
import type { Intent, JwtAuth } from "../intent/model";
import { buildOutput } from "../output/build-output";
import { writeOutputFolder } from "../output/output-folder";
import { planBuild } from "../plan";
import type { BuildPlan } from "../plan/model";
import { PROPERTY_SET_NAME } from "../plan/property-set-keys";
import { Runner } from "../runner/runner";
import type { RhinoMode } from "../rhino/rhino-host";
import { DEFAULT_SERVICE_ACCOUNT, StandIns } from "../stand-ins/stand-ins";
import { distBundleFolders } from "./dist-layout";
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

function intentParameters(intent: Intent): string[] {
  return [...new Set(intent.proxies.flatMap((p) => p.headers.flatMap((h) => (h.value.kind === "ssm" ? [h.value.parameter] : []))))].sort();
}

/** The parameters the intent reads that the seed does not give: they get placeholder values. */
function placeholdersFor(intent: Intent, seed: Seed): string[] {
  const seeded = new Set(seed.parameters.map((p) => p.name));
  return intentParameters(intent).filter((name) => !seeded.has(name));
}

/** The intent's buckets (empty), its SSM parameters (placeholders), then what the seed gives. */
function loadSeed(standIns: StandIns, intent: Intent, seed: Seed): void {
  for (const bucket of new Set(intent.proxies.flatMap((p) => (p.target.kind === "s3" ? [p.target.bucket] : [])))) standIns.s3.createBucket(bucket);
  for (const name of placeholdersFor(intent, seed)) standIns.ssm.putParameter(name, `dev value of ${name}`, "String");
  seedStandIns(standIns, seed);
}

/** The plan's roles for the environment, each document checked as IAM would on CreateRole and PutRolePolicy. */
function putRoles(standIns: StandIns, plan: BuildPlan, env: string): void {
  for (const role of plan.proxies.flatMap((p) => p.roles).filter((r) => r.env === env)) {
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
    readonly env: string,
    readonly outDir: string,
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
    const standIns = await StandIns.start({
      accountId: intent.aws.account,
      region: intent.aws.region,
      serviceAccounts: [intent.identity ? { email: intent.identity.serviceAccount, uniqueId: intent.identity.uniqueId } : DEFAULT_SERVICE_ACCOUNT],
      now: options.now
    });
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-dev-"));
    try {
      const plan = planBuild(localIntent(intent, standIns.oidc.jwksUri));
      writeOutputFolder(path.join(outDir, "dist"), buildOutput(plan));
      const dist = path.join(outDir, "dist");
      putRoles(standIns, plan, env);
      for (const provider of plan.oidcProviders) standIns.world.putIdentityProvider({ issuer: provider.url, jwksUri: standIns.oidc.jwksUri, clientIds: provider.clientIds });
      const seed = options.seed ?? { objects: [], parameters: [] };
      loadSeed(standIns, intent, seed);
      const runner = await Runner.start({
        bundles: distBundleFolders(dist),
        environment: { name: env, propertySets: { [PROPERTY_SET_NAME]: Object.fromEntries(propertySetEntries(plan, env)) }, ...standIns.runnerEnvironment() },
        port: options.port,
        log: options.log,
        verbose: options.verbose,
        rhinoMode: options.rhinoMode,
        env: options.processEnv
      });
      return new DevStack(intent, env, outDir, standIns, runner, placeholdersFor(intent, seed), seed);
    } catch (e) {
      await standIns.close();
      fs.rmSync(outDir, { recursive: true, force: true });
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
    fs.rmSync(this.outDir, { recursive: true, force: true });
  }
}
