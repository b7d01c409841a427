// Reads an incoming HTTP request into the form authentication needs: the
// raw path and query exactly as sent, the headers in the order received,
// and the whole body.

import type * as http from "node:http";
import { headerPairs, readWholeBody } from "../../common/http-message";
import type { ReceivedRequest } from "./request-auth";

export async function receiveRequest(req: http.IncomingMessage): Promise<ReceivedRequest> {
  const body = await readWholeBody(req);
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  return {
    method: req.method ?? "GET",
    path: q < 0 ? url : url.slice(0, q),
    query: q < 0 ? "" : url.slice(q + 1),
    headers: headerPairs(req.rawHeaders),
    body
  };
}
