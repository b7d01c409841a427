// The pure parts of the S3 callouts, in Node: which keys are refused, how a
// key becomes the URL SigV4 signs, reading S3's XML, and the status each S3
// error becomes. The callouts themselves run in Rhino in s3-callouts.test.ts
// and end to end in s3-end-to-end.test.ts.

import fc from "fast-check";
import { answerFor } from "../../src/callouts/support/s3-error-codes";
import { decodeSuffix, keyProblem, S3_MAX_KEY_BYTES } from "../../src/callouts/support/s3-object-key";
import { elementBlocks, elementTexts, firstElementText, unescapeXml } from "../../src/callouts/support/s3-xml";
import { listUrl, objectUrl } from "../../src/callouts/support/s3-url";

const ENDPOINT = "https://acme-artifacts.s3.us-east-1.amazonaws.com";

describe("object keys", () => {
  test.each([
    ["/plain.txt", "plain.txt"],
    ["/with%20space.txt", "with space.txt"],
    ["/plus+sign.txt", "plus+sign.txt"],
    ["/percent%2525.txt", "percent%25.txt"],
    ["/r%C3%A9sum%C3%A9.txt", "résumé.txt"],
    ["/a%2Fb", "a/b"],
    ["", ""],
    ["/", ""]
  ])("the suffix %p decodes to %p", (suffix, key) => {
    expect(decodeSuffix(suffix)).toBe(key);
  });

  test.each(["/a%E9.txt", "/a%2", "/%ZZ", "/%ED%A0%80"])("a malformed or non-UTF-8 encoding %p is refused", (suffix) => {
    expect(decodeSuffix(suffix)).toMatchObject({ kind: "invalid-key", status: 400 });
  });

  test.each([
    ["a\u0000b", "U+0000"],
    ["tab\there", "U+0009"],
    ["del\u007f", "U+007F"],
    ["c1\u0085", "U+0085"],
    ["back\\slash", "backslash"],
    ["a//b", "empty segment"],
    ["dir/", "empty segment"],
    ["/lead", "empty segment"],
    ["..", "'..'"],
    ["a/../b", "'..'"],
    ["./a", "'.'"]
  ])("%p is refused (%s)", (key, why) => {
    const p = keyProblem("builds/", key);
    expect(p).toMatchObject({ kind: "invalid-key", status: 400 });
    expect(p!.detail).toContain(why);
  });

  test("the length limit counts the prefix and UTF-8 bytes", () => {
    const prefix = "builds/";
    const fits = "é".repeat(505) + "abcdefg"; // 1,010 + 7 bytes, and 7 of the prefix
    expect(Buffer.byteLength(prefix + fits)).toBe(S3_MAX_KEY_BYTES);
    expect(keyProblem(prefix, fits)).toBeNull();
    expect(keyProblem(prefix, fits + "x")).toMatchObject({ kind: "key-too-long", members: { maxKeyBytes: S3_MAX_KEY_BYTES - prefix.length } });
  });

  test.each(["...", "a.b", ".hidden", "a/.../b", "rocket-🚀", "at@colon:equals=", "star*quote'", "x+y", "100%"])("%p is accepted", (key) => {
    expect(keyProblem("builds/", key)).toBeNull();
  });
});

describe("S3 URLs", () => {
  const unreservedOrEscape = /^(?:[A-Za-z0-9\-._~/]|%[0-9A-F]{2})*$/;

  test("an object URL encodes every byte but A-Z a-z 0-9 - . _ ~ and keeps /", () => {
    expect(objectUrl(ENDPOINT, "builds/a b+c%d@e:f=g*h'i!(j)/é🚀")).toBe(
      `${ENDPOINT}/builds/a%20b%2Bc%25d%40e%3Af%3Dg%2Ah%27i%21%28j%29/%C3%A9%F0%9F%9A%80`
    );
  });

  test("any accepted key round-trips through its URL", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }), (key) => {
        fc.pre(keyProblem("builds/", key) === null);
        const path = objectUrl(ENDPOINT, `builds/${key}`).slice(ENDPOINT.length + 1);
        expect(path).toMatch(unreservedOrEscape);
        expect(decodeURIComponent(path)).toBe(`builds/${key}`);
      }),
      { numRuns: 300, seed: 7 }
    );
  });

  test("a list URL asks for the prefix, URL-encoded keys, a page size and the cursor", () => {
    const url = new URL(listUrl(ENDPOINT, "builds/a b/", 25, "1/abc+=="));
    expect(url.pathname).toBe("/");
    expect([...url.searchParams]).toEqual([
      ["list-type", "2"],
      ["encoding-type", "url"],
      ["prefix", "builds/a b/"],
      ["max-keys", "25"],
      ["continuation-token", "1/abc+=="]
    ]);
    expect(url.search).not.toMatch(/[+ ]/);
    expect(new URL(listUrl(ENDPOINT, "", 1000, null)).search).toBe("?list-type=2&encoding-type=url&prefix=&max-keys=1000");
  });
});

