// What `apigee-aws explain` says about an intent, as data: the whole request
// path of each proxy (who may call, how, the limits, what is added on the
// way, which identity Apigee presents) and, per environment, the role it
// assumes, that role's trust conditions and its permissions. The facts layer
// (facts.ts) builds it; the renderers (render-text.ts, render-json.ts) only
// format it. `--format json` prints this shape, so its keys are stable: add
// keys, never rename or remove them without raising EXPLANATION_VERSION.

/** 2: gateway identity is per proxy and environment (identity.per, role.serviceAccount) instead of one serviceAccount and uniqueId; caller mode says withoutApigee and has a secrets role for SSM headers. */
export const EXPLANATION_VERSION = 2;

export interface Explanation {
  version: typeof EXPLANATION_VERSION;
  /** The intent file as given on the command line. */
  intent: string;
  /** aws.account and aws.region (the defaults), and each explained environment's own. */
  aws: { account: string; region: string; environments: AwsPlaceFacts[] };
  /** The environments explained (all, or the one --env chose), in intent order. */
  environments: string[];
  proxies: ProxyFacts[];
}

/** Where an environment's roles, buckets and parameters live. */
export interface AwsPlaceFacts {
  name: string;
  account: string;
  region: string;
}

export interface ProxyFacts {
  name: string;
  basePath: string;
  target: TargetFacts;
  callers: CallerFacts;
  requests: RequestFacts;
  limits: LimitFacts;
  cors: CorsFacts | null;
  /** What happens to headers between the caller and AWS. */
  headers: HeaderFacts;
  /** What the caller's browser gets back: the headers every answer carries, and which objects it may display. */
  answers: AnswerFacts;
  identity: IdentityFacts;
  environments: EnvironmentFacts[];
}

export interface AnswerFacts {
  /** S3 targets: the media types shown in a browser; any other object is an attachment. null for signed targets. */
  inlineTypes: string[] | null;
  meaning: string;
}

export type TargetFacts =
  | {
      kind: "s3";
      bucket: string;
      /** "" (the whole bucket) or a prefix ending in "/". */
      prefix: string;
      /** s3://bucket/prefix */
      location: string;
      access: string;
      delete: boolean;
    }
  | {
      kind: "aws";
      /** The endpoint the client's path and query are appended to. */
      url: string;
      service: string;
      region: string;
    };

export type CallerFacts =
  | {
      kind: "jwt";
      /** Where the token goes: "Authorization: Bearer <JWT>". */
      credential: string;
      issuer: string;
      audience: string;
      jwksUri: string;
      algorithm: string;
      clockAllowance: string;
      /** The longest a token may live (exp − iat); tokens without exp or iat are refused. */
      maxLifespan: string;
      /** What a caller without a valid token gets. */
      refusal: string;
    }
  | { kind: "public"; refusal: null };

export interface RequestForm {
  method: string;
  /** The path a caller requests, e.g. /artifacts/<key>. */
  path: string;
  meaning: string;
}

export interface RequestFacts {
  /** The methods the proxy lets through; null when it guards no method (a signed passthrough). */
  methods: string[] | null;
  forms: RequestForm[];
  /** Requests the proxy itself answers with an error before calling AWS. */
  refused: string[];
  /** What the proxy does not check, and what therefore decides instead. */
  notes: string[];
}

export interface LimitFacts {
  spikeArrest: { rate: string; meaning: string } | null;
  quota: { count: number; unit: string; per: "token-subject" | "client-ip"; identifier: string; meaning: string } | null;
}

export interface CorsFacts {
  origins: string[];
  anyOrigin: boolean;
  /** The methods preflights are answered with. */
  methods: string[];
  meaning: string;
}

export type AddedHeader =
  | { name: string; source: "literal"; value: string }
  | { name: string; source: "ssm"; parameter: string; meaning: string };

export interface HeaderFacts {
  /** Headers of the caller's request that never reach AWS. */
  removed: string;
  added: AddedHeader[];
}

export type IdentityFacts =
  | {
      mode: "gateway";
      /** How many roles an account serves: proxy-environment (one role each), environment, or shared. */
      per: string;
      /** The audience of the Google ID token the proxy mints. */
      audience: string;
      /** The regional STS endpoint; with environments in several regions, https://sts.<region>.amazonaws.com/ (each environment's is in its facts). */
      stsEndpoint: string;
      meaning: string;
      /** What must be granted outside apigee-aws for this to work. */
      requirement: string;
    }
  | {
      mode: "caller";
      issuer: string;
      audience: string;
      /** Plainly: any holder of a valid token can assume the role at STS without Apigee. */
      withoutApigee: string;
      /** How the SSM headers are read (the secrets role), or null when there are none. */
      secrets: string | null;
      /** The private flow variable holding the caller's verified token on its way to STS. */
      tokenVariable: string;
      stsEndpoint: string;
      /** The IAM OIDC provider STS checks the token against (the first environment's: each account has its own, which its roles' trust names); null for Google's built-in one. */
      oidcProvider: { arn: string; url: string; clientIds: string[] } | null;
      meaning: string;
      requirement: string;
    };

/** A role, read from the documents the build writes for it. */
export interface RoleDocumentFacts {
  role: RoleFacts;
  trust: { file: string; statements: TrustStatementFacts[] };
  /** file is null when the build writes no permissions policy; gap then says what to attach by hand. */
  permissions: { file: string | null; statements: PermissionStatementFacts[]; gap: string | null };
}

/** The role the target requests are signed with, and in caller mode with SSM headers the role that reads them. */
export interface EnvironmentFacts extends RoleDocumentFacts {
  name: string;
  /** The environment's AWS account and region, the STS endpoint the bundle calls there, and the property-set variable it reads the region from (null when the region is written in the bundle). */
  aws: { account: string; region: string; stsEndpoint: string; regionVariable: string | null };
  /** Caller mode with SSM headers: the secrets role, assumed with the proxy's own service account; null otherwise. */
  secrets: RoleDocumentFacts | null;
}

export interface RoleFacts {
  name: string;
  arn: string;
  maxSessionDurationSeconds: number;
  description: string;
  file: string;
  propertySet: { name: string; key: string; variable: string; file: string };
  /** Gateway mode: the account the bundle is deployed with here, the only one the role trusts, and every role that account may assume. */
  serviceAccount: { email: string; uniqueId: string | null; project: string; mayAssume: string[] } | null;
}

export interface ConditionFacts {
  operator: string;
  key: string;
  values: string[];
  meaning: string;
}

export interface PrincipalFacts {
  /** The Principal element's kind, e.g. "Federated". */
  type: string;
  value: string;
  meaning: string;
}

export interface TrustStatementFacts {
  sid: string | null;
  effect: string;
  principals: PrincipalFacts[];
  actions: string[];
  conditions: ConditionFacts[];
  summary: string;
  /** What the conditions leave open, e.g. any subject of the issuer. */
  notes: string[];
}

export interface PermissionStatementFacts {
  sid: string | null;
  effect: string;
  actions: string[];
  resources: string[];
  conditions: ConditionFacts[];
  /** "s3:GetObject on arn:aws:s3:::bucket/prefix/*", with any condition in words. */
  summary: string;
  /** What the actions are for, in this proxy's terms; null for an action explain does not know. */
  purpose: string | null;
}
