// Where the token comes from (--token, APIGEE_TOKEN, gcloud on PATH), with a
// fake gcloud script standing in for the real one.

import { findOnPath, TokenSourceError, resolveToken } from "../../src/deploy/token";
import { tempDir } from "./support/dist-fixture";
import { fakeGcloud, gcloudPrinting } from "./support/fake-gcloud";

test("--token wins over APIGEE_TOKEN, which wins over gcloud", async () => {
  const env = { PATH: gcloudPrinting("ya29.from-gcloud-0123456789"), APIGEE_TOKEN: "env-token-0123456789" };
  expect(await resolveToken({ flag: "flag-token-0123456789", env })).toEqual({ token: "flag-token-0123456789", source: "--token" });
  expect(await resolveToken({ env })).toEqual({ token: "env-token-0123456789", source: "APIGEE_TOKEN" });
  expect(await resolveToken({ env: { PATH: env.PATH } })).toEqual({ token: "ya29.from-gcloud-0123456789", source: "gcloud auth print-access-token" });
});

test("no flag, no variable and no gcloud on PATH: no token", async () => {
  expect(await resolveToken({ env: { PATH: tempDir() } })).toBeUndefined();
  expect(findOnPath("gcloud", { PATH: tempDir() })).toBeUndefined();
});

test("a gcloud that fails says why, without the token it may have printed", async () => {
  const dir = fakeGcloud(`echo "ya29.leaked-0123456789"\necho "ERROR: (gcloud.auth.print-access-token) You do not currently have an active account selected." >&2\nexit 1`);
  const error = await resolveToken({ env: { PATH: dir } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TokenSourceError);
  expect((error as Error).message).toBe(
    "gcloud auth print-access-token failed: ERROR: (gcloud.auth.print-access-token) You do not currently have an active account selected. Run gcloud auth login, or pass a token with --token or APIGEE_TOKEN."
  );
  expect((error as Error).message).not.toContain("leaked");
});

test("an empty token or one with spaces is refused", async () => {
  await expect(resolveToken({ flag: "  ", env: {} })).rejects.toThrow("the token from --token is empty");
  await expect(resolveToken({ env: { APIGEE_TOKEN: "two words" } })).rejects.toThrow("the token from APIGEE_TOKEN contains whitespace");
  await expect(resolveToken({ env: { PATH: fakeGcloud("echo") } })).rejects.toThrow("the token from gcloud auth print-access-token is empty");
});
