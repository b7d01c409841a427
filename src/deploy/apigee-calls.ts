// The Apigee management API calls a deploy makes, as data: what the HTTP
// client sends, what a dry run prints, and which IAM permissions each needs
// (named when Apigee answers 403). Shapes: docs/deploy.md ("API calls").

export type BundleKind = "proxy" | "sharedflow";

export interface MultipartFile {
  /** The form field: Apigee reads the bundle zip or resource file from "file". */
  field: "file";
  fileName: string;
  bytes: Buffer;
  /** Where the bytes come from, for plans and messages ("dist/proxies/x.zip"). */
  source: string;
}

export interface ApiCall {
  method: "GET" | "POST" | "PUT";
  /** Path from the API root, starting with /v1/. */
  path: string;
  query?: Record<string, string>;
  file?: MultipartFile;
  /** What the call does, for progress and errors: "upload shared flow aws-sigv4". */
  label: string;
  /** IAM permissions the caller needs, named when Apigee answers 403. */
  permissions: string[];
  /** Statuses that are answers rather than failures (404 for "does it exist?"). */
  accept?: number[];
}

/** The management API's collection for a bundle kind. */
export function collectionOf(kind: BundleKind): "apis" | "sharedflows" {
  return kind === "proxy" ? "apis" : "sharedflows";
}

export function kindLabel(kind: BundleKind): string {
  return kind === "proxy" ? "proxy" : "shared flow";
}

const REVISION_PERMISSION: Record<BundleKind, string> = { proxy: "apigee.proxyrevisions", sharedflow: "apigee.sharedflowrevisions" };
const BUNDLE_PERMISSION: Record<BundleKind, string> = { proxy: "apigee.proxies", sharedflow: "apigee.sharedflows" };

function seg(value: string): string {
  return encodeURIComponent(value);
}

function orgPath(org: string): string {
  return `/v1/organizations/${seg(org)}`;
}

function envPath(org: string, env: string): string {
  return `${orgPath(org)}/environments/${seg(env)}`;
}

/** POST …/apis?action=import&name=NAME: the zip as a new revision (the proxy is created if new). */
export function importBundle(org: string, kind: BundleKind, name: string, file: Omit<MultipartFile, "field">): ApiCall {
  return {
    method: "POST",
    path: `${orgPath(org)}/${collectionOf(kind)}`,
    query: { action: "import", name },
    file: { field: "file", ...file },
    label: `upload ${kindLabel(kind)} ${name}`,
    permissions: [`${BUNDLE_PERMISSION[kind]}.create`]
  };
}

/** GET …/apis/NAME: its revision numbers; 404 when it does not exist yet. */
export function getBundle(org: string, kind: BundleKind, name: string): ApiCall {
  return {
    method: "GET",
    path: `${orgPath(org)}/${collectionOf(kind)}/${seg(name)}`,
    label: `read ${kindLabel(kind)} ${name}`,
    permissions: [`${BUNDLE_PERMISSION[kind]}.get`],
    accept: [404]
  };
}

/** GET …/apis/NAME/revisions/REV: the revision's metadata, including its description. */
export function getRevision(org: string, kind: BundleKind, name: string, revision: string): ApiCall {
  return {
    method: "GET",
    path: `${orgPath(org)}/${collectionOf(kind)}/${seg(name)}/revisions/${seg(revision)}`,
    label: `read ${kindLabel(kind)} ${name} revision ${revision}`,
    permissions: [`${REVISION_PERMISSION[kind]}.get`]
  };
}

/** GET …/environments/ENV/apis/NAME/deployments: which revision the environment runs. */
export function listDeployments(org: string, env: string, kind: BundleKind, name: string): ApiCall {
  return {
    method: "GET",
    path: `${envPath(org, env)}/${collectionOf(kind)}/${seg(name)}/deployments`,
    label: `read the deployments of ${kindLabel(kind)} ${name} in ${env}`,
    permissions: ["apigee.deployments.list"],
    accept: [404]
  };
}

