// The JavaScript a bundle runs, for the rules that read scripts (AA002,
// AA004): each resources/jsc/*.js file, then each JavaScript policy's inline
// <Source>, with where the script starts in the file that holds it so that
// a finding lands on the right line.

import { contentPosition, firstChild, ownText } from "../../../bundle/xml";
import type { BundleModel, PolicyFile } from "./bundle";
import { readText } from "./bundle";
import type { TextPosition } from "./text-position";

export interface BundleScript {
  /** The resource, or the policy file holding the <Source>. */
  file: string;
  text: string;
  /** The policy whose <Source> this is; null for a resource. */
  policy: PolicyFile | null;
  /** Where the script's first character is in `file`. */
  start: TextPosition;
}

export function bundleScripts(bundle: BundleModel): BundleScript[] {
  const resources = bundle.resources
    .filter((r) => r.type === "jsc" && r.name.endsWith(".js"))
    .map((r): BundleScript => ({ file: r.file, text: readText(r.file), policy: null, start: { line: 1, column: 1 } }));
  const inline = [...bundle.policies.values()]
    .filter((p) => p.type === "Javascript")
    .flatMap((policy): BundleScript[] => {
      const source = firstChild(policy.root, "Source");
      return source ? [{ file: policy.file, text: ownText(source), policy, start: contentPosition(source) }] : [];
    });
  return [...resources, ...inline];
}

/** A position in a script as a position in the file that holds it. */
export function inFile(script: BundleScript, at: TextPosition): TextPosition {
  const { start } = script;
  return at.line === 1 ? { line: start.line, column: start.column + at.column - 1 } : { line: start.line + at.line - 1, column: at.column };
}
