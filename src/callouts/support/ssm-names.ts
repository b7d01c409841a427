// Flow variables of the aws-ssm-parameter shared flow (docs/runtime-contract.md),
// shared by its two callouts and matched by the policy XML in
// sharedflows/aws-ssm-parameter. Parameter values live only under `private.`.

/** FlowCallout parameters. */
export var SSM_PARAM = {
  names: "aws.ssm.names",
  region: "aws.ssm.region",
  withDecryption: "aws.ssm.withDecryption",
  ttlSeconds: "aws.ssm.ttlSeconds",
  header: "aws.ssm.header",
  roleArn: "aws.credentials.roleArn"
};

export var SSM_FLOW = {
  endpoint: "aws.ssm.endpoint",
  /** The region used: the parameter's, or us-east-1. Not the parameter itself, which keys the cache. */
  region: "aws.ssm.resolvedRegion",
  cached: "private.aws.ssm.cached",
  fetch: "aws.ssm.fetch",
  requestBody: "aws.ssm.requestBody",
  response: "awsSsmResponse",
  entry: "private.aws.ssm.entry",
  source: "aws.ssm.source",
  faultStatus: "aws.ssm.fault.status",
  faultBody: "aws.ssm.fault.body",
  faultDetail: "aws.ssm.fault.detail"
};

/** private.aws.ssm.value: the first parameter's value; private.aws.ssm.value.<name>: each one. */
export var SSM_VALUE = "private.aws.ssm.value";

export var DEFAULT_TTL_SECONDS = 300;
