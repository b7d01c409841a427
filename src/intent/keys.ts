// The keys allowed at each place in an intent file. The reader reports any
// other key (with "did you mean"); a test checks that schema/intent.schema.json
// lists exactly these, so editor completion and the validator agree.

export const TOP_KEYS = ["aws", "identity", "auth", "environments", "proxies"] as const;
export const AWS_KEYS = ["account", "region", "environments"] as const;
/** aws.environments.ENV: either may be left out (the default's is used). */
export const AWS_PLACE_KEYS = ["account", "region"] as const;
export const IDENTITY_KEYS = ["project", "per", "projects", "serviceAccount", "uniqueId"] as const;
export const IDENTITY_GRANULARITIES = ["proxy-environment", "environment", "shared"] as const;
/** Top-level auth: only jwt; public is stated per proxy (see auth.ts). */
export const TOP_AUTH_KEYS = ["jwt"] as const;
export const PROXY_AUTH_KEYS = ["jwt", "public"] as const;
export const JWT_KEYS = ["issuer", "audience", "jwksUri", "maxLifespan"] as const;
export const PROXY_KEYS = [
  "target",
  "access",
  "delete",
  "basePath",
  "auth",
  "identity",
  "role",
  "quota",
  "spikeArrest",
  "cors",
  "headers",
  "sign",
  "inlineTypes",
  "trust"
] as const;
export const SIGN_KEYS = ["service", "region"] as const;
export const CORS_KEYS = ["origins"] as const;
/** The claims IAM makes condition keys of for an OIDC provider, besides aud. */
export const TRUST_KEYS = ["sub", "azp", "amr"] as const;

export const ACCESS_VALUES = ["read", "write", "read-write"] as const;
export const IDENTITY_MODES = ["gateway", "caller"] as const;
/** Apigee Quota's time units; its finest is a minute (SpikeArrest is the per-second control). */
export const QUOTA_UNITS = ["minute", "hour", "day", "month"] as const;
