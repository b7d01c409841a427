import {
  CLOUD_PLATFORM_SCOPE,
  GOOGLE_ISSUER,
  GoogleApiError,
  GoogleStandIn,
  IAM_SCOPE,
  clearJwksCache,
  verifyJwt
} from "../../../src/stand-ins/identity";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { expectGoogleError } from "../../support/google-errors";

const PROXY_SA = { email: "apigee-proxy@my-project.iam.gserviceaccount.com", uniqueId: "104532907523447390212" };
const OTHER_SA = { email: "reporting@my-project.iam.gserviceaccount.com", uniqueId: "117249618039251847361" };
const RELAY_SA = { email: "relay@my-project.iam.gserviceaccount.com", uniqueId: "109876543210987654321" };
const AUDIENCE = "sts.amazonaws.com";
const T0 = Date.UTC(2030, 5, 1);

describe("GoogleStandIn", () => {
  let clock = T0;
  let google: GoogleStandIn;

  beforeAll(async () => {
    google = await GoogleStandIn.start({
      serviceAccounts: [PROXY_SA, OTHER_SA, RELAY_SA],
      now: () => clock,
      tokenCreators: { [OTHER_SA.email]: [RELAY_SA.email] }
    });
  });
  afterAll(() => google.close());
  beforeEach(() => {
    clock = T0;
    google.delayMs = 0;
    google.failNext(0, 503);
  });

  const generateIdToken = (name: string, body: unknown, accessToken?: string) =>
    fetch(`${google.url}/v1/projects/-/serviceAccounts/${name}:generateIdToken`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
      body: typeof body === "string" ? body : JSON.stringify(body)
    });

  it("refuses service accounts whose uniqueId is not 21 digits", async () => {
    await expect(GoogleStandIn.start({ serviceAccounts: [{ email: "a@b.iam.gserviceaccount.com", uniqueId: "123" }] })).rejects.toThrow(/21-digit/);
    await expect(GoogleStandIn.start({ serviceAccounts: [] })).rejects.toThrow(/at least one service account/);
  });

  it("reports accounts.google.com as its issuer and serves the JWKS at /oauth2/v3/certs", async () => {
    expect(google.issuer).toBe(GOOGLE_ISSUER);
    expect(google.jwksUri).toBe(`${google.url}/oauth2/v3/certs`);
    const before = google.jwksFetches;
    const response = await fetch(google.jwksUri);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toMatch(/max-age=\d+/);
    const jwks = (await response.json()) as { keys: { kid: string; alg: string; use: string }[] };
    expect(jwks.keys).toEqual([expect.objectContaining({ kid: google.keys.currentKid, alg: "RS256", use: "sig", kty: "RSA" })]);
    expect(google.jwksFetches).toBe(before + 1);
    const discovery = (await (await fetch(`${google.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({ issuer: GOOGLE_ISSUER, jwks_uri: google.jwksUri });
  });

  describe("access tokens", () => {
    it("are opaque ya29. strings remembered with account, scopes and expiry", async () => {
      const minted = google.accessTokensMinted;
      const token = await google.accessToken(PROXY_SA.email, [CLOUD_PLATFORM_SCOPE], 600);
      expect(token).toMatch(/^ya29\.[A-Za-z0-9._-]{40,}$/);
      expect(token.split(".")).not.toHaveLength(3);
      expect(google.accessTokensMinted).toBe(minted + 1);
      expect(google.accessTokenInfo(token)).toEqual({ serviceAccount: PROXY_SA.email, scopes: [CLOUD_PLATFORM_SCOPE], expiresAt: T0 + 600_000 });
      expect(await google.accessToken(PROXY_SA.email, [CLOUD_PLATFORM_SCOPE])).not.toBe(token);
      expect(google.accessTokenInfo((await google.accessToken(PROXY_SA.uniqueId, [IAM_SCOPE]))!)?.expiresAt).toBe(T0 + 3_600_000);
    });

    it("refuse unknown accounts, no scopes and lifetimes out of range", async () => {
      await expect(google.accessToken("ghost@my-project.iam.gserviceaccount.com", [CLOUD_PLATFORM_SCOPE])).rejects.toMatchObject({ status: 404 });
      await expect(google.accessToken(PROXY_SA.email, [])).rejects.toMatchObject({ status: 400, googleStatus: "INVALID_ARGUMENT" });
      await expect(google.accessToken(PROXY_SA.email, [CLOUD_PLATFORM_SCOPE], 0)).rejects.toThrow(/lifetime/);
      await expect(google.accessToken(PROXY_SA.email, [CLOUD_PLATFORM_SCOPE], 43201)).rejects.toThrow(/lifetime/);
    });

    it("authenticate generateIdToken until they expire on the injected clock", async () => {
      const token = await google.accessToken(PROXY_SA.email, [CLOUD_PLATFORM_SCOPE], 60);
      clock = T0 + 59_999;
      expect((await generateIdToken(PROXY_SA.email, { audience: AUDIENCE }, token)).status).toBe(200);
      clock = T0 + 60_000;
      const response = await generateIdToken(PROXY_SA.email, { audience: AUDIENCE }, token);
      expect(response.headers.get("www-authenticate")).toContain('error="invalid_token"');
      const error = await expectGoogleError(response, 401, "UNAUTHENTICATED");
      expect(error.details?.[0].reason).toBe("ACCESS_TOKEN_EXPIRED");
    });
  });

  describe("POST /v1/projects/-/serviceAccounts/{email}:generateIdToken", () => {
    let proxyToken: string;

    beforeEach(async () => {
      proxyToken = await google.accessToken(PROXY_SA.email, [CLOUD_PLATFORM_SCOPE]);
    });

    it("returns {token} with Google's ID token claims, verifiable against its JWKS", async () => {
      const requests = google.idTokenRequests;
      const response = await generateIdToken(encodeURIComponent(PROXY_SA.email), { audience: AUDIENCE, includeEmail: true }, proxyToken);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { token: string };
      expect(Object.keys(body)).toEqual(["token"]);
      expect(google.idTokenRequests).toBe(requests + 1);

      const header = decodeProtectedHeader(body.token);
      const payload = decodeJwt(body.token);
      expect(header).toEqual({ alg: "RS256", kid: google.keys.currentKid, typ: "JWT" });
      expect(payload).toEqual({
        aud: AUDIENCE,
        azp: PROXY_SA.uniqueId,
        email: PROXY_SA.email,
        email_verified: true,
        exp: T0 / 1000 + 3600,
        iat: T0 / 1000,
        iss: "https://accounts.google.com",
        sub: PROXY_SA.uniqueId
      });
      clearJwksCache();
      const verified = await verifyJwt(body.token, { jwksUri: google.jwksUri, issuer: GOOGLE_ISSUER, audience: AUDIENCE, now: () => clock });
      expect(verified.sub).toBe(PROXY_SA.uniqueId);
    });

    it("leaves email out unless includeEmail, and accepts the unique ID as the name", async () => {
      const response = await generateIdToken(PROXY_SA.uniqueId, { audience: "https://backend.example.com" }, proxyToken);
      expect(response.status).toBe(200);
      const payload = decodeJwt(((await response.json()) as { token: string }).token);
      expect(payload.aud).toBe("https://backend.example.com");
      expect(payload).not.toHaveProperty("email");
      expect(payload).not.toHaveProperty("email_verified");
    });

    it("401 UNAUTHENTICATED without an Authorization header", async () => {
      const response = await generateIdToken(PROXY_SA.email, { audience: AUDIENCE });
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm=/);
      const error = await expectGoogleError(response, 401, "UNAUTHENTICATED");
      expect(error.message).toMatch(/missing required authentication credential/);
      expect(error.details?.[0].reason).toBe("CREDENTIALS_MISSING");
    });

    it("401 UNAUTHENTICATED for a token it never minted", async () => {
      const error = await expectGoogleError(await generateIdToken(PROXY_SA.email, { audience: AUDIENCE }, "ya29.forged"), 401, "UNAUTHENTICATED");
      expect(error.message).toMatch(/invalid authentication credentials/);
    });

    it("403 PERMISSION_DENIED for a token without the cloud-platform or iam scope", async () => {
      const narrow = await google.accessToken(PROXY_SA.email, ["https://www.googleapis.com/auth/userinfo.email"]);
      const response = await generateIdToken(PROXY_SA.email, { audience: AUDIENCE }, narrow);
      expect(response.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
      const error = await expectGoogleError(response, 403, "PERMISSION_DENIED");
      expect(error.message).toBe("Request had insufficient authentication scopes.");
      const iamOnly = await google.accessToken(PROXY_SA.email, [IAM_SCOPE]);
      expect((await generateIdToken(PROXY_SA.email, { audience: AUDIENCE }, iamOnly)).status).toBe(200);
    });

    it("403 PERMISSION_DENIED when the caller may not act for the account; tokenCreators allow it", async () => {
      const denied = await expectGoogleError(await generateIdToken(OTHER_SA.email, { audience: AUDIENCE }, proxyToken), 403, "PERMISSION_DENIED");
      expect(denied.message).toBe("Permission 'iam.serviceAccounts.getOpenIdToken' denied on resource (or it may not exist).");
      expect(denied.details?.[0]).toMatchObject({ reason: "IAM_PERMISSION_DENIED", metadata: { permission: "iam.serviceAccounts.getOpenIdToken" } });

      const relayToken = await google.accessToken(RELAY_SA.email, [CLOUD_PLATFORM_SCOPE]);
      const allowed = await generateIdToken(OTHER_SA.email, { audience: AUDIENCE, includeEmail: true }, relayToken);
      expect(allowed.status).toBe(200);
      expect(decodeJwt(((await allowed.json()) as { token: string }).token)).toMatchObject({ sub: OTHER_SA.uniqueId, email: OTHER_SA.email });
    });

    it("follows a delegation chain, each link needing the token creator role", async () => {
      const viaRelay = { audience: AUDIENCE, delegates: [`projects/-/serviceAccounts/${RELAY_SA.email}`] };
      await expectGoogleError(await generateIdToken(OTHER_SA.email, viaRelay, proxyToken), 403, "PERMISSION_DENIED");
      google.grantTokenCreator(PROXY_SA.email, RELAY_SA.email);
      const response = await generateIdToken(OTHER_SA.email, viaRelay, proxyToken);
      expect(response.status).toBe(200);
      expect(decodeJwt(((await response.json()) as { token: string }).token).sub).toBe(OTHER_SA.uniqueId);
    });

    it("404 NOT_FOUND for an unknown service account", async () => {
      const error = await expectGoogleError(await generateIdToken("ghost@my-project.iam.gserviceaccount.com", { audience: AUDIENCE }, proxyToken), 404, "NOT_FOUND");
      expect(error.message).toContain("ghost@my-project.iam.gserviceaccount.com");
    });

    it.each([
      ["a missing audience", { includeEmail: true }, /audience/],
      ["an empty audience", { audience: "" }, /audience/],
      ["a non-boolean includeEmail", { audience: AUDIENCE, includeEmail: "yes" }, /includeEmail/],
      ["an unknown field", { audience: AUDIENCE, scope: "x" }, /Unknown name "scope"/],
      ["a body that is not JSON", "{audience:", /Invalid JSON payload/]
    ])("400 INVALID_ARGUMENT for %s", async (_what, body, detail) => {
      const error = await expectGoogleError(await generateIdToken(PROXY_SA.email, body, proxyToken), 400, "INVALID_ARGUMENT");
      expect(error.message).toMatch(detail);
    });

    it("400 INVALID_ARGUMENT when a project ID replaces the - wildcard", async () => {
      const response = await fetch(`${google.url}/v1/projects/my-project/serviceAccounts/${PROXY_SA.email}:generateIdToken`, {
        method: "POST",
        headers: { authorization: `Bearer ${proxyToken}` },
        body: JSON.stringify({ audience: AUDIENCE })
      });
      await expectGoogleError(response, 400, "INVALID_ARGUMENT");
    });

    it("404 in Google's shape for paths it does not serve", async () => {
      await expectGoogleError(await fetch(`${google.url}/v1/projects/-/serviceAccounts/${PROXY_SA.email}:signJwt`, { method: "POST", body: "{}" }), 404, "NOT_FOUND");
    });

    it("failNext(n, status) fails the next n requests, then recovers", async () => {
      const requests = google.idTokenRequests;
      google.failNext(2, 503);
      await expectGoogleError(await generateIdToken(PROXY_SA.email, { audience: AUDIENCE }, proxyToken), 503, "UNAVAILABLE");
      await expectGoogleError(await generateIdToken(PROXY_SA.email, { audience: AUDIENCE }, proxyToken), 503, "UNAVAILABLE");
      expect((await generateIdToken(PROXY_SA.email, { audience: AUDIENCE }, proxyToken)).status).toBe(200);
      expect(google.idTokenRequests).toBe(requests + 3);
      google.failNext(1, 429);
      await expectGoogleError(await generateIdToken(PROXY_SA.email, { audience: AUDIENCE }, proxyToken), 429, "RESOURCE_EXHAUSTED");
    });

    it("delayMs slows each response down", async () => {
      google.delayMs = 300;
      const started = Date.now();
      expect((await generateIdToken(PROXY_SA.email, { audience: AUDIENCE }, proxyToken)).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    });
  });

  describe("idToken() in process", () => {
    it("mints the same kind of token as the HTTP API", async () => {
      const requests = google.idTokenRequests;
      const token = await google.idToken(PROXY_SA.email, "https://target.example.com", true);
      expect(google.idTokenRequests).toBe(requests + 1);
      const claims = await verifyJwt(token, { jwksUri: google.jwksUri, issuer: GOOGLE_ISSUER, audience: "https://target.example.com", now: () => clock });
      expect(claims).toEqual({
        aud: "https://target.example.com",
        azp: PROXY_SA.uniqueId,
        email: PROXY_SA.email,
        email_verified: true,
        exp: T0 / 1000 + 3600,
        iat: T0 / 1000,
        iss: GOOGLE_ISSUER,
        sub: PROXY_SA.uniqueId
      });
      expect(decodeJwt(await google.idToken(PROXY_SA.email, AUDIENCE, false))).not.toHaveProperty("email");
    });

    it("throws GoogleApiError for unknown accounts, a missing audience and injected faults", async () => {
      const unknown = google.idToken("ghost@x.iam.gserviceaccount.com", AUDIENCE, false);
      await expect(unknown).rejects.toBeInstanceOf(GoogleApiError);
      await expect(google.idToken("ghost@x.iam.gserviceaccount.com", AUDIENCE, false)).rejects.toMatchObject({ status: 404, googleStatus: "NOT_FOUND" });
      await expect(google.idToken(PROXY_SA.email, "", false)).rejects.toMatchObject({ status: 400 });
      google.failNext(1, 500);
      await expect(google.idToken(PROXY_SA.email, AUDIENCE, false)).rejects.toMatchObject({ status: 500, googleStatus: "INTERNAL" });
      await expect(google.idToken(PROXY_SA.email, AUDIENCE, false)).resolves.toMatch(/^ey/);
    });

    it("tokens signed before a key rotation still verify", async () => {
      const before = await google.idToken(PROXY_SA.email, AUDIENCE, false);
      await google.rotateKeys();
      const after = await google.idToken(PROXY_SA.email, AUDIENCE, false);
      expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
      for (const token of [before, after]) {
        await expect(verifyJwt(token, { jwksUri: google.jwksUri, issuer: GOOGLE_ISSUER, audience: AUDIENCE, now: () => clock })).resolves.toBeDefined();
      }
    });
  });
});
