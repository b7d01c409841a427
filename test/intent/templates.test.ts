// The starter intents parse cleanly, and the full one shows every option.

import * as fs from "node:fs";
import * as path from "node:path";
import { loadIntentFile } from "../../src/intent/index";
import { PROXY_KEYS } from "../../src/intent/keys";
import { packageRoot } from "../../src/common/paths";

const TEMPLATES = path.join(packageRoot(), "templates");

test("templates/s3-read.yaml is a one-proxy, read-only intent", () => {
  const intent = loadIntentFile(path.join(TEMPLATES, "s3-read.yaml"));
  expect(intent.proxies).toHaveLength(1);
  expect(intent.proxies[0]).toMatchObject({ access: "read", target: { kind: "s3" }, identity: "gateway", auth: { kind: "jwt" } });
});

test("templates/full.yaml parses and uses every proxy option", () => {
  const file = path.join(TEMPLATES, "full.yaml");
  const intent = loadIntentFile(file);
  expect(intent.proxies.map((p) => p.auth.kind)).toContain("public");
  expect(intent.proxies.map((p) => p.identity)).toEqual(expect.arrayContaining(["gateway", "caller"]));
  expect(intent.proxies.map((p) => p.target.kind)).toEqual(expect.arrayContaining(["s3", "aws"]));
  const text = fs.readFileSync(file, "utf8");
  for (const key of PROXY_KEYS) expect([key, new RegExp(`^\\s+${key}:`, "m").test(text)]).toEqual([key, true]);
});

test("every template points editors at the schema", () => {
  for (const name of fs.readdirSync(TEMPLATES).filter((f) => f.endsWith(".yaml"))) {
    const first = fs.readFileSync(path.join(TEMPLATES, name), "utf8").split("\n")[0];
    expect([name, first]).toEqual([name, "# yaml-language-server: $schema=../schema/intent.schema.json"]);
    expect(fs.existsSync(path.join(TEMPLATES, "../schema/intent.schema.json"))).toBe(true);
  }
});
