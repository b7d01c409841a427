// The unique IDs of the Google service accounts apigee-aws names, for teams
// that apply the JSON trust policies rather than the Terraform: `build --ids
// FILE` reads them from `terraform output -json` (the output
// service_account_unique_ids) or from a plain JSON map of email to ID, and
// the trust policies then name the IDs instead of stand-ins that trust nobody.

import * as fs from "node:fs";
import { UserError } from "../common/user-error";

export const UNIQUE_IDS_OUTPUT = "service_account_unique_ids";

const UNIQUE_ID = /^\d{21}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.gserviceaccount\.com$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The email → ID map inside the file's JSON: terraform output -json's output, or the map itself. */
function idMap(json: unknown, file: string): Record<string, unknown> {
  if (!isObject(json)) throw new UserError(`--ids ${file}: expected a JSON object (terraform output -json, or {"EMAIL": "UNIQUE_ID", …})`);
  const output = json[UNIQUE_IDS_OUTPUT];
  if (output === undefined) return json;
  if (!isObject(output) || !isObject(output.value)) {
    throw new UserError(`--ids ${file}: "${UNIQUE_IDS_OUTPUT}" should be terraform output -json's {"value": {"EMAIL": "UNIQUE_ID", …}}; give the whole output of terraform output -json`);
  }
  return output.value;
}

/** Email → 21-digit unique ID, every entry checked; the file named in every error. */
export function readUniqueIds(file: string): Record<string, string> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new UserError(`--ids ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError(`--ids ${file}: not JSON (${(e as Error).message}); give the output of terraform output -json, or {"EMAIL": "UNIQUE_ID", …}`);
  }
  const ids: Record<string, string> = {};
  const problems: string[] = [];
  for (const [email, id] of Object.entries(idMap(json, file))) {
    if (!EMAIL.test(email)) problems.push(`"${email}" is not a service account email`);
    else if (typeof id !== "string" || !UNIQUE_ID.test(id)) problems.push(`${email}: expected its 21-digit unique ID as a string, found ${JSON.stringify(id)}`);
    else ids[email] = id;
  }
  if (problems.length) throw new UserError(`--ids ${file}:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  return ids;
}
