// Importing bundles as revisions, and reading bundles and revisions.

import { jsonResponse } from "../../../src/stand-ins/identity/http-json";
import type { LoopbackResponse } from "../../../src/stand-ins/identity/http-server";
import { checkBundle } from "./bundle-check";
import { badBundle, badRequest, notFound } from "./google-errors";
import { multipartBoundary, parseMultipart } from "./multipart";
import type { StoredRevision } from "./org-state";
import { resourceName, type ApigeeRequest } from "./request";

const BUNDLE_NAME = /^[A-Za-z0-9._\-$ %]{1,255}$/;

/** The bytes of the multipart field "file", or the answer Apigee gives when there is none. */
export function uploadedFile(req: ApigeeRequest): Buffer | LoopbackResponse {
  const boundary = multipartBoundary(req.contentType);
  if (!boundary) return badRequest(`expected Content-Type multipart/form-data with a boundary and the upload in the form field "file", got ${req.contentType ?? "no Content-Type"}`);
  let parts;
  try {
    parts = parseMultipart(req.body, boundary);
  } catch (e) {
    return badRequest(`the multipart/form-data body cannot be read: ${(e as Error).message}`);
  }
  const file = parts.find((p) => p.name === "file");
  if (!file) return badRequest(`the multipart/form-data body has no form field "file" (fields: ${parts.map((p) => p.name).join(", ") || "none"})`);
  return file.data;
}

export function revisionJson(req: ApigeeRequest, name: string, stored: StoredRevision): Record<string, unknown> {
  const kind = req.params.kind!;
  return {
    name,
    revision: String(stored.revision),
    description: stored.bundle.description,
    createdAt: String(stored.createdAt),
    lastModifiedAt: String(stored.createdAt),
    policies: stored.bundle.policies,
    configurationVersion: { majorVersion: 4, minorVersion: 0 },
    ...(kind === "proxy" ? { proxyEndpoints: ["default"] } : { sharedFlows: ["default"] })
  };
}

export function importBundle(req: ApigeeRequest): LoopbackResponse {
  const kind = req.params.kind!;
  const action = req.query.get("action");
  const name = req.query.get("name")!;
  if (action !== "import" && action !== "validate") return badRequest(`query parameter "action" must be "import" or "validate", got "${action}"`);
  if (!BUNDLE_NAME.test(name)) return badRequest(`query parameter "name" must match [a-zA-Z0-9._\\-$ %]{1,255}, got "${name}"`);
  const zip = uploadedFile(req);
  if (!Buffer.isBuffer(zip)) return zip;
  const checked = checkBundle(kind, name, zip);
  if (Array.isArray(checked)) return badBundle(checked);
  if (action === "validate") return jsonResponse(200, { name, description: checked.description });
  const stored = req.org.addRevision(kind, name, checked);
  return jsonResponse(200, revisionJson(req, name, stored));
}

export function getBundle(req: ApigeeRequest): LoopbackResponse {
  const { kind, name, org } = { kind: req.params.kind!, name: req.params.name!, org: req.params.org };
  const revisions = req.org.revisionsOf(kind, name);
  if (!revisions) return notFound(`${kind === "proxy" ? "API proxy" : "shared flow"} ${resourceName(org, kind, name)} not found`);
  return jsonResponse(200, {
    name,
    revision: revisions.map((r) => String(r.revision)),
    latestRevisionId: String(revisions.at(-1)!.revision),
    metaData: { createdAt: String(revisions[0].createdAt), lastModifiedAt: String(revisions.at(-1)!.createdAt), subType: kind === "proxy" ? "Proxy" : "SharedFlow" }
  });
}

export function getRevision(req: ApigeeRequest): LoopbackResponse {
  const { kind, name, org } = { kind: req.params.kind!, name: req.params.name!, org: req.params.org };
  const stored = req.org.revision(kind, name, Number(req.params.revision));
  if (!stored) return notFound(`revision ${req.params.revision} of ${resourceName(org, kind, name)} not found`);
  return jsonResponse(200, revisionJson(req, name, stored));
}
