// `apigee-aws dev [intent | bundles...]`: the runner and every stand-in on
// loopback, so a developer can call a proxy seconds after declaring it. Given
// an intent, it builds it and the stand-ins enforce the build's own IAM
// documents; given bundles, it runs them as they are.

import { Command, InvalidArgumentError } from "commander";
import * as fs from "node:fs";
import { UserError } from "../../common/user-error";
import { BundleLoadError } from "../../runner/bundle/load-error";
import { Runner } from "../../runner/runner";
import { readRoleFolder } from "../../dev/aws-roles";
import { distBundleFolders, readPropertySetFiles } from "../../dev/dist-layout";
import { DevStack } from "../../dev/dev-stack";
import { devCurlCommands } from "../../dev/curl-commands";
import { readS3Seed, readSsmSeed, seedStandIns, type Seed } from "../../dev/seed";
import { planIntentFile } from "../../plan";
import { pathIn, type CliIo } from "../io";
import { printWarnings } from "../warnings";
import { DEFAULT_SERVICE_ACCOUNT, StandIns } from "../../stand-ins/stand-ins";

const DEFAULT_INTENT = "apigee-aws.yaml";

interface DevOptions {
  port: number;
  seed?: string;
  seedSsm?: string;
  env?: string;
  aws?: string;
  account: string;
  region: string;
  serviceAccount?: string;
  propertySet: string[];
  audience: string;
  subject: string;
}

export function devCommand(io: CliIo): Command {
  return new Command("dev")
    .description("serve an intent (built here) or bundles locally, against loopback stand-ins for STS, S3, SSM, Google and an OIDC issuer")
    .argument("[intent|bundles...]", `an intent file (.yaml): build it and serve the result with its IAM documents and property sets; or API proxy and shared-flow bundles (folders or zips). Default: ${DEFAULT_INTENT} when present, else everything under dist/proxies and dist/sharedflows`)
    .option("--port <port>", "port for the proxies on 127.0.0.1 (0: any free port)", port, 8998)
    .option("--seed <dir>", "objects to load into the S3 stand-in: DIR/<bucket>/<key>, e.g. seed/acme-artifacts/builds/app.zip")
    .option("--seed-ssm <file>", "SSM parameters to load: a YAML or JSON file of name: value (or name: {value, type: SecureString})")
    .option("--env <name>", "environment (environment.name, property sets, roles); default: the intent's first, or dev for bundles")
    .option("--aws <dir>", "IAM documents to load as roles: DIR/<proxy>/{trust-policy,permissions-policy}.json (e.g. dist/aws/dev)")
    .option("--account <id>", "AWS account ID of the stand-ins", "111122223333")
    .option("--region <region>", "AWS region of the stand-ins", "us-east-1")
    .option("--service-account <email:uniqueId>", "the Apigee runtime service account and its numeric unique ID")
    .option("--property-set <file>", "environment property set file NAME.properties (repeatable)", (v: string, all: string[]) => [...all, v], [])
    .option("--audience <aud>", "audience of the printed caller token", "apigee-aws-dev")
    .option("--subject <sub>", "subject of the printed caller token", "dev-user")
    .action(async (args: string[], options: DevOptions) => {
      const intentFile = args.length === 1 && /\.ya?ml$/i.test(args[0]) ? args[0] : args.length === 0 && fs.existsSync(pathIn(io, DEFAULT_INTENT)) ? DEFAULT_INTENT : null;
      if (intentFile) await serveIntent(intentFile, options, io);
      else await serveBundles(args, options, io);
    });
}

function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError("expected a port number from 0 to 65535 (0: any free port)");
  return n;
}

/** Read and checked before anything starts, so a bad seed never leaves a half-started stack. */
function readSeed(options: DevOptions, io: CliIo): Seed {
  return {
    objects: options.seed ? readS3Seed(options.seed, io.cwd) : [],
    parameters: options.seedSsm ? readSsmSeed(options.seedSsm, io.cwd) : []
  };
}

/** Serves until the user stops it (io.interrupted), then closes everything it started. */
async function serveIntent(file: string, options: DevOptions, io: CliIo): Promise<void> {
  const plan = planIntentFile(file, { cwd: io.cwd });
  printWarnings(plan, io);
  const seed = readSeed(options, io);
  let stack: DevStack;
  try {
    stack = await DevStack.start({ plan, env: options.env, port: options.port, seed, log: (line) => io.stdout(`${line}\n`), verbose: true, processEnv: io.env });
  } catch (e) {
    throw startFailure(e, options);
  }
  const tokens: string[] = [];
  for (const auth of stack.callerAuths()) tokens.push(await stack.mintCallerToken(auth.jwt, options.subject));
  io.stdout(intentBanner(stack, file, tokens, options.subject));
  await io.interrupted();
  await stack.close();
}

function startFailure(e: unknown, options: DevOptions): unknown {
  if (e instanceof BundleLoadError) return new UserError(`the bundles cannot be run:\n  ${e.message.split("\n").join("\n  ")}`);
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE") return new UserError(`port ${options.port} is in use; pass --port with a free port (or 0 for any)`);
  if (code === "EACCES") return new UserError(`port ${options.port} cannot be opened by this user; pass --port with a port above 1023 (or 0 for any)`);
  return e;
}

