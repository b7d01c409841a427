// The AWS account the stand-ins share: roles with their trust and
// permission policies, the OIDC identity providers IAM trusts, and the
// temporary sessions STS has issued. STS writes sessions; S3 and SSM read
// them to authenticate and authorise each request.

import { randomBytes } from "node:crypto";
import type { PolicyDocument } from "../../iam/document";

export interface RoleDefinition {
  /** arn:aws:iam::123456789012:role/NAME */
  arn: string;
  trustPolicy: PolicyDocument;
  permissionsPolicies: PolicyDocument[];
  /** The role's MaxSessionDuration: 3600 (AWS's default) to 43200. */
  maxSessionDurationSeconds?: number;
}

/** An IAM OIDC identity provider: tokens whose iss is `issuer` are verified against `jwksUri`. */
export interface IdentityProvider {
  /** The iss claim, e.g. "https://accounts.google.com" or "https://login.example.com/realms/x". */
  issuer: string;
  jwksUri: string;
  /** Audiences (client IDs) registered on the provider; empty = any (accounts.google.com). */
  clientIds: string[];
}

/** Temporary credentials issued by AssumeRoleWithWebIdentity. */
export interface Session {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  roleArn: string;
  /** arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION */
  assumedRoleArn: string;
  sessionName: string;
  sourceIdentity: string | null;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** Claims of the web identity token the session was issued for. */
  identity: { issuer: string; sub: string; aud: string };
}

export class AwsWorld {
  readonly roles = new Map<string, RoleDefinition>();
  /** By issuer URL without "https://", the way IAM names providers and condition keys. */
  readonly identityProviders = new Map<string, IdentityProvider>();
  private readonly sessions = new Map<string, Session>();
  /** Calls to each stand-in action ("sts:AssumeRoleWithWebIdentity", "s3:GetObject", ...), for tests. */
  readonly calls: { action: string; status: number; at: number }[] = [];

  constructor(
    readonly accountId: string,
    readonly now: () => number = Date.now
  ) {}

  putRole(role: RoleDefinition): void {
    this.roles.set(role.arn, role);
  }

  putIdentityProvider(provider: IdentityProvider): void {
    this.identityProviders.set(providerKey(provider.issuer), provider);
  }

  /** The provider trusted for tokens with this iss, if IAM has one. */
  identityProviderFor(issuer: string): IdentityProvider | undefined {
    return this.identityProviders.get(providerKey(issuer));
  }

  issueSession(fields: Omit<Session, "accessKeyId" | "secretAccessKey" | "sessionToken">): Session {
    const session: Session = {
      ...fields,
      accessKeyId: `ASIA${randomBytes(8).toString("hex").toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString("base64"),
      sessionToken: `IQoJ${randomBytes(96).toString("base64")}`
    };
    this.sessions.set(session.accessKeyId, session);
    return session;
  }

  session(accessKeyId: string): Session | undefined {
    return this.sessions.get(accessKeyId);
  }

  record(action: string, status: number): void {
    this.calls.push({ action, status, at: this.now() });
  }

  callCount(action: string): number {
    return this.calls.filter((c) => c.action === action).length;
  }
}

/**
 * The token's iss → IAM's provider name and condition-key prefix: the scheme
 * dropped, nothing else. IAM keeps a trailing slash and a path
 * ("https://auth.example.com/" → provider auth.example.com/, key
 * auth.example.com/:aud), and STS finds the provider by the exact iss, so
 * a token whose iss differs by a slash finds none.
 */
export function providerKey(issuer: string): string {
  return issuer.replace(/^https:\/\//, "");
}
