// The SSM Parameter Store stand-in over real HTTP, with requests signed by
// @smithy/signature-v4 the way AWS SDK v3 signs JSON 1.1 calls.

import { SsmStandIn } from "../../../src/stand-ins/aws/ssm";
import type { PolicyDocument } from "../../../src/iam/document";
import type { AwsWorld, Session } from "../../../src/stand-ins/aws/world";
import { ACCOUNT, REGION, issueSession, newWorld, send, sign, signAndSend, type Clock, type Received, type SigningOptions } from "./aws-client";

const T0 = Date.UTC(2026, 2, 14, 12, 0, 0);
const clock: Clock = { now: T0 };
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const paramArn = (name: string) => `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/${name.replace(/^\//, "")}`;
const CUSTOMER_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;

let world: AwsWorld;
let ssm: SsmStandIn;
let reader: Session;
let noKms: Session;
let narrow: Session;

function policy(...statements: PolicyDocument["Statement"][]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements.flat() };
}

beforeAll(async () => {
  world = newWorld(clock);
  ssm = await SsmStandIn.start({ world, region: REGION });
  const readApp = { Effect: "Allow" as const, Action: ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"], Resource: [paramArn("/app/*"), paramArn("/app"), paramArn("/rotation/*"), "arn:aws:ssm:*:*:parameter/plain"] };
  world.putRole({
    arn: role("reader"),
    trustPolicy: { Statement: [] },
    permissionsPolicies: [
      policy(readApp, {
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: [ssm.defaultKeyArn, CUSTOMER_KEY],
        Condition: { StringEquals: { "kms:ViaService": `ssm.${REGION}.amazonaws.com` } }
      })
    ]
  });
  world.putRole({ arn: role("no-kms"), trustPolicy: { Statement: [] }, permissionsPolicies: [policy(readApp)] });
  world.putRole({
    arn: role("narrow"),
    trustPolicy: { Statement: [] },
    permissionsPolicies: [policy({ Effect: "Allow", Action: "ssm:GetParameter", Resource: paramArn("/app/db/host") })]
  });
  reader = issueSession(world, clock, role("reader"));
  noKms = issueSession(world, clock, role("no-kms"));
  narrow = issueSession(world, clock, role("narrow"));
  ssm.putParameter("/app/db/host", "db.internal", "String");
  ssm.putParameter("/app/db/password", "s3cr3t-v1", "SecureString");
  ssm.putParameter("/app/api/key", "k-123", "SecureString", CUSTOMER_KEY);
  ssm.putParameter("/app/hosts", "a,b,c", "StringList");
  ssm.putParameter("/app/deep/er/still", "x", "String");
  ssm.putParameter("/other/secret", "nope", "String");
  ssm.putParameter("plain", "no hierarchy", "String");
});

afterAll(() => ssm.close());

beforeEach(() => {
  clock.now = T0;
});

interface ParameterJson {
  Name: string;
  Type: string;
  Value: string;
  Version: number;
  LastModifiedDate: number;
  ARN: string;
  DataType: string;
  Selector?: string;
}

/** SSM's answers and errors, as JSON. */
interface SsmAnswer {
  __type?: string;
  message?: string;
  Parameter?: ParameterJson;
  Parameters?: ParameterJson[];
  InvalidParameters?: string[];
  NextToken?: string;
}

async function ssmCall(session: Session, operation: string, input: unknown, options: Partial<SigningOptions> = {}): Promise<{ status: number; json: SsmAnswer; raw: Received }> {
  const raw = await signAndSend(
    ssm.url,
    session,
    {
      method: "POST",
      host: ssm.host,
      path: "/",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AmazonSSM.${operation}` },
      body: JSON.stringify(input)
    },
    { service: "ssm", date: new Date(clock.now), applyChecksum: true, ...options }
  );
  return { status: raw.status, json: JSON.parse(raw.text) as SsmAnswer, raw };
}

describe("GetParameter", () => {
  it("returns a String parameter in the JSON 1.1 shape", async () => {
    const { status, json, raw } = await ssmCall(reader, "GetParameter", { Name: "/app/db/host" });
    expect(status).toBe(200);
    expect(raw.headers["content-type"]).toBe("application/x-amz-json-1.1");
    expect(raw.headers["x-amzn-requestid"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(json).toEqual({
      Parameter: { Name: "/app/db/host", Type: "String", Value: "db.internal", Version: 1, LastModifiedDate: T0 / 1000, ARN: paramArn("/app/db/host"), DataType: "text" }
    });
  });

  it("returns a StringList's comma-joined value, and a name without a hierarchy", async () => {
    expect((await ssmCall(reader, "GetParameter", { Name: "/app/hosts" })).json.Parameter).toMatchObject({ Type: "StringList", Value: "a,b,c" });
    expect((await ssmCall(reader, "GetParameter", { Name: "plain" })).json.Parameter).toMatchObject({ Value: "no hierarchy", ARN: paramArn("plain") });
  });

  it("returns a SecureString's ciphertext without WithDecryption, and its value with it", async () => {
    const sealed = (await ssmCall(reader, "GetParameter", { Name: "/app/db/password" })).json.Parameter!;
    expect(sealed.Type).toBe("SecureString");
    expect(sealed.Value).not.toContain("s3cr3t");
    expect(Buffer.from(sealed.Value, "base64").length).toBeGreaterThan(32);
    const opened = (await ssmCall(reader, "GetParameter", { Name: "/app/db/password", WithDecryption: true })).json.Parameter!;
    expect(opened.Value).toBe("s3cr3t-v1");
  });

  it("requires kms:Decrypt on the parameter's key to decrypt", async () => {
    const denied = await ssmCall(noKms, "GetParameter", { Name: "/app/db/password", WithDecryption: true });
    expect(denied.status).toBe(400);
    expect(denied.json.__type).toBe("AccessDeniedException");
    expect(denied.json.message).toContain(`is not authorized to perform: kms:Decrypt on resource: ${ssm.defaultKeyArn}`);
    expect((await ssmCall(noKms, "GetParameter", { Name: "/app/db/password" })).status).toBe(200);
    expect((await ssmCall(noKms, "GetParameter", { Name: "/app/db/host", WithDecryption: true })).status).toBe(200);
    expect((await ssmCall(reader, "GetParameter", { Name: "/app/api/key", WithDecryption: true })).json.Parameter!.Value).toBe("k-123");
  });

  it("sees a rotation as a new Version, and can still read an old one by selector", async () => {
    ssm.putParameter("/rotation/secret", "v1", "SecureString");
    clock.now = T0 + 60_000;
    ssm.putParameter("/rotation/secret", "v2", "SecureString");
    const latest = (await ssmCall(reader, "GetParameter", { Name: "/rotation/secret", WithDecryption: true })).json.Parameter!;
    expect(latest).toMatchObject({ Value: "v2", Version: 2, LastModifiedDate: (T0 + 60_000) / 1000 });
    const old = (await ssmCall(reader, "GetParameter", { Name: "/rotation/secret:1", WithDecryption: true })).json.Parameter!;
    expect(old).toMatchObject({ Value: "v1", Version: 1, Selector: ":1" });
    const missing = await ssmCall(reader, "GetParameter", { Name: "/rotation/secret:3" });
    expect(missing.json.__type).toBe("ParameterVersionNotFound");
  });

  it("accepts the parameter's ARN as its name", async () => {
    expect((await ssmCall(reader, "GetParameter", { Name: paramArn("/app/db/host") })).json.Parameter!.Value).toBe("db.internal");
  });

  it("answers ParameterNotFound (400, no message) for a parameter that does not exist", async () => {
    const { status, raw } = await ssmCall(reader, "GetParameter", { Name: "/app/nothing" });
    expect(status).toBe(400);
    expect(raw.text).toBe('{"__type":"ParameterNotFound"}');
  });

  it("denies a parameter outside the policy before saying whether it exists", async () => {
    for (const name of ["/other/secret", "/other/does-not-exist"]) {
      const { status, json } = await ssmCall(reader, "GetParameter", { Name: name });
      expect(status).toBe(400);
      expect(json.__type).toBe("AccessDeniedException");
      expect(json.message).toBe(
        `User: ${reader.assumedRoleArn} is not authorized to perform: ssm:GetParameter on resource: ${paramArn(name)} because no identity-based policy allows the ssm:GetParameter action`
      );
    }
  });

  it.each([
    [{}, /Member must not be null/],
    [{ Name: "app/no-leading-slash" }, /can't be prefixed with "ssm"/],
    [{ Name: "/has space" }, /sub-paths divided by slash symbol/],
    [{ Name: "/app/db/host:latest" }, /not a version number/]
  ])("answers ValidationException for %j", async (input, message) => {
    const { status, json } = await ssmCall(reader, "GetParameter", input);
    expect(status).toBe(400);
    expect(json.__type).toBe("ValidationException");
    expect(json.message).toMatch(message);
  });
});

describe("GetParameters", () => {
  it("returns the parameters found and lists the rest as InvalidParameters", async () => {
    const { status, json } = await ssmCall(reader, "GetParameters", { Names: ["/app/db/host", "/app/missing", "/app/db/password"], WithDecryption: true });
    expect(status).toBe(200);
    expect(json.Parameters!.map((p) => [p.Name, p.Value])).toEqual([
      ["/app/db/host", "db.internal"],
      ["/app/db/password", "s3cr3t-v1"]
    ]);
    expect(json.InvalidParameters).toEqual(["/app/missing"]);
  });

  it("fails whole when one name is outside the policy, or a SecureString's key is", async () => {
    const outside = await ssmCall(reader, "GetParameters", { Names: ["/app/db/host", "/other/secret"] });
    expect(outside.json.__type).toBe("AccessDeniedException");
    expect(outside.json.message).toContain(`ssm:GetParameters on resource: ${paramArn("/other/secret")}`);
    const keyless = await ssmCall(noKms, "GetParameters", { Names: ["/app/db/host", "/app/db/password"], WithDecryption: true });
    expect(keyless.json.__type).toBe("AccessDeniedException");
  });

  it("authorises ssm:GetParameters, not ssm:GetParameter", async () => {
    expect((await ssmCall(narrow, "GetParameter", { Name: "/app/db/host" })).status).toBe(200);
    expect((await ssmCall(narrow, "GetParameters", { Names: ["/app/db/host"] })).json.__type).toBe("AccessDeniedException");
  });

  it("takes 1 to 10 names", async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `/app/p${i}`);
    for (const names of [[], eleven]) {
      const { status, json } = await ssmCall(reader, "GetParameters", { Names: names });
      expect(status).toBe(400);
      expect(json.__type).toBe("ValidationException");
    }
    const { json } = await ssmCall(reader, "GetParameters", { Names: eleven });
    expect(json.message).toBe(
      `1 validation error detected: Value '[${eleven.join(", ")}]' at 'names' failed to satisfy constraint: Member must have length less than or equal to 10`
    );
  });
});

describe("GetParametersByPath", () => {
  const names = (json: SsmAnswer) => json.Parameters!.map((p) => p.Name);

  it("returns the parameters directly under the path, or the whole tree with Recursive", async () => {
    expect(names((await ssmCall(reader, "GetParametersByPath", { Path: "/app" })).json)).toEqual(["/app/hosts"]);
    const tree = await ssmCall(reader, "GetParametersByPath", { Path: "/app/", Recursive: true, WithDecryption: true });
    expect(names(tree.json)).toEqual(["/app/api/key", "/app/db/host", "/app/db/password", "/app/deep/er/still", "/app/hosts"]);
    expect(tree.json.Parameters!.find((p) => p.Name === "/app/db/password")!.Value).toBe("s3cr3t-v1");
  });

  it("pages with MaxResults and NextToken", async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const { json } = await ssmCall(reader, "GetParametersByPath", { Path: "/app", Recursive: true, MaxResults: 4, ...(token ? { NextToken: token } : {}) });
      seen.push(...names(json));
      token = json.NextToken;
      pages++;
    } while (token);
    expect(pages).toBe(2);
    expect(seen).toEqual(["/app/api/key", "/app/db/host", "/app/db/password", "/app/deep/er/still", "/app/hosts"]);
  });

  it("needs ssm:GetParametersByPath on the path and kms:Decrypt for SecureStrings", async () => {
    expect((await ssmCall(reader, "GetParametersByPath", { Path: "/other" })).json.__type).toBe("AccessDeniedException");
    expect((await ssmCall(noKms, "GetParametersByPath", { Path: "/app/db", WithDecryption: true })).json.__type).toBe("AccessDeniedException");
    expect((await ssmCall(noKms, "GetParametersByPath", { Path: "/app/db" })).status).toBe(200);
  });

  it.each([
    [{ Path: "/app", MaxResults: 11 }, "ValidationException"],
    [{ Path: "/app", MaxResults: 0 }, "ValidationException"],
    [{ Path: "app" }, "ValidationException"],
    [{ Path: "/app", NextToken: "garbage" }, "InvalidNextToken"]
  ])("rejects %j with %s", async (input, code) => {
    const { status, json } = await ssmCall(reader, "GetParametersByPath", input);
    expect(status).toBe(400);
    expect(json.__type).toBe(code);
  });
});

describe("GetParametersByPath with ParameterFilters", () => {
  const names = (json: SsmAnswer) => json.Parameters!.map((p) => p.Name);
  const byPath = (filters: unknown, extra: Record<string, unknown> = {}) =>
    ssmCall(reader, "GetParametersByPath", { Path: "/app", Recursive: true, ParameterFilters: filters, ...extra });

  it("filters by Type, with Equals (the default) or BeginsWith, values OR'd", async () => {
    expect(names((await byPath([{ Key: "Type", Values: ["SecureString"] }])).json)).toEqual(["/app/api/key", "/app/db/password"]);
    expect(names((await byPath([{ Key: "Type", Option: "Equals", Values: ["StringList", "SecureString"] }])).json)).toEqual([
      "/app/api/key",
      "/app/db/password",
      "/app/hosts"
    ]);
    expect(names((await byPath([{ Key: "Type", Option: "BeginsWith", Values: ["String"] }])).json)).toEqual([
      "/app/db/host",
      "/app/deep/er/still",
      "/app/hosts"
    ]);
  });

  it("filters SecureStrings by KeyId: the key's ARN, its ID, or alias/aws/ssm for the default key; filters AND together", async () => {
    const keyId = CUSTOMER_KEY.split("/").pop()!;
    expect(names((await byPath([{ Key: "KeyId", Values: [CUSTOMER_KEY] }])).json)).toEqual(["/app/api/key"]);
    expect(names((await byPath([{ Key: "KeyId", Values: [keyId] }])).json)).toEqual(["/app/api/key"]);
    expect(names((await byPath([{ Key: "KeyId", Values: ["alias/aws/ssm"] }])).json)).toEqual(["/app/db/password"]);
    expect(names((await byPath([{ Key: "KeyId", Option: "BeginsWith", Values: ["11111111-"] }])).json)).toEqual(["/app/api/key"]);
    const both = await byPath([{ Key: "Type", Values: ["String"] }, { Key: "KeyId", Values: ["alias/aws/ssm"] }]);
    expect(names(both.json)).toEqual([]);
  });

  it("a Label filter returns the version that carries the label, not the latest", async () => {
    ssm.putParameter("/app/labelled", "blue", "String");
    ssm.putParameter("/app/labelled", "green", "String");
    ssm.labelParameterVersion("/app/labelled", 1, ["prod"]);
    const prod = await byPath([{ Key: "Label", Values: ["prod"] }], { Path: "/app", Recursive: false });
    expect(prod.json.Parameters!.map((p) => [p.Name, p.Value, p.Version])).toEqual([["/app/labelled", "blue", 1]]);
    ssm.labelParameterVersion("/app/labelled", 2, ["prod"]);
    expect((await byPath([{ Key: "Label", Values: ["prod"] }])).json.Parameters!.map((p) => p.Value)).toEqual(["green"]);
    expect(names((await byPath([{ Key: "Label", Values: ["nobody"] }])).json)).toEqual([]);
    expect(() => ssm.labelParameterVersion("/app/labelled", 1, ["1st"])).toThrow(/not a label SSM accepts/);
  });

  it.each([
    [[{ Key: "Name", Values: ["/app/db"] }], "InvalidFilterKey", "The following filter key is not valid: Name. Valid filter keys include: [Type, KeyId]."],
    [[{ Key: "Path", Values: ["/app"] }], "InvalidFilterKey", "The following filter key is not valid: Path. Valid filter keys include: [Type, KeyId]."],
    [[{ Key: "Tier", Values: ["Standard"] }], "InvalidFilterKey", "The following filter key is not valid: Tier. Valid filter keys include: [Type, KeyId]."],
    [[{ Key: "DataType", Values: ["text"] }], "InvalidFilterKey", "The following filter key is not valid: DataType. Valid filter keys include: [Type, KeyId]."],
    [[{ Key: "tag:team", Values: ["a"] }], "InvalidFilterKey", "The following filter key is not valid: tag:team. Valid filter keys include: [Type, KeyId]."],
    [
      [{ Key: "Type", Values: ["String"] }, { Key: "Type", Values: ["SecureString"] }],
      "InvalidFilterKey",
      "The following filter is duplicated in the request: Type. A request can contain only one occurrence of a specific filter."
    ],
    [[{ Key: "Label", Option: "BeginsWith", Values: ["p"] }], "InvalidFilterOption", "The following filter option is not valid: BeginsWith. Valid options include: [Equals]."],
    [[{ Key: "Type", Option: "Contains", Values: ["S"] }], "InvalidFilterOption", "The following filter option is not valid: Contains. Valid options include: [BeginsWith, Equals]."],
    [[{ Key: "Type" }], "InvalidFilterValue", "The following filter values are missing : null for filter key Type."],
    [[{ Key: "Type", Values: ["Secret"] }], "InvalidFilterValue", "The following filter value is not valid: Secret. Valid values include: [String, StringList, SecureString]."],
    [
      [{ Key: "Owner", Values: ["me"] }],
      "ValidationException",
      "1 validation error detected: Value 'Owner' at 'parameterFilters.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType"
    ]
  ])("refuses %j with %s", async (filters, code, message) => {
    const { status, json } = await byPath(filters);
    expect(status).toBe(400);
    expect(json).toEqual({ __type: code, message });
  });
});

describe("protocol and authentication", () => {
  it("answers an unknown X-Amz-Target and a body that is not JSON", async () => {
    expect((await ssmCall(reader, "PutParameter", { Name: "/x" })).json.__type).toBe("UnknownOperationException");
    const raw = await signAndSend(
      ssm.url,
      reader,
      { method: "POST", host: ssm.host, path: "/", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AmazonSSM.GetParameter" }, body: "{not json" },
      { service: "ssm", date: new Date(clock.now) }
    );
    expect(JSON.parse(raw.text).__type).toBe("SerializationException");
  });

  it("rejects a tampered body with InvalidSignatureException", async () => {
    const signed = await sign(
      reader,
      { method: "POST", host: ssm.host, path: "/", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AmazonSSM.GetParameter" }, body: '{"Name":"/app/db/host"}' },
      { service: "ssm", date: new Date(clock.now), applyChecksum: true }
    );
    expect((await send(ssm.url, signed)).status).toBe(200);
    signed.body = Buffer.from('{"Name":"/app/db/hosT"}');
    const answer = await send(ssm.url, signed);
    expect(answer.status).toBe(400);
    const json = JSON.parse(answer.text);
    expect(json.__type).toBe("InvalidSignatureException");
    expect(json.message).toContain("The Canonical String for this request should have been");
  });

  it.each([
    ["an unknown access key", () => ({ session: { ...reader, accessKeyId: "ASIAUNKNOWN000000000" } }), "UnrecognizedClientException"],
    ["no session token", () => ({ session: reader, options: { omitToken: true } }), "UnrecognizedClientException"],
    ["another session's token", () => ({ session: reader, options: { token: noKms.sessionToken } }), "UnrecognizedClientException"],
    ["a scope for another region", () => ({ session: reader, options: { signingRegion: "us-west-2" } }), "InvalidSignatureException"]
  ] as [string, () => { session: Session; options?: Partial<SigningOptions> }, string][])("rejects %s with %s", async (_what, setup, code) => {
    const { session, options } = setup();
    const { status, json } = await ssmCall(session, "GetParameter", { Name: "/app/db/host" }, options);
    expect(status).toBe(400);
    expect(json.__type).toBe(code);
  });

  it("rejects an expired session with ExpiredTokenException", async () => {
    const brief = issueSession(world, clock, role("reader"), 1000);
    clock.now = T0 + 2000;
    const { status, json } = await ssmCall(brief, "GetParameter", { Name: "/app/db/host" });
    expect(status).toBe(400);
    expect(json).toEqual({ __type: "ExpiredTokenException", message: "The security token included in the request is expired" });
  });

  it("records each call with its action and status", async () => {
    const before = world.calls.length;
    await ssmCall(reader, "GetParameter", { Name: "/app/db/host" });
    await ssmCall(reader, "GetParameters", { Names: ["/other/secret"] });
    await ssmCall(reader, "GetParametersByPath", { Path: "/app" });
    expect(world.calls.slice(before).map(({ action, status }) => [action, status])).toEqual([
      ["ssm:GetParameter", 200],
      ["ssm:GetParameters", 400],
      ["ssm:GetParametersByPath", 200]
    ]);
  });

  it("refuses to store a parameter SSM would refuse", () => {
    expect(() => ssm.putParameter("/aws/mine", "x", "String")).toThrow(/can't be prefixed/);
    expect(() => ssm.putParameter("/app/x", "x", "SecureString", "alias/custom")).toThrow(/cannot be resolved/);
  });
});
