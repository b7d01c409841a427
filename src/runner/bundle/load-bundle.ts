// Reads an API proxy or shared-flow bundle (folder, zip, or files already in
// memory, as `apigee-aws dev` builds them) into the runner's model of what it
// declares. Every problem found goes to `problems`, with
// file and line, so that the caller reports them all at once.

import * as path from "node:path";
import { readDescriptor } from "../../bundle/facts";
import { UserError } from "../../common/user-error";
import { BundleFiles, descriptorPaths, displayPath, readBundleFiles } from "../../bundle/files";
import { proxyEndpoint, stepList, targetEndpoint } from "./endpoints";
import type { ProblemList } from "./load-error";
import type { Bundle, PolicyDefinition, ProxyEndpoint, Step, TargetEndpoint } from "./model";
import { e4xProblems } from "../../rhino-compat/check";
import { readPolicyDefinition } from "./policy-definition";
import { allowOnly, attr, lineOf, parseXml, reportUnchecked } from "./xml";

export function readBundle(source: string | BundleFiles, problems: ProblemList, cwd?: string): Bundle {
  const files = typeof source !== "string" ? source : cwd === undefined ? readBundleFiles(source) : readBundleFilesIn(cwd, source);
  const where = (rel: string) => displayPath(files, rel);
  const policies = readPolicies(files, where, problems);
  const scripts = new Map<string, string>();
  for (const [rel, content] of files.files) {
    if (!rel.startsWith("resources/jsc/")) continue;
    const source = content.toString("utf8");
    scripts.set(rel.slice("resources/jsc/".length), source);
    // Rhino runs E4X, Apigee X documents none of it: refused here as lint (AA004) reports it.
    for (const p of e4xProblems(source)) problems.add(where(rel), p.line, p.message);
  }
  const name = bundleName(files, where, problems);
  const bundle: Bundle =
    files.root === "apiproxy"
      ? { kind: "apiproxy", name, source: files.source, ...loadEndpoints(files, where, problems), policies, scripts }
      : { kind: "sharedflowbundle", name, source: files.source, flows: loadSharedFlows(files, where, problems), policies, scripts };
  crossCheck(bundle, problems);
  return bundle;
}

function xmlFiles(files: BundleFiles, folder: string): [string, string][] {
  return [...files.files]
    .filter(([rel]) => rel.startsWith(`${folder}/`) && rel.endsWith(".xml") && !rel.slice(folder.length + 1).includes("/"))
    .map(([rel, content]) => [rel, content.toString("utf8")]);
}

/** The name from the root descriptor (apiproxy/NAME.xml), else the folder or zip name. */
/**
 * readBundleFiles for a `location` relative to `cwd` (a command line's working
 * directory): the bundle's source, and any message about it, names the
 * location as given, as when it is read from the process's own directory.
 */
function readBundleFilesIn(cwd: string, location: string): BundleFiles {
  const resolved = path.resolve(cwd, location);
  if (resolved === location) return readBundleFiles(location);
  let files: BundleFiles;
  try {
    files = readBundleFiles(resolved);
  } catch (e) {
    if (e instanceof UserError && e.message.startsWith(resolved)) throw new UserError(location + e.message.slice(resolved.length));
    throw e;
  }
  return { ...files, source: path.join(location, path.relative(resolved, files.source)) };
}

function bundleName(files: BundleFiles, where: (rel: string) => string, problems: ProblemList): string {
  const descriptor = descriptorPaths(files)[0];
  if (descriptor) {
    const node = parseXml(where(descriptor), files.files.get(descriptor)!.toString("utf8"), problems);
    const name = node ? readDescriptor(node.el).name : null;
    if (name) return name;
  }
  const base = path.basename(files.source.endsWith(".zip") ? files.source.slice(0, -4) : path.dirname(files.source));
  return base;
}

function readPolicies(files: BundleFiles, where: (rel: string) => string, problems: ProblemList): Map<string, PolicyDefinition> {
  const policies = new Map<string, PolicyDefinition>();
  for (const [rel, xml] of xmlFiles(files, "policies")) {
    const def = readPolicyDefinition(where(rel), xml, problems);
    if (def) policies.set(def.name, def);
  }
  return policies;
}

