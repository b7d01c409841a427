// The IAM role metadata `apigee-aws build` writes for each proxy and
// environment (aws/<env>/<proxy>/role.json), as the project checks read it:
// AA006 compares durations with its maxSessionDuration, AA007 checks the
// document itself and reports one it cannot read.

import * as fs from "node:fs";
import type { RoleFile } from "./lint-roots";

export interface RoleDocument {
  role: RoleFile;
  text: string;
  name: string | null;
  maxSessionDuration: unknown;
}

export interface UnreadableRole {
  role: RoleFile;
  reason: string;
}

export function readRoleDocuments(roles: RoleFile[]): { documents: RoleDocument[]; unreadable: UnreadableRole[] } {
  const documents: RoleDocument[] = [];
  const unreadable: UnreadableRole[] = [];
  for (const role of roles) {
    const text = fs.readFileSync(role.file, "utf8");
    try {
      const doc = JSON.parse(text) as { name?: unknown; maxSessionDuration?: unknown };
      documents.push({ role, text, name: typeof doc.name === "string" ? doc.name : null, maxSessionDuration: doc.maxSessionDuration });
    } catch (e) {
      unreadable.push({ role, reason: (e as Error).message });
    }
  }
  return { documents, unreadable };
}
