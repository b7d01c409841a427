// What `apigee-aws dev --seed DIR --seed-ssm FILE` loads into the stand-ins,
// so a new user's first GET returns data:
//   DIR/<bucket>/<key...>   every regular file is an object; its path below
//                           the bucket folder is the key ("/"-separated)
//   FILE                    YAML (or JSON): parameter name → value, or
//                           → {value, type: String | SecureString | StringList}
// Everything is read and checked before the stand-ins start, and each
// problem names the file (and line) and the fix.

import * as fs from "node:fs";
import * as path from "node:path";
import { isMap, isScalar, type Node, type Pair } from "yaml";
import { UserError } from "../common/user-error";
import { IntentError, ProblemList } from "../intent/problems";
import { YamlSource } from "../intent/yaml-source";
import type { StandIns } from "../stand-ins/stand-ins";

export interface SeedObject {
  bucket: string;
  key: string;
  body: Buffer;
  contentType: string;
}

export type SeedParameterType = "String" | "SecureString" | "StringList";

export interface SeedParameter {
  name: string;
  value: string;
  type: SeedParameterType;
}

export interface Seed {
  objects: SeedObject[];
  parameters: SeedParameter[];
}

/** Loads the seed into running stand-ins: buckets as needed, objects, then parameters (a seeded value replaces a placeholder). */
export function seedStandIns(standIns: StandIns, seed: Seed): void {
  for (const bucket of new Set(seed.objects.map((o) => o.bucket))) standIns.s3.createBucket(bucket);
  for (const o of seed.objects) standIns.s3.putObjectDirect(o.bucket, o.key, o.body, o.contentType);
  for (const p of seed.parameters) standIns.ssm.putParameter(p.name, p.value, p.type);
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const MAX_KEY_BYTES = 1024;
const MAX_SEED_OBJECTS = 10_000;
const PARAMETER_NAME = /^\/?[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;
const TYPES: SeedParameterType[] = ["String", "SecureString", "StringList"];
/** Parameter Store's standard tier holds values up to 4 KB. */
const MAX_VALUE_BYTES = 4096;

/** Content types by extension, so a seeded page or document is served as what it is. */
const CONTENT_TYPES: Record<string, string> = {
  ".csv": "text/csv",
  ".gif": "image/gif",
  ".gz": "application/gzip",
  ".html": "text/html",
  ".jpeg": "image/jpeg",
  ".jpg": "image/jpeg",
  ".json": "application/json",
  ".md": "text/markdown",
  ".pdf": "application/pdf",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".txt": "text/plain",
  ".xml": "application/xml",
  ".yaml": "application/yaml",
  ".yml": "application/yaml",
  ".zip": "application/zip"
};

export function contentTypeFor(key: string): string {
  return CONTENT_TYPES[path.extname(key).toLowerCase()] ?? "binary/octet-stream";
}

/** Every object under DIR (relative to `cwd`): one folder per bucket, files below it by key. Messages name paths as given. */
export function readS3Seed(dir: string, cwd: string): SeedObject[] {
  const flag = `--seed ${dir}`;
  const at = (p: string) => path.resolve(cwd, p);
  if (!fs.existsSync(at(dir)) || !fs.statSync(at(dir)).isDirectory()) {
    throw new UserError(`${flag}: no such folder; give a folder holding one folder per bucket, e.g. seed/acme-artifacts/builds/app.zip`);
  }
  const objects: SeedObject[] = [];
  for (const bucket of fs.readdirSync(at(dir)).sort()) {
    const bucketDir = path.join(dir, bucket);
    if (!fs.lstatSync(at(bucketDir)).isDirectory()) {
      throw new UserError(`${flag}: ${bucketDir} is not a folder; each entry of the seed folder is a bucket folder (DIR/<bucket>/<key>), so move the file into one`);
    }
    if (!BUCKET.test(bucket)) throw new UserError(`${flag}: ${bucketDir}: "${bucket}" is not an S3 bucket name (3 to 63 lower-case letters, digits, "." and "-")`);
    for (const key of keysUnder(bucketDir, flag, at)) {
      if (objects.length >= MAX_SEED_OBJECTS) throw new UserError(`${flag}: more than ${MAX_SEED_OBJECTS} files; seed a smaller sample`);
      objects.push({ bucket, key, body: fs.readFileSync(at(path.join(bucketDir, ...key.split("/")))), contentType: contentTypeFor(key) });
    }
  }
  return objects;
}

function keysUnder(bucketDir: string, flag: string, at: (p: string) => string): string[] {
  const keys: string[] = [];
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(at(path.join(bucketDir, rel))).sort()) {
      const relName = rel ? `${rel}/${name}` : name;
      const stat = fs.lstatSync(at(path.join(bucketDir, relName)));
      if (stat.isSymbolicLink()) throw new UserError(`${flag}: ${path.join(bucketDir, relName)} is a symbolic link; copy the file itself into the seed folder`);
      if (stat.isDirectory()) walk(relName);
      else if (stat.isFile()) {
        if (Buffer.byteLength(relName, "utf8") > MAX_KEY_BYTES) throw new UserError(`${flag}: ${path.join(bucketDir, relName)}: the key is over S3's ${MAX_KEY_BYTES} bytes`);
        keys.push(relName);
      }
    }
  };
  walk("");
  return keys;
}

