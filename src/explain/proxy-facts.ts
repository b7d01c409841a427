// The caller's side of a proxy, and the identity Apigee presents to AWS:
// what the generated bundle does with a request before AWS sees it. Values
// come from the intent model through the same functions the generator uses
// (allowed methods, the quota identifier, the caller-token variable), so
// a test can hold each fact against the bundle XML.

import { CALLER_TOKEN_VARIABLE } from "../generator/aws-policies";
import { allowedMethods } from "../generator/methods";
import { jwtClaim } from "../generator/policies/verify-jwt";
import { awsOf, type ProxyIntent } from "../intent/model";
import type { BuildPlan, ProxyPlan } from "../plan/model";
import { stsEndpoint } from "./environment-facts";
import type { AnswerFacts, CallerFacts, CorsFacts, HeaderFacts, IdentityFacts, LimitFacts, RequestFacts, RequestForm, TargetFacts } from "./model";

/** What the generated VerifyJWT policy enforces besides the intent's values. */
export const JWT_ALGORITHM = "RS256";
export const JWT_CLOCK_ALLOWANCE = "30s";
/** Methods a signed passthrough answers preflights with (it guards no method). */
const PASSTHROUGH_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];
const MAX_LIST_PAGE = 1000;
const MAX_KEY_BYTES = 1024;

export function targetFacts(proxy: ProxyIntent): TargetFacts {
  const t = proxy.target;
  if (t.kind === "s3") return { kind: "s3", bucket: t.bucket, prefix: t.prefix, location: `s3://${t.bucket}/${t.prefix}`, access: proxy.access, delete: proxy.delete };
  return { kind: "aws", url: t.url.replace(/\/+$/, ""), service: t.service, region: t.region };
}

export function callerFacts(proxy: ProxyIntent): CallerFacts {
  if (proxy.auth.kind === "public") return { kind: "public", refusal: null };
  const { issuer, audience, jwksUri, maxLifespan } = proxy.auth.jwt;
  return {
    kind: "jwt",
    credential: "Authorization: Bearer <JWT>",
    issuer,
    audience,
    jwksUri,
    algorithm: JWT_ALGORITHM,
    clockAllowance: JWT_CLOCK_ALLOWANCE,
    maxLifespan,
    refusal: "401 with WWW-Authenticate: Bearer error=\"invalid_token\""
  };
}

/** "/artifacts" + "/<key>", without doubling the "/" of a root base path. */
function under(basePath: string, rest: string): string {
  return basePath === "/" ? rest : `${basePath}${rest}`;
}

export function requestFacts(proxy: ProxyIntent): RequestFacts {
  const t = proxy.target;
  if (t.kind === "aws") {
    const endpoint = t.url.replace(/\/+$/, "");
    return {
      methods: null,
      forms: [
        {
          method: "any",
          path: `${under(proxy.basePath, "/<path>")}[?<query>]`,
          meaning: `is sent as ${endpoint}/<path>[?<query>], signed with SigV4 for ${t.service} in ${t.region}; AWS's answer, errors included, comes back unchanged`
        }
      ],
      refused: [],
      notes: ["the proxy guards no method and no path (a signed target takes no access setting): the role's permissions decide what AWS allows"]
    };
  }
  const methods = allowedMethods(proxy);
  const object = under(proxy.basePath, "/<key>");
  const location = `s3://${t.bucket}/${t.prefix}`;
  const forms: RequestForm[] = [];
  if (methods.includes("GET")) {
    forms.push({ method: "GET", path: object, meaning: `returns the object ${location}<key>` });
    forms.push({ method: "HEAD", path: object, meaning: "returns its headers only" });
    forms.push({ method: "GET", path: proxy.basePath, meaning: `lists the keys under ${location} as JSON (?limit=1..${MAX_LIST_PAGE}, ?cursor=<nextCursor>)` });
  }
  if (methods.includes("PUT")) forms.push({ method: "PUT", path: object, meaning: `writes the request body to ${location}<key>` });
  if (methods.includes("DELETE")) forms.push({ method: "DELETE", path: object, meaning: `deletes ${location}<key>` });
  const refused = [
    `any other method: 405 (Allow: ${methods.join(", ")})`,
    `a key with an empty, "." or ".." segment, a control character or a backslash, or over ${MAX_KEY_BYTES} bytes with the prefix: 400`
  ];
  if (methods.some((m) => m !== "GET" && m !== "HEAD")) refused.push(`${methods.filter((m) => m !== "GET" && m !== "HEAD").join(" or ")} on ${proxy.basePath} itself: 400 (a key is required)`);
  return { methods, forms, refused, notes: [] };
}

