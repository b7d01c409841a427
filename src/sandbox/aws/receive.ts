// Reads an incoming HTTP request into the form authentication needs: the
// raw path and query exactly as sent, the headers in the order received,
// and the whole body.

import type * as http from "node:http";
import type { ReceivedRequest } from "./request-auth";

export async function receiveRequest(req: http.IncomingMessage): Promise<ReceivedRequest> {
  const body = await readBody(req);
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  return {
    method: req.method ?? "GET",
    path: q < 0 ? url : url.slice(0, q),
    query: q < 0 ? "" : url.slice(q + 1),
    headers: pairs(req.rawHeaders),
    body
  };
}

/** Node's rawHeaders [name, value, name, value...] as pairs, in the order received. */
export function pairs(rawHeaders: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) out.push([rawHeaders[i], rawHeaders[i + 1]]);
  return out;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
