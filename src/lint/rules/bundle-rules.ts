// The per-bundle rules: rule ID → detector. apigeelint runs them through the
// plugins in lib/apigeelint-plugins/; tests and tools can run them directly.

import * as fs from "node:fs";
import type { BundleModel } from "./model/bundle";
import { loadBundle } from "./model/bundle";
import type { RuleFinding } from "./finding";
import { findStaticCredentials } from "./detectors/static-credentials";
import { findExposedSecrets } from "./detectors/private-variables";
import { findJavascriptPolicyProblems } from "./detectors/javascript-policies";
import { findRhinoProblems } from "./detectors/rhino-compat";
import { findOversizedScripts } from "./detectors/script-size";
import { findBadDurations } from "./detectors/credential-duration";
import { findUnsignedAwsCalls } from "./detectors/aws-signing";
import { findInsecureAwsConnections } from "./detectors/aws-tls";
import { findSigningDebug } from "./detectors/signing-debug";
import { findMissingKeyValidation, findMissingMethodGuards } from "./detectors/s3-guards";

export type BundleDetector = (bundle: BundleModel) => RuleFinding[];

export const BUNDLE_DETECTORS: Record<string, BundleDetector> = {
  AA001: (bundle) => findStaticCredentials(bundle, (file) => fs.readFileSync(file)),
  AA002: findExposedSecrets,
  AA003: findJavascriptPolicyProblems,
  AA004: findRhinoProblems,
  AA005: findOversizedScripts,
  AA006: findBadDurations,
  AA008: findUnsignedAwsCalls,
  AA009: findInsecureAwsConnections,
  AA010: findSigningDebug,
  AA011: findMissingMethodGuards,
  AA012: findMissingKeyValidation
};

/** Runs the per-bundle rules (all, or those named) on a bundle folder, without apigeelint. */
export function lintBundleDir(dir: string, ruleIds: string[] = Object.keys(BUNDLE_DETECTORS)): RuleFinding[] {
  const bundle = loadBundle(dir);
  return ruleIds.flatMap((id) => {
    const detector = BUNDLE_DETECTORS[id];
    if (!detector) throw new Error(`${id} is not a per-bundle rule; per-bundle rules: ${Object.keys(BUNDLE_DETECTORS).join(", ")}`);
    return detector(bundle);
  });
}