describe("S3's XML", () => {
  test("the five entities and character references are unescaped, astral ones as surrogate pairs", () => {
    expect(unescapeXml("&amp;&lt;&gt;&quot;&apos;&#65;&#x1F680;&#xe9;&bogus;")).toBe("&<>\"'A🚀é&bogus;");
  });

  test("elements are read in order, nested blocks left escaped", () => {
    const xml = "<R><Contents><Key>a&amp;b</Key></Contents><Contents><Key>c</Key></Contents><IsTruncated>false</IsTruncated></R>";
    expect(elementBlocks(xml, "Contents")).toEqual(["<Key>a&amp;b</Key>", "<Key>c</Key>"]);
    expect(elementTexts(xml, "Key")).toEqual(["a&b", "c"]);
    expect(firstElementText(xml, "IsTruncated")).toBe("false");
    expect(firstElementText(xml, "NextContinuationToken")).toBeNull();
  });
});

describe("S3 errors", () => {
  test.each([
    ["NoSuchKey", 404, 404, "not-found"],
    ["AccessDenied", 403, 403, "forbidden"],
    ["PreconditionFailed", 412, 412, "precondition-failed"],
    ["InvalidRange", 416, 416, "range-not-satisfiable"],
    ["SignatureDoesNotMatch", 403, 502, "upstream-authentication"],
    ["InvalidAccessKeyId", 403, 502, "upstream-authentication"],
    ["ExpiredToken", 400, 502, "upstream-authentication"],
    ["RequestTimeTooSkewed", 403, 502, "upstream-authentication"],
    ["NoSuchBucket", 404, 502, "upstream-misconfigured"],
    ["SlowDown", 503, 503, "throttled"],
    ["InternalError", 500, 502, "upstream-error"],
    ["SomethingNew", 400, 502, "upstream-error"]
  ])("%s (%i) → %i %s", (code, status, answered, kind) => {
    expect(answerFor(code, status, "", false)).toMatchObject({ status: answered, kind });
  });

  test("an AccessDenied on a read inside the prefix is a missing object (the role lists only under its prefix), anywhere else it stays 403", () => {
    expect(answerFor("AccessDenied", 403, "", true)).toMatchObject({ status: 404, kind: "not-found" });
    expect(answerFor("", 403, "", true)).toMatchObject({ status: 404, kind: "not-found" });
    expect(answerFor("AccessDenied", 403, "", false)).toMatchObject({ status: 403, kind: "forbidden" });
    expect(answerFor("SignatureDoesNotMatch", 403, "", true)).toMatchObject({ status: 502 });
  });

  test("SlowDown asks the client to retry after a second", () => {
    expect(answerFor("SlowDown", 503, "", false).retryAfter).toBe(1);
  });

  test("a bad continuation token is the client's cursor: 400", () => {
    expect(answerFor("InvalidArgument", 400, "continuation-token", false)).toMatchObject({ status: 400, kind: "invalid-query" });
    expect(answerFor("InvalidArgument", 400, "max-keys", false)).toMatchObject({ status: 502 });
  });

  test.each([
    [404, 404],
    [403, 403],
    [412, 412],
    [416, 416],
    [503, 503],
    [400, 502],
    [500, 502]
  ])("without a body, status %i → %i", (status, answered) => {
    expect(answerFor("", status, "", false).status).toBe(answered);
  });
});