/** POST …/environments/ENV/apis/NAME/revisions/REV/deployments?override=true[&serviceAccount=SA]. */
export function deployRevision(org: string, env: string, kind: BundleKind, name: string, revision: string, serviceAccount: string | undefined): ApiCall {
  const query: Record<string, string> = { override: "true" };
  if (serviceAccount) query.serviceAccount = serviceAccount;
  return {
    method: "POST",
    path: `${envPath(org, env)}/${collectionOf(kind)}/${seg(name)}/revisions/${seg(revision)}/deployments`,
    query,
    label: `deploy ${kindLabel(kind)} ${name} revision ${revision} to ${env}`,
    permissions: [
      `apigee.deployments.create (on organizations/${org}/environments/${env})`,
      `${REVISION_PERMISSION[kind]}.deploy`,
      ...(serviceAccount ? [`iam.serviceAccounts.actAs (on the service account ${serviceAccount})`] : [])
    ]
  };
}

/** GET …/environments/ENV/apis/NAME/revisions/REV/deployments: the deployment's state (READY, PROGRESSING, ERROR). */
export function deploymentStatus(org: string, env: string, kind: BundleKind, name: string, revision: string): ApiCall {
  return {
    method: "GET",
    path: `${envPath(org, env)}/${collectionOf(kind)}/${seg(name)}/revisions/${seg(revision)}/deployments`,
    label: `read the deployment of ${kindLabel(kind)} ${name} revision ${revision} in ${env}`,
    permissions: ["apigee.deployments.get"]
  };
}

/** GET …/environments/ENV/resourcefiles/TYPE/NAME: the file's content; 404 when absent. */
export function getResourceFile(org: string, env: string, type: string, name: string): ApiCall {
  return {
    method: "GET",
    path: `${envPath(org, env)}/resourcefiles/${seg(type)}/${seg(name)}`,
    label: `read resource file ${type}/${name} in ${env}`,
    permissions: ["apigee.resourcefiles.get"],
    accept: [404]
  };
}

/** POST …/environments/ENV/resourcefiles?name=NAME&type=TYPE (multipart field "file"). */
export function createResourceFile(org: string, env: string, type: string, name: string, file: Omit<MultipartFile, "field">): ApiCall {
  return {
    method: "POST",
    path: `${envPath(org, env)}/resourcefiles`,
    query: { name, type },
    file: { field: "file", ...file },
    label: `create resource file ${type}/${name} in ${env}`,
    permissions: ["apigee.resourcefiles.create"]
  };
}

/** PUT …/environments/ENV/resourcefiles/TYPE/NAME (multipart field "file"). */
export function updateResourceFile(org: string, env: string, type: string, name: string, file: Omit<MultipartFile, "field">): ApiCall {
  return {
    method: "PUT",
    path: `${envPath(org, env)}/resourcefiles/${seg(type)}/${seg(name)}`,
    file: { field: "file", ...file },
    label: `update resource file ${type}/${name} in ${env}`,
    permissions: ["apigee.resourcefiles.update"]
  };
}

/**
 * The query string as sent and printed. "@" stays readable (RFC 3986 allows
 * it in a query), so service accounts print as themselves.
 */
export function queryString(query: Record<string, string> | undefined): string {
  const pairs = Object.entries(query ?? {});
  if (!pairs.length) return "";
  const enc = (s: string) => encodeURIComponent(s).replace(/%40/g, "@");
  return "?" + pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&");
}

/** "POST /v1/organizations/acme/sharedflows?action=import&name=aws-sigv4 (file dist/sharedflows/aws-sigv4.zip)" */
export function describeCall(call: ApiCall): string {
  const file = call.file ? ` (file ${call.file.source})` : "";
  // A plan's placeholder revision ({new}) reads better unescaped.
  return `${call.method} ${call.path.replace(/%7B(\w+)%7D/g, "{$1}")}${queryString(call.query)}${file}`;
}
