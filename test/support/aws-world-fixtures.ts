// IAM roles for the stand-ins' AWS world, with trust policies shaped like the
// ones apigee-aws's generator emits for the two aws-credentials modes:
//   gateway: Google's built-in provider, the runtime service account's
//            unique ID as aud (Google puts it in azp) and sub, oaud the audience;
//   caller:  the caller IdP's IAM OIDC provider, its client ID as aud and the
//            callers' subjects as sub.

import type { PolicyDocument } from "../../src/iam/document";
import type { RoleDefinition } from "../../src/stand-ins/aws/world";

export const ACCOUNT_ID = "111122223333";

export interface ServiceAccount {
  email: string;
  uniqueId: string;
}

export function roleArn(name: string, accountId = ACCOUNT_ID): string {
  return `arn:aws:iam::${accountId}:role/${name}`;
}

/** Trust for the Apigee runtime service account's Google ID tokens. */
/** With `setSourceIdentity`, the trust also allows sts:SetSourceIdentity, which STS requires when a SourceIdentity is passed. */
export function gatewayTrustPolicy(serviceAccount: ServiceAccount, options: { audience?: string; setSourceIdentity?: boolean } = {}): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: "accounts.google.com" },
        Action: options.setSourceIdentity ? ["sts:AssumeRoleWithWebIdentity", "sts:SetSourceIdentity"] : "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            "accounts.google.com:aud": serviceAccount.uniqueId,
            "accounts.google.com:oaud": options.audience ?? "sts.amazonaws.com",
            "accounts.google.com:sub": serviceAccount.uniqueId
          }
        }
      }
    ]
  };
}

/**
 * Trust for callers' tokens from an OIDC issuer registered in IAM.
 * `providerKey` is the issuer without https:// (login.example.com/realms/x);
 * `subjects` may use IAM wildcards (StringLike).
 */
export function callerTrustPolicy(providerKey: string, clientId: string, subjects: string[], accountId = ACCOUNT_ID): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: `arn:aws:iam::${accountId}:oidc-provider/${providerKey}` },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: { [`${providerKey}:aud`]: clientId },
          StringLike: { [`${providerKey}:sub`]: subjects }
        }
      }
    ]
  };
}

export interface GatewayRoleOptions {
  maxSessionDurationSeconds?: number;
  setSourceIdentity?: boolean;
}

export function gatewayRole(name: string, serviceAccount: ServiceAccount, options: GatewayRoleOptions = {}): RoleDefinition {
  const role: RoleDefinition = { arn: roleArn(name), trustPolicy: gatewayTrustPolicy(serviceAccount, { setSourceIdentity: options.setSourceIdentity }), permissionsPolicies: [] };
  if (options.maxSessionDurationSeconds !== undefined) role.maxSessionDurationSeconds = options.maxSessionDurationSeconds;
  return role;
}

export function callerRole(name: string, providerKey: string, clientId: string, subjects: string[]): RoleDefinition {
  return { arn: roleArn(name), trustPolicy: callerTrustPolicy(providerKey, clientId, subjects), permissionsPolicies: [] };
}
