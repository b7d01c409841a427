// `apigee-aws dev [bundles...]`: the runner and every stand-in on loopback, so
// a developer can call a proxy seconds after building it.

import { Command } from "commander";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseProperties } from "../../common/properties";
import { UserError } from "../../common/user-error";
import { BundleLoadError } from "../../runner/bundle/load-error";
import { Runner } from "../../runner/runner";
import { validatePolicyDocument } from "../../sandbox/aws/iam-policy";
import type { RoleDefinition } from "../../sandbox/aws/world";
import { DEFAULT_SERVICE_ACCOUNT, Sandbox } from "../../sandbox/sandbox";
import { readJsonFile } from "../json-input";

interface DevOptions {
  port: string;
  env: string;
  aws?: string;
  account: string;
  region: string;
  serviceAccount?: string;
  propertySet: string[];
  audience: string;
  subject: string;
}

export function devCommand(): Command {
  return new Command("dev")
    .description("run bundles locally against loopback stand-ins for STS, S3, SSM, Google and an OIDC issuer")
    .argument("[bundles...]", "API proxy and shared-flow bundles (folders or zips); default: everything under dist/proxies and dist/sharedflows")
    .option("--port <port>", "port for the proxies", "8998")
    .option("--env <name>", "environment name (environment.name, property sets, roles)", "dev")
    .option("--aws <dir>", "IAM documents to load as roles: DIR/<proxy>/{trust-policy,permissions-policy}.json (e.g. dist/aws/dev)")
    .option("--account <id>", "AWS account ID of the sandbox", "111122223333")
    .option("--region <region>", "AWS region of the sandbox", "us-east-1")
    .option("--service-account <email:uniqueId>", "the Apigee runtime service account and its numeric unique ID")
    .option("--property-set <file>", "environment property set file NAME.properties (repeatable)", (v: string, all: string[]) => [...all, v], [])
    .option("--audience <aud>", "audience of the printed caller token", "apigee-aws-dev")
    .option("--subject <sub>", "subject of the printed caller token", "dev-user")
    .action(async (bundles: string[], options: DevOptions) => {
      const sandbox = await Sandbox.start({
        accountId: options.account,
        region: options.region,
        serviceAccounts: [serviceAccount(options.serviceAccount)],
        roles: options.aws ? readRoles(options.aws, options.account) : []
      });
      let runner: Runner;
      try {
        runner = await Runner.start({
          bundles: bundles.length ? bundles : defaultBundles(),
          environment: {
            name: options.env,
            propertySets: readPropertySets(options.propertySet),
            ...sandbox.runnerEnvironment()
          },
          port: Number(options.port),
          log: (line) => process.stdout.write(`${line}\n`),
          verbose: true
        });
      } catch (e) {
        await sandbox.close();
        if (e instanceof BundleLoadError) throw new UserError(`the bundles cannot be run:\n  ${e.message.split("\n").join("\n  ")}`);
        if ((e as NodeJS.ErrnoException).code === "EADDRINUSE") throw new UserError(`port ${options.port} is in use; pass --port with a free port (or 0 for any)`);
        throw e;
      }
      const token = await sandbox.oidc.mintToken({ sub: options.subject, aud: options.audience, expiresInSeconds: 3600 });
      process.stdout.write(banner(runner, sandbox, token, options));
      await waitForInterrupt();
      await runner.close();
      await sandbox.close();
    });
}

function serviceAccount(spec: string | undefined): { email: string; uniqueId: string } {
  if (!spec) return DEFAULT_SERVICE_ACCOUNT;
  const m = /^([^:\s]+@[^:\s]+):(\d{10,25})$/.exec(spec);
  if (!m) throw new UserError(`--service-account must be EMAIL:UNIQUE_ID, e.g. ${DEFAULT_SERVICE_ACCOUNT.email}:${DEFAULT_SERVICE_ACCOUNT.uniqueId}; got "${spec}"`);
  return { email: m[1], uniqueId: m[2] };
}

function defaultBundles(): string[] {
  const found = ["dist/proxies", "dist/sharedflows"].flatMap((dir) =>
    fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(dir, e.name)) : []
  );
  if (!found.length) throw new UserError("no bundles given and none under dist/proxies or dist/sharedflows; run `apigee-aws build` first or name bundle folders");
  return found;
}

/** DIR/<proxy>/trust-policy.json + permissions-policy.json → role apigee-<proxy>-<env>, or role.json's name. */
function readRoles(dir: string, account: string): RoleDefinition[] {
  if (!fs.existsSync(dir)) throw new UserError(`--aws ${dir}: no such folder`);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "trust-policy.json")))
    .map((e) => {
      const folder = path.join(dir, e.name);
      const meta = fs.existsSync(path.join(folder, "role.json")) ? (readJsonFile(path.join(folder, "role.json")) as { name?: string; maxSessionDuration?: number }) : {};
      const load = (file: string, kind: "trust" | "permissions") => {
        try {
          return validatePolicyDocument(readJsonFile(path.join(folder, file)), kind);
        } catch (err) {
          throw new UserError(`${path.join(folder, file)}: ${(err as Error).message}`);
        }
      };
      return {
        arn: `arn:aws:iam::${account}:role/${meta.name ?? e.name}`,
        trustPolicy: load("trust-policy.json", "trust"),
        // A signed (non-S3) target has no generated permissions: the role then allows nothing until one is added.
        permissionsPolicies: fs.existsSync(path.join(folder, "permissions-policy.json")) ? [load("permissions-policy.json", "permissions")] : [],
        maxSessionDurationSeconds: meta.maxSessionDuration
      };
    });
}

/** NAME.properties files, e.g. dist/env/<env>/propertysets/apigee_aws.properties. */
function readPropertySets(files: string[]): Record<string, Record<string, string>> {
  const sets: Record<string, Record<string, string>> = {};
  for (const file of files) {
    if (!fs.existsSync(file)) throw new UserError(`--property-set ${file}: no such file`);
    const entries = parseProperties(fs.readFileSync(file, "utf8"), file);
    sets[path.basename(file).replace(/\.properties$/, "")] = entries;
  }
  return sets;
}

function banner(runner: Runner, sandbox: Sandbox, token: string, options: DevOptions): string {
  const routes = runner.routes.map((r) => `    ${runner.url}${r.endpoint.basePath}  → ${r.bundle.name}`).join("\n") || "    (none: name API proxy bundles to serve them)";
  const first = runner.routes[runner.routes.length - 1]?.endpoint.basePath;
  const sample = first === undefined ? "" : `${runner.url}${first.replace(/\/$/, "")}/`;
  const tryIt = sample
    ? `Try:
    TOKEN=${token}
    curl -i -H "Authorization: Bearer $TOKEN" ${sample}
    curl -i ${sample}
`
    : "";
  return `apigee-aws dev: environment "${options.env}", AWS account ${sandbox.world.accountId} in ${sandbox.region}
Proxies:
${routes}
Stand-ins:
    STS     ${sandbox.sts.url}
    S3      ${sandbox.s3.url}
    SSM     ${sandbox.ssm.url}
    Google  ${sandbox.google.url}  (service account ${sandbox.serviceAccount})
    OIDC    ${sandbox.oidc.issuer}  (JWKS ${sandbox.oidc.jwksUri})
Caller token (sub=${options.subject}, aud=${options.audience}, valid 1 hour):
    ${token}
${tryIt}Ready. Each request is logged below with its policy steps; Ctrl-C stops.
`;
}

function waitForInterrupt(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
