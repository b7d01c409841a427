// Small hand-written proxies for the worker-pool tests, and both ways of
// running apigeelint over them: the pool (one worker, so every bundle shares
// it) and the CLI once per bundle.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ApigeelintRun, ApigeelintSettings } from "../../../src/lint/apigeelint";
import { ApigeelintPool, BundleLinter, perProcessLinter } from "../../../src/lint/apigeelint-pool";
import { DEFAULT_EXCLUDED } from "../../../src/lint/rule-catalog";
import { projectPluginsDir, WORKER_FILE } from "../../../src/lint/rules/plugin-files";
import { requireBuilt } from "../../support/built";

export function requireWorker(): void {
  requireBuilt(`apigeelint-plugins/${WORKER_FILE}`);
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `apigee-aws-lint-engine-${prefix}-`));
}

export const SETTINGS: ApigeelintSettings = { excluded: [...DEFAULT_EXCLUDED].sort(), pluginsDir: projectPluginsDir() };

/** A proxy NAME in DIR/NAME/apiproxy whose proxy endpoint's request PreFlow runs `policies` in order; returns the bundle root. */
export function writeProxy(dir: string, name: string, policies: Record<string, string>, extraFiles: Record<string, string> = {}): string {
  const root = path.join(dir, name, "apiproxy");
  const names = Object.keys(policies);
  const files: Record<string, string> = {
    [`${name}.xml`]: xml(
      `<APIProxy name="${name}">`,
      `  <BasePaths>/${name}</BasePaths>`,
      `  <Policies>`,
      ...names.map((p) => `    <Policy>${p}</Policy>`),
      `  </Policies>`,
      `  <ProxyEndpoints>`,
      `    <ProxyEndpoint>default</ProxyEndpoint>`,
      `  </ProxyEndpoints>`,
      `  <TargetEndpoints>`,
      `    <TargetEndpoint>default</TargetEndpoint>`,
      `  </TargetEndpoints>`,
      `</APIProxy>`
    ),
    "proxies/default.xml": xml(
      `<ProxyEndpoint name="default">`,
      `  <PreFlow name="PreFlow">`,
      `    <Request>`,
      ...names.map((p) => `      <Step>\n        <Name>${p}</Name>\n      </Step>`),
      `    </Request>`,
      `    <Response/>`,
      `  </PreFlow>`,
      `  <HTTPProxyConnection>`,
      `    <BasePath>/${name}</BasePath>`,
      `  </HTTPProxyConnection>`,
      `  <RouteRule name="default">`,
      `    <TargetEndpoint>default</TargetEndpoint>`,
      `  </RouteRule>`,
      `</ProxyEndpoint>`
    ),
    "targets/default.xml": xml(
      `<TargetEndpoint name="default">`,
      `  <HTTPTargetConnection>`,
      `    <SSLInfo>`,
      `      <Enabled>true</Enabled>`,
      `      <Enforce>true</Enforce>`,
      `    </SSLInfo>`,
      `    <URL>https://example.com/</URL>`,
      `  </HTTPTargetConnection>`,
      `</TargetEndpoint>`
    ),
    ...Object.fromEntries(Object.entries(policies).map(([p, body]) => [`policies/${p}.xml`, xml(body)])),
    ...extraFiles
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

function xml(...lines: string[]): string {
  return ['<?xml version="1.0" encoding="UTF-8"?>', ...lines, ""].join("\n");
}

const CACHE_KEY = "  <CacheKey>\n    <Prefix>token</Prefix>\n    <KeyFragment ref=\"client_id\"/>\n  </CacheKey>";

/** Populates a cache entry: apigeelint's BN003 remembers its key. */
export const POPULATE_CACHE = `<PopulateCache name="PC-Token">\n${CACHE_KEY}\n  <Scope>Exclusive</Scope>\n  <Source>token</Source>\n  <ExpirySettings>\n    <TimeoutInSec>300</TimeoutInSec>\n  </ExpirySettings>\n</PopulateCache>`;

/** Looks up the same key: BN003 reports it unless it saw a PopulateCache with that key. */
export const LOOKUP_CACHE = `<LookupCache name="LC-Token">\n${CACHE_KEY}\n  <Scope>Exclusive</Scope>\n  <AssignTo>token</AssignTo>\n</LookupCache>`;

export const SET_HEADER = `<AssignMessage name="AM-SetHeader">\n  <Set>\n    <Headers>\n      <Header name="X-Linted">true</Header>\n    </Headers>\n  </Set>\n</AssignMessage>`;

/** Runs each bundle in turn (never two at once) through `linter`, then closes it. */
export async function lintInTurn(linter: BundleLinter, bundles: string[]): Promise<ApigeelintRun[]> {
  const runs: ApigeelintRun[] = [];
  try {
    for (const b of bundles) runs.push(await linter.lint(b));
  } finally {
    await linter.close();
  }
  return runs;
}

/** One process per bundle: apigeelint's CLI, the reference. */
export function separateProcesses(bundles: string[], settings: ApigeelintSettings = SETTINGS): Promise<ApigeelintRun[]> {
  return lintInTurn(perProcessLinter(settings), bundles);
}

/** Every bundle through one worker. */
export async function oneWorker(bundles: string[], settings: ApigeelintSettings = SETTINGS): Promise<{ runs: ApigeelintRun[]; workersStarted: number }> {
  const pool = new ApigeelintPool(1, settings);
  const runs = await lintInTurn(pool, bundles);
  return { runs, workersStarted: pool.started };
}
