// The permissions of a proxy's role: exactly what the intent lets the proxy
// do, and nothing the flows would not use.
//
// S3 (object ARNs "arn:aws:s3:::BUCKET/PREFIX*"; an empty prefix is the
//   whole bucket):
//   read   → s3:GetObject on the objects, and s3:ListBucket on the bucket
//            only for listings whose prefix starts with PREFIX (without
//            ListBucket a missing key answers 403 instead of 404);
//   write  → s3:PutObject on the objects;
//   delete → s3:DeleteObject on the objects, only when the intent says so.
// SSM (headers with ssm: values, read by aws-ssm-parameter with
//   GetParameters): ssm:GetParameters on exactly those parameter ARNs, and
//   kms:Decrypt on the account's keys in the region only when SSM asks on
//   the role's behalf (kms:ViaService) for one of those parameters (the
//   PARAMETER_ARN encryption context Parameter Store sets). With the default
//   aws/ssm key the key policy already lets every principal in the account
//   decrypt through SSM; the statement is what a customer-managed key whose
//   policy defers to IAM needs.
// Signed targets (kind "aws"): the intent names a service but not the
//   actions, and least privilege cannot be derived from a URL, so nothing is
//   granted; permissionGaps() lists them for the CLI to report.

import { UserError } from "../common/user-error";
import { s3PrefixFor, type Access, type Intent, type ProxyIntent, type S3Target } from "../intent/model";
import type { PolicyDocument, PolicyStatement } from "../stand-ins/aws/world";
import { checkAccountAndRegion, checkEnvironment, checkNoWildcards, where } from "./checks";
import { byCodeUnit } from "./policy-json";
import { POLICY_VERSION } from "./trust-policy";

export interface PermissionGap {
  proxy: string;
  reason: string;
}

/** The role's inline permissions, or null when the intent lets nothing be derived (a signed target without SSM headers). */
export function permissionsPolicy(intent: Intent, proxy: ProxyIntent, env: string): PolicyDocument | null {
  checkEnvironment(intent, env);
  checkAccountAndRegion(intent);
  const statements = [
    ...(proxy.target.kind === "s3" ? s3Statements(proxy.target, env, proxy.access, proxy.delete, proxy) : []),
    ...ssmStatements(intent, proxy)
  ];
  return statements.length > 0 ? { Version: POLICY_VERSION, Statement: statements } : null;
}

/** Proxies whose AWS permissions the intent does not determine: their roles need a policy written by hand. */
export function permissionGaps(intent: Intent): PermissionGap[] {
  return intent.proxies.flatMap((p) =>
    p.target.kind === "aws"
      ? [{
          proxy: p.name,
          reason: `signs requests to ${p.target.service} (${p.target.url}), but the intent does not say which ${p.target.service} actions on which resources; attach a policy allowing exactly those to its roles.`
        }]
      : []
  );
}

export function reads(access: Access): boolean {
  return access === "read" || access === "read-write";
}

export function writes(access: Access): boolean {
  return access === "write" || access === "read-write";
}

function s3Statements(target: S3Target, env: string, access: Access, canDelete: boolean, proxy: ProxyIntent): PolicyStatement[] {
  const { bucket } = target;
  // Each environment's role gets its own folder when the prefix names {env}.
  const prefix = s3PrefixFor(target, env);
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new UserError(`${where(proxy)}: "${bucket}" is not an S3 bucket name (3 to 63 lower-case letters, digits, "." and "-").`);
  }
  if (prefix !== "" && !prefix.endsWith("/")) {
    throw new UserError(`${where(proxy)}: S3 prefix "${prefix}" must end with "/" (or be empty for the whole bucket), so "logs" cannot also grant "logs-private/".`);
  }
  checkNoWildcards(prefix, `${where(proxy)}: S3 prefix`);
  const objects = `arn:aws:s3:::${bucket}/${prefix}*`;
  const statements: PolicyStatement[] = [];
  if (reads(access)) {
    statements.push({
      Sid: "ListObjects",
      Effect: "Allow",
      Action: "s3:ListBucket",
      Resource: `arn:aws:s3:::${bucket}`,
      // Without a prefix the whole bucket may be listed, including without a prefix parameter, which the condition would refuse.
      ...(prefix === "" ? {} : { Condition: { StringLike: { "s3:prefix": [`${prefix}*`] } } })
    });
    statements.push({ Sid: "ReadObjects", Effect: "Allow", Action: "s3:GetObject", Resource: objects });
  }
  if (writes(access)) statements.push({ Sid: "WriteObjects", Effect: "Allow", Action: "s3:PutObject", Resource: objects });
  if (canDelete) statements.push({ Sid: "DeleteObjects", Effect: "Allow", Action: "s3:DeleteObject", Resource: objects });
  return statements;
}

function ssmStatements(intent: Intent, proxy: ProxyIntent): PolicyStatement[] {
  const names = new Set<string>();
  for (const header of proxy.headers) {
    if (header.value.kind === "ssm") names.add(checkedParameterName(header.value.parameter, header.name, proxy));
  }
  if (names.size === 0) return [];
  const { account, region } = intent.aws;
  const arns = [...names].map((name) => `arn:aws:ssm:${region}:${account}:parameter/${name.replace(/^\//, "")}`).sort(byCodeUnit);
  return [
    { Sid: "ReadSsmParameters", Effect: "Allow", Action: "ssm:GetParameters", Resource: arns },
    {
      Sid: "DecryptSsmParameters",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: `arn:aws:kms:${region}:${account}:key/*`,
      Condition: {
        StringEquals: {
          "kms:EncryptionContext:PARAMETER_ARN": arns,
          "kms:ViaService": `ssm.${region}.amazonaws.com`
        }
      }
    }
  ];
}

/** Parameter Store names: letters, digits, "_", ".", "-" and "/" (a leading "/" for a hierarchy). */
function checkedParameterName(name: string, header: string, proxy: ProxyIntent): string {
  if (!/^\/?[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/.test(name) || name.length > 2048) {
    throw new UserError(`${where(proxy)}: header "${header}" reads SSM parameter "${name}", which is not a Parameter Store name (letters, digits, "_", ".", "-" and "/"-separated levels, e.g. /app/prod/api-key).`);
  }
  return name;
}
