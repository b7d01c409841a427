// Intent files a user or an attacker may hand the CLI: other encodings,
// oversized files and values, a bucket without its slash, nested base paths.
// Each is refused (or warned about) at its line and column, quickly.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { IntentError, loadIntentFile, parseIntent } from "../../src/intent";
import { MAX_ENVIRONMENTS, MAX_INTENT_BYTES, MAX_PROXIES, MAX_VALUE_CHARACTERS } from "../../src/intent/limits";
import { runCli } from "../support/cli";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-hostile-"));

const HEAD = `aws: {account: "123456789012", region: eu-west-1}
identity: {project: acme-apis}
auth: {jwt: {issuer: https://login.example.com/, audience: api, jwksUri: https://login.example.com/certs}}
environments: [test, prod]
proxies:
`;

function write(name: string, content: Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(IntentError);
    return (e as Error).message;
  }
  throw new Error("accepted");
}

describe("encodings", () => {
  const text = `${HEAD}  files: s3://acme-files/builds/ read\n`;

  test("UTF-8, with or without a byte-order mark, is read", () => {
    expect(loadIntentFile(write("plain.yaml", text)).proxies[0].name).toBe("files");
    expect(loadIntentFile(write("bom.yaml", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).proxies[0].name).toBe("files");
  });

  test.each([
    ["UTF-16 with a little-endian mark", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]), /encoded as UTF-16 \(little-endian\)/],
    ["UTF-16 big-endian without a mark", Buffer.from(text, "utf16le").swap16(), /encoded as UTF-16 \(big-endian\)/],
    ["UTF-16 little-endian without a mark", Buffer.from(text, "utf16le"), /encoded as UTF-16 \(little-endian\)/]
  ])("%s is refused at 1:1 with how to fix it", (_case, bytes, message) => {
    const m = refusal(() => loadIntentFile(write("wide.yaml", bytes)));
    expect(m).toMatch(/wide\.yaml:1:1: /);
    expect(m).toMatch(message);
    expect(m).toMatch(/save the file as UTF-8/);
  });

  test("a Latin-1 byte is refused at its line and column, never turned into U+FFFD", () => {
    const latin1 = Buffer.from(`${HEAD}  files: s3://acme-files/caf\u00e9/ read\n`, "latin1");
    const m = refusal(() => loadIntentFile(write("latin1.yaml", latin1)));
    expect(m).toMatch(/latin1\.yaml:6:29: byte 0xe9 is not UTF-8 \(a file saved as Latin-1 or Windows-1252\?\)/);
    expect(m).not.toContain("\ufffd");
  });

  test("an overlong encoding and a lone surrogate are not UTF-8 either", () => {
    for (const bad of [Buffer.from([0xc0, 0xaf]), Buffer.from([0xed, 0xa0, 0x80])]) {
      const bytes = Buffer.concat([Buffer.from(`${HEAD}  files: s3://acme-files/`), bad, Buffer.from("/ read\n")]);
      expect(refusal(() => loadIntentFile(write("bad.yaml", bytes)))).toMatch(/bad\.yaml:6:26: byte 0x(c0|ed) is not UTF-8/);
    }
  });
});

