// deploy's token from Google Application Default Credentials, through
// google-auth-library, against loopback stand-ins of Google's token
// endpoints: a service-account key file, a workload identity federation file
// as CI auth steps write it (with and without impersonation), gcloud's
// application-default file, and the metadata server. The management-API
// stand-in accepts only the token the credential stand-in issued, so a pass
// means the token really travelled the whole way. google-auth-library loads
// its HTTP client with a dynamic import, which Jest's module sandbox cannot
// run, so every request to Google goes through the real CLI (bin/apigee-aws.js).

import * as fs from "node:fs";
import * as path from "node:path";
import { ApigeeStandIn } from "../support/management-api";
import { resolveToken } from "../../src/deploy/token";
import { requireBuilt } from "../support/built";
import { buildDist, tempDir } from "./support/dist-fixture";
import { deployThroughBin as deploy, outputs } from "./support/deploy-run";
import { gcloudPrinting } from "./support/fake-gcloud";
import { startCredentialStandIns, type CredentialStandIns } from "./support/google-credential-stand-ins";

const ADC_TOKEN = "ya29.adc-issued-token-9f8e7d6c5b4a";
let dist: string;
let google: CredentialStandIns;
let apigee: ApigeeStandIn;
let subjectToken = "";

beforeAll(async () => {
  requireBuilt("cli.js");
  dist = buildDist();
  google = await startCredentialStandIns(() => subjectToken);
});
afterAll(async () => {
  await google.close();
  for (const text of outputs) expect(text).not.toContain(ADC_TOKEN);
});
beforeEach(async () => {
  apigee = await ApigeeStandIn.start({ token: ADC_TOKEN });
  google.grants.length = 0;
  google.refusals.length = 0;
});
afterEach(() => apigee.close());

