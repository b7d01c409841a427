// The shared-flow bundles kept in sharedflows/: which built callouts each one
// carries in resources/jsc/. The policy XML is written by hand; the callouts
// are copies of lib/callouts/*.js, refreshed by `npm run sync-sharedflows`
// and checked by a test, so the committed bundles never drift from src/.

import * as fs from "node:fs";
import * as path from "node:path";

export const SHARED_FLOW_CALLOUTS: Record<string, string[]> = {
  "aws-credentials": ["aws-credentials-prepare", "aws-credentials-cache", "aws-credentials-exchange"],
  "aws-sigv4": ["sigv4-native-prepare", "sigv4-native-finish", "sigv4-sign"],
  "aws-ssm-parameter": ["ssm-parameter-request", "ssm-parameter-read"]
};

export function sharedFlowRoot(root: string, name: string): string {
  return path.join(root, "sharedflows", name, "sharedflowbundle");
}

/** [built callout, committed copy] for every callout of every shared flow that exists. */
export function sharedFlowCalloutCopies(root: string, lib: string): [string, string][] {
  return Object.entries(SHARED_FLOW_CALLOUTS)
    .filter(([name]) => fs.existsSync(sharedFlowRoot(root, name)))
    .flatMap(([name, callouts]) =>
      callouts.map((c): [string, string] => [path.join(lib, "callouts", `${c}.js`), path.join(sharedFlowRoot(root, name), "resources", "jsc", `${c}.js`)])
    );
}
