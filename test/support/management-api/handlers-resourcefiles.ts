// Environment resource files (property sets are type "properties"): create
// with POST …/resourcefiles?name=&type=, replace with PUT
// …/resourcefiles/{type}/{name}, read the content back with GET.

import type { LoopbackResponse } from "../../../src/stand-ins/identity/http-server";
import { jsonResponse } from "../../../src/stand-ins/identity/http-json";
import { badRequest, googleError, notFound } from "./google-errors";
import { uploadedFile } from "./handlers-bundles";
import type { ApigeeRequest } from "./request";

const TYPES = ["java", "js", "jsc", "properties", "py", "wsdl", "xsd", "xsl", "oas", "graphql"];
// The API reference's pattern is [a-zA-Z0-9:/\!@#$%^&{}[]()+-=,.~'` ]{1,255}; it shows no "_", yet
// underscores are common in property set names, so the stand-in accepts them (docs/deploy.md).
const NAME = /^[a-zA-Z0-9:/\\!@#$%^&{}[\]()+\-=,.~'` _]{1,255}$/;

/** Multipart (field "file") or the raw bytes with application/octet-stream: the API takes either. */
function content(req: ApigeeRequest): Buffer | LoopbackResponse {
  if (req.contentType && /^application\/octet-stream/i.test(req.contentType)) return req.body;
  return uploadedFile(req);
}

function checkType(type: string): LoopbackResponse | undefined {
  return TYPES.includes(type) ? undefined : badRequest(`resource file type "${type}" is not valid; valid types: ${TYPES.join(", ")}`);
}

export function createResourceFile(req: ApigeeRequest): LoopbackResponse {
  const env = req.params.env!;
  if (!req.org.hasEnvironment(env)) return notFound(`environment organizations/${req.params.org}/environments/${env} not found`);
  const name = req.query.get("name")!;
  const type = req.query.get("type")!;
  const bad = checkType(type) ?? (NAME.test(name) ? undefined : badRequest(`resource file name "${name}" is not valid`));
  if (bad) return bad;
  const data = content(req);
  if (!Buffer.isBuffer(data)) return data;
  if (req.org.resourceFile(env, type, name)) return googleError(409, "ALREADY_EXISTS", `resource file ${type}/${name} already exists in environment "${env}"`);
  req.org.putResourceFile(env, type, name, Buffer.from(data));
  return jsonResponse(200, { name, type });
}

export function updateResourceFile(req: ApigeeRequest): LoopbackResponse {
  const { env, type, name } = { env: req.params.env!, type: req.params.type!, name: req.params.name! };
  const bad = checkType(type);
  if (bad) return bad;
  if (!req.org.resourceFile(env, type, name)) return notFound(`resource file ${type}/${name} not found in environment "${env}"`);
  const data = content(req);
  if (!Buffer.isBuffer(data)) return data;
  req.org.putResourceFile(env, type, name, Buffer.from(data));
  return jsonResponse(200, { name, type });
}

export function getResourceFile(req: ApigeeRequest): LoopbackResponse {
  const { env, type, name } = { env: req.params.env!, type: req.params.type!, name: req.params.name! };
  const data = req.org.resourceFile(env, type, name);
  if (!data) return notFound(`resource file ${type}/${name} not found in environment "${env}"`);
  return { status: 200, headers: { "content-type": "application/octet-stream" }, body: data };
}
