// schema/intent.schema.json: a valid draft 2020-12 schema whose keys are
// exactly the validator's, that accepts every intent parseIntent accepts
// (templates and valid fixtures) and rejects the malformed ones. Fixtures
// that are well-formed but semantically wrong (no auth, duplicate base paths)
// pass the schema: only parseIntent can refuse them.

import * as fs from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parse as parseYaml } from "yaml";
import { loadIntentFile, IntentError } from "../../src/intent/index";
import * as keys from "../../src/intent/keys";
import { packageRoot } from "../../src/common/paths";

const ROOT = packageRoot();
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schema/intent.schema.json"), "utf8"));
const FIXTURES = path.join(ROOT, "test/fixtures/intents");

const yamlFiles = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => path.join(dir, f));
const accepted = [...yamlFiles(path.join(ROOT, "templates")), ...yamlFiles(path.join(FIXTURES, "valid"))];
const rejected = yamlFiles(path.join(FIXTURES, "invalid"));
/** Invalid fixtures whose mistake is one of shape, which the schema sees too. */
const MALFORMED = ["unknown-key.yaml", "bad-access.yaml", "cors-true.yaml", "bad-bucket.yaml", "many-problems.yaml"];
const WELL_FORMED_BUT_REFUSED = ["no-auth.yaml", "duplicate-base-paths.yaml"];

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };

const propertyNames = (node: { properties?: object }) => Object.keys(node.properties ?? {});

test("the schema's keys are exactly the keys the validator allows, place by place", () => {
  const proxy = schema.$defs.proxyMapping;
  expect(propertyNames(schema)).toEqual([...keys.TOP_KEYS]);
  expect(propertyNames(schema.properties.aws)).toEqual([...keys.AWS_KEYS]);
  const place = schema.properties.aws.properties.environments.additionalProperties;
  expect(propertyNames(place)).toEqual([...keys.AWS_PLACE_KEYS]);
  // identity is one of two forms (accounts apigee-aws names, or per: shared); together they allow exactly the validator's keys.
  const identityForms: { properties: Record<string, { enum?: string[]; const?: string }>; additionalProperties: boolean }[] = schema.properties.identity.oneOf;
  expect([...new Set(identityForms.flatMap(propertyNames))].sort()).toEqual([...keys.IDENTITY_KEYS].sort());
  expect(identityForms.flatMap((f) => f.properties.per.enum ?? [f.properties.per.const])).toEqual([...keys.IDENTITY_GRANULARITIES]);
  expect(propertyNames(schema.properties.auth)).toEqual([...keys.TOP_AUTH_KEYS]);
  expect(propertyNames(schema.$defs.jwt)).toEqual([...keys.JWT_KEYS]);
  expect(propertyNames(schema.$defs.jwtOverride)).toEqual([...keys.JWT_KEYS]);
  expect(propertyNames(proxy)).toEqual([...keys.PROXY_KEYS]);
  expect(propertyNames(proxy.properties.auth)).toEqual([...keys.PROXY_AUTH_KEYS]);
  expect(propertyNames(proxy.properties.sign)).toEqual([...keys.SIGN_KEYS]);
  expect(propertyNames(proxy.properties.cors)).toEqual([...keys.CORS_KEYS]);
  expect(propertyNames(proxy.properties.trust)).toEqual([...keys.TRUST_KEYS]);
  expect(proxy.properties.access.enum).toEqual([...keys.ACCESS_VALUES]);
  expect(proxy.properties.identity.enum).toEqual([...keys.IDENTITY_MODES]);
  expect(proxy.properties.quota.pattern).toContain(`(${keys.QUOTA_UNITS.join("|")})`);
  for (const node of [schema, schema.properties.aws, place, ...schema.properties.identity.oneOf, schema.properties.auth, schema.$defs.jwt, proxy, proxy.properties.auth, proxy.properties.sign, proxy.properties.cors, proxy.properties.trust]) {
    expect(node.additionalProperties).toBe(false);
  }
});

test("parseIntent accepts the templates and valid fixtures, and refuses every invalid fixture", () => {
  for (const file of accepted) expect(() => loadIntentFile(file)).not.toThrow();
  for (const file of rejected) expect([path.basename(file), () => loadIntentFile(file)]).toEqual([path.basename(file), expect.any(Function)]);
  for (const file of rejected) expect(() => loadIntentFile(file)).toThrow(IntentError);
  expect(rejected.map((f) => path.basename(f)).sort()).toEqual([...MALFORMED, ...WELL_FORMED_BUT_REFUSED].sort());
});

describe("validated with Ajv (draft 2020-12, strict)", () => {
  let compiled: Validate | null = null;
  /** Compiling checks the schema against the draft 2020-12 meta-schema; strict mode also refuses unknown keywords and loose types. */
  const validate = (data: unknown): boolean => {
    compiled ??= new Ajv2020({ strict: true, allErrors: true }).compile(schema) as Validate;
    return compiled(data);
  };
  const verdict = (file: string) => [path.basename(file), validate(parseYaml(fs.readFileSync(file, "utf8")))];

  test("the schema is a valid draft 2020-12 schema", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(() => validate({})).not.toThrow();
    expect(() => new Ajv2020({ strict: true }).compile({ ...schema, properties: { ...schema.properties, x: { type: "strnig" } } })).toThrow();
  });

  test("it accepts everything parseIntent accepts", () => {
    for (const file of accepted) expect(verdict(file)).toEqual([path.basename(file), true]);
  });

  test("it rejects the malformed fixtures", () => {
    for (const name of MALFORMED) expect(verdict(path.join(FIXTURES, "invalid", name))).toEqual([name, false]);
  });

  test("well-formed intents that parseIntent refuses pass the schema (only the validator knows)", () => {
    for (const name of WELL_FORMED_BUT_REFUSED) expect(verdict(path.join(FIXTURES, "invalid", name))).toEqual([name, true]);
  });

  test("an unquoted account ID and unique ID are accepted as numbers", () => {
    expect(validate(parseYaml(fs.readFileSync(path.join(FIXTURES, "valid/caller-mode.yaml"), "utf8")))).toBe(true);
    expect(fs.readFileSync(path.join(FIXTURES, "valid/caller-mode.yaml"), "utf8")).toMatch(/account: 0\d{11}\n/);
  });
});
