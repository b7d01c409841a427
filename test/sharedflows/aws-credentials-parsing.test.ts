// The pieces of the aws-credentials callouts that need no Apigee runtime,
// run in Node: reading STS's answers (JSON with plain or scientific
// Expiration, XML, errors) as the STS stand-in renders them, the cache
// entry's timings, and the caller JWT's subject.

import { classify, newEntry, parseEntry, cacheTtlSeconds, serializeEntry } from "../../src/callouts/support/aws-credentials-entry";
import { base64UrlText } from "../../src/callouts/support/base64url";
import { parseIso } from "../../src/callouts/support/iso-time";
import { jwtSubject } from "../../src/callouts/support/jwt-claims";
import { expirationMillis, parseStsAnswer } from "../../src/callouts/support/sts-answer";
import { StsError, stsErrors } from "../../src/stand-ins/aws/sts-errors";
import { renderError, renderResult, type AssumeRoleResult } from "../../src/stand-ins/aws/sts-render";

const EXPIRES = Date.UTC(2025, 10, 24, 20, 25, 45); // 1764015945 s
const RESULT: AssumeRoleResult = {
  accessKeyId: "ASIAEXAMPLE000000001",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  sessionToken: "IQoJb3JpZ2luX2VjEXAMPLE&<token>",
  expiresAt: EXPIRES,
  subjectFromWebIdentityToken: "104857600000000000001",
  assumedRoleArn: "arn:aws:sts::111122223333:assumed-role/reader/gw",
  assumedRoleId: "AROAEXAMPLE:gw",
  provider: "accounts.google.com",
  audience: "104857600000000000001",
  sourceIdentity: null
};
const CREDENTIALS = { accessKeyId: RESULT.accessKeyId, secretAccessKey: RESULT.secretAccessKey, sessionToken: RESULT.sessionToken, expiresAt: EXPIRES };

