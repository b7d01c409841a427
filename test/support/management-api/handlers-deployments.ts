// Deploying revisions, with the checks Apigee makes at deploy time: the
// service account a bundle with Google authentication needs, the shared
// flows its FlowCallouts call (deployed in the environment), and override
// when another revision runs. Then the deployment's state as it is polled.

import { jsonResponse } from "../../../src/stand-ins/identity/http-json";
import type { LoopbackResponse } from "../../../src/stand-ins/identity/http-server";
import { badRequest, deploymentValidationFailed, googleError, notFound } from "./google-errors";
import type { StoredDeployment } from "./org-state";
import { resourceName, type ApigeeRequest } from "./request";

const SERVICE_ACCOUNT = /^[a-z0-9-]+@[a-z0-9-]+\.iam\.gserviceaccount\.com$/;

function deploymentJson(d: StoredDeployment): Record<string, unknown> {
  return {
    environment: d.env,
    // Apigee names the field apiProxy for shared flow deployments too.
    apiProxy: d.name,
    revision: String(d.revision),
    deployStartTime: String(d.deployStartTime),
    ...(d.serviceAccount ? { serviceAccount: `projects/-/serviceAccounts/${d.serviceAccount}` } : {})
  };
}

function booleanParam(req: ApigeeRequest, name: string): boolean | LoopbackResponse {
  const value = req.query.get(name);
  if (value === null) return false;
  if (value !== "true" && value !== "false") return badRequest(`Invalid value at '${name}' (TYPE_BOOL), "${value}"`);
  return value === "true";
}

function environmentMissing(req: ApigeeRequest): LoopbackResponse | undefined {
  const env = req.params.env!;
  return req.org.hasEnvironment(env) ? undefined : notFound(`environment organizations/${req.params.org}/environments/${env} not found`);
}

export function deploy(req: ApigeeRequest): LoopbackResponse {
  const missing = environmentMissing(req);
  if (missing) return missing;
  const { env, kind, name, org } = { env: req.params.env!, kind: req.params.kind!, name: req.params.name!, org: req.params.org };
  const revision = Number(req.params.revision);
  const stored = req.org.revision(kind, name, revision);
  const subject = `${resourceName(org, kind, name)}/revisions/${req.params.revision}`;
  if (!stored) return notFound(`${subject} not found`);
  const override = booleanParam(req, "override");
  if (typeof override !== "boolean") return override;
  const sequenced = booleanParam(req, "sequencedRollout");
  if (typeof sequenced !== "boolean") return sequenced;
  const serviceAccount = req.query.get("serviceAccount") ?? undefined;
  if (serviceAccount !== undefined && !SERVICE_ACCOUNT.test(serviceAccount)) {
    return badRequest(`serviceAccount "${serviceAccount}" is not valid: the format must be {ACCOUNT_ID}@{PROJECT}.iam.gserviceaccount.com`);
  }
  if (stored.bundle.usesGoogleAuth && !serviceAccount) {
    return googleError(400, "FAILED_PRECONDITION", `Deployment of "${subject}" requires a service account identity, but one was not provided with the request.`);
  }
  const undeployed = stored.bundle.flowCallouts.filter((flow) => {
    const d = req.org.deployment(env, "sharedflow", flow);
    return !d || req.org.stateOf(d) === "ERROR";
  });
  if (undeployed.length) {
    return deploymentValidationFailed(
      undeployed.map((flow) => ({
        type: "SHARED_FLOW_NOT_DEPLOYED",
        subject,
        description: `a FlowCallout calls shared flow "${flow}", which is not deployed in environment "${env}"`
      }))
    );
  }
  const current = req.org.deployment(env, kind, name);
  if (current && current.revision !== revision && !override) {
    return googleError(400, "FAILED_PRECONDITION", `revision ${current.revision} of ${resourceName(org, kind, name)} is deployed in environment "${env}"; set override=true to replace it`);
  }
  return jsonResponse(200, deploymentJson(req.org.deploy(env, kind, name, revision, serviceAccount)));
}

export function deploymentStatus(req: ApigeeRequest): LoopbackResponse {
  const missing = environmentMissing(req);
  if (missing) return missing;
  const { env, kind, name, org } = { env: req.params.env!, kind: req.params.kind!, name: req.params.name!, org: req.params.org };
  const d = req.org.deployment(env, kind, name);
  if (!d || String(d.revision) !== req.params.revision) {
    return notFound(`revision ${req.params.revision} of ${resourceName(org, kind, name)} is not deployed in environment "${env}"`);
  }
  const state = req.org.poll(d);
  return jsonResponse(200, {
    ...deploymentJson(d),
    state,
    ...(state === "ERROR" ? { errors: [{ code: 13, message: d.runtimeError }] } : {}),
    ...(state === "READY" ? { instances: [{ instance: "local-1", deployedRevisions: [{ revision: String(d.revision), percentage: 100 }] }] } : {})
  });
}

export function listDeployments(req: ApigeeRequest): LoopbackResponse {
  const missing = environmentMissing(req);
  if (missing) return missing;
  const d = req.org.deployment(req.params.env!, req.params.kind!, req.params.name!);
  return jsonResponse(200, d ? { deployments: [deploymentJson(d)] } : {});
}