/** The parameters of a --seed-ssm file (relative to `cwd`), with every problem at its line and column. */
export function readSsmSeed(file: string, cwd: string): SeedParameter[] {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), "utf8");
  } catch (e) {
    throw new UserError(`--seed-ssm ${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const problems = new ProblemList();
  const source = new YamlSource(text, file, problems);
  const parameters: SeedParameter[] = [];
  if (!source.hasSyntaxErrors) {
    const root = source.resolve(source.doc.contents);
    if (!isMap(root)) {
      source.report(root, [], "expected a mapping of parameter names to values, e.g.\n  /acme/prod/api-key: example-key\n  /acme/prod/db-password: {value: example, type: SecureString}");
    } else {
      for (const pair of root.items) {
        const parameter = readParameter(source, pair as Pair<Node, Node>);
        if (parameter) parameters.push(parameter);
      }
    }
  }
  if (problems.count) throw new IntentError(problems.sorted());
  return parameters;
}

function readParameter(source: YamlSource, pair: Pair<Node, Node>): SeedParameter | null {
  const key = source.resolve(pair.key);
  const name = isScalar(key) ? String(key.value) : "";
  if (!PARAMETER_NAME.test(name) || name.length > 2048) {
    source.report(key, [], `"${name}" is not a Parameter Store name (letters, digits, "_", ".", "-" and "/"-separated levels, e.g. /acme/prod/api-key)`);
    return null;
  }
  const value = source.resolve(pair.value);
  if (isScalar(value) && value.value !== null && typeof value.value !== "object") return checkedValue(source, value, name, String(value.value), "String");
  if (isMap(value)) {
    const fields = new Map(value.items.map((p) => [String(isScalar(p.key) ? p.key.value : ""), source.resolve(p.value)]));
    const unknown = [...fields.keys()].filter((k) => k !== "value" && k !== "type");
    if (unknown.length) {
      source.report(value, [name], `unknown field ${unknown.map((k) => `"${k}"`).join(", ")}; a parameter has value and type only`);
      return null;
    }
    const v = fields.get("value");
    const t = fields.get("type");
    const type = t === undefined ? "String" : isScalar(t) ? String(t.value) : "";
    if (!TYPES.includes(type as SeedParameterType)) {
      source.report(t ?? value, [name, "type"], `"${type}" is not a parameter type; use ${TYPES.join(", ")}`);
      return null;
    }
    if (!isScalar(v) || v.value === null || typeof v.value === "object") {
      source.report(v ?? value, [name, "value"], "expected the parameter's value as text");
      return null;
    }
    return checkedValue(source, v, name, String(v.value), type as SeedParameterType);
  }
  source.report(value ?? key, [name], "expected the value as text, or {value, type}");
  return null;
}

function checkedValue(source: YamlSource, node: Node, name: string, value: string, type: SeedParameterType): SeedParameter | null {
  if (value === "" || Buffer.byteLength(value, "utf8") > MAX_VALUE_BYTES) {
    source.report(node, [name], `a value must be 1 to ${MAX_VALUE_BYTES} bytes, as in Parameter Store's standard tier`);
    return null;
  }
  return { name, value, type };
}
