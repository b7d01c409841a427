// An HTTP message as Apigee's flow sees it. Shared by the Rhino harness and the
// bundle runner, so it is written in the ES5 subset the callout build enforces.

/** Header lines in arrival order; a name may repeat. */
export type HeaderList = [string, string][];

export interface Message {
  /** Request verb; null on responses. */
  method: string | null;
  /** Request URL: absolute (target requests) or path plus query (proxy requests). */
  url: string | null;
  /** Response status; null on requests. */
  status: number | null;
  reason: string | null;
  headers: HeaderList;
  /** Body as a string of UTF-8 text. */
  content: string;
}

export function newRequest(method: string, url: string, headers: HeaderList, content: string): Message {
  return { method: method, url: url, status: null, reason: null, headers: headers, content: content };
}

export function newResponse(status: number, reason: string, headers: HeaderList, content: string): Message {
  return { method: null, url: null, status: status, reason: reason, headers: headers, content: content };
}

export function headerValues(m: Message, name: string): string[] {
  var lower = name.toLowerCase();
  var out: string[] = [];
  for (var i = 0; i < m.headers.length; i++) {
    if (m.headers[i][0].toLowerCase() === lower) out.push(m.headers[i][1]);
  }
  return out;
}

export function firstHeader(m: Message, name: string): string | null {
  var values = headerValues(m, name);
  return values.length ? values[0] : null;
}

export function removeHeader(m: Message, name: string): void {
  var lower = name.toLowerCase();
  var kept: HeaderList = [];
  for (var i = 0; i < m.headers.length; i++) {
    if (m.headers[i][0].toLowerCase() !== lower) kept.push(m.headers[i]);
  }
  m.headers = kept;
}

/** Replaces every value of `name` with `value`, keeping the first position. */
export function setHeader(m: Message, name: string, value: string): void {
  var lower = name.toLowerCase();
  for (var i = 0; i < m.headers.length; i++) {
    if (m.headers[i][0].toLowerCase() === lower) {
      m.headers[i] = [m.headers[i][0], value];
      removeLaterDuplicates(m, lower, i);
      return;
    }
  }
  m.headers.push([name, value]);
}

function removeLaterDuplicates(m: Message, lower: string, keep: number): void {
  var kept: HeaderList = [];
  for (var i = 0; i < m.headers.length; i++) {
    if (i === keep || m.headers[i][0].toLowerCase() !== lower) kept.push(m.headers[i]);
  }
  m.headers = kept;
}

export function addHeader(m: Message, name: string, value: string): void {
  m.headers.push([name, value]);
}

/** Distinct header names in first-seen order, as Apigee lists them. */
export function headerNames(m: Message): string[] {
  var seen: { [lower: string]: boolean } = {};
  var names: string[] = [];
  for (var i = 0; i < m.headers.length; i++) {
    var lower = m.headers[i][0].toLowerCase();
    if (!seen[lower]) {
      seen[lower] = true;
      names.push(m.headers[i][0]);
    }
  }
  return names;
}
