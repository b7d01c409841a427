// Who may assume a proxy's role, as IAM names it. Google is built into IAM
// ("accounts.google.com", no provider to create, condition keys
// accounts.google.com:aud/oaud/sub); any other issuer needs an IAM OIDC
// provider whose name is the issuer URL without "https://" (kept exactly,
// a trailing "/" included, since STS looks the provider up by the token's
// iss) and whose client IDs include every audience a role trusts.

export const GOOGLE_PROVIDER = "accounts.google.com";
/** IAM's limits on an OIDC provider's client IDs. */
export const MAX_CLIENT_ID_LENGTH = 255;
export const MAX_CLIENT_IDS = 100;

/** The IAM OIDC provider a caller-mode issuer needs. */
export interface OidcProvider {
  /** The issuer URL exactly as in the tokens' iss, e.g. "https://login.example.com/realms/x". */
  url: string;
  /** "login.example.com/realms/x": the provider's name in its ARN and the condition-key prefix. */
  name: string;
  /** The AWS account it is created in: a role trusts only its own account's providers. */
  account: string;
  arn: string;
  /** Audiences (client IDs) the provider accepts: every caller-mode audience for this issuer, sorted. */
  clientIds: string[];
}

function isGoogle(issuer: string): boolean {
  // Google ID tokens carry iss "https://accounts.google.com" or "accounts.google.com"; both are IAM's built-in provider.
  return issuer === GOOGLE_PROVIDER || issuer === `https://${GOOGLE_PROVIDER}`;
}

/** Why an issuer cannot name an IAM OIDC provider, or null. */
export function providerNameProblem(issuer: string): string | null {
  if (isGoogle(issuer)) return null;
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return `JWT issuer "${issuer}" is not a URL; IAM OIDC providers need the https:// issuer URL of the tokens' iss claim.`;
  }
  if (url.protocol !== "https:" || url.port !== "" || url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    return `JWT issuer "${issuer}" must be an https:// URL without port, query or fragment, as IAM OIDC providers require.`;
  }
  if (!/^https:\/\/[^/]/.test(issuer) || /[*?]|\$\{/.test(issuer)) {
    return `JWT issuer "${issuer}" cannot name an IAM OIDC provider; write it as in the tokens' iss, e.g. https://login.example.com/realms/apigee.`;
  }
  return null;
}

/** Issuer URL → provider name: "https://" dropped, nothing else changed. The issuer passed providerNameProblem. */
export function providerName(issuer: string): string {
  return isGoogle(issuer) ? GOOGLE_PROVIDER : issuer.slice("https://".length);
}

export function federatedPrincipal(account: string, name: string): string {
  return name === GOOGLE_PROVIDER ? GOOGLE_PROVIDER : `arn:aws:iam::${account}:oidc-provider/${name}`;
}
