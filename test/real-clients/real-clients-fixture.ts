// The stand-ins as AWS clients nobody in this project wrote see them: one
// account with a role the Google stand-in's ID tokens can assume (the trust
// apigee-aws generates for the Apigee runtime), allowed to read and write a
// bucket and read parameters under /app (kms:Decrypt on the default key).
// Hostnames such as bucket.s3.REGION.amazonaws.com resolve to loopback
// through `lookup`, so virtual-hosted addressing is exercised as on AWS.

import type { LookupFunction } from "node:net";
import { GATEWAY_AUDIENCE } from "../../src/iam/trust-policy";
import { StandIns } from "../../src/stand-ins/stand-ins";
import { gatewayRole, roleArn, ACCOUNT_ID } from "../support/aws-world-fixtures";

export const REGION = "us-east-1";
export const BUCKET = "client-bucket";
export const ROLE_ARN = roleArn("real-clients");
const SA = { email: "apigee-runtime@client-tests.iam.gserviceaccount.com", uniqueId: "104857600000000000042" };

export async function startStandIns(): Promise<StandIns> {
  const standIns = await StandIns.start({ region: REGION, serviceAccounts: [SA] });
  const role = gatewayRole("real-clients", SA);
  role.permissionsPolicies = [
    {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: `arn:aws:s3:::${BUCKET}/*` },
        { Effect: "Allow", Action: "s3:ListBucket", Resource: `arn:aws:s3:::${BUCKET}` },
        { Effect: "Allow", Action: ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"], Resource: `arn:aws:ssm:${REGION}:${ACCOUNT_ID}:parameter/app*` },
        { Effect: "Allow", Action: "kms:Decrypt", Resource: standIns.ssm.defaultKeyArn }
      ]
    }
  ];
  standIns.world.putRole(role);
  standIns.s3.createBucket(BUCKET);
  standIns.s3.putObjectDirect(BUCKET, "seeded/readme.txt", "seeded by the test", "text/plain");
  standIns.ssm.putParameter("/app/db/host", "db.internal", "String");
  standIns.ssm.putParameter("/app/db/password", "s3cr3t", "SecureString");
  standIns.ssm.putParameter("/app/hosts", "a,b", "StringList");
  return standIns;
}

/** A Google ID token for the runtime service account, audience sts.amazonaws.com, as aws-credentials gets one. */
export function webIdentityToken(standIns: StandIns): Promise<string> {
  return standIns.google.idToken(SA.email, GATEWAY_AUDIENCE, false);
}

/** Every *.amazonaws.com name is loopback; the port comes from the endpoint URL. */
export const loopbackLookup: LookupFunction = (hostname, options, callback) => {
  if (!hostname.endsWith(".amazonaws.com") && hostname !== "localhost") {
    callback(Object.assign(new Error(`no loopback address for ${hostname}`), { code: "ENOTFOUND" }), "", 4);
    return;
  }
  if (options.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: "127.0.0.1", family: 4 }]);
  else callback(null, "127.0.0.1", 4);
};

export function port(url: string): string {
  return new URL(url).port;
}

/**
 * The environment for an AWS client under test: no shared config or
 * credentials files (a developer's ~/.aws must not change what is tested),
 * no instance metadata lookups, no AWS_* settings from the caller.
 */
export function hermeticAwsEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith("AWS_")) env[name] = value;
  const nowhere = "/nonexistent/apigee-aws-real-clients";
  return { ...env, AWS_CONFIG_FILE: nowhere, AWS_SHARED_CREDENTIALS_FILE: nowhere, AWS_EC2_METADATA_DISABLED: "true", AWS_PAGER: "", ...extra };
}
