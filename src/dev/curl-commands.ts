// The ready-to-paste curl commands `apigee-aws dev` prints for an intent:
// shell variables holding the caller tokens, then, per proxy, the requests its
// access allows (a listing, a seeded object when there is one, an upload).
// Everything interpolated is single-quoted for POSIX shells.

import { s3BucketFor, s3PrefixFor, type ProxyIntent } from "../intent/model";
import type { DevStack } from "./dev-stack";

export interface TokenVariable {
  variable: string;
  token: string;
}

/** POSIX single quotes: nothing inside is expanded; a ' becomes '\''. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A key as a URL path: each segment percent-encoded, "/" kept. */
function keyPath(key: string): string {
  return key.split("/").map(encodeURIComponent).join("/");
}

function reads(proxy: ProxyIntent): boolean {
  return proxy.access === "read" || proxy.access === "read-write";
}

function writes(proxy: ProxyIntent): boolean {
  return proxy.access === "write" || proxy.access === "read-write";
}

/** The first seeded object the proxy serves in this environment, as its key relative to the proxy's prefix. */
function seededKey(stack: DevStack, proxy: ProxyIntent): string | undefined {
  if (proxy.target.kind !== "s3") return undefined;
  const bucket = s3BucketFor(proxy.target, stack.env);
  const prefix = s3PrefixFor(proxy.target, stack.env);
  const object = stack.seed.objects.find((o) => o.bucket === bucket && o.key.startsWith(prefix) && o.key.length > prefix.length);
  return object?.key.slice(prefix.length);
}

function proxyCommands(stack: DevStack, proxy: ProxyIntent, auth: string): string[] {
  const base = `${stack.runner.url}${proxy.basePath.replace(/\/$/, "")}/`;
  const curl = (args: string, url: string, what: string) => `    curl -i${auth}${args} ${shellQuote(url)}   # ${proxy.name}: ${what}`;
  if (proxy.target.kind !== "s3") return [curl("", base, `a request signed for ${proxy.target.service}`)];
  const lines: string[] = [];
  if (reads(proxy)) {
    lines.push(curl("", base, "list the objects"));
    const key = seededKey(stack, proxy);
    if (key !== undefined) lines.push(curl("", base + keyPath(key), "a seeded object"));
  }
  if (writes(proxy)) lines.push(curl(` -X PUT -H 'Content-Type: text/plain' --data-binary 'hello from apigee-aws dev'`, `${base}hello.txt`, "upload an object"));
  return lines;
}

export function devCurlCommands(stack: DevStack, tokens: TokenVariable[]): string {
  const auths = stack.callerAuths();
  const variableOf = new Map<string, string>();
  auths.forEach((auth, i) => auth.proxies.forEach((name) => variableOf.set(name, tokens[i].variable)));
  const lines = tokens.map((t) => `    ${t.variable}=${shellQuote(t.token)}`);
  for (const proxy of stack.intent.proxies) {
    const variable = variableOf.get(proxy.name);
    lines.push(...proxyCommands(stack, proxy, variable ? ` -H "Authorization: Bearer $${variable}"` : ""));
  }
  return lines.join("\n");
}