function loadEndpoints(files: BundleFiles, where: (rel: string) => string, problems: ProblemList) {
  const proxyEndpoints: ProxyEndpoint[] = [];
  const targetEndpoints = new Map<string, TargetEndpoint>();
  for (const [rel, xml] of xmlFiles(files, "proxies")) {
    const node = parseXml(where(rel), xml, problems);
    if (!node) continue;
    if (node.el.tagName !== "ProxyEndpoint") problems.add(node.file, lineOf(node), `expected <ProxyEndpoint>, found <${node.el.tagName}>`);
    else {
      proxyEndpoints.push(proxyEndpoint(node, problems));
      reportUnchecked(node, problems);
    }
  }
  for (const [rel, xml] of xmlFiles(files, "targets")) {
    const node = parseXml(where(rel), xml, problems);
    if (!node) continue;
    if (node.el.tagName !== "TargetEndpoint") problems.add(node.file, lineOf(node), `expected <TargetEndpoint>, found <${node.el.tagName}>`);
    else {
      const target = targetEndpoint(node, problems);
      targetEndpoints.set(target.name, target);
      reportUnchecked(node, problems);
    }
  }
  if (!proxyEndpoints.length) problems.add(where("proxies"), 1, "the bundle has no ProxyEndpoint (proxies/*.xml)");
  return { proxyEndpoints, targetEndpoints };
}

function loadSharedFlows(files: BundleFiles, where: (rel: string) => string, problems: ProblemList): Map<string, Step[]> {
  const flows = new Map<string, Step[]>();
  for (const [rel, xml] of xmlFiles(files, "sharedflows")) {
    const node = parseXml(where(rel), xml, problems);
    if (!node) continue;
    if (node.el.tagName !== "SharedFlow") {
      problems.add(node.file, lineOf(node), `expected <SharedFlow>, found <${node.el.tagName}>`);
      continue;
    }
    // The shared flow bundle configuration reference documents <SharedFlow name> with <Step>s only.
    allowOnly(node, problems, ["Step"], ["name"]);
    flows.set(attr(node, "name") ?? "default", stepList(node, problems));
    reportUnchecked(node, problems);
  }
  if (!flows.has("default")) problems.add(where("sharedflows/default.xml"), 1, 'the shared flow has no <SharedFlow name="default">, which FlowCallouts run');
  return flows;
}

function allSteps(bundle: Bundle): Step[] {
  if (bundle.kind === "sharedflowbundle") return [...bundle.flows.values()].flat();
  const endpoints = [...bundle.proxyEndpoints, ...bundle.targetEndpoints.values()];
  return endpoints.flatMap((e) => [
    ...[e.preFlow, ...e.flows, e.postFlow].flatMap((f) => [...f.request, ...f.response]),
    ...e.faultRules.flatMap((r) => r.steps),
    ...(e.defaultFaultRule?.steps ?? []),
    ...("postClientFlow" in e ? e.postClientFlow : [])
  ]);
}

/** References between the parts of a bundle: steps to policies, routes to targets. */
function crossCheck(bundle: Bundle, problems: ProblemList): void {
  for (const step of allSteps(bundle)) {
    if (step.name && !bundle.policies.has(step.name)) {
      problems.add(step.file, step.line, `step "${step.name}" names no policy in policies/ (known: ${[...bundle.policies.keys()].sort().join(", ") || "none"})`);
    }
  }
  if (bundle.kind === "apiproxy") {
    for (const endpoint of bundle.proxyEndpoints) {
      for (const step of endpoint.postClientFlow) {
        const type = bundle.policies.get(step.name)?.type;
        if (type && type !== "MessageLogging") {
          problems.add(
            step.file,
            step.line,
            `PostClientFlow step "${step.name}" is a ${type} policy; Apigee X allows only MessageLogging there ("Only the MessageLogging policy can be attached to this flow, which is executed after the response is sent back to the client", Apigee's fault-handling documentation)`
          );
        }
      }
      for (const route of endpoint.routeRules) {
        if (route.targetEndpoint && !bundle.targetEndpoints.has(route.targetEndpoint)) {
          problems.add(route.file, route.line, `RouteRule "${route.name}" names TargetEndpoint "${route.targetEndpoint}", which is not in targets/`);
        }
      }
    }
  }
}
