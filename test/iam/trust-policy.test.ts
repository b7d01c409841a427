// Trust policies evaluated against the request context STS builds from a
// verified token (src/stand-ins/aws/web-identity-trust.ts): the identity the
// intent names is allowed, every neighbour (another service account,
// another audience, another issuer) is denied.

import { GATEWAY_AUDIENCE, WEB_IDENTITY_ACTION } from "../../src/iam/trust-policy";
import { policyJson } from "../../src/iam/policy-json";
import { validatePolicyDocument } from "../../src/iam/validate";
import type { Intent, ProxyIntent } from "../../src/intent/model";
import { planBuild } from "../../src/plan";
import { evaluateTrust, type Decision } from "../../src/stand-ins/aws/iam-policy";
import type { VerifiedWebIdentity } from "../../src/stand-ins/aws/web-identity-token";
import { federatedPrincipalFor, trustContextFor } from "../../src/stand-ins/aws/web-identity-trust";
import type { PolicyDocument, PolicyStatement } from "../../src/iam/document";
import { providerKey } from "../../src/stand-ins/aws/world";
import { ACCOUNT, CALLER_AUDIENCE, CALLER_ISSUER, RUNTIME_SA, callerAuth, intent, planned, proxy } from "./fixtures";

interface Token {
  iss: string;
  sub: string;
  aud: string;
  azp?: string;
  amr?: string[];
}

function emitted(subject: Intent, p: ProxyIntent = subject.proxies[0]): PolicyDocument {
  return validatePolicyDocument(policyJson(planned(subject, p).trustPolicy), "trust");
}

function firstStatement(doc: PolicyDocument): PolicyStatement {
  return Array.isArray(doc.Statement) ? doc.Statement[0] : doc.Statement;
}

/** What STS evaluates for a verified token: the provider's principal and the keys it fills in. */
function assume(trust: PolicyDocument, token: Token, action = WEB_IDENTITY_ACTION, account = ACCOUNT): Decision {
  const key = providerKey(token.iss);
  const identity: VerifiedWebIdentity = {
    issuer: token.iss,
    providerKey: key,
    provider: { issuer: token.iss, jwksUri: "https://unused.example/jwks", clientIds: [] },
    claims: { iss: token.iss, sub: token.sub, aud: token.aud, ...(token.azp === undefined ? {} : { azp: token.azp }), ...(token.amr === undefined ? {} : { amr: token.amr }) },
    sub: token.sub,
    audience: token.aud
  };
  const context = trustContextFor({ identity, roleSessionName: "apigee-builds", sourceIdentity: undefined });
  return evaluateTrust(trust, { action, federatedPrincipal: federatedPrincipalFor(account, key), context });
}

