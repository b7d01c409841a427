// The management API stand-in checks what Apigee checks, so deploy tests
// against it mean something: bearer token, query parameters, the multipart
// field "file", the bundle root and descriptor, and at deploy time the
// service account and the shared flows FlowCallouts call.

import { multipartBody } from "../../src/deploy/multipart";
import { zipBundle } from "../../src/common/bundle-zip";
import { ApigeeStandIn } from "../support/management-api";

const TOKEN = "stand-in-token-0123456789";
let standIn: ApigeeStandIn;

beforeAll(async () => {
  standIn = await ApigeeStandIn.start({ token: TOKEN, readyAfterPolls: 2 });
});
afterAll(() => standIn.close());

const sharedFlow = (name: string, policy = "<AssignMessage name='AM'/>") =>
  zipBundle(
    new Map([
      [`sharedflowbundle/${name}.xml`, Buffer.from(`<SharedFlowBundle name="${name}">\n  <Description>flow &amp; more</Description>\n</SharedFlowBundle>`)],
      ["sharedflowbundle/policies/P.xml", Buffer.from(policy)]
    ])
  );
const proxy = (name: string, policy: string) =>
  zipBundle(
    new Map([
      [`apiproxy/${name}.xml`, Buffer.from(`<APIProxy name="${name}"><Description>p</Description></APIProxy>`)],
      ["apiproxy/policies/FC.xml", Buffer.from(policy)]
    ])
  );

async function call(method: string, path: string, options: { zip?: Buffer; field?: string; token?: string; contentType?: string; body?: Buffer } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${options.token ?? TOKEN}` };
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (options.zip) {
    const form = multipartBody({ field: (options.field ?? "file") as "file", fileName: "b.zip", bytes: options.zip, source: "test" });
    headers["content-type"] = form.contentType;
    body = new Uint8Array(form.body);
  } else if (options.body) {
    headers["content-type"] = options.contentType ?? "application/octet-stream";
    body = new Uint8Array(options.body);
  }
  const response = await fetch(`${standIn.url}${path}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) };
}

test("requests without the right bearer token get 401 UNAUTHENTICATED", async () => {
  const wrong = await call("GET", "/v1/organizations/acme/apis/x", { token: "other-token-0123456789" });
  expect(wrong.status).toBe(401);
  expect(wrong.json().error.status).toBe("UNAUTHENTICATED");
  expect(standIn.log.calls.at(-1)).toMatchObject({ authorized: false, status: 401 });
});

test("an import names a missing or unknown query parameter, and wants the zip in the form field file", async () => {
  const noName = await call("POST", "/v1/organizations/acme/sharedflows?action=import", { zip: sharedFlow("sf") });
  expect(noName.json().error.message).toBe('required query parameter "name" is missing');
  const unknown = await call("POST", "/v1/organizations/acme/sharedflows?action=import&name=sf&bogus=1", { zip: sharedFlow("sf") });
  expect(unknown.json().error.message).toMatch(/Unknown name "bogus": Cannot bind query parameter/);
  const wrongField = await call("POST", "/v1/organizations/acme/sharedflows?action=import&name=sf", { zip: sharedFlow("sf"), field: "proxy" });
  expect(wrongField.status).toBe(400);
  expect(wrongField.json().error.message).toBe('the multipart/form-data body has no form field "file" (fields: proxy)');
  const raw = await call("POST", "/v1/organizations/acme/sharedflows?action=import&name=sf", { body: sharedFlow("sf") });
  expect(raw.json().error.message).toMatch(/expected Content-Type multipart\/form-data/);
});

