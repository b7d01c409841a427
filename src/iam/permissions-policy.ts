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
//   granted; permissionGap() says so, for explain and the role's description.

import type { Access, SignedTarget } from "../intent/model";
import { POLICY_VERSION, type PolicyDocument, type PolicyStatement } from "./document";
import { byCodeUnit } from "./policy-json";

/** What a role may touch in one environment: its account and region, the S3 folder, the SSM parameters. */
export interface RoleGrant {
  account: string;
  region: string;
  /** The environment's folder ("" for the whole bucket, else ending in "/"), {env} already substituted. */
  s3: { bucket: string; prefix: string; access: Access; delete: boolean } | null;
  /** Parameter Store names the proxy's headers read. */
  ssmParameters: string[];
}

/** The role's inline permissions, or null when the grant holds nothing (a signed target without SSM headers). */
export function permissionsPolicy(grant: RoleGrant): PolicyDocument | null {
  const statements = [...(grant.s3 ? s3Statements(grant.s3) : []), ...ssmStatements(grant)];
  return statements.length > 0 ? { Version: POLICY_VERSION, Statement: statements } : null;
}

/** Why a signed target's role gets no derived permissions: its actions cannot be read off a URL. */
export function permissionGap(target: SignedTarget): string {
  return `signs requests to ${target.service} (${target.url}), but the intent does not say which ${target.service} actions on which resources; attach a policy allowing exactly those to its roles.`;
}

export function reads(access: Access): boolean {
  return access === "read" || access === "read-write";
}

export function writes(access: Access): boolean {
  return access === "write" || access === "read-write";
}

function s3Statements(s3: NonNullable<RoleGrant["s3"]>): PolicyStatement[] {
  const { bucket, prefix, access } = s3;
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
  if (s3.delete) statements.push({ Sid: "DeleteObjects", Effect: "Allow", Action: "s3:DeleteObject", Resource: objects });
  return statements;
}

/** The ARN of a Parameter Store parameter: a leading "/" of a hierarchical name is not repeated after "parameter". */
export function parameterArn(region: string, account: string, name: string): string {
  return `arn:aws:ssm:${region}:${account}:parameter/${name.replace(/^\//, "")}`;
}

function ssmStatements(grant: RoleGrant): PolicyStatement[] {
  if (grant.ssmParameters.length === 0) return [];
  const { account, region } = grant;
  const arns = [...new Set(grant.ssmParameters)].map((name) => parameterArn(region, account, name)).sort(byCodeUnit);
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
