import { generateKeyPairSync } from "node:crypto";
import { decodeJwt, MalformedJwtError, rsaThumbprint, signRs256, verifyRs256 } from "../../../src/stand-ins/identity/jws";

describe("jws", () => {
  it("computes RFC 7638's example thumbprint", () => {
    const n =
      "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
    expect(rsaThumbprint(n, "AQAB")).toBe("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  });

  it("round-trips a signed token and detects a changed payload", () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const token = signRs256({ kid: "k1", typ: "JWT" }, { sub: "s", n: 1 }, privateKey);
    const decoded = decodeJwt(token);
    expect(decoded.header).toEqual({ kid: "k1", typ: "JWT", alg: "RS256" });
    expect(decoded.payload).toEqual({ sub: "s", n: 1 });
    expect(verifyRs256(decoded.signingInput, decoded.signature, publicKey)).toBe(true);
    expect(verifyRs256(decoded.signingInput + "x", decoded.signature, publicKey)).toBe(false);
    expect(verifyRs256(decoded.signingInput, decoded.signature.subarray(1), publicKey)).toBe(false);
  });

  it.each([
    ["two parts", "a.b"],
    ["non-base64url characters", "a+b.c.d"],
    ["a header that is not JSON", `${Buffer.from("nope").toString("base64url")}.${Buffer.from("{}").toString("base64url")}.`],
    ["a payload that is a JSON array", `${Buffer.from("{}").toString("base64url")}.${Buffer.from("[1]").toString("base64url")}.`]
  ])("refuses %s as malformed", (_what, token) => {
    expect(() => decodeJwt(token)).toThrow(MalformedJwtError);
  });
});
