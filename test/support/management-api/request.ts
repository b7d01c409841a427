// One request to the stand-in, as its handlers see it.

import type { ApigeeOrg } from "./org-state";
import type { RouteParams } from "./routing";

export interface ApigeeRequest {
  method: string;
  query: URLSearchParams;
  contentType?: string;
  body: Buffer;
  params: RouteParams;
  org: ApigeeOrg;
}

/** "organizations/acme/apis/artifacts": the resource name Apigee's messages use. */
export function resourceName(org: string, kind: "proxy" | "sharedflow", name: string): string {
  return `organizations/${org}/${kind === "proxy" ? "apis" : "sharedflows"}/${name}`;
}
