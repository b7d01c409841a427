// Loopback stand-ins for the three places Application Default Credentials get
// an access token, each checking what Google's checks:
// - OAuth 2.0 token endpoint, JWT-bearer grant (a service-account key file):
//   the assertion is RS256-signed by the key's private key, iss = the key's
//   client_email, aud = Google's token URL, scope names cloud-platform, and it
//   lives at most an hour;
// - Security Token Service token exchange (a workload identity federation
//   file): the subject token is exactly what the credential source holds, the
//   audience is the pool provider's, the types are RFC 8693's; then, when the
//   file asks for impersonation, IAM Credentials generateAccessToken with the
//   federated token as bearer;
// - the metadata server: only with `Metadata-Flavor: Google`.
// Each answers with an access token this test chose, so the test can see it
// reached the management API.

import { generateKeyPairSync, randomUUID } from "node:crypto";
import type * as http from "node:http";
import { importSPKI, jwtVerify } from "jose";
import { readBody, startServer, type LoopbackServer } from "../../support/loopback-server";

export const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";
const CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";
const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

export interface CredentialStandIns {
  url: string;
  /** Requests refused, with the reason, so a test can assert on what was wrong. */
  refusals: string[];
  /** Successful grants by endpoint. */
  grants: string[];
  keyFile(accessToken: string): Record<string, unknown>;
  /**
   * A workload identity federation file. `subjectTokenFile`: the subject token
   * in a file (GitLab's id_tokens, create-cred-config); without it, fetched
   * from a URL with a bearer request token and read from JSON field "value",
   * as google-github-actions/auth writes it for GitHub's OIDC endpoint.
   */
  externalAccountFile(options: { subjectTokenFile?: string; accessToken: string; impersonate?: string }): Record<string, unknown>;
  metadataToken(accessToken: string): void;
  close(): Promise<void>;
}

const AUDIENCE = "//iam.googleapis.com/projects/123456789/locations/global/workloadIdentityPools/ci/providers/github";

