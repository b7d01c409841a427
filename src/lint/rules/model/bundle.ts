// One Apigee bundle folder (apiproxy/ or sharedflowbundle/) read into what the
// rules look at: policies by name, endpoints with their flows' steps in
// execution order, resources, and every file for the text scans. The XML is
// read with src/bundle, as every other reader of bundles reads it; files that
// are not well-formed XML are left out (apigeelint's BN011 reports them).
// Which files the rules look at is lint's own choice: the walk below skips
// node_modules, .DS_Store and symbolic links, and keeps absolute paths, which
// findings name.

import * as fs from "node:fs";
import * as path from "node:path";
import { readDescriptor } from "../../../bundle/facts";
import type { BundleRoot } from "../../../bundle/files";
import { childElements, firstChild, parseXml, trimmedOwnText, type Element } from "../../../bundle/xml";

export interface XmlFile {
  file: string;
  text: string;
  root: Element;
}

export interface PolicyFile extends XmlFile {
  name: string;
  /** The root element name: AssignMessage, Javascript, ServiceCallout, ... */
  type: string;
}

export type EndpointKind = "proxy" | "target" | "sharedflow";

export interface EndpointFile extends XmlFile {
  kind: EndpointKind;
  name: string;
}

export type Phase = "request" | "response" | "fault";

/** A <Step> where it sits: its endpoint, phase, enclosing flow and condition. */
export interface StepRef {
  policyName: string;
  element: Element;
  condition: string;
  /** The condition of the conditional <Flow> (or FaultRule) holding the step, "" for PreFlow/PostFlow/SharedFlow. */
  flowCondition: string;
  endpoint: EndpointFile;
  phase: Phase;
}

export interface ResourceFile {
  file: string;
  /** The folder under resources/: jsc, properties, xsl, ... */
  type: string;
  /** Path below resources/<type>/, "/"-separated. */
  name: string;
  size: number;
}

export interface BundleModel {
  kind: BundleRoot;
  dir: string;
  /** The bundle's name: the descriptor's name attribute, else the folder above the bundle. */
  name: string;
  policies: Map<string, PolicyFile>;
  proxyEndpoints: EndpointFile[];
  targetEndpoints: EndpointFile[];
  sharedFlows: EndpointFile[];
  resources: ResourceFile[];
  /** Every file in the bundle, absolute. */
  files: string[];
}

export function bundleKindOf(dir: string): BundleRoot {
  if (path.basename(dir) === "sharedflowbundle" || fs.existsSync(path.join(dir, "sharedflows"))) return "sharedflowbundle";
  return "apiproxy";
}

export function loadBundle(dirGiven: string): BundleModel {
  const dir = path.resolve(dirGiven);
  const kind = bundleKindOf(dir);
  const files = listFiles(dir);
  const policies = new Map<string, PolicyFile>();
  for (const file of xmlFilesIn(dir, "policies")) {
    const xml = readXml(file);
    if (!xml) continue;
    const name = xml.root.getAttribute("name") || path.basename(file, ".xml");
    policies.set(name, { ...xml, name, type: xml.root.tagName });
  }
  const endpoints = (folder: string, tag: string, kindOf: EndpointKind) =>
    xmlFilesIn(dir, folder).flatMap((file) => {
      const xml = readXml(file);
      if (!xml || xml.root.tagName !== tag) return [];
      return [{ ...xml, kind: kindOf, name: xml.root.getAttribute("name") || path.basename(file, ".xml") }];
    });
  return {
    kind,
    dir,
    name: descriptorName(dir) ?? path.basename(path.dirname(dir)),
    policies,
    proxyEndpoints: kind === "apiproxy" ? endpoints("proxies", "ProxyEndpoint", "proxy") : [],
    targetEndpoints: kind === "apiproxy" ? endpoints("targets", "TargetEndpoint", "target") : [],
    sharedFlows: kind === "sharedflowbundle" ? endpoints("sharedflows", "SharedFlow", "sharedflow") : [],
    resources: resourcesIn(dir),
    files
  };
}

/** A resource by its `jsc://name.js`-style URL, or null when the bundle does not hold it. */
export function resourceByUrl(bundle: BundleModel, url: string): ResourceFile | null {
  const match = /^([a-z]+):\/\/(.+)$/.exec(url.trim());
  if (!match) return null;
  return bundle.resources.find((r) => r.type === match[1] && r.name === match[2]) ?? null;
}

export function readText(file: string): string {
  return fs.readFileSync(file, "utf8");
}

function readXml(file: string): XmlFile | null {
  const text = readText(file);
  const { root } = parseXml(text);
  return root ? { file, text, root } : null;
}

function xmlFilesIn(dir: string, folder: string): string[] {
  const at = path.join(dir, folder);
  if (!fs.existsSync(at)) return [];
  return fs
    .readdirSync(at, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".xml"))
    .map((e) => path.join(at, e.name))
    .sort();
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      if (entry.name === "node_modules" || entry.name === ".DS_Store") continue;
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

function resourcesIn(dir: string): ResourceFile[] {
  const root = path.join(dir, "resources");
  if (!fs.existsSync(root)) return [];
  return listFiles(root).map((file) => {
    const parts = path.relative(root, file).split(path.sep);
    return { file, type: parts[0], name: parts.slice(1).join("/"), size: fs.statSync(file).size };
  });
}

function descriptorName(dir: string): string | null {
  const descriptors = fs.readdirSync(dir).filter((f) => f.endsWith(".xml") && fs.statSync(path.join(dir, f)).isFile());
  if (descriptors.length !== 1) return null;
  const { root } = parseXml(readText(path.join(dir, descriptors[0])));
  return (root && readDescriptor(root).name) || null;
}

/** The steps of a step list element (<Request>, <Response>, <SharedFlow>, <FaultRule>, ...). */
export function stepsIn(list: Element | null, endpoint: EndpointFile, phase: Phase, flowCondition: string): StepRef[] {
  if (!list) return [];
  return childElements(list, "Step").map((element) => ({
    policyName: trimmedOwnText(firstChild(element, "Name")),
    element,
    condition: trimmedOwnText(firstChild(element, "Condition")),
    flowCondition,
    endpoint,
    phase
  }));
}
