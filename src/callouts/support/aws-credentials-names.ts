// Flow variables of the aws-credentials shared flow (docs/runtime-contract.md),
// shared by its three callouts and matched by the policy XML in
// sharedflows/aws-credentials. Anything secret is under `private.`.

/** FlowCallout parameters. */
export var PARAM = {
  roleArn: "aws.credentials.roleArn",
  mode: "aws.credentials.mode",
  serviceAccount: "aws.credentials.serviceAccount",
  audience: "aws.credentials.audience",
  callerTokenVariable: "aws.credentials.callerTokenVariable",
  region: "aws.credentials.region",
  stsEndpoint: "aws.credentials.stsEndpoint",
  durationSeconds: "aws.credentials.durationSeconds",
  sourceIdentity: "aws.credentials.sourceIdentity",
  sessionName: "aws.credentials.sessionName",
  /** lookup, exchange, or all (the default): gateway mode calls the flow twice, minting its ID token between. */
  stage: "aws.credentials.stage"
};

/** What the flow hands back to the proxy. */
export var OUT = {
  accessKeyId: "private.aws.credentials.accessKeyId",
  secretAccessKey: "private.aws.credentials.secretAccessKey",
  sessionToken: "private.aws.credentials.sessionToken",
  expiration: "aws.credentials.expiration",
  source: "aws.credentials.source",
  sessionName: "aws.credentials.sessionName",
  attempts: "aws.credentials.attempts",
  error: "aws.credentials.error"
};

/** Between the flow's own steps; the XML conditions name these too. */
export var FLOW = {
  state: "aws.credentials.state",
  cacheKey: "aws.credentials.cacheKey",
  exchange: "aws.credentials.exchange",
  resolvedMode: "aws.credentials.resolvedMode",
  idTokenRequestBody: "aws.credentials.idTokenRequestBody",
  cached: "private.aws.credentials.cached",
  refreshLock: "aws.credentials.refreshLock",
  refreshLockHolder: "aws.credentials.refreshLockHolder",
  backoff: "aws.credentials.backoff",
  entry: "private.aws.credentials.entry",
  cacheTtl: "aws.credentials.cacheTtl",
  backoffEntry: "aws.credentials.backoffEntry",
  backoffTtl: "aws.credentials.backoffTtl",
  faultStatus: "aws.credentials.fault.status",
  faultReason: "aws.credentials.fault.reason",
  faultBody: "aws.credentials.fault.body",
  faultDetail: "aws.credentials.fault.detail",
  faultRetryAfter: "aws.credentials.fault.retryAfter"
};

/** The generateIdToken ServiceCallout: its name, request and response messages. */
export var ID_TOKEN_CALLOUT = {
  failed: "servicecallout.SC-AwsCredentials-GenerateIdToken.failed",
  request: "awsCredentialsIdTokenRequest",
  response: "awsCredentialsIdTokenResponse"
};

/** Credentials are not handed out within this long of their expiry; the cache TTL ends here too. */
export var SAFETY_MARGIN_MS = 300000;

/** The refresh window before the safety margin: max(60 s, 10 % of the lifetime). */
export var MIN_REFRESH_LEAD_MS = 60000;