describe("limits", () => {
  test(`a file over ${MAX_INTENT_BYTES} bytes is refused before it is parsed, in well under a second`, () => {
    const big = write("big.yaml", HEAD + `  files: s3://acme-files/builds/ read\n${"# padding\n".repeat(600_000)}`);
    const started = Date.now();
    expect(refusal(() => loadIntentFile(big))).toMatch(/big\.yaml:1:1: the file is \d+ bytes; an intent may be up to 1048576 bytes .*split it/);
    // Not a benchmark: a guard that the refusal happens before any parsing.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test(`more than ${MAX_PROXIES} proxies are refused at the first one too many`, () => {
    const proxies = Array.from({ length: MAX_PROXIES + 1 }, (_, i) => `  p${i}: s3://acme-files/p${i}/ read\n`).join("");
    expect(refusal(() => parseIntent(HEAD + proxies, "many.yaml"))).toMatch(new RegExp(`^many\\.yaml:${6 + MAX_PROXIES}:3: proxies: ${MAX_PROXIES + 1} proxies; an intent may declare up to ${MAX_PROXIES}`));
  });

  test(`more than ${MAX_ENVIRONMENTS} environments are refused`, () => {
    const envs = Array.from({ length: MAX_ENVIRONMENTS + 1 }, (_, i) => `env${i}`).join(", ");
    expect(refusal(() => parseIntent(HEAD.replace("[test, prod]", `[${envs}]`) + "  files: s3://acme-files/x/ read\n", "envs.yaml"))).toMatch(/^envs\.yaml:4:\d+: environments: 51 environments; an intent may name up to 50/);
  });

  test(`a value over ${MAX_VALUE_CHARACTERS} characters is refused at the value; a 5 MB one with the file`, () => {
    const header = (size: number) => `${HEAD}  files: {target: s3://acme-files/x/, access: read, headers: {X-Big: "${"a".repeat(size)}"}}\n`;
    expect(refusal(() => parseIntent(header(100_000), "long.yaml"))).toMatch(/^long\.yaml:6:70: a value of 100000 characters; apigee-aws takes values of up to 8192 characters/);
    const huge = header(5_000_000);
    expect(refusal(() => parseIntent(huge, "huge.yaml"))).toContain(`huge.yaml:1:1: the file is ${Buffer.byteLength(huge)} bytes; an intent may be up to 1048576 bytes`);
  });

  test("a prefix S3 keys could not extend is refused", () => {
    expect(refusal(() => parseIntent(`${HEAD}  files: s3://acme-files/${"a".repeat(1100)}/ read\n`, "p.yaml"))).toMatch(/prefix is 1101 bytes; S3 keys are at most 1024 bytes, so a prefix may be at most 1023/);
  });
});

test("s3://bucket without the trailing slash asks whether the whole bucket is meant", () => {
  expect(refusal(() => parseIntent(`${HEAD}  files: s3://acme-files read\n`, "b.yaml"))).toMatch(/^b\.yaml:6:\d+: proxies\.files: 's3:\/\/acme-files' names no folder; did you mean s3:\/\/acme-files\/ \(the whole bucket\)\?/);
  expect(parseIntent(`${HEAD}  files: s3://acme-files/ read\n`, "b.yaml").proxies[0].target).toEqual({ kind: "s3", bucket: "acme-files", prefix: "" });
});

describe("nested base paths", () => {
  const text = `${HEAD}  a: s3://acme-files/a/ read\n  b: {target: s3://acme-files/b/, access: read, basePath: /a/b}\n  c: {target: s3://acme-files/c/, access: read, basePath: /c}\n`;

  test("are a warning naming both, at the inner one", () => {
    const intent = parseIntent(text, "n.yaml");
    expect(intent.warnings?.map((w) => `${w.line}:${w.column} ${w.path}: ${w.message}`)).toEqual([
      "7:59 proxies.b.basePath: base path /a/b is inside proxy 'a''s base path /a (line 6); Apigee sends every request under /a/b to 'b', so 'a' never sees those paths. Give them separate base paths if that is not meant"
    ]);
  });

  test("build prints the warning and still builds", async () => {
    const run = await runCli(["build", write("nested.yaml", text), "--out", path.join(dir, "dist-nested")]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^apigee-aws: warning: .*nested\.yaml:7:59: proxies\.b\.basePath: base path \/a\/b is inside proxy 'a''s base path \/a/);
  });

  test("siblings and a shared first letter are not nested", () => {
    const siblings = `${HEAD}  a: {target: s3://acme-files/a/, access: read, basePath: /ab}\n  b: {target: s3://acme-files/b/, access: read, basePath: /a}\n`;
    expect(parseIntent(siblings, "s.yaml").warnings).toEqual([]);
  });
});
