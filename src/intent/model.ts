// The intent after validation: what the generator and the IAM document
// writer consume. Every default is resolved here, so both sides of the trust
// chain read the same values. Produced by src/intent/ from the YAML file.

import type { IntentProblem } from "./problems";

/** Where a value came from in the intent file, for messages. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface JwtAuth {
  issuer: string;
  /** The audience VerifyJWT checks (and the IAM OIDC provider's client ID in caller mode). */
  audience: string;
  jwksUri: string;
  /** The longest a token may live, exp − iat, as VerifyJWT's MaxLifespan takes it ("24h", "90m"); tokens without exp or iat are refused. */
  maxLifespan: string;
}

export type Access = "read" | "write" | "read-write";

export interface S3Target {
  kind: "s3";
  bucket: string;
  /**
   * "" (whole bucket) or a prefix ending in "/", e.g. "builds/"; a segment
   * may be {env}, the environment's name ("{env}/builds/"): see s3PrefixFor.
   */
  prefix: string;
}

/** The placeholder for the environment's name, in role names and S3 prefixes. */
export const ENV_PLACEHOLDER = "{env}";

/** The S3 prefix a proxy serves in environment `env`. */
export function s3PrefixFor(target: S3Target, env: string): string {
  return target.prefix.split(ENV_PLACEHOLDER).join(env);
}

/** Any AWS service endpoint signed with SigV4 (`sign: {service}`). */
export interface SignedTarget {
  kind: "aws";
  /** https URL of the endpoint, e.g. https://lambda.us-east-1.amazonaws.com */
  url: string;
  service: string;
  region: string;
}

export type HeaderValue = { kind: "literal"; value: string } | { kind: "ssm"; parameter: string };

export interface ProxyIntent {
  name: string;
  target: S3Target | SignedTarget;
  access: Access;
  /** DELETE allowed (only when stated). */
  delete: boolean;
  /** "/<name>" unless set. */
  basePath: string;
  auth: { kind: "jwt"; jwt: JwtAuth } | { kind: "public" };
  identity: "gateway" | "caller";
  /** Environment → IAM role name (default apigee-<proxy>-<env>). */
  roles: Record<string, string>;
  quota: { count: number; interval: 1; unit: "minute" | "hour" | "day" | "month" } | null;
  /** Apigee SpikeArrest rate, e.g. "30ps", "600pm". */
  spikeArrest: string | null;
  cors: { origins: string[] } | null;
  /** Headers added to the target request; ssm: values are read by aws-ssm-parameter. */
  headers: { name: string; value: HeaderValue }[];
  /**
   * S3 targets: media types served for display in a browser, sorted ("image/*"
   * allowed); every other object is served as an attachment. Empty for
   * signed targets, whose answers pass through as AWS sends them.
   */
  inlineTypes: string[];
  /**
   * Caller mode: claims the caller's token must carry for STS to accept it,
   * besides the audience (any value listed; * and ? match as in IAM's
   * StringLike); null when the intent pins none.
   */
  trust: { sub: string[]; azp: string[]; amr: string[] } | null;
  location: SourceLocation;
}

/**
 * Who gateway-mode roles trust. By default each proxy in each environment
 * has its own Google service account (per: proxy-environment), named by
 * apigee-aws in `project` (or the environment's own project); per:
 * environment gives all proxies of an environment one account; per: shared
 * gives every role one account the intent names, which the build warns about.
 */
export type IdentityIntent =
  | {
      per: "proxy-environment" | "environment";
      /** The Google project the accounts live in. */
      project: string;
      /** Environment → its own project, for the environments that have one. */
      projects: Record<string, string>;
      location: SourceLocation;
    }
  | { per: "shared"; serviceAccount: string; uniqueId: string; location: SourceLocation };

export type IdentityGranularity = IdentityIntent["per"];

export interface Intent {
  file: string;
  /** What the file may mean other than intended (located, like problems); the intent is still built. */
  warnings?: IntentProblem[];
  aws: { account: string; region: string };
  /** The Google service accounts of gateway mode; null when every proxy is in caller mode. */
  identity: IdentityIntent | null;
  environments: string[];
  proxies: ProxyIntent[];
}

export function roleArn(intent: Intent, roleName: string): string {
  return `arn:aws:iam::${intent.aws.account}:role/${roleName}`;
}
