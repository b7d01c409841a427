// Reading what `apigee-aws build` wrote: proxies/<name>/apiproxy/… (and
// proxies/<name>.zip), sharedflows/<name>/sharedflowbundle/… (and .zip), and
// env/<env>/propertysets/<set>.properties. A bundle is read from its folder
// when there is one, else from its zip; its content hash is computed here.

import * as fs from "node:fs";
import * as path from "node:path";
import { readDescriptor } from "../bundle/facts";
import { entriesOutside, readBundleFolder, withRoot, type BundleRoot } from "../bundle/files";
import { parseXml } from "../bundle/xml";
import { unzipFiles } from "../common/bundle-zip";
import { UserError } from "../common/user-error";
import type { BundleKind } from "./apigee-calls";
import { bundleFacts, type BundleFacts } from "./bundle-facts";
import { bundleContentHash, isDescriptorPath, recordedContentHash } from "../common/bundle-content-hash";

export interface LocalBundle {
  kind: BundleKind;
  name: string;
  /** The zip as built, when dist has one. */
  zipFile?: string;
  /** zipFile as messages show it. */
  zipSource?: string;
  /** What the bundle was read from, for messages ("dist/proxies/artifacts"). */
  source: string;
  /** Paths relative to the zip root ("apiproxy/policies/X.xml") → bytes. */
  files: Map<string, Buffer>;
  descriptor: string;
  contentHash: string;
  recordedHash?: string;
  facts: BundleFacts;
}

export interface LocalPropertySet {
  /** The property set's name: proxies read it as propertyset.<name>.<key>. */
  name: string;
  file: string;
  /** The file as messages show it. */
  source: string;
  content: Buffer;
}

export interface Dist {
  root: string;
  /** The root as messages show it ("dist"). */
  source: string;
  proxies: LocalBundle[];
  sharedFlows: LocalBundle[];
  propertySets: LocalPropertySet[];
}

const LAYOUT: Record<BundleKind, { folder: string; root: BundleRoot; descriptorElement: string }> = {
  proxy: { folder: "proxies", root: "apiproxy", descriptorElement: "APIProxy" },
  sharedflow: { folder: "sharedflows", root: "sharedflowbundle", descriptorElement: "SharedFlowBundle" }
};

/** A path for messages: relative to the working directory `cwd` when below it. */
export function displayPathIn(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

function bundleNames(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const names = new Set<string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) names.add(entry.name);
    else if (entry.name.endsWith(".zip")) names.add(entry.name.slice(0, -4));
  }
  return [...names].sort();
}

function readBundle(distRoot: string, kind: BundleKind, name: string, cwd: string): LocalBundle {
  const displayPath = (file: string) => displayPathIn(file, cwd);
  const layout = LAYOUT[kind];
  const folder = path.join(distRoot, layout.folder, name, layout.root);
  const zipPath = path.join(distRoot, layout.folder, `${name}.zip`);
  const zipFile = fs.existsSync(zipPath) ? zipPath : undefined;
  let files: Map<string, Buffer>;
  let source: string;
  if (fs.existsSync(folder)) {
    files = withRoot(readBundleFolder(folder, layout.root));
    source = displayPath(path.join(distRoot, layout.folder, name));
  } else {
    try {
      files = unzipFiles(fs.readFileSync(zipPath));
    } catch (e) {
      throw new UserError(`${displayPath(zipPath)} is not a readable zip (${(e as Error).message}); rebuild with apigee-aws build`);
    }
    source = displayPath(zipPath);
  }
  const [outside] = entriesOutside(files.keys(), layout.root);
  if (outside) throw new UserError(`${source}: ${outside} is outside ${layout.root}/; a ${kind === "proxy" ? "proxy" : "shared flow"} bundle has everything below ${layout.root}/`);
  const descriptors = [...files.keys()].filter(isDescriptorPath);
  if (descriptors.length !== 1) {
    throw new UserError(`${source}: expected one descriptor ${layout.root}/${name}.xml, found ${descriptors.length ? descriptors.join(", ") : "none"}`);
  }
  const descriptor = descriptors[0];
  const descriptorXml = files.get(descriptor)!.toString("utf8");
  const declared = declaredName(descriptorXml, layout.descriptorElement);
  if (declared !== undefined && declared !== name) {
    throw new UserError(`${source}: the descriptor ${descriptor} names the bundle "${declared}", but it is deployed as "${name}"; rename one so they match`);
  }
  return {
    kind,
    name,
    zipFile,
    zipSource: zipFile && displayPath(zipFile),
    source,
    files,
    descriptor,
    contentHash: bundleContentHash(files),
    recordedHash: recordedContentHash(descriptorXml),
    facts: bundleFacts(source, files)
  };
}

/** The name the descriptor gives the bundle, when it is the root element expected; an unreadable one declares none. */
function declaredName(descriptorXml: string, descriptorElement: string): string | undefined {
  const { root } = parseXml(descriptorXml);
  const descriptor = root && readDescriptor(root);
  return descriptor?.element === descriptorElement ? descriptor.name ?? undefined : undefined;
}

function readPropertySets(distRoot: string, env: string, cwd: string): LocalPropertySet[] {
  const displayPath = (file: string) => displayPathIn(file, cwd);
  const envRoot = path.join(distRoot, "env");
  const available = fs.existsSync(envRoot)
    ? fs.readdirSync(envRoot, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()
    : [];
  if (!available.includes(env)) {
    const listed = available.length ? `it has configuration for: ${available.join(", ")}` : "it has no environment configuration (env/) at all";
    throw new UserError(`${displayPath(distRoot)} has no configuration for environment "${env}" (${displayPath(path.join(envRoot, env))}); ${listed}. Add the environment to the intent and rebuild, or pick one of those with --env.`);
  }
  const dir = path.join(envRoot, env, "propertysets");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".properties"))
    .sort()
    .map((f) => ({ name: f.slice(0, -".properties".length), file: path.join(dir, f), source: displayPath(path.join(dir, f)), content: fs.readFileSync(path.join(dir, f)) }));
}

/** Everything in `distRoot` that a deploy of environment `env` sends; messages show paths relative to `cwd`. */
export function readDist(distRoot: string, env: string, cwd: string): Dist {
  const displayPath = (file: string) => displayPathIn(file, cwd);
  if (!fs.existsSync(distRoot) || !fs.statSync(distRoot).isDirectory()) {
    throw new UserError(`${displayPath(distRoot)} does not exist; build first (apigee-aws build INTENT --out ${displayPath(distRoot)}) or name the build folder as the last argument`);
  }
  const proxies = bundleNames(path.join(distRoot, "proxies")).map((n) => readBundle(distRoot, "proxy", n, cwd));
  const sharedFlows = bundleNames(path.join(distRoot, "sharedflows")).map((n) => readBundle(distRoot, "sharedflow", n, cwd));
  if (!proxies.length && !sharedFlows.length) {
    throw new UserError(`${displayPath(distRoot)} has no proxies/ or sharedflows/ bundles; is it the output folder of apigee-aws build?`);
  }
  return { root: distRoot, source: displayPath(distRoot), proxies, sharedFlows, propertySets: readPropertySets(distRoot, env, cwd) };
}
