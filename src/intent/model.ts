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
  /** May hold {env}, the environment's name ("acme-{env}-data"): see s3BucketFor. */
  bucket: string;
  /**
   * "" (whole bucket) or a prefix ending in "/", e.g. "builds/"; a segment
   * may be {env}, the environment's name ("{env}/builds/"): see s3PrefixFor.
   */
  prefix: string;
}

/** The placeholder for the environment's name, in role names, bucket names, S3 prefixes and SSM parameter names. */
export const ENV_PLACEHOLDER = "{env}";

/** `text` with every {env} replaced by the environment's name. */
export function forEnvironment(text: string, env: string): string {
  return text.split(ENV_PLACEHOLDER).join(env);
}

/** Whether a value differs per environment through {env}. */
export function namesEnvironment(text: string): boolean {
  return text.includes(ENV_PLACEHOLDER);
}

/** The S3 prefix a proxy serves in environment `env`. */
export function s3PrefixFor(target: S3Target, env: string): string {
  return forEnvironment(target.prefix, env);
}

/** The bucket a proxy serves in environment `env`. */
export function s3BucketFor(target: S3Target, env: string): string {
  return forEnvironment(target.bucket, env);
}

/** Any AWS service endpoint signed with SigV4 (`sign: {service}`). */
export interface SignedTarget {
  kind: "aws";
  /** https URL of the endpoint, e.g. https://lambda.us-east-1.amazonaws.com */
  url: string;
  service: string;
  region: string;
}

/** An ssm: value's parameter may hold {env}: see forEnvironment. */
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

/** Where an environment's roles, buckets and parameters live. */
export interface AwsPlace {
  account: string;
  region: string;
}

/**
 * The top-level aws section: the default account and region, and the
 * environments that differ from it (each fully resolved: a key the file left
 * out is the default's). Ask awsOf for an environment's place; account and
 * region here are only the defaults.
 */
export interface AwsIntent extends AwsPlace {
  /** Absent when no environment differs. */
  environments?: Record<string, AwsPlace>;
}

export interface Intent {
  file: string;
  /** What the file may mean other than intended (located, like problems); the intent is still built. */
  warnings?: IntentProblem[];
  aws: AwsIntent;
  /** The Google service accounts of gateway mode; null when every proxy is in caller mode. */
  identity: IdentityIntent | null;
  environments: string[];
  proxies: ProxyIntent[];
}

/** The account and region of environment `env`: the one place every consumer asks. */
export function awsOf(intent: Pick<Intent, "aws">, env: string): AwsPlace {
  const own = intent.aws.environments?.[env];
  return own ? { account: own.account, region: own.region } : { account: intent.aws.account, region: intent.aws.region };
}

/** Each AWS account the environments use, once, in environment order. */
export function accountsOf(intent: Pick<Intent, "aws" | "environments">): string[] {
  return [...new Set(intent.environments.map((env) => awsOf(intent, env).account))];
}

/** Whether the environments use more than one region: the bundles then read the region from the property set. */
export function regionsDiffer(intent: Pick<Intent, "aws" | "environments">): boolean {
  return new Set(intent.environments.map((env) => awsOf(intent, env).region)).size > 1;
}

/** The role's ARN in environment `env`'s account. */
export function roleArn(intent: Pick<Intent, "aws">, env: string, roleName: string): string {
  return `arn:aws:iam::${awsOf(intent, env).account}:role/${roleName}`;
}