const RATE_UNITS: Record<string, string> = { ps: "second", pm: "minute" };

export function limitFacts(proxy: ProxyIntent): LimitFacts {
  let spikeArrest: LimitFacts["spikeArrest"] = null;
  if (proxy.spikeArrest) {
    const [, count, unit] = /^(\d+)(ps|pm)$/.exec(proxy.spikeArrest) ?? [null, proxy.spikeArrest, ""];
    spikeArrest = {
      rate: proxy.spikeArrest,
      meaning: `about ${count} requests per ${RATE_UNITS[unit] ?? unit} for the whole proxy, all callers together (Apigee SpikeArrest, smoothed, counted across message processors); more get 429`
    };
  }
  let quota: LimitFacts["quota"] = null;
  if (proxy.quota) {
    const byToken = proxy.auth.kind === "jwt";
    const { count, unit } = proxy.quota;
    quota = {
      count,
      unit,
      per: byToken ? "token-subject" : "client-ip",
      identifier: byToken ? jwtClaim("subject") : "client.ip",
      meaning: `${count} requests per ${unit} per ${byToken ? "caller (the token's subject)" : "client IP address"}, counted across message processors (Apigee Quota); more get 429`
    };
  }
  return { spikeArrest, quota };
}

export function corsFacts(proxy: ProxyIntent): CorsFacts | null {
  if (!proxy.cors) return null;
  const anyOrigin = proxy.cors.origins.includes("*");
  const methods = proxy.target.kind === "s3" ? allowedMethods(proxy) : PASSTHROUGH_METHODS;
  return {
    origins: proxy.cors.origins,
    anyOrigin,
    methods,
    meaning: `${anyOrigin ? "pages on any origin" : `pages on ${proxy.cors.origins.join(", ")}`} may call it from a browser: preflights are answered (methods ${methods.join(", ")}) and answers carry Access-Control-Allow-Origin; the token is still required when auth is jwt`
  };
}

export function answerFacts(proxy: ProxyIntent): AnswerFacts {
  const nosniff = "every answer carries X-Content-Type-Options: nosniff, so a browser never guesses a type";
  if (proxy.target.kind !== "s3") return { inlineTypes: null, meaning: `AWS's answers pass through as AWS sends them; ${nosniff}` };
  return {
    inlineTypes: proxy.inlineTypes,
    meaning: `objects of type ${proxy.inlineTypes.join(", ") || "(none)"} are shown in the browser; any other object, and any HTML, SVG, XML or script whatever the list says, is served with Content-Disposition: attachment, so an uploaded page never runs on this API's origin; ${nosniff}`
  };
}

export function headerFacts(proxy: ProxyIntent): HeaderFacts {
  const removed =
    proxy.target.kind === "s3"
      ? "the caller's Authorization and every x-amz-* header are removed before signing"
      : "the caller's Authorization, x-amz-date, x-amz-security-token and x-amz-content-sha256 are removed before signing; its other headers (X-Amz-Target...) are kept and signed";
  return {
    removed,
    added: proxy.headers.map((h) =>
      h.value.kind === "literal"
        ? { name: h.name, source: "literal" as const, value: h.value.value }
        : {
            name: h.name,
            source: "ssm" as const,
            parameter: h.value.parameter,
            meaning: `read from SSM Parameter Store (${h.value.parameter}) at runtime with ${proxy.identity === "caller" ? "the secrets role's credentials (the proxy's own service account, never the caller's token)" : "the role's credentials"}; the value stays in a private flow variable and is never logged or shown in Debug`
          }
    )
  };
}