function writeJson(value: unknown): string {
  const file = path.join(tempDir(), "credentials.json");
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

/** The CI's OIDC token, as the GitHub and GitLab auth steps leave it in a file. */
function ciIdToken(): string {
  subjectToken = `eyJ.ci-id-token.${Math.random().toString(36).slice(2)}`;
  const file = path.join(tempDir(), "id-token");
  fs.writeFileSync(file, subjectToken);
  return file;
}

const noOtherSource = { APIGEE_TOKEN: undefined, PATH: tempDir() };

test("a service-account key file in GOOGLE_APPLICATION_CREDENTIALS: its signed assertion is exchanged at the key's token_uri", async () => {
  const file = writeJson(google.keyFile(ADC_TOKEN));
  const run = await deploy(apigee, dist, ["--dry-run"], { ...noOtherSource, GOOGLE_APPLICATION_CREDENTIALS: file });
  expect(google.refusals).toEqual([]);
  expect(run.status).toBe(0);
  expect(run.stderr).toContain(`using the token from Application Default Credentials (service-account key file ${file}, from GOOGLE_APPLICATION_CREDENTIALS)`);
  expect(google.grants).toEqual(["oauth2:jwt-bearer"]);
  expect(apigee.log.calls.length).toBeGreaterThan(0);
  expect(apigee.log.calls.every((c) => c.authorized)).toBe(true);
});

test("a workload identity federation file as google-github-actions/auth writes it: GitHub's ID token from its URL, STS exchange, then impersonation", async () => {
  ciIdToken();
  const file = writeJson(google.externalAccountFile({ accessToken: ADC_TOKEN, impersonate: "deployer@acme-ci.iam.gserviceaccount.com" }));
  const run = await deploy(apigee, dist, [], { ...noOtherSource, GOOGLE_APPLICATION_CREDENTIALS: file });
  expect(google.refusals).toEqual([]);
  expect(run.status).toBe(0);
  expect(run.stderr).toContain(`using the token from Application Default Credentials (workload identity federation file ${file}, from GOOGLE_APPLICATION_CREDENTIALS)`);
  expect(google.grants).toEqual(["actions:id-token", "sts:token-exchange", "iamcredentials:generateAccessToken"]);
  expect(apigee.log.mutations().length).toBeGreaterThan(0);
  expect(apigee.log.calls.every((c) => c.authorized)).toBe(true);
});

test("a federation file as GitLab's recipe writes it (ID token in a file), without impersonation: the federated token itself is used", async () => {
  const file = writeJson(google.externalAccountFile({ subjectTokenFile: ciIdToken(), accessToken: ADC_TOKEN }));
  const run = await deploy(apigee, dist, ["--dry-run"], { ...noOtherSource, GOOGLE_APPLICATION_CREDENTIALS: file });
  expect(google.refusals).toEqual([]);
  expect(run.stderr).toContain(`using the token from Application Default Credentials (workload identity federation file ${file}, from GOOGLE_APPLICATION_CREDENTIALS)`);
  expect(google.grants).toEqual(["sts:token-exchange"]);
  expect(apigee.log.calls.every((c) => c.authorized)).toBe(true);
});

test("gcloud's application-default file is used when GOOGLE_APPLICATION_CREDENTIALS is unset", async () => {
  const config = tempDir();
  fs.writeFileSync(path.join(config, "application_default_credentials.json"), JSON.stringify(google.keyFile(ADC_TOKEN)));
  const run = await deploy(apigee, dist, ["--dry-run"], { ...noOtherSource, CLOUDSDK_CONFIG: config });
  expect(run.stderr).toMatch(/using the token from Application Default Credentials \(service-account key file .*application_default_credentials\.json, from gcloud auth application-default login\)\n/);
  expect(apigee.log.calls.every((c) => c.authorized)).toBe(true);
});

test("the metadata server, when GCE_METADATA_HOST names one (as on Google Cloud)", async () => {
  google.metadataToken(ADC_TOKEN);
  const host = google.url.replace(/^http:\/\//, "");
  const run = await deploy(apigee, dist, ["--dry-run"], { ...noOtherSource, METADATA_SERVER_DETECTION: undefined, GCE_METADATA_HOST: host });
  expect(google.refusals).toEqual([]);
  expect(run.status).toBe(0);
  expect(run.stderr).toContain(`using the token from Application Default Credentials (the metadata server at ${host})`);
  expect(google.grants).toEqual(["metadata:token"]);
  expect(apigee.log.calls.every((c) => c.authorized)).toBe(true);
});

test("order: --token and APIGEE_TOKEN before Application Default Credentials, which come before gcloud", async () => {
  const file = writeJson(google.keyFile(ADC_TOKEN));
  const env = { GOOGLE_APPLICATION_CREDENTIALS: file, PATH: gcloudPrinting("ya29.from-gcloud-0123456789"), APIGEE_TOKEN: "env-token-0123456789" };
  expect((await resolveToken({ flag: "flag-token-0123456789", env }))?.source).toBe("--token");
  expect((await resolveToken({ env }))?.source).toBe("APIGEE_TOKEN");
  expect(google.grants).toEqual([]);
  const adc = await deploy(apigee, dist, ["--dry-run"], { ...env, APIGEE_TOKEN: undefined });
  expect(adc.stderr).toMatch(/using the token from Application Default Credentials/);
  expect(google.grants).toEqual(["oauth2:jwt-bearer"]);
  const withoutAdc = { PATH: env.PATH, CLOUDSDK_CONFIG: tempDir(), METADATA_SERVER_DETECTION: "none" };
  expect((await resolveToken({ env: withoutAdc }))?.source).toBe("gcloud auth print-access-token");
});

test("a credential file that is missing, not JSON or of an unknown type: exit 2 naming the file and the fix", async () => {
  const cases: [string, RegExp][] = [
    [path.join(tempDir(), "nope.json"), /GOOGLE_APPLICATION_CREDENTIALS names .*nope\.json, which cannot be read \(ENOENT\); point it at a credential file, or unset it\./],
    [writeRaw("{not json"), /\(from GOOGLE_APPLICATION_CREDENTIALS\) is not JSON: .*; it should be a Google credential file/],
    [writeJson({ type: "api_key" }), /has "type": "api_key"; expected one of service_account, external_account, authorized_user/]
  ];
  for (const [file, message] of cases) {
    const run = await deploy(apigee, dist, [], { ...noOtherSource, GOOGLE_APPLICATION_CREDENTIALS: file });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at |report this as a bug/);
  }
});

test("a federation file whose exchange is refused fails a deploy with Google's reason; a dry run goes on without state", async () => {
  const file = writeJson(google.externalAccountFile({ subjectTokenFile: ciIdToken(), accessToken: ADC_TOKEN }));
  subjectToken = "a different token than the file holds";
  const run = await deploy(apigee, dist, [], { ...noOtherSource, GOOGLE_APPLICATION_CREDENTIALS: file });
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/apigee-aws: Application Default Credentials \(workload identity federation file .*\) failed: 400 invalid_grant: subject_token is not the CI's ID token\. Fix or unset GOOGLE_APPLICATION_CREDENTIALS/);
  const dry = await deploy(apigee, dist, ["--dry-run"], { ...noOtherSource, GOOGLE_APPLICATION_CREDENTIALS: file });
  expect(dry.status).toBe(0);
  expect(dry.stderr).toMatch(/no token \(Application Default Credentials .* failed: .*\): the dry run shows every step/);
  expect(apigee.log.calls).toEqual([]);
});

function writeRaw(text: string): string {
  const file = path.join(tempDir(), "credentials.json");
  fs.writeFileSync(file, text);
  return file;
}