describe("STS answers", () => {
  test.each([
    ["JSON, Expiration in scientific notation (as the live service writes it)", renderResult(RESULT, "r1", true, "scientific")],
    ["JSON, Expiration as plain epoch seconds", renderResult(RESULT, "r2", true, "plain")],
    ["XML, Expiration in ISO 8601, entities escaped", renderResult(RESULT, "r3", false, "plain")]
  ])("%s", (_name, rendered) => {
    expect(parseStsAnswer(200, rendered.body)).toEqual({ status: 200, credentials: CREDENTIALS, code: "", message: "" });
  });

  test("the scientific notation really is in the JSON the stand-in sends", () => {
    expect(renderResult(RESULT, "r", true, "scientific").body).toContain('"Expiration":1.764015945E9');
  });

  test.each([
    ["JSON", true],
    ["XML", false]
  ])("errors in %s: STS's code and message", (_name, json) => {
    const error = stsErrors.idpCommunication();
    expect(parseStsAnswer(400, renderError(error, "r", json).body)).toEqual({ status: 400, credentials: null, code: "IDPCommunicationError", message: error.message });
    const denied = new StsError("AccessDenied", 403, "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    expect(parseStsAnswer(403, renderError(denied, "r", json).body)).toMatchObject({ code: "AccessDenied", message: denied.message });
  });

  test("answers that are not STS's: a code of our own", () => {
    expect(parseStsAnswer(502, "<html>Bad Gateway</html>").code).toBe("HTTP502");
    expect(parseStsAnswer(503, "").code).toBe("HTTP503");
    expect(parseStsAnswer(200, "{}").code).toBe("MalformedResponse");
    expect(parseStsAnswer(200, "{not json").code).toBe("MalformedResponse");
    expect(parseStsAnswer(400, '{"__type":"com.amazon.coral.service#ThrottlingException","message":"Rate exceeded"}')).toMatchObject({ code: "ThrottlingException", message: "Rate exceeded" });
  });

  test("credentials in a non-200 answer are not taken", () => {
    expect(parseStsAnswer(500, renderResult(RESULT, "r", true, "plain").body)).toMatchObject({ credentials: null, code: "HTTP500" });
  });

  test("Expiration values", () => {
    expect([expirationMillis(1764015945), expirationMillis("1.764015945E9"), expirationMillis(1764015945000), expirationMillis("2025-11-24T20:25:45Z")]).toEqual([EXPIRES, EXPIRES, EXPIRES, EXPIRES]);
    expect([parseIso("2025-11-24T21:25:45.500+01:00"), parseIso("2025-11-24 20:25:45")]).toEqual([EXPIRES + 500, NaN]);
    expect(expirationMillis("soon")).toBeNaN();
  });
});

describe("cache entry timings", () => {
  const issued = Date.UTC(2026, 0, 5, 12, 0, 0);
  const entry = newEntry("ASIA1", "secret", "token", issued + 3600_000, issued);

  test("one hour: cached for 55 minutes, refreshed from 49 minutes (60 s or 10 % before the 5-minute margin)", () => {
    expect([cacheTtlSeconds(entry, issued), (entry.refreshAt - issued) / 1000]).toEqual([3300, 2940]);
    expect([classify(entry, issued), classify(entry, entry.refreshAt - 1), classify(entry, entry.refreshAt), classify(entry, issued + 3299_999), classify(entry, issued + 3300_000)]).toEqual([
      "fresh",
      "fresh",
      "refresh",
      "refresh",
      "missing"
    ]);
  });

  test("15 minutes: the 60 s floor of the refresh lead; 12 hours: 10 % of it", () => {
    expect((newEntry("k", "s", "t", issued + 900_000, issued).refreshAt - issued) / 1000).toBe(900 - 300 - 90);
    expect((newEntry("k", "s", "t", issued + 43200_000, issued).refreshAt - issued) / 1000).toBe(43200 - 300 - 4320);
    expect((newEntry("k", "s", "t", issued + 400_000, issued).refreshAt - issued) / 1000).toBe(40);
  });

  test("entries round-trip; anything else reads as a miss", () => {
    expect(parseEntry(serializeEntry(entry))).toEqual(entry);
    expect([parseEntry(null), parseEntry(""), parseEntry("{"), parseEntry('{"accessKeyId":"A"}'), classify(null, issued)]).toEqual([null, null, null, null, "missing"]);
  });
});

describe("caller JWT subject", () => {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

  test("iss and sub from the payload, UTF-8 included", () => {
    const token = `${encode({ alg: "RS256" })}.${encode({ iss: "https://idp.example/r", sub: "jörg-ß-日本", aud: "x" })}.sig`;
    expect(jwtSubject(token)).toEqual({ iss: "https://idp.example/r", sub: "jörg-ß-日本" });
  });

  test("not a JWT with a string iss: null (the proxy's mistake: VerifyJWT checked iss)", () => {
    expect([
      jwtSubject("a.b"),
      jwtSubject(`x.${encode({ sub: "s" })}.s`),
      jwtSubject(`x.${encode({ iss: "", sub: "s" })}.s`),
      jwtSubject("x.!!!.s"),
      jwtSubject(`x.${Buffer.from("not json").toString("base64url")}.s`)
    ]).toEqual([null, null, null, null, null]);
  });

  test("a token without a string sub names no subject (the caller's problem, answered 401)", () => {
    expect([jwtSubject(`x.${encode({ iss: "i" })}.s`), jwtSubject(`x.${encode({ iss: "i", sub: 7 })}.s`), jwtSubject(`x.${encode({ iss: "i", sub: "" })}.s`)]).toEqual([
      { iss: "i", sub: "" },
      { iss: "i", sub: "" },
      { iss: "i", sub: "" }
    ]);
  });

  test("base64url agrees with Node's for every length, multi-byte characters included", () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    for (let n = 0; n < 40; n++) {
      const text = Array.from("é€😀abc".repeat(n)).slice(0, n).join("");
      expect(base64UrlText(Buffer.from(text).toString("base64url"))).toBe(text);
    }
    expect(base64UrlText(bytes.toString("base64url"))).toBeNull(); // not UTF-8
    expect(base64UrlText("a")).toBeNull();
  });
});