test("a bundle outside its root or with another name is refused with BadBundle violations", async () => {
  const outside = await call("POST", "/v1/organizations/acme/apis?action=import&name=p", { zip: sharedFlow("p") });
  expect(outside.status).toBe(400);
  expect(outside.json().error).toMatchObject({
    message: "bundle contains errors",
    status: "INVALID_ARGUMENT",
    details: [{ "@type": "type.googleapis.com/edge.configstore.bundle.BadBundle", violations: [{ filename: "sharedflowbundle/p.xml", description: "zip entry in bundle is outside the bundle root" }, expect.anything()] }]
  });
  const renamed = await call("POST", "/v1/organizations/acme/sharedflows?action=import&name=other", { zip: sharedFlow("sf") });
  expect(renamed.json().error.details[0].violations[0].description).toBe('the descriptor names "sf" but the import is for "other"');
});

test("an import stores a revision with the descriptor's description; deployments go PROGRESSING then READY", async () => {
  const imported = await call("POST", "/v1/organizations/acme/sharedflows?action=import&name=flow-a", { zip: sharedFlow("flow-a") });
  expect(imported.json()).toMatchObject({ name: "flow-a", revision: "1", description: "flow & more" });
  expect((await call("GET", "/v1/organizations/acme/sharedflows/flow-a")).json()).toMatchObject({ revision: ["1"], latestRevisionId: "1" });
  const deployed = await call("POST", "/v1/organizations/acme/environments/test/sharedflows/flow-a/revisions/1/deployments?override=true");
  expect(deployed.json()).toMatchObject({ environment: "test", apiProxy: "flow-a", revision: "1" });
  const states = [];
  for (let i = 0; i < 3; i++) states.push((await call("GET", "/v1/organizations/acme/environments/test/sharedflows/flow-a/revisions/1/deployments")).json().state);
  expect(states).toEqual(["PROGRESSING", "PROGRESSING", "READY"]);
  expect((await call("GET", "/v1/organizations/acme/environments/test/sharedflows/flow-a/deployments")).json().deployments).toEqual([
    expect.objectContaining({ revision: "1" })
  ]);
});

test("deploying a bundle with Google authentication needs serviceAccount, in the documented format", async () => {
  const googleAuth = "<ServiceCallout name='SC'><HTTPTargetConnection><Authentication><GoogleAccessToken/></Authentication></HTTPTargetConnection></ServiceCallout>";
  await call("POST", "/v1/organizations/acme/sharedflows?action=import&name=creds", { zip: sharedFlow("creds", googleAuth) });
  const without = await call("POST", "/v1/organizations/acme/environments/test/sharedflows/creds/revisions/1/deployments?override=true");
  expect(without.status).toBe(400);
  expect(without.json().error.message).toBe('Deployment of "organizations/acme/sharedflows/creds/revisions/1" requires a service account identity, but one was not provided with the request.');
  const malformed = await call("POST", "/v1/organizations/acme/environments/test/sharedflows/creds/revisions/1/deployments?serviceAccount=someone%40gmail.com");
  expect(malformed.json().error.message).toMatch(/the format must be \{ACCOUNT_ID\}@\{PROJECT\}\.iam\.gserviceaccount\.com/);
  const ok = await call("POST", "/v1/organizations/acme/environments/test/sharedflows/creds/revisions/1/deployments?override=true&serviceAccount=rt@proj.iam.gserviceaccount.com");
  expect(ok.json().serviceAccount).toBe("projects/-/serviceAccounts/rt@proj.iam.gserviceaccount.com");
});

