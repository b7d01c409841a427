// Writes small API proxy and shared-flow bundles for runner tests, so each
// test states exactly the XML it exercises.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeFileTree } from "../../src/common/file-tree";

/** Writes `files` (paths relative to the bundle root) under a new temp folder; returns the bundle folder. */
export function writeBundle(kind: "apiproxy" | "sharedflowbundle", files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-bundle-"));
  const root = path.join(dir, kind);
  writeFileTree(root, Object.entries(files));
  return root;
}

const steps = (names: string[]) => names.map((n) => (n.includes("<") ? n : `<Step><Name>${n}</Name></Step>`)).join("");

export interface ProxySpec {
  basePath: string;
  /** Policy name → policy XML. */
  policies?: Record<string, string>;
  /** Step names (or raw <Step> XML) of the ProxyEndpoint PreFlow. */
  request?: string[];
  response?: string[];
  /** Raw XML inserted into <ProxyEndpoint>: <Flows>, <FaultRules>, <DefaultFaultRule>, <PostClientFlow>. */
  proxyExtra?: string;
  /** The TargetEndpoint URL; without one the proxy answers itself (no RouteRule target). */
  targetUrl?: string;
  targetRequest?: string[];
  targetResponse?: string[];
  /** Raw XML inserted into <TargetEndpoint> (FaultRules, Flows) and its connection properties. */
  targetExtra?: string;
  targetProperties?: Record<string, string>;
  proxyProperties?: Record<string, string>;
  scripts?: Record<string, string>;
}

const props = (p: Record<string, string> | undefined) =>
  p ? `<Properties>${Object.entries(p).map(([k, v]) => `<Property name="${k}">${v}</Property>`).join("")}</Properties>` : "";

export function writeProxy(name: string, spec: ProxySpec): string {
  const files: Record<string, string> = {
    [`${name}.xml`]: `<APIProxy name="${name}"><Description>test</Description></APIProxy>`,
    "proxies/default.xml": `<ProxyEndpoint name="default">
  <PreFlow name="PreFlow"><Request>${steps(spec.request ?? [])}</Request><Response>${steps(spec.response ?? [])}</Response></PreFlow>
  ${spec.proxyExtra ?? ""}
  <HTTPProxyConnection><BasePath>${spec.basePath}</BasePath>${props(spec.proxyProperties)}</HTTPProxyConnection>
  ${spec.targetUrl ? '<RouteRule name="default"><TargetEndpoint>default</TargetEndpoint></RouteRule>' : '<RouteRule name="noroute"/>'}
</ProxyEndpoint>`
  };
  if (spec.targetUrl) {
    files["targets/default.xml"] = `<TargetEndpoint name="default">
  <PreFlow name="PreFlow"><Request>${steps(spec.targetRequest ?? [])}</Request><Response>${steps(spec.targetResponse ?? [])}</Response></PreFlow>
  ${spec.targetExtra ?? ""}
  <HTTPTargetConnection><URL>${spec.targetUrl}</URL>${props(spec.targetProperties)}</HTTPTargetConnection>
</TargetEndpoint>`;
  }
  for (const [policy, xml] of Object.entries(spec.policies ?? {})) files[`policies/${policy}.xml`] = xml;
  for (const [script, source] of Object.entries(spec.scripts ?? {})) files[`resources/jsc/${script}`] = source;
  return writeBundle("apiproxy", files);
}

export function writeSharedFlow(name: string, stepNames: string[], policies: Record<string, string>, scripts: Record<string, string> = {}): string {
  const files: Record<string, string> = {
    [`${name}.xml`]: `<SharedFlowBundle name="${name}"/>`,
    "sharedflows/default.xml": `<SharedFlow name="default">${steps(stepNames)}</SharedFlow>`
  };
  for (const [policy, xml] of Object.entries(policies)) files[`policies/${policy}.xml`] = xml;
  for (const [script, source] of Object.entries(scripts)) files[`resources/jsc/${script}`] = source;
  return writeBundle("sharedflowbundle", files);
}
