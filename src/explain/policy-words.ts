// IAM policy elements in plain words. The keys are IAM's (the "Available keys
// for AWS web identity federation" and the S3, KMS condition keys the
// permissions use); a key explain does not know is still shown, literally.
//
// Google's built-in provider: accounts.google.com:aud is the token's azp
// (authorized party) when it has one, else its aud; :oaud is always its aud.
// An IAM OIDC provider's <issuer>:aud is the token's aud.

import type { ConditionFacts, PrincipalFacts } from "./model";
import type { Condition, Principal } from "../iam/read";

const GOOGLE = "accounts.google.com";
const OIDC_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/(.+)$/;

/** Values worth naming where they appear, e.g. the runtime service account's unique ID. */
export type KnownValues = ReadonlyMap<string, string>;

const ACTION_PURPOSES: Record<string, string> = {
  "s3:GetObject": "reading objects (GET, HEAD)",
  "s3:ListBucket": "listing keys (GET on the base path)",
  "s3:PutObject": "writing objects (PUT)",
  "s3:DeleteObject": "deleting objects (DELETE)",
  "ssm:GetParameters": "reading the SSM-valued headers",
  "kms:Decrypt": "decrypting SecureString parameters"
};

export function actionPurpose(actions: string[]): string | null {
  const purposes = actions.map((a) => ACTION_PURPOSES[a]);
  return purposes.every((p) => p !== undefined) ? purposes.join("; ") : null;
}

export function principalFacts(principal: Principal): PrincipalFacts[] {
  return principal.values.map((value) => ({ type: principal.type, value, meaning: principalMeaning(principal.type, value) }));
}

function principalMeaning(type: string, value: string): string {
  if (type === "*") return "anyone";
  if (type !== "Federated") return `${type} principal ${value}`;
  if (value === GOOGLE) return "Google-signed ID tokens (accounts.google.com, IAM's built-in Google provider)";
  const oidc = OIDC_PROVIDER_ARN.exec(value);
  if (oidc) return `tokens of the issuer https://${oidc[1]}, through the IAM OIDC provider ${value}`;
  return `tokens of the identity provider ${value}`;
}

export function conditionFacts(condition: Condition, known: KnownValues): ConditionFacts {
  return { ...condition, meaning: conditionMeaning(condition, known) };
}

function conditionMeaning({ operator, key, values }: Condition, known: KnownValues): string {
  const claim = tokenClaim(key);
  if (claim !== null) return `the token's ${claim} ${comparison(operator, values, known)}`;
  if (key === "s3:prefix" && operator === "StringLike") return `only for keys under ${values.map(prefixOf).join(" or ")}`;
  if (key === "kms:ViaService") return `only when ${values.join(" or ")} asks on the role's behalf`;
  if (key === "kms:EncryptionContext:PARAMETER_ARN") return `only for the value of ${values.length === 1 ? "the parameter" : "the parameters"} ${values.join(", ")}`;
  return `${key} ${comparison(operator, values, known)}`;
}

/** The token claim a web-identity condition key compares, or null for any other key. */
function tokenClaim(key: string): string | null {
  const colon = key.lastIndexOf(":");
  if (colon < 0) return null;
  const provider = key.slice(0, colon);
  const name = key.slice(colon + 1);
  if (provider === GOOGLE) {
    if (name === "aud") return "authorized party (azp, or aud when it has no azp)";
    if (name === "oaud") return "audience (aud)";
    if (name === "sub") return "subject (sub)";
    return null;
  }
  // An IAM OIDC provider's keys are its issuer without https://, so they contain a "." or "/"; service keys (s3:prefix) do not.
  if (!/[./]/.test(provider)) return null;
  if (name === "aud") return "audience (aud)";
  if (name === "sub") return "subject (sub)";
  if (name === "amr") return "authentication methods (amr)";
  return null;
}

function comparison(operator: string, values: string[], known: KnownValues): string {
  const named = values.map((v) => (known.has(v) ? `${v} (${known.get(v)})` : v));
  const list = named.length === 1 ? named[0] : `one of ${named.join(", ")}`;
  switch (operator) {
    case "StringEquals":
      return `is ${list}`;
    case "StringNotEquals":
      return `is not ${list}`;
    case "StringLike":
      return `matches ${list}`;
    default:
      return `${operator} ${list}`;
  }
}

/** "builds/*" → "builds/"; a value without a trailing wildcard is an exact prefix. */
function prefixOf(value: string): string {
  return value.endsWith("*") ? value.slice(0, -1) || "(any prefix)" : `exactly ${value}`;
}

/** "s3:ListBucket on arn:aws:s3:::bucket only for keys under builds/". */
export function permissionSummary(effect: string, actions: string[], resources: string[], conditions: ConditionFacts[]): string {
  const verb = effect === "Allow" ? "" : `${effect}: `;
  const on = resources.length ? ` on ${resources.join(", ")}` : "";
  const when = conditions.length ? ` ${conditions.map((c) => (c.meaning.startsWith("only ") ? c.meaning : `when ${c.meaning}`)).join(", and ")}` : "";
  return `${verb}${actions.join(", ")}${on}${when}`;
}

/** "Allow sts:AssumeRoleWithWebIdentity with Google-signed ID tokens (...) only when the token's subject (sub) is ...". */
export function trustSummary(effect: string, actions: string[], principals: PrincipalFacts[], conditions: ConditionFacts[]): string {
  const who = `${effect} ${actions.join(", ")} with ${principals.map((p) => p.meaning).join(", or ")}`;
  return conditions.length ? `${who} only when ${conditions.map((c) => c.meaning).join(", and ")}` : `${who}, whatever the token says`;
}
