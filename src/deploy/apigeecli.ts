// The apigeecli (github.com/apigee/apigeecli) commands equivalent to a plan's
// calls, for teams that deploy with it. Flags as documented in its docs/
// (apigeecli_apis_create_bundle.md, apigeecli_apis_deploy.md,
// apigeecli_sharedflows_create_bundle.md, apigeecli_sharedflows_deploy.md,
// apigeecli_resources_create.md / _update.md). The token is always the
// placeholder "$TOKEN", never the real one.

import type { BundleKind } from "./apigee-calls";

/** Quotes a word for a POSIX shell when it needs it. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function command(words: string[]): string {
  return ["apigeecli", ...words.map(shellWord), "-t", '"$TOKEN"'].join(" ");
}

function noun(kind: BundleKind): string {
  return kind === "proxy" ? "apis" : "sharedflows";
}

/** `apigeecli apis create bundle -o ORG -n NAME -p ZIP`: import as a new revision. */
export function apigeecliImport(org: string, kind: BundleKind, name: string, zip: string): string {
  return command([noun(kind), "create", "bundle", "-o", org, "-n", name, "-p", zip]);
}

/** `apigeecli apis deploy -o ORG -e ENV -n NAME [-v REV] --ovr [--sa SA] --wait`; without -v apigeecli deploys the highest revision. */
export function apigeecliDeploy(org: string, env: string, kind: BundleKind, name: string, revision: string | undefined, serviceAccount: string | undefined): string {
  return command([
    noun(kind),
    "deploy",
    "-o",
    org,
    "-e",
    env,
    "-n",
    name,
    ...(revision ? ["-v", revision] : []),
    "--ovr",
    ...(serviceAccount ? ["--sa", serviceAccount] : []),
    "--wait"
  ]);
}

/** `apigeecli resources create|update -o ORG -e ENV -n NAME -p properties --respath FILE`. */
export function apigeecliResource(org: string, env: string, verb: "create" | "update", name: string, type: string, file: string): string {
  return command(["resources", verb, "-o", org, "-e", env, "-n", name, "-p", type, "--respath", file]);
}
