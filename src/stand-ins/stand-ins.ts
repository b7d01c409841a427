// Every stand-in the runner needs, started together on loopback and wired
// into one AWS account: an OIDC issuer for callers, Google (access tokens,
// generateIdToken, accounts.google.com JWKS), Cloud Logging (MessageLogging's
// writes, checked against Google's tokens), STS, S3 and SSM. Host overrides
// send the runner's requests for the real hostnames to them, while the Host
// header, which is signed, stays the real one.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RunnerEnvironment } from "../runner/services";
import { S3StandIn } from "./aws/s3";
import { SsmStandIn } from "./aws/ssm";
import { StsStandIn } from "./aws/sts";
import { AwsWorld, RoleDefinition } from "./aws/world";
import { GoogleStandIn } from "./identity/google";
import { OidcIssuer } from "./identity/oidc-issuer";
import { CloudLoggingStandIn } from "./log-sinks/cloud-logging";

export interface StandInsOptions {
  accountId?: string;
  region?: string;
  /** The Apigee runtime's service accounts: email and numeric unique ID (the `sub` of its ID tokens). */
  serviceAccounts?: { email: string; uniqueId: string }[];
  roles?: RoleDefinition[];
  /**
   * Who holds roles/logging.logWriter: project ID → service account emails.
   * Default: every service account above, on the project "local" (the
   * runner's organization.name, which MessageLogging's log names use).
   */
  logWriters?: Record<string, string[]>;
  /** Folder for S3 objects; a new temporary folder when absent. */
  s3Root?: string;
  now?: () => number;
}

/** The runner's organization.name, and so the Google project its log names write to. */
export const RUNNER_PROJECT = "local";

export const DEFAULT_SERVICE_ACCOUNT = { email: "apigee-runtime@local-project.iam.gserviceaccount.com", uniqueId: "104857600000000000001" };

export class StandIns {
  private constructor(
    readonly world: AwsWorld,
    readonly region: string,
    readonly oidc: OidcIssuer,
    readonly google: GoogleStandIn,
    readonly logging: CloudLoggingStandIn,
    readonly sts: StsStandIn,
    readonly s3: S3StandIn,
    readonly ssm: SsmStandIn,
    readonly serviceAccount: string,
    private readonly ownedRoot: string | null
  ) {}

  static async start(options: StandInsOptions = {}): Promise<StandIns> {
    const region = options.region ?? "us-east-1";
    const world = new AwsWorld(options.accountId ?? "111122223333", options.now ?? Date.now);
    for (const role of options.roles ?? []) world.putRole(role);
    const accounts = options.serviceAccounts ?? [DEFAULT_SERVICE_ACCOUNT];
    const ownedRoot = options.s3Root ? null : fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-s3-"));
    const [oidc, google, sts, s3, ssm] = await Promise.all([
      OidcIssuer.start({ now: world.now }),
      GoogleStandIn.start({ serviceAccounts: accounts, now: world.now }),
      StsStandIn.start({ world }),
      S3StandIn.start({ world, region, root: options.s3Root ?? ownedRoot! }),
      SsmStandIn.start({ world, region })
    ]);
    const logging = await CloudLoggingStandIn.start({
      tokens: google,
      logWriters: options.logWriters ?? { [RUNNER_PROJECT]: accounts.map((a) => a.email) },
      now: world.now
    });
    world.putIdentityProvider({ issuer: google.issuer, jwksUri: google.jwksUri, clientIds: [] });
    world.putIdentityProvider({ issuer: oidc.issuer, jwksUri: oidc.jwksUri, clientIds: [] });
    return new StandIns(world, region, oidc, google, logging, sts, s3, ssm, accounts[0].email, ownedRoot);
  }

  /** What a runner environment needs to reach the standIns: the service account, Google tokens, host overrides. */
  runnerEnvironment(): Required<Pick<RunnerEnvironment, "serviceAccount" | "google" | "hostOverrides">> {
    return { serviceAccount: this.serviceAccount, google: this.google, hostOverrides: this.hostOverrides() };
  }

  /** Real hostnames → the stand-in that answers for them. */
  hostOverrides(): Record<string, string> {
    const r = this.region;
    return {
      [`sts.${r}.amazonaws.com`]: this.sts.url,
      "sts.amazonaws.com": this.sts.url,
      [`s3.${r}.amazonaws.com`]: this.s3.url,
      [`*.s3.${r}.amazonaws.com`]: this.s3.url,
      [`ssm.${r}.amazonaws.com`]: this.ssm.url,
      "iamcredentials.googleapis.com": this.google.url,
      "www.googleapis.com": this.google.url,
      "logging.googleapis.com": this.logging.url
    };
  }

  async close(): Promise<void> {
    await Promise.all([this.oidc.close(), this.google.close(), this.logging.close(), this.sts.close(), this.s3.close(), this.ssm.close()]);
    if (this.ownedRoot) fs.rmSync(this.ownedRoot, { recursive: true, force: true });
  }
}