function intentBanner(stack: DevStack, file: string, tokens: string[], subject: string): string {
  const { runner, standIns } = stack;
  const routes = runner.routes.map((r) => `    ${runner.url}${r.endpoint.basePath}  → ${r.bundle.name}`).join("\n");
  const ssm = stack.placeholderParameters.length ? `SSM parameters (placeholder values; give real ones with --seed-ssm FILE):\n${stack.placeholderParameters.map((p) => `    ${p}`).join("\n")}\n` : "";
  const auths = stack.callerAuths();
  const tokenLines = auths.map((auth, i) => `    ${tokenVariable(auths.length, i)}: ${auth.proxies.join(", ")} (iss ${auth.jwt.issuer}, aud ${auth.jwt.audience})`);
  const seeded = stack.seed.objects.length ? `${stack.seed.objects.length} objects seeded` : "buckets start empty; load objects with --seed DIR";
  return `apigee-aws dev: ${file} built and served as environment "${stack.env}", AWS account ${standIns.world.accountId} in ${standIns.region}
Proxies:
${routes}
Stand-ins (the roles are the build's aws/${stack.env}/ documents; ${seeded}):
    STS     ${standIns.sts.url}
    S3      ${standIns.s3.url}
    SSM     ${standIns.ssm.url}
    Google  ${standIns.google.url}  (service account ${standIns.serviceAccount})
    OIDC    ${standIns.oidc.jwksUri}  (keys for the intent's issuers)
${ssm}Caller tokens (sub=${subject}, valid 1 hour):
${tokenLines.join("\n") || "    (none: every proxy is public)"}
Try (paste into a shell):
${devCurlCommands(stack, tokens.map((token, i) => ({ variable: tokenVariable(tokens.length, i), token })))}
Ready. Each request is logged below with its policy steps; Ctrl-C stops.
`;
}

function tokenVariable(count: number, index: number): string {
  return count === 1 ? "TOKEN" : `TOKEN_${index + 1}`;
}

async function serveBundles(bundles: string[], options: DevOptions, io: CliIo): Promise<void> {
  const env = options.env ?? "dev";
  const seed = readSeed(options, io);
  const standIns = await StandIns.start({
    accountId: options.account,
    region: options.region,
    serviceAccounts: [serviceAccount(options.serviceAccount)],
    roles: options.aws ? readRoleFolder(options.aws, options.account, io.cwd) : []
  });
  let runner: Runner;
  try {
    seedStandIns(standIns, seed);
    runner = await Runner.start({
      bundles: bundles.length ? bundles : defaultBundles(io),
      cwd: io.cwd,
      env: io.env,
      environment: {
        name: env,
        propertySets: readPropertySetFiles(options.propertySet, "--property-set", io.cwd),
        ...standIns.runnerEnvironment()
      },
      port: options.port,
      log: (line) => io.stdout(`${line}\n`),
      verbose: true
    });
  } catch (e) {
    await standIns.close();
    throw startFailure(e, options);
  }
  const token = await standIns.oidc.mintToken({ sub: options.subject, aud: options.audience, expiresInSeconds: 3600 });
  io.stdout(banner(runner, standIns, token, options, env));
  await io.interrupted();
  await runner.close();
  await standIns.close();
}

function serviceAccount(spec: string | undefined): { email: string; uniqueId: string } {
  if (!spec) return DEFAULT_SERVICE_ACCOUNT;
  const m = /^([^:\s]+@[^:\s]+):(\d{10,25})$/.exec(spec);
  if (!m) throw new UserError(`--service-account must be EMAIL:UNIQUE_ID, e.g. ${DEFAULT_SERVICE_ACCOUNT.email}:${DEFAULT_SERVICE_ACCOUNT.uniqueId}; got "${spec}"`);
  return { email: m[1], uniqueId: m[2] };
}

function defaultBundles(io: CliIo): string[] {
  const found = distBundleFolders("dist", io.cwd);
  if (!found.length) throw new UserError("no bundles given and none under dist/proxies or dist/sharedflows; run `apigee-aws build` first or name bundle folders");
  return found;
}

function banner(runner: Runner, standIns: StandIns, token: string, options: DevOptions, env: string): string {
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
  return `apigee-aws dev: environment "${env}", AWS account ${standIns.world.accountId} in ${standIns.region}
Proxies:
${routes}
Stand-ins:
    STS     ${standIns.sts.url}
    S3      ${standIns.s3.url}
    SSM     ${standIns.ssm.url}
    Google  ${standIns.google.url}  (service account ${standIns.serviceAccount})
    OIDC    ${standIns.oidc.issuer}  (JWKS ${standIns.oidc.jwksUri})
Caller token (sub=${options.subject}, aud=${options.audience}, valid 1 hour):
    ${token}
${tryIt}Ready. Each request is logged below with its policy steps; Ctrl-C stops.
`;
}
