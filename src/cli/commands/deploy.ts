// `apigee-aws deploy --org ORG --env ENV [dist]`: shared flows (in FlowCallout
// order), then the environment's property sets, then proxies, through the
// Apigee management API; unchanged bundles are skipped. docs/deploy.md.

import { Command, InvalidArgumentError, Option } from "commander";
import { DEFAULT_API_URL } from "../../deploy/api-client";
import { DEFAULT_BACKOFF } from "../../deploy/backoff";
import { runDeploy } from "../../deploy/run-deploy";
import type { CliIo } from "../io";

interface DeployFlags {
  org: string;
  env: string;
  token?: string;
  serviceAccount?: string;
  apiUrl?: string;
  dryRun?: boolean;
  json?: boolean;
  timeout: number;
  pollInterval: number;
  retryDelay?: number;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError("expected a number of seconds (0 or more)");
  return n;
}

function milliseconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number of milliseconds");
  return n;
}

export function deployCommand(io: CliIo): Command {
  return new Command("deploy")
    .description("deploy what build wrote to Apigee X: shared flows in dependency order, the environment's property sets, then proxies; unchanged bundles are skipped")
    .argument("[dist]", "the build output folder", "dist")
    .requiredOption("--org <org>", "Apigee organization")
    .requiredOption("--env <env>", "Apigee environment (its configuration comes from dist/env/<env>)")
    .option("--token <token>", "access token for the Apigee API (default: $APIGEE_TOKEN, else `gcloud auth print-access-token`)")
    .option("--service-account <email>", "service account for bundles with Google authentication that the build named no account for (each generated proxy is deployed with its own, from the environment's property set)")
    .option("--api-url <url>", "management API root, e.g. a private endpoint", DEFAULT_API_URL)
    .option("--dry-run", "print the plan (each call, with its apigeecli equivalent) and change nothing; reads the current state when a token is available")
    .option("--json", "print the plan or the result as JSON (progress stays on stderr)")
    .option("--timeout <seconds>", "how long to wait for each deployment to be READY", seconds, 600)
    .option("--poll-interval <seconds>", "how often to check a deployment's state", seconds, 5)
    .addOption(new Option("--retry-delay <ms>", "base delay of the retry backoff").argParser(milliseconds).hideHelp())
    .action(async (dist: string, flags: DeployFlags) => {
      await runDeploy({
        org: flags.org,
        env: flags.env,
        dist,
        token: flags.token,
        serviceAccount: flags.serviceAccount,
        apiUrl: flags.apiUrl,
        dryRun: !!flags.dryRun,
        json: !!flags.json,
        timeoutMs: flags.timeout * 1000,
        pollMs: flags.pollInterval * 1000,
        backoff: flags.retryDelay === undefined ? DEFAULT_BACKOFF : { ...DEFAULT_BACKOFF, baseDelayMs: flags.retryDelay, maxDelayMs: Math.max(flags.retryDelay, 1) * 16 },
        environment: io.env,
        cwd: io.cwd,
        stdout: io.stdout,
        stderr: io.stderr
      });
    });
}
