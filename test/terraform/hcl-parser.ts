// The generated Terraform read by HashiCorp's own HCL parser (@cdktf/hcl2json:
// the Go hcl library compiled to WebAssembly), so a syntax slip fails a test
// on every machine, with or without the terraform binary.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "@cdktf/hcl2json";

type Blocks = Record<string, Record<string, unknown[]>>;

export interface ParsedTerraform {
  resource: Blocks;
  output: Record<string, { value: unknown; description: string }[]>;
  variable: Record<string, unknown[]>;
  [kind: string]: unknown;
}

/** One file as HCL's JSON form; rejects with the parser's diagnostics (file:line,column). */
export async function parseHcl(file: string, text: string): Promise<ParsedTerraform> {
  return (await parse(file, text)) as ParsedTerraform;
}

/** The block kinds' addresses declared in a parsed file ("aws_iam_role.role_x_prod", "output.role_arns"). */
export function declaredAddresses(parsed: ParsedTerraform): string[] {
  const addresses: string[] = [];
  for (const [type, byName] of Object.entries(parsed.resource ?? {})) for (const name of Object.keys(byName)) addresses.push(`${type}.${name}`);
  return addresses.sort();
}

/** `terraform fmt -check -diff` over the files, when terraform is installed; null when it is not. */
export function terraformFmtDiff(files: Map<string, string>): string | null {
  if (spawnSync("terraform", ["version"], { encoding: "utf8" }).error) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-tf-"));
  try {
    for (const [name, text] of files) fs.writeFileSync(path.join(dir, path.basename(name)), text);
    const run = spawnSync("terraform", ["fmt", "-check", "-diff", "-no-color", "."], { cwd: dir, encoding: "utf8", env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" } });
    return run.status === 0 ? "" : `${run.stdout}${run.stderr}`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
