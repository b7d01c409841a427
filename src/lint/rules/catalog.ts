// Every project rule's metadata, in one place: the apigeelint plugins, the
// lint command's help and SARIF output, and docs/lint-rules.md all follow it.

export interface RuleInfo {
  /** e.g. "AA001" */
  id: string;
  /** short name, e.g. "no-static-aws-credentials" */
  name: string;
  /** 1 warning, 2 error */
  severity: 1 | 2;
  /** one sentence: what the rule checks */
  summary: string;
  /** how to fix a finding */
  fix: string;
  /** docs/lint-rules.md anchor */
  docAnchor: string;
}

/** How a rule runs: per bundle inside apigeelint, or across the lint roots (checkProject). */
export type RuleRunner = "apigeelint" | "project";

export interface CatalogEntry extends RuleInfo {
  runner: RuleRunner;
}

function rule(id: string, name: string, severity: 1 | 2, runner: RuleRunner, summary: string, fix: string): CatalogEntry {
  return { id, name, severity, runner, summary, fix, docAnchor: `${id.toLowerCase()}-${name}` };
}

export const CATALOG: CatalogEntry[] = [
  rule(
    "AA001",
    "no-static-aws-credentials",
    2,
    "apigeelint",
    "No AWS access key ID, secret access key or session token is written into any file of a bundle.",
    "Delete the key from the bundle and deactivate it in IAM; get temporary credentials at runtime from the aws-credentials shared flow."
  ),
  rule(
    "AA002",
    "secrets-in-private-variables",
    2,
    "apigeelint",
    "Credentials, session and ID tokens and SSM values are only written to private. flow variables.",
    "Write the value to a variable whose name starts with private. (Apigee masks those in Debug)."
  ),
  rule(
    "AA003",
    "javascript-policy-hygiene",
    2,
    "apigeelint",
    "Every JavaScript policy sets timeLimit between 1 and 60000 ms, and the resources it names are in the bundle.",
    "Set timeLimit=\"<ms>\" (1 to 60000) on the <Javascript> element, and add the missing jsc:// resource under resources/jsc/."
  ),
  rule(
    "AA004",
    "rhino-compatible-javascript",
    2,
    "apigeelint",
    "JavaScript resources are ES5 that Apigee's Rhino runs, with no built-in Rhino lacks.",
    "Rewrite the construct in ES5 (var, function, string concatenation) or compile the script to ES5; use the suggested replacement for a missing built-in."
  ),
  rule(
    "AA005",
    "javascript-size",
    1,
    "apigeelint",
    "A JavaScript policy loads at most 64 KiB of script (ResourceURL plus IncludeURLs); a resource over Apigee's 15 MB limit is an error.",
    "Move work into native policies (AssignMessage templates, HMAC, JWT) or split the script; drop unused library code."
  ),
  rule(
    "AA006",
    "credential-duration-bounds",
    2,
    "apigeelint",
    "A literal aws.credentials.durationSeconds is whole seconds from 900 to 43200, and within the role's maxSessionDuration.",
    "Set aws.credentials.durationSeconds to 900..43200 seconds, no more than the role's MaxSessionDuration (default 3600)."
  ),
  rule(
    "AA007",
    "role-per-proxy-and-environment",
    2,
    "project",
    "Each IAM role serves one proxy in one environment, and role.json keeps maxSessionDuration within IAM's 3600..43200.",
    "Give each proxy and environment its own role (apigee-<proxy>-<env>) in the environment's property set, and set maxSessionDuration to 3600..43200."
  ),
  rule(
    "AA008",
    "aws-requests-signed",
    2,
    "apigeelint",
    "A target or ServiceCallout that reaches an AWS endpoint is signed by the aws-sigv4 shared flow (or a SigV4 script) before it is sent.",
    "Add a FlowCallout to SharedFlowBundle aws-sigv4 on the request path before the call (for a target: in its request PreFlow)."
  ),
  rule(
    "AA009",
    "aws-endpoints-tls",
    2,
    "apigeelint",
    "AWS endpoints are called over https with <SSLInfo> Enabled and Enforce true.",
    "Use an https:// URL and add <SSLInfo><Enabled>true</Enabled><Enforce>true</Enforce></SSLInfo> to the HTTPTargetConnection."
  ),
  rule(
    "AA010",
    "sigv4-debug-off",
    2,
    "apigeelint",
    "aws.sigv4.debug is not switched on in a bundle.",
    "Remove the aws.sigv4.debug setting (or set it to false) before deploying; use it only in a debugging session."
  ),
  rule(
    "AA011",
    "s3-method-guard",
    1,
    "apigeelint",
    "A proxy in front of S3 rejects HTTP methods it does not serve before the request is signed.",
    "Add a RaiseFault step with a condition such as not (request.verb ~~ \"GET|HEAD\") to the ProxyEndpoint's request PreFlow."
  ),
  rule(
    "AA012",
    "s3-key-validation",
    1,
    "apigeelint",
    "A proxy in front of S3 validates the object key taken from the request path (no '.' or '..' segments, no escapes out of the prefix).",
    "Run a key check before the target (the generated JS-S3-Key with s3-key.js), or a RaiseFault whose condition rejects '..' in proxy.pathsuffix."
  )
];

export function catalogEntry(id: string): CatalogEntry {
  const entry = CATALOG.find((r) => r.id === id);
  if (!entry) throw new Error(`unknown project lint rule ${id}`);
  return entry;
}

/** The folder under lib/ that `npm run build` writes the apigeelint plugins to. */
export const PLUGINS_FOLDER = "apigeelint-plugins";

/** apigeelint loads only external plugin files named like this (bundleLinter.js, externalPluginFileRe). */
export function pluginFileName(entry: RuleInfo): string {
  return `EX-${entry.id}-${entry.name}.js`;
}
