// An intent file's text around what a test varies (the aws section, the
// environments, the proxies), with a gateway identity and a caller JWT that
// stay out of the way; for the tests of environments in their own AWS
// accounts and regions.

export const TEST_PLACE = { account: "111111111111", region: "us-east-1" };
export const PROD_PLACE = { account: "222222222222", region: "eu-west-1" };

export interface IntentParts {
  /** The lines under `aws:`, indented two spaces; default awsLines(). */
  aws?: string;
  environments?: string;
  /** The lines under `proxies:`, indented two spaces. */
  proxies: string;
  issuer?: string;
}

/** Layout: aws (lines 1 to 3, then its environments), identity, auth (two lines), environments, proxies. */
export function intentText({ aws = awsLines(), environments = "[test, prod]", proxies, issuer = "https://auth.example.com/" }: IntentParts): string {
  return `aws:
${aws}identity: {project: acme-apis}
auth:
  jwt: {issuer: "${issuer}", audience: acme-api, jwksUri: "${issuer.replace(/\/$/, "")}/certs"}
environments: ${environments}
proxies:
${proxies}`;
}

/** The aws section's lines: the default place, and each environment's own (a key left out is the default's). */
export function awsLines(own: Record<string, { account?: string; region?: string }> = {}, place = TEST_PLACE): string {
  const lines = [`  account: "${place.account}"`, `  region: ${place.region}`];
  const envs = Object.entries(own);
  if (envs.length > 0) lines.push("  environments:");
  for (const [env, { account, region }] of envs) {
    const keys = [...(account ? [`account: "${account}"`] : []), ...(region ? [`region: ${region}`] : [])];
    lines.push(`    ${env}: {${keys.join(", ")}}`);
  }
  return `${lines.join("\n")}\n`;
}