export async function startCredentialStandIns(expectedSubjectToken: () => string): Promise<CredentialStandIns> {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const publicPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  const clientEmail = "deployer@acme-ci.iam.gserviceaccount.com";
  const refusals: string[] = [];
  const grants: string[] = [];
  const tokens = { key: "", federated: `federated-${randomUUID()}`, impersonated: "", external: "", metadata: "", actionsRequest: `actions-request-${randomUUID()}` };
  let impersonated: string | undefined;

  const refuse = (res: http.ServerResponse, status: number, reason: string) => {
    refusals.push(reason);
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ error: "invalid_grant", error_description: reason }));
  };
  // Google's servers, the metadata server among them, answer with Metadata-Flavor: Google, which its clients check.
  const answer = (res: http.ServerResponse, body: object) => res.writeHead(200, { "content-type": "application/json", "metadata-flavor": "Google" }).end(JSON.stringify(body));

  async function oauthToken(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    if (form.get("grant_type") !== JWT_BEARER) return refuse(res, 400, `grant_type ${form.get("grant_type")}`);
    try {
      const { payload, protectedHeader } = await jwtVerify(form.get("assertion") ?? "", await importSPKI(publicPem, "RS256"), { issuer: clientEmail, audience: GOOGLE_TOKEN_URL });
      if (protectedHeader.alg !== "RS256") return refuse(res, 400, `alg ${protectedHeader.alg}`);
      if (!String(payload.scope ?? "").split(" ").includes(CLOUD_PLATFORM)) return refuse(res, 400, `scope ${payload.scope}`);
      if ((payload.exp ?? 0) - (payload.iat ?? 0) > 3600) return refuse(res, 400, "assertion lives over an hour");
    } catch (e) {
      return refuse(res, 400, `assertion: ${(e as Error).message}`);
    }
    grants.push("oauth2:jwt-bearer");
    answer(res, { access_token: tokens.key, expires_in: 3599, token_type: "Bearer" });
  }

  async function stsToken(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    if (form.get("grant_type") !== TOKEN_EXCHANGE) return refuse(res, 400, `grant_type ${form.get("grant_type")}`);
    if (form.get("audience") !== AUDIENCE) return refuse(res, 400, `audience ${form.get("audience")}`);
    if (form.get("subject_token_type") !== "urn:ietf:params:oauth:token-type:jwt") return refuse(res, 400, `subject_token_type ${form.get("subject_token_type")}`);
    if (form.get("requested_token_type") !== "urn:ietf:params:oauth:token-type:access_token") return refuse(res, 400, `requested_token_type ${form.get("requested_token_type")}`);
    if (form.get("subject_token") !== expectedSubjectToken()) return refuse(res, 400, "subject_token is not the CI's ID token");
    grants.push("sts:token-exchange");
    const access = impersonated ? tokens.federated : tokens.external;
    answer(res, { access_token: access, issued_token_type: "urn:ietf:params:oauth:token-type:access_token", token_type: "Bearer", expires_in: 3600 });
  }

  async function generateAccessToken(req: http.IncomingMessage, res: http.ServerResponse, account: string): Promise<void> {
    if (req.headers.authorization !== `Bearer ${tokens.federated}`) return refuse(res, 401, "generateAccessToken without the federated token");
    if (account !== impersonated) return refuse(res, 403, `impersonating ${account}`);
    const body = JSON.parse((await readBody(req)) || "{}");
    if (!Array.isArray(body.scope) || !body.scope.includes(CLOUD_PLATFORM)) return refuse(res, 400, `scope ${JSON.stringify(body.scope)}`);
    grants.push("iamcredentials:generateAccessToken");
    answer(res, { accessToken: tokens.impersonated, expireTime: new Date(Date.now() + 3600_000).toISOString() });
  }

  /** GitHub's ACTIONS_ID_TOKEN_REQUEST_URL: the job's OIDC token, for the request token the runner holds. */
  function actionsIdToken(req: http.IncomingMessage, res: http.ServerResponse, audience: string | null): void {
    if (req.headers.authorization !== `Bearer ${tokens.actionsRequest}`) return refuse(res, 401, "ID token request without the runner's request token");
    if (audience !== `https://iam.googleapis.com${AUDIENCE.slice(1)}`) return refuse(res, 400, `ID token audience ${audience}`);
    grants.push("actions:id-token");
    answer(res, { count: 1, value: expectedSubjectToken() });
  }

  function metadata(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.headers["metadata-flavor"] !== "Google") return refuse(res, 403, "no Metadata-Flavor: Google");
    grants.push("metadata:token");
    answer(res, { access_token: tokens.metadata, expires_in: 3599, token_type: "Bearer" });
  }

  let server!: LoopbackServer;
  server = await startServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const impersonation = /^\/v1\/projects\/-\/serviceAccounts\/([^:]+):generateAccessToken$/.exec(url.pathname);
    const work =
      req.method === "POST" && url.pathname === "/oauth2/token"
        ? oauthToken(req, res)
        : req.method === "POST" && url.pathname === "/sts/v1/token"
          ? stsToken(req, res)
          : req.method === "POST" && impersonation
            ? generateAccessToken(req, res, decodeURIComponent(impersonation[1]))
            : req.method === "GET" && url.pathname === "/computeMetadata/v1/instance/service-accounts/default/token"
              ? Promise.resolve(metadata(req, res))
              : req.method === "GET" && url.pathname === "/actions/id-token"
                ? Promise.resolve(actionsIdToken(req, res, url.searchParams.get("audience")))
                : Promise.resolve(refuse(res, 404, `${req.method} ${url.pathname}`));
    work.catch((e) => refuse(res, 500, String(e)));
  });

  return {
    url: server.url,
    refusals,
    grants,
    keyFile(accessToken) {
      tokens.key = accessToken;
      return {
        type: "service_account",
        project_id: "acme-ci",
        private_key_id: "0123456789abcdef",
        private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
        client_email: clientEmail,
        client_id: "112233445566778899001",
        auth_uri: "https://accounts.google.com/o/oauth2/auth",
        token_uri: `${server.url}/oauth2/token`
      };
    },
    externalAccountFile({ subjectTokenFile, accessToken, impersonate }) {
      impersonated = impersonate;
      if (impersonate) tokens.impersonated = accessToken;
      else tokens.external = accessToken;
      const credentialSource = subjectTokenFile
        ? { file: subjectTokenFile }
        : {
            url: `${server.url}/actions/id-token?audience=${encodeURIComponent(`https://iam.googleapis.com${AUDIENCE.slice(1)}`)}`,
            headers: { Authorization: `Bearer ${tokens.actionsRequest}` },
            format: { type: "json", subject_token_field_name: "value" }
          };
      return {
        type: "external_account",
        audience: AUDIENCE,
        subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
        token_url: `${server.url}/sts/v1/token`,
        credential_source: credentialSource,
        ...(impersonate ? { service_account_impersonation_url: `${server.url}/v1/projects/-/serviceAccounts/${impersonate}:generateAccessToken` } : {})
      };
    },
    metadataToken(accessToken) {
      tokens.metadata = accessToken;
    },
    close: () => server.close()
  };
}
