// Intent objects for generator tests, built directly (the YAML parser is
// another module's business), with every default resolved as the validator
// would resolve it.

import type { Intent, ProxyIntent } from "../../../src/intent/model";

export const SERVICE_ACCOUNT = { email: "apigee-runtime@acme-prod.iam.gserviceaccount.com", uniqueId: "104857600000000000001" };
export const ACCOUNT = "111122223333";
export const BUCKET = "acme-artifacts";

export function s3Proxy(overrides: Partial<ProxyIntent> = {}): ProxyIntent {
  return {
    name: "files",
    target: { kind: "s3", bucket: BUCKET, prefix: "builds/" },
    access: "read",
    delete: false,
    basePath: "/files",
    auth: { kind: "public" },
    identity: "gateway",
    roles: { test: "apigee-files-test", prod: "apigee-files-prod" },
    quota: null,
    spikeArrest: null,
    cors: null,
    headers: [],
    location: { file: "apigee-aws.yaml", line: 1, column: 1 },
    ...overrides
  };
}

export function intentWith(...proxies: ProxyIntent[]): Intent {
  return {
    file: "apigee-aws.yaml",
    aws: { account: ACCOUNT, region: "us-east-1" },
    identity: { serviceAccount: SERVICE_ACCOUNT.email, uniqueId: SERVICE_ACCOUNT.uniqueId },
    environments: ["test", "prod"],
    proxies
  };
}
