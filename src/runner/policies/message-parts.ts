// Edits of a message's query and form parameters, keeping the rest of the URL
// or body exactly as it was.

import type { Message } from "../../flow/message";
import { parseQuery, splitUrl } from "../../flow/url-parts";

export type Pairs = [string, string][];

function encode(pairs: Pairs): string {
  return pairs.map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(v)}`).join("&");
}

export function queryPairs(m: Message): Pairs {
  return m.url === null ? [] : parseQuery(splitUrl(m.url).query);
}

export function setQueryPairs(m: Message, pairs: Pairs): void {
  const url = m.url ?? "/";
  const parts = splitUrl(url);
  const base = url.slice(0, url.length - (parts.hasQuery ? parts.query.length + 1 : 0)).replace(/#.*$/, "");
  m.url = pairs.length ? `${base}?${encode(pairs)}` : base;
}

export function formPairs(m: Message): Pairs {
  return parseQuery(m.content.replace(/\+/g, "%20"));
}

export function setFormPairs(m: Message, pairs: Pairs): void {
  m.content = encode(pairs);
  const hasType = m.headers.some(([n]) => n.toLowerCase() === "content-type");
  if (!hasType) m.headers.push(["Content-Type", "application/x-www-form-urlencoded"]);
}

/** Replaces the path of a message URL, keeping scheme, host and query. */
export function setPath(m: Message, path: string): void {
  const url = m.url ?? "/";
  const parts = splitUrl(url);
  const origin = parts.scheme ? `${parts.scheme}//${parts.authority}` : "";
  m.url = origin + (path.startsWith("/") ? path : `/${path}`) + (parts.hasQuery ? `?${parts.query}` : "");
}