describe("gateway mode: the Apigee runtime's service account", () => {
  const trust = emitted(intent([proxy({ name: "builds" })]));
  const runtimeToken: Token = { iss: "https://accounts.google.com", sub: RUNTIME_SA.uniqueId, azp: RUNTIME_SA.uniqueId, aud: GATEWAY_AUDIENCE };

  test("its Google ID token for sts.amazonaws.com may assume the role", () => {
    expect(assume(trust, runtimeToken)).toBe("Allow");
  });

  test("another service account may not", () => {
    expect(assume(trust, { ...runtimeToken, sub: "998877665544332211000", azp: "998877665544332211000" })).toBe("ImplicitDeny");
  });

  test("a token whose sub or azp alone is the runtime's may not", () => {
    expect(assume(trust, { ...runtimeToken, azp: "998877665544332211000" })).toBe("ImplicitDeny");
    expect(assume(trust, { ...runtimeToken, sub: "998877665544332211000" })).toBe("ImplicitDeny");
  });

  test("the runtime's token minted for another audience may not", () => {
    expect(assume(trust, { ...runtimeToken, aud: "https://other.example.com" })).toBe("ImplicitDeny");
    expect(assume(trust, { ...runtimeToken, aud: RUNTIME_SA.uniqueId })).toBe("ImplicitDeny");
  });

  test("the same claims from another issuer may not", () => {
    expect(assume(trust, { ...runtimeToken, iss: CALLER_ISSUER })).toBe("ImplicitDeny");
  });

  test("only AssumeRoleWithWebIdentity: no SourceIdentity, no session tags", () => {
    expect(assume(trust, runtimeToken, "sts:SetSourceIdentity")).toBe("ImplicitDeny");
    expect(assume(trust, runtimeToken, "sts:TagSession")).toBe("ImplicitDeny");
    expect(assume(trust, runtimeToken, "sts:AssumeRole")).toBe("ImplicitDeny");
  });

  test("pins aud and sub to the unique ID and oaud to the audience, as AWS documents for Google", () => {
    expect(trust.Statement).toEqual([
      {
        Sid: "ApigeeRuntimeServiceAccount",
        Effect: "Allow",
        Principal: { Federated: "accounts.google.com" },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            "accounts.google.com:aud": RUNTIME_SA.uniqueId,
            "accounts.google.com:oaud": "sts.amazonaws.com",
            "accounts.google.com:sub": RUNTIME_SA.uniqueId
          }
        }
      }
    ]);
  });

  test("without the runtime identity in the intent, the plan says what to add, at the proxy", () => {
    const p = proxy({ name: "builds" });
    expect(() => planBuild(intent([p], { identity: null }))).toThrow(/^apigee-aws\.yaml:10:3: proxies\.builds\.identity: .*add identity: \{project: GOOGLE_PROJECT\} to the intent/);
  });
});

