// The apigeelint side of the project's rules, built once into
// lib/apigeelint-plugins/_apigee-aws-rules.js (apigeelint skips files that
// start with "_"), so every EX-AA* plugin shares one copy of the rules, their
// dependencies and the parsed bundle. A finding is attached to the
// apigeelint entity (policy, endpoint, resource) of its file, so its report
// names that file and `<!-- apigeelint disable=AA00N -->` works in XML;
// findings in other files (the descriptor) go on the bundle with the file
// named in the message.

import * as path from "node:path";
import { BUNDLE_DETECTORS } from "../bundle-rules";
import { catalogEntry } from "../catalog";
import type { RuleFinding } from "../finding";
import { BundleModel, loadBundle } from "../model/bundle";

interface Message {
  plugin: ApigeelintPluginInfo;
  message: string;
  line?: number;
  column?: number;
  severity?: number;
}

interface Entity {
  addMessage(message: Message): void;
}

/** The parts of apigeelint's Bundle (lib/package/Bundle.js) the plugins use. */
export interface ApigeelintBundle extends Entity {
  root: string;
  getPolicies(): (Entity & { filePath: string })[];
  getEndpoints(): (Entity & { getFileName(): string })[];
  getResources(): (Entity & { path: string })[];
}

export interface ApigeelintPluginInfo {
  ruleId: string;
  name: string;
  message: string;
  fatal: boolean;
  severity: 1 | 2;
  nodeType: "Bundle";
  enabled: boolean;
}

export interface ApigeelintPlugin {
  plugin: ApigeelintPluginInfo;
  onBundle(bundle: ApigeelintBundle, cb?: (err: unknown, flagged: boolean) => void): void;
}

const models = new WeakMap<object, BundleModel>();

function modelOf(bundle: ApigeelintBundle): BundleModel {
  let model = models.get(bundle);
  if (!model) {
    model = loadBundle(bundle.root);
    models.set(bundle, model);
  }
  return model;
}

function entitiesByFile(bundle: ApigeelintBundle): Map<string, Entity> {
  const byFile = new Map<string, Entity>();
  for (const p of bundle.getPolicies()) byFile.set(path.resolve(p.filePath), p);
  for (const e of bundle.getEndpoints()) byFile.set(path.resolve(e.getFileName()), e);
  for (const r of bundle.getResources()) byFile.set(path.resolve(r.path), r);
  return byFile;
}

function report(bundle: ApigeelintBundle, plugin: ApigeelintPluginInfo, findings: RuleFinding[]): void {
  const owners = entitiesByFile(bundle);
  for (const f of findings) {
    const owner = owners.get(path.resolve(f.file));
    const message: Message = { plugin, line: f.line, column: f.column, message: f.message };
    if (f.severity) message.severity = f.severity;
    if (!owner) message.message = `${path.relative(bundle.root, f.file).split(path.sep).join("/")}:${f.line}:${f.column}: ${f.message}`;
    (owner ?? bundle).addMessage(message);
  }
}

/** The apigeelint plugin module for one rule. */
export function apigeelintPlugin(ruleId: string): ApigeelintPlugin {
  const info = catalogEntry(ruleId);
  const detector = BUNDLE_DETECTORS[ruleId];
  if (!detector) throw new Error(`${ruleId} has no per-bundle detector`);
  const plugin: ApigeelintPluginInfo = { ruleId, name: info.name, message: info.summary, fatal: false, severity: info.severity, nodeType: "Bundle", enabled: true };
  return {
    plugin,
    onBundle(bundle, cb) {
      let findings: RuleFinding[] = [];
      try {
        findings = detector(modelOf(bundle));
        report(bundle, plugin, findings);
      } catch (e) {
        // A rule that cannot read the bundle says so in the report rather than on apigeelint's stderr.
        bundle.addMessage({ plugin, severity: 1, message: `${ruleId} could not check this bundle: ${e instanceof Error ? e.message : String(e)}` });
      }
      if (typeof cb === "function") cb(null, findings.length > 0);
    }
  };
}