test("a proxy whose FlowCallout calls a shared flow not deployed in the environment fails deployment validation", async () => {
  const fc = (flow: string) => `<FlowCallout name="FC"><SharedFlowBundle>${flow}</SharedFlowBundle></FlowCallout>`;
  await call("POST", "/v1/organizations/acme/apis?action=import&name=p1", { zip: proxy("p1", fc("not-there")) });
  const refused = await call("POST", "/v1/organizations/acme/environments/test/apis/p1/revisions/1/deployments?override=true");
  expect(refused.status).toBe(400);
  expect(refused.json().error).toMatchObject({
    message: "deployment validations failed",
    status: "FAILED_PRECONDITION",
    details: [{ "@type": "type.googleapis.com/google.rpc.PreconditionFailure", violations: [{ subject: "organizations/acme/apis/p1/revisions/1", description: 'a FlowCallout calls shared flow "not-there", which is not deployed in environment "test"' }] }]
  });
  // flow-a is deployed in test (above) but not in prod.
  await call("POST", "/v1/organizations/acme/apis?action=import&name=p2", { zip: proxy("p2", fc("flow-a")) });
  expect((await call("POST", "/v1/organizations/acme/environments/prod/apis/p2/revisions/1/deployments?override=true")).status).toBe(400);
  expect((await call("POST", "/v1/organizations/acme/environments/test/apis/p2/revisions/1/deployments?override=true")).status).toBe(200);
});

test("another revision is replaced only with override=true; unknown environments are 404", async () => {
  await call("POST", "/v1/organizations/acme/sharedflows?action=import&name=flow-a", { zip: sharedFlow("flow-a") });
  const noOverride = await call("POST", "/v1/organizations/acme/environments/test/sharedflows/flow-a/revisions/2/deployments");
  expect(noOverride.json().error.message).toMatch(/revision 1 of organizations\/acme\/sharedflows\/flow-a is deployed in environment "test"; set override=true/);
  expect((await call("POST", "/v1/organizations/acme/environments/nowhere/sharedflows/flow-a/revisions/2/deployments?override=true")).status).toBe(404);
});

test("resource files: create once (then 409 ALREADY_EXISTS), update with PUT, read back", async () => {
  const create = (content: string) => call("POST", "/v1/organizations/acme/environments/test/resourcefiles?name=cfg&type=properties", { zip: Buffer.from(content) });
  expect((await create("a=1\n")).json()).toEqual({ name: "cfg", type: "properties" });
  const again = await create("a=2\n");
  expect(again.status).toBe(409);
  expect(again.json().error.status).toBe("ALREADY_EXISTS");
  expect((await call("PUT", "/v1/organizations/acme/environments/test/resourcefiles/properties/cfg", { zip: Buffer.from("a=3\n") })).status).toBe(200);
  expect((await call("GET", "/v1/organizations/acme/environments/test/resourcefiles/properties/cfg")).text).toBe("a=3\n");
  expect((await call("GET", "/v1/organizations/acme/environments/test/resourcefiles/properties/none")).status).toBe(404);
  expect((await call("POST", "/v1/organizations/acme/environments/test/resourcefiles?name=x&type=yaml", { zip: Buffer.from("") })).json().error.message).toMatch(/type "yaml" is not valid/);
});

test("injected faults: 403 naming a permission, 5xx a set number of times, a dropped connection", async () => {
  standIn.inject("get-proxy", { kind: "forbidden", permission: "apigee.proxies.get" }, 1);
  const denied = await call("GET", "/v1/organizations/acme/apis/p1");
  expect(denied.status).toBe(403);
  expect(denied.json().error.details[0].metadata.permission).toBe("apigee.proxies.get");
  standIn.inject("get-proxy", { kind: "status", status: 503, googleStatus: "UNAVAILABLE", message: "later", retryAfterSeconds: 1 }, 1);
  expect((await call("GET", "/v1/organizations/acme/apis/p1")).status).toBe(503);
  expect((await call("GET", "/v1/organizations/acme/apis/p1")).status).toBe(200);
  standIn.inject("get-proxy", { kind: "drop" }, 1);
  await expect(call("GET", "/v1/organizations/acme/apis/p1")).rejects.toThrow();
  expect(standIn.log.calls.at(-1)).toMatchObject({ route: "get-proxy", status: "dropped" });
  expect((await call("GET", "/v1/organizations/other/apis/p1")).json().error.message).toBe("Permission 'apigee.proxies.get' denied on resource 'organizations/other' (or it may not exist).");
});