/** The STS endpoint, or the rule when the environments' regions differ; `where` says so in a sentence. */
function stsEndpointOf(plan: BuildPlan): { stsEndpoint: string; where: string } {
  const byEnv = plan.intent.environments.map((env) => [env, stsEndpoint(awsOf(plan.intent, env).region)] as const);
  const distinct = new Set(byEnv.map(([, url]) => url));
  if (distinct.size === 1) return { stsEndpoint: byEnv[0][1], where: byEnv[0][1] };
  return { stsEndpoint: stsEndpoint("<region>"), where: `the environment's regional STS endpoint (${byEnv.map(([env, url]) => `${env}: ${url}`).join(", ")})` };
}

export function identityFacts(plan: BuildPlan, { credentials, roles, secretsRoles }: ProxyPlan): IdentityFacts {
  const { stsEndpoint, where } = stsEndpointOf(plan);
  if (credentials.mode === "gateway") {
    const per = plan.intent.identity?.per ?? "proxy-environment";
    const audience = credentials.audience;
    const accounts = roles.map((r) => `${r.serviceAccount?.email ?? "?"} in ${r.env}`).join(", ");
    const shared = per === "proxy-environment" ? "no other proxy or environment can present it" : per === "environment" ? "every proxy of the environment presents the same account, so each of them may assume this role too" : "every proxy in every environment presents the same account, so any of them may assume this role";
    return {
      mode: "gateway",
      per,
      audience,
      stsEndpoint,
      meaning: `the proxy mints a Google ID token (audience ${audience}) as the service account it is deployed with, ${accounts}, and exchanges it at ${where} (AssumeRoleWithWebIdentity) for short-lived credentials of the environment's role, which trusts that account's unique ID alone; ${shared}; every caller gets the same role, and no AWS key is stored`,
      requirement: `each deployment with its environment's account (apigee-aws deploy does this), that account allowed iam.serviceAccounts.getOpenIdToken on itself (roles/iam.serviceAccountOpenIdTokenCreator; the Terraform in aws/terraform grants it), and the deployer allowed to act as it (roles/iam.serviceAccountUser)`
    };
  }
  const { issuer, audience } = credentials;
  // Every environment's role trusts the issuer's provider in its own account: the same one while there is one account.
  const provider = roles[0]?.provider ?? null;
  const arns = [...new Set(roles.flatMap((r) => (r.provider ? [r.provider.arn] : [])))];
  return {
    mode: "caller",
    issuer,
    audience,
    tokenVariable: CALLER_TOKEN_VARIABLE,
    stsEndpoint,
    oidcProvider: provider && { arn: provider.arn, url: provider.url, clientIds: provider.clientIds },
    withoutApigee: `any holder of a valid token of ${issuer} for audience ${audience} can assume this role at STS directly, without Apigee, and use its permissions, skipping this proxy's quota, method guard and key checks: keep the role's permissions to what every such token holder may do, and pin more than aud in its trust (the proxy's trust option)`,
    secrets:
      secretsRoles.length === 0
        ? null
        : `its SSM headers are read with its own service account (${secretsRoles.map((r) => `${r.serviceAccount?.email ?? "?"} in ${r.env}`).join(", ")}) and a separate role per environment (${secretsRoles.map((r) => r.name).join(", ")}) that no caller's token can assume; the caller's role has no SSM or KMS permission`,
    meaning: `the caller's own token, once VerifyJWT accepted it, is kept in ${CALLER_TOKEN_VARIABLE} and exchanged unchanged at ${where} (AssumeRoleWithWebIdentity) for short-lived credentials of the environment's role; the session is named after the token's subject`,
    requirement: provider
      ? arns.length > 1
        ? `the IAM OIDC providers ${arns.join(", ")} (one in each environment's account) for ${provider.url}, with client IDs ${provider.clientIds.join(", ")} (the Terraform in aws/terraform creates them)`
        : `the IAM OIDC provider ${provider.arn} for ${provider.url}, with client IDs ${provider.clientIds.join(", ")} (the Terraform in aws/terraform creates it)`
      : "nothing more: Google is IAM's built-in provider"
  };
}
