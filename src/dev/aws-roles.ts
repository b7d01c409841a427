// IAM roles for the AWS stand-ins, read from the documents `apigee-aws build`
// writes (aws/<env>/<proxy>/{trust-policy,permissions-policy,role}.json), so
// the standIns enforces exactly what would be applied in AWS.

import * as fs from "node:fs";
import * as path from "node:path";
import { readJsonFile } from "../common/json-file";
import { UserError } from "../common/user-error";
import type { PolicyDocument } from "../iam/document";
import { validatePolicyDocument } from "../iam/validate";
import type { RoleDefinition } from "../stand-ins/aws/world";

interface RoleMeta {
  name?: string;
  maxSessionDuration?: number;
}

function loadDocument(file: string, kind: "trust" | "permissions", cwd: string): PolicyDocument {
  try {
    return validatePolicyDocument(readJsonFile(file, { cwd }), kind);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`${file}: ${(e as Error).message}`);
  }
}

/** DIR/<proxy>/trust-policy.json (+ permissions-policy.json, role.json) → a role named by role.json, else the folder. DIR is relative to `cwd`; messages name it as given. */
export function readRoleFolder(dir: string, account: string, cwd: string): RoleDefinition[] {
  const at = (p: string) => path.resolve(cwd, p);
  if (!fs.existsSync(at(dir))) throw new UserError(`${dir}: no such folder of IAM documents`);
  return fs
    .readdirSync(at(dir), { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(at(path.join(dir, e.name, "trust-policy.json"))))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((e) => {
      const folder = path.join(dir, e.name);
      const metaFile = path.join(folder, "role.json");
      const meta = (fs.existsSync(at(metaFile)) ? readJsonFile(metaFile, { cwd }) : {}) as RoleMeta;
      const permissions = path.join(folder, "permissions-policy.json");
      return {
        arn: `arn:aws:iam::${account}:role/${meta.name ?? e.name}`,
        trustPolicy: loadDocument(path.join(folder, "trust-policy.json"), "trust", cwd),
        // A signed (non-S3) target has no generated permissions: the role then allows nothing until one is added.
        permissionsPolicies: fs.existsSync(at(permissions)) ? [loadDocument(permissions, "permissions", cwd)] : [],
        maxSessionDurationSeconds: meta.maxSessionDuration
      };
    });
}
