// Opaque OAuth 2 access tokens ("ya29." + random), remembered with the
// service account they act as, their scopes and their expiry, so the
// stand-in's APIs can authenticate callers the way Google's front end does.

import { randomBytes } from "node:crypto";

export interface AccessTokenGrant {
  serviceAccount: string;
  scopes: string[];
  /** Epoch milliseconds. */
  expiresAt: number;
}

export type AccessTokenCheck =
  | { ok: true; grant: AccessTokenGrant }
  | { ok: false; problem: "missing" | "unknown" | "expired" };

export class AccessTokenStore {
  private readonly grants = new Map<string, AccessTokenGrant>();

  constructor(private readonly now: () => number) {}

  mint(serviceAccount: string, scopes: string[], lifetimeSeconds: number): string {
    // One dot only: three dot-separated parts would look like a JWT to code that sniffs tokens.
    const token = "ya29." + randomBytes(96).toString("base64url");
    this.grants.set(token, { serviceAccount, scopes: [...scopes], expiresAt: this.now() + lifetimeSeconds * 1000 });
    return token;
  }

  /** What `token` grants, if it was minted here and has not expired. */
  check(token: string | undefined): AccessTokenCheck {
    if (!token) return { ok: false, problem: "missing" };
    const grant = this.grants.get(token);
    if (!grant) return { ok: false, problem: "unknown" };
    if (this.now() >= grant.expiresAt) return { ok: false, problem: "expired" };
    return { ok: true, grant: { ...grant, scopes: [...grant.scopes] } };
  }

  /** The grant behind `token` whatever its expiry, or undefined if it was never minted here. */
  describe(token: string): AccessTokenGrant | undefined {
    const grant = this.grants.get(token);
    return grant && { ...grant, scopes: [...grant.scopes] };
  }
}