describe("caller mode: the API caller's verified JWT", () => {
  const uploads = proxy({ name: "uploads", identity: "caller", auth: callerAuth() });
  const trust = emitted(intent([uploads]));
  const callerToken: Token = { iss: CALLER_ISSUER, sub: "user-1", aud: CALLER_AUDIENCE };

  test("names the issuer's IAM OIDC provider as STS would look it up", () => {
    const { Principal } = firstStatement(trust);
    expect(Principal).toEqual({ Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/login.example.com/realms/apigee` });
    expect(Principal).toEqual({ Federated: federatedPrincipalFor(ACCOUNT, providerKey(CALLER_ISSUER)) });
  });

  test("any subject of that issuer with the proxy's audience may assume the role", () => {
    expect(assume(trust, callerToken)).toBe("Allow");
    expect(assume(trust, { ...callerToken, sub: "user-2" })).toBe("Allow");
  });

  test("another audience of the same issuer may not", () => {
    expect(assume(trust, { ...callerToken, aud: "another-client" })).toBe("ImplicitDeny");
  });

  test("another issuer may not, even with the same audience", () => {
    expect(assume(trust, { ...callerToken, iss: "https://login.example.com/realms/other" })).toBe("ImplicitDeny");
    expect(assume(trust, { ...callerToken, iss: "https://accounts.google.com" })).toBe("ImplicitDeny");
  });

  test("the same provider in another account may not", () => {
    expect(assume(trust, callerToken, WEB_IDENTITY_ACTION, "210987654321")).toBe("ImplicitDeny");
  });

  test("a Google-issued caller token is matched on oaud, since Google's aud key is azp", () => {
    const google = proxy({ name: "g", identity: "caller", auth: callerAuth("https://accounts.google.com", "my-client.apps.googleusercontent.com") });
    const googleTrust = emitted(intent([google]));
    const token: Token = { iss: "https://accounts.google.com", sub: "1234", aud: "my-client.apps.googleusercontent.com", azp: "other-client" };
    expect(assume(googleTrust, token)).toBe("Allow");
    expect(assume(googleTrust, { ...token, aud: "someone-else" })).toBe("ImplicitDeny");
    expect(firstStatement(googleTrust).Principal).toEqual({ Federated: "accounts.google.com" });
  });

  test("an issuer with a trailing slash keeps it in the provider name, as the token's iss has it", () => {
    const p = proxy({ name: "a0", identity: "caller", auth: callerAuth("https://acme.eu.auth0.com/", "api") });
    const statement = firstStatement(planned(intent([p]), p).trustPolicy);
    expect(statement.Principal).toEqual({ Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/acme.eu.auth0.com/` });
    expect(statement.Condition).toEqual({ StringEquals: { "acme.eu.auth0.com/:aud": "api" } });
  });

  describe("trust pins: claims STS requires besides the audience, so a token without them cannot assume the role even without Apigee", () => {
    const pinned = proxy({ name: "pinned", identity: "caller", auth: callerAuth(), trust: { sub: ["user-*", "svc-42"], azp: ["web-app"], amr: ["mfa"] } });
    const pinnedTrust = emitted(intent([pinned]));
    const key = "login.example.com/realms/apigee";
    const good: Token = { ...callerToken, sub: "user-7", azp: "web-app", amr: ["pwd", "mfa"] };

    test("sub with a wildcard is StringLike, azp StringEquals, amr (a list claim) ForAnyValue", () => {
      expect(firstStatement(pinnedTrust).Condition).toEqual({
        StringEquals: { [`${key}:aud`]: CALLER_AUDIENCE, [`${key}:azp`]: "web-app" },
        StringLike: { [`${key}:sub`]: ["user-*", "svc-42"] },
        "ForAnyValue:StringEquals": { [`${key}:amr`]: "mfa" }
      });
    });

    test("a token with every pinned claim may assume the role; one missing any may not", () => {
      expect(assume(pinnedTrust, good)).toBe("Allow");
      expect(assume(pinnedTrust, { ...good, sub: "svc-42" })).toBe("Allow");
      expect(assume(pinnedTrust, { ...good, sub: "admin-1" })).toBe("ImplicitDeny");
      expect(assume(pinnedTrust, { ...good, azp: "cli" })).toBe("ImplicitDeny");
      expect(assume(pinnedTrust, { ...good, azp: undefined })).toBe("ImplicitDeny");
      expect(assume(pinnedTrust, { ...good, amr: ["pwd"] })).toBe("ImplicitDeny");
      expect(assume(pinnedTrust, { ...good, amr: undefined })).toBe("ImplicitDeny");
    });

    test("values without wildcards stay StringEquals, so a * in a token's sub is not a pattern", () => {
      const exact = proxy({ name: "exact", identity: "caller", auth: callerAuth(), trust: { sub: ["svc-42"], azp: [], amr: [] } });
      const exactTrust = emitted(intent([exact]));
      expect(firstStatement(exactTrust).Condition).toEqual({ StringEquals: { [`${key}:aud`]: CALLER_AUDIENCE, [`${key}:sub`]: "svc-42" } });
      expect(assume(exactTrust, { ...callerToken, sub: "svc-42" })).toBe("Allow");
      expect(assume(exactTrust, { ...callerToken, sub: "svc-4*" })).toBe("ImplicitDeny");
    });
  });

  test.each([
    ["public auth", { auth: { kind: "public" as const } }, /auth is public/],
    ["an http issuer", { auth: callerAuth("http://login.example.com") }, /must be an https:\/\/ URL/],
    ["an issuer with a port", { auth: callerAuth("https://login.example.com:8443/realms/a") }, /without port/],
    ["an issuer that is not a URL", { auth: callerAuth("login.example.com") }, /is not a URL/]
  ])("the plan refuses %s, at the proxy", (_case, fields, message) => {
    const p = proxy({ name: "bad", identity: "caller", ...fields });
    expect(() => planBuild(intent([p]))).toThrow(message);
    expect(() => planBuild(intent([p]))).toThrow(/^apigee-aws\.yaml:10:3: proxies\.bad/);
  });
});
