// Reads an intent file (YAML) into the validated Intent model. Every problem
// in the file is collected and thrown together as one IntentError.

import * as fs from "node:fs";
import * as path from "node:path";
import { isMap, type Node } from "yaml";
import type { Intent, ProxyIntent } from "./model";
import { readDefaultAuth } from "./auth";
import { checkAcrossProxies, checkGatewayIdentity, checkIdentityProjects } from "./cross-checks";
import { TOP_KEYS } from "./keys";
import { checkEncoding } from "./encoding";
import { MAX_INTENT_BYTES, MAX_PROXIES } from "./limits";
import { IntentError, ProblemList } from "./problems";
import { ProxyContext, ProxyDraft, readProxy } from "./proxy";
import { describeNode, Field, MapView, readMap } from "./reader";
import { placeIn, readAws, readEnvironments, readIdentity, resolveAws } from "./top-level";
import { YamlSource } from "./yaml-source";

export { IntentError } from "./problems";
export type { IntentProblem } from "./problems";
export type * from "./model";
export { awsOf, roleArn } from "./model";

const TOP_FORM = "a mapping with aws, identity, auth, environments and proxies (see templates/s3-read.yaml)";

export function parseIntent(text: string, file: string): Intent {
  checkSize(Buffer.byteLength(text, "utf8"), file);
  const problems = new ProblemList();
  const src = new YamlSource(text, file, problems);
  if (src.hasSyntaxErrors) throw new IntentError(problems.sorted());
  const intent = readIntent(src);
  if (problems.count > 0 || intent === undefined) throw new IntentError(problems.sorted());
  return { ...intent, warnings: src.warnings.sorted() };
}

/** Problems name `file` as given; a relative one is read from `cwd` when given (the command line's working directory). */
export function loadIntentFile(file: string, cwd?: string): Intent {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(cwd === undefined ? file : path.resolve(cwd, file));
  } catch (error) {
    throw new IntentError([{ file, line: 0, column: 0, path: "", message: unreadable(error) }]);
  }
  checkSize(bytes.length, file);
  return parseIntent(checkEncoding(bytes, file), file);
}

/** Refused before parsing, so an oversized file costs nothing. */
function checkSize(bytes: number, file: string): void {
  if (bytes <= MAX_INTENT_BYTES) return;
  throw new IntentError([
    { file, line: 1, column: 1, path: "", message: `the file is ${bytes} bytes; an intent may be up to ${MAX_INTENT_BYTES} bytes (about ${MAX_PROXIES} proxies): split it into several intents` }
  ]);
}

function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file: check the path, or start from templates/s3-read.yaml";
  if (code === "EISDIR") return "this is a folder; give the intent file (.yaml) itself";
  if (code === "EACCES") return "permission denied reading the intent file";
  return `cannot read the intent file: ${(error as Error).message}`;
}

function readIntent(src: YamlSource): Intent | undefined {
  const root = src.doc.contents;
  if (!isMap(root)) {
    src.report(root, [], `expected ${TOP_FORM}, found ${root === null ? "an empty file" : describeNode(root)}`);
    return undefined;
  }
  const top = new MapView(src, root, [], TOP_KEYS);
  const aws = readAws(src, top.require("aws", "a mapping {account, region}"));
  const identityField = top.get("identity");
  const identity = readIdentity(src, identityField);
  const defaultAuth = readDefaultAuth(src, top.get("auth"));
  const environments = readEnvironments(src, top.require("environments", "a list of Apigee environment names, e.g. [test, prod]"));
  const drafts = readProxies(src, top.require("proxies", "a mapping of proxy name to its target and options"), {
    environments,
    defaultAuth,
    defaultRegion: aws.region,
    placeOf: (env) => placeIn(aws, env)
  });
  if (drafts === undefined) return undefined;
  checkAcrossProxies(src, drafts);
  checkGatewayIdentity(src, drafts, identity);
  checkIdentityProjects(src, identityField, identity, environments);
  const resolved = resolveAws(src, aws, environments);
  const proxies = drafts.map((d) => d.intent).filter((p): p is ProxyIntent => p !== undefined);
  if (resolved === undefined || identity === undefined || environments === undefined || proxies.length !== drafts.length) return undefined;
  return { file: src.file, aws: resolved, identity, environments, proxies };
}

function readProxies(src: YamlSource, field: Field | undefined, ctx: ProxyContext): ProxyDraft[] | undefined {
  if (field === undefined) return undefined;
  const node = readMap(src, field, "a mapping of proxy name to its target, e.g. artifacts: s3://acme-artifacts/builds/ read");
  if (node === undefined) return undefined;
  if (node.items.length === 0) {
    src.report(node, field.path, "no proxies: add at least one, e.g. artifacts: s3://acme-artifacts/builds/ read");
    return undefined;
  }
  if (node.items.length > MAX_PROXIES) {
    src.report(node.items[MAX_PROXIES].key as Node, field.path, `${node.items.length} proxies; an intent may declare up to ${MAX_PROXIES}: split it into several intents (each builds its own bundles and roles)`);
    return undefined;
  }
  return new MapView(src, node, field.path, null).entries().map((entry) => readProxy(src, entry, ctx));
}
